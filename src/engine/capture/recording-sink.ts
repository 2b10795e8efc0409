import type { Lap, SessionInfo, Trace } from '../model/index.js';

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
  /** A closed lap with exactly its samples; replaces that lap's checkpointed chunks. */
  insertLap(sessionId: number, lap: Lap, trace: Trace): void;
  /** F1 flashback: forget checkpointed samples after session time `t`. */
  discardAfter(sessionId: number, t: number): void;
};
