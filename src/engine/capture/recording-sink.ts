import type { Lap, SessionInfo, Trace } from '../model/index.js';
import type { KnownShape, TrackShape } from '../track-id/index.js';

/**
 * Where a recording goes. The CLI adapts the SQLite store to this; tests use an in-memory one.
 * Capture never imports the store itself (dependency direction: cli → capture, cli → store).
 */
export type RecordingSink = {
  createSession(info: SessionInfo, startedAt: number): number;
  updateSession(sessionId: number, info: SessionInfo): void;
  finishSession(sessionId: number, endedAt: number): void;
  /** Crash safety: samples since the last checkpoint of the lap in progress. */
  appendChunk(sessionId: number, lapNumber: number, trace: Trace): void;
  /**
   * A closed lap with exactly its samples; replaces the chunks checkpointed under `checkpointLap`
   * (the game's lap counter its samples carried: lap.number, except for a run-up to the line that
   * the tracker numbered below the counter).
   */
  insertLap(sessionId: number, lap: Lap, trace: Trace, checkpointLap: number): void;
  /** F1 flashback: forget checkpointed samples after session time `t`. */
  discardAfter(sessionId: number, t: number): void;
  /**
   * Track shapes of a game kept from earlier sessions, for games that send positions but no lap
   * distance or track id (GT7, Forza). Optional: without it each session learns its track anew.
   */
  trackShapes?(game: string): readonly KnownShape[];
  /** Stores a track's shape (and display name) so later sessions can use and identify it. */
  saveTrackShape?(game: string, trackKey: string, name: string | undefined, shape: TrackShape): void;
};
