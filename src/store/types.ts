import type { GameId, Lap, SessionInfo } from '../engine/model/index.js';

/** How a session got into the store. */
export const SESSION_SOURCES = ['live', 'demo', 'import', 'replay'] as const;
export type SessionSource = (typeof SESSION_SOURCES)[number];

/** A session as the browser and `racecraft sessions` list it. Absent fields are unknown. */
export type SessionSummary = {
  readonly id: number;
  readonly game: GameId;
  readonly trackKey?: string;
  readonly trackName?: string;
  readonly carKey?: string;
  readonly carName?: string;
  readonly driver?: string;
  readonly sessionType?: string;
  /** Unix ms, when recording began. */
  readonly startedAt: number;
  /** Unix ms; absent while recording (or while a crashed session awaits recovery). */
  readonly endedAt?: number;
  /** The session was salvaged from crash checkpoints. */
  readonly recovered: boolean;
  readonly source: SessionSource;
  /** The imported or replayed file, when there was one. */
  readonly sourceFile?: string;
  readonly lapCount: number;
  /** s, the best valid flying lap; absent when there is none. */
  readonly bestLapTime?: number;
  /** true while the session is open (ended_at NULL). */
  readonly recording: boolean;
};

/** A session with everything the game said about it. */
export type SessionDetail = SessionSummary & { readonly info: SessionInfo };

/** What `sessions.create` needs besides the SessionInfo. */
export type NewSession = {
  readonly source: SessionSource;
  /** Unix ms. */
  readonly startedAt: number;
  readonly sourceFile?: string;
};

/** A stored lap. `outlier` is always present (false unless set). */
export type LapRecord = Lap & {
  readonly id: number;
  readonly sessionId: number;
  /** Samples in the lap's stored trace. */
  readonly sampleCount: number;
  readonly outlier: boolean;
};

/** What recovery salvaged from one crashed session. */
export type RecoveryReport = {
  readonly sessionId: number;
  /** Incomplete laps rebuilt from checkpoints. */
  readonly lapsRecovered: number;
  /** Samples in those laps. */
  readonly samples: number;
};
