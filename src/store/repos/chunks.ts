import type Database from 'better-sqlite3';
import { concatTraces, sliceTrace, type ChannelName, type Trace } from '../../engine/model/index.js';
import { decodeTraceChunk, encodeTraceChunk } from '../codec/trace-blob.js';
import { checkTrace } from './laps.js';

/** Checkpoint queries; exported so test/store/query-plans.test.ts can pin their plans. */
export const CHUNK_SQL = {
  /** seq is computed in the same statement (max over the unique index), so an append is one insert. */
  append: `INSERT INTO frame_chunks (session_id, lap_number, seq, t_first, t_last, sample_count, data, created_at)
           VALUES (@sessionId, @lapNumber,
             (SELECT coalesce(max(seq), -1) + 1 FROM frame_chunks WHERE session_id = @sessionId AND lap_number = @lapNumber),
             @tFirst, @tLast, @sampleCount, @data, @createdAt)`,
  forSession: `SELECT lap_number, data FROM frame_chunks WHERE session_id = ? ORDER BY lap_number, seq`,
  /** Chunks holding any sample after t (t_last is the chunk's maximum, see append). */
  after: `SELECT id, data FROM frame_chunks WHERE session_id = ? AND t_last > ?`,
  delete: `DELETE FROM frame_chunks WHERE id = ?`,
  rewrite: `UPDATE frame_chunks SET t_first = ?, t_last = ?, sample_count = ?, data = ? WHERE id = ?`,
} as const;

export type ChunkRepo = {
  /**
   * Checkpoints the frames of lap `lapNumber` recorded since the previous checkpoint (all of
   * `trace` belongs to that lap). One prepared insert: cheap enough to call every second.
   */
  append(sessionId: number, lapNumber: number, trace: Trace): void;
  /** The session's checkpoints concatenated per lap, ordered by lap number then append order. */
  forSession(sessionId: number): { lapNumber: number; trace: Trace }[];
  /**
   * F1 flashback: drops every checkpointed sample with session time > `t`. Chunks entirely after
   * `t` are deleted; a chunk that straddles `t` is decoded, trimmed and rewritten. One transaction.
   * Returns the number of samples dropped.
   */
  discardAfter(sessionId: number, t: number): number;
};

export function createChunkRepo(db: Database.Database): ChunkRepo {
  const append = db.prepare(CHUNK_SQL.append);
  const forSession = db.prepare<[number], { lap_number: number; data: Uint8Array }>(CHUNK_SQL.forSession);
  const after = db.prepare<[number, number], { id: number; data: Uint8Array }>(CHUNK_SQL.after);
  const remove = db.prepare(CHUNK_SQL.delete);
  const rewrite = db.prepare(CHUNK_SQL.rewrite);

  const discardAfter = db.transaction((sessionId: number, t: number): number => {
    let dropped = 0;
    for (const row of after.all(sessionId, t)) {
      const trace = decodeTraceChunk(row.data);
      const kept = keepUpTo(trace, t);
      dropped += trace.length - kept.length;
      if (kept.length === 0) remove.run(row.id);
      else {
        const [tFirst, tLast] = timeRange(kept);
        rewrite.run(tFirst, tLast, kept.length, encodeTraceChunk(kept), row.id);
      }
    }
    return dropped;
  });

  return {
    append(sessionId, lapNumber, trace) {
      checkTrace(trace);
      if (trace.length === 0) return; // nothing to lose, nothing to store
      const [tFirst, tLast] = timeRange(trace);
      append.run({ sessionId, lapNumber, tFirst, tLast, sampleCount: trace.length, data: encodeTraceChunk(trace), createdAt: Date.now() });
    },
    forSession(sessionId) {
      const byLap = new Map<number, Trace[]>();
      for (const row of forSession.all(sessionId)) {
        const traces = byLap.get(row.lap_number) ?? [];
        traces.push(decodeTraceChunk(row.data));
        byLap.set(row.lap_number, traces);
      }
      return [...byLap].map(([lapNumber, traces]) => ({ lapNumber, trace: traces.length === 1 ? traces[0]! : concatTraces(traces) }));
    },
    discardAfter: (sessionId, t) => discardAfter(sessionId, t),
  };
}

/**
 * [min t, max t] of a trace, or nulls when empty. Min/max rather than first/last: after a
 * flashback a chunk's clock need not be monotonic, and discardAfter must find every late sample.
 */
function timeRange(trace: Trace): [number | null, number | null] {
  if (trace.length === 0) return [null, null];
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of trace.t) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return [lo, hi];
}

/** The samples with time <= limit, in order. */
function keepUpTo(trace: Trace, limit: number): Trace {
  const keep: number[] = [];
  for (let i = 0; i < trace.length; i++) if (trace.t[i]! <= limit) keep.push(i);
  if (keep.length === trace.length) return trace;
  // Common case: time is monotonic, so the kept samples are a prefix.
  if (keep.length === 0 || keep[keep.length - 1] === keep.length - 1) return sliceTrace(trace, 0, keep.length);
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const [name, column] of Object.entries(trace.channels) as [ChannelName, Float32Array][]) {
    channels[name] = new Float32Array(gatherWords(new Uint32Array(column.buffer, column.byteOffset, column.length), keep).buffer);
  }
  const t = new Float64Array(keep.length);
  const distance = new Float64Array(keep.length);
  keep.forEach((from, to) => {
    t[to] = trace.t[from]!;
    distance[to] = trace.distance[from]!;
  });
  return { length: keep.length, t, distance, channels };
}

/** Copies the selected elements as bit patterns, so NaN payloads survive (a float round trip may not keep them). */
function gatherWords(words: Uint32Array, indices: readonly number[]): Uint32Array {
  return Uint32Array.from(indices, (i) => words[i]!);
}
