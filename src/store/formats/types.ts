import type { ChannelName, Lap, SessionInfo, Trace } from '../../engine/model/index.js';

export { FormatError, isFormatError } from './format-error.js';

/** One lap of an imported session: the lap record and its samples (session time, SI units). */
export type ImportedLap = { lap: Lap; trace: Trace };

/**
 * A source channel racecraft has no slot for, kept in the file's own units so nothing is
 * silently lost (e.g. ACC's SUS_TRAVEL_LF in mm, iRacing's LFtempCL). Samples are evenly spaced:
 * sample i is at session time `t0 + i / rate`.
 */
export type ExtraChannel = {
  /** The unit string exactly as the file gives it ('' when none). */
  readonly unit: string;
  /** Hz. */
  readonly rate: number;
  /** s, session time of sample 0 (the same clock as the laps' `trace.t`). */
  readonly t0: number;
  /** Float64 so that doubles in the source (iRacing Lat/Lon, SessionTime) survive unchanged. */
  readonly data: Float64Array;
  /** The file's own description of the channel, when it has one (iRacing). */
  readonly description?: string;
};

/**
 * Every channel the source file declares, in file order, and where it went: either into a
 * racecraft channel (`mappedTo`) or into `extraChannels` under the same name. Lets a caller (and
 * a test) check that every channel of a file was imported.
 */
export type SourceChannel = {
  readonly name: string;
  readonly unit: string;
  /** Hz (declared rate; for iRacing, tickRate times the array length for `_ST` sub-sampled arrays). */
  readonly rate: number;
  readonly samples: number;
  /** The racecraft channel this source fills, converted to SI. Absent: kept in `extraChannels`. */
  readonly mappedTo?: ChannelName;
};

/**
 * What every reader returns: the session, its laps as columnar traces in SI units (see
 * CHANNELS), and what the reader had to say about the file. Lap traces use one time base per
 * file (the fastest mapped channel's rate for MoTeC; the record rate for iRacing; the row rate
 * for CSV) on the file's own clock: MoTeC and CSV logs start at t = 0, iRacing uses SessionTime.
 */
export type ImportedSession = {
  session: SessionInfo;
  laps: ImportedLap[];
  /** One line each: unmapped channels, missing lap markers, repaired oddities. */
  warnings: string[];
  /**
   * Start of the log as the file states it, ISO 8601: local wall-clock time without a zone for
   * MoTeC and CSV ('2023-04-04T13:16:25'), UTC with 'Z' for iRacing ('2025-01-30T16:09:29Z').
   */
  startedAt?: string;
  /** Source metadata with no SessionInfo field (MoTeC event/session/comment, iRacing build...). */
  meta?: Record<string, string>;
  /** MoTeC, iRacing, CSV: the file's channel list and what became of each channel. */
  sourceChannels?: SourceChannel[];
  /** Source channels with no racecraft slot, in source units, keyed by source name. */
  extraChannels?: Record<string, ExtraChannel>;
};
