import type Database from 'better-sqlite3';
import type { ChunkRepo } from './repos/chunks.js';
import type { LapRepo } from './repos/laps.js';
import type { RecoveryReport } from './types.js';

/**
 * Crash recovery. A recorder that dies leaves its session open (ended_at NULL) with the frames
 * of the lap in progress checkpointed in frame_chunks. Recovery turns each lap number's leftover
 * chunks into one stored lap (category 'incomplete', valid false), closes the session and marks
 * it recovered.
 *
 * Who owns an open session: `sessions.create` stores the creating process id in owner_pid.
 * A session whose owner is still alive (this process, or any live pid on this machine) is being
 * recorded and is left alone; only dead owners' sessions are recovered. The recorder calls this
 * at start, before creating its own session. A pid reused by an unrelated process only delays
 * recovery until that process exits. (A database shared between machines is not supported.)
 */
export const RECOVERY_SQL = {
  open: `SELECT id, owner_pid, started_at FROM sessions WHERE ended_at IS NULL`,
  stillOpen: `SELECT id FROM sessions WHERE id = ? AND ended_at IS NULL`,
  lapSpan: `SELECT min(start_t) AS first, max(end_t) AS last FROM laps WHERE session_id = ?`,
  chunkSpan: `SELECT min(t_first) AS first, max(t_last) AS last FROM frame_chunks WHERE session_id = ?`,
  close: `UPDATE sessions SET ended_at = ?, recovered = 1, owner_pid = NULL WHERE id = ?`,
} as const;

export type RecoverOptions = {
  /** Whether the process that opened a session is alive. Default: same process, or `process.kill(pid, 0)` succeeds. */
  readonly isOwnerAlive?: (pid: number) => boolean;
};

type Span = { first: number | null; last: number | null };

export type Recovery = {
  /** Recovers every open session whose owner process is gone. `now` is unix ms. */
  recoverOpenSessions(now: number, opts?: RecoverOptions): RecoveryReport[];
  /**
   * Turns a session's leftover checkpoints into 'incomplete' laps (one per lap number). Used by
   * recovery and by `sessions.finish`, so stopping a recording never discards recorded frames.
   * Call inside a transaction.
   */
  salvageCheckpoints(sessionId: number): Omit<RecoveryReport, 'sessionId'>;
};

export function createRecovery(db: Database.Database, laps: LapRepo, chunks: ChunkRepo): Recovery {
  const open = db.prepare<[], { id: number; owner_pid: number | null; started_at: number }>(RECOVERY_SQL.open);
  const stillOpen = db.prepare<[number], { id: number }>(RECOVERY_SQL.stillOpen);
  const lapSpan = db.prepare<[number], Span>(RECOVERY_SQL.lapSpan);
  const chunkSpan = db.prepare<[number], Span>(RECOVERY_SQL.chunkSpan);
  const close = db.prepare(RECOVERY_SQL.close);

  function salvageCheckpoints(sessionId: number): Omit<RecoveryReport, 'sessionId'> {
    let lapsRecovered = 0;
    let samples = 0;
    for (const { lapNumber, trace } of chunks.forSession(sessionId)) {
      const startT = trace.t[0]!;
      const endT = trace.t[trace.length - 1]!;
      laps.insert(
        sessionId,
        { number: lapNumber, time: endT - startT, timeSource: 'interpolated', valid: false, category: 'incomplete', sectors: [], startT, endT },
        trace,
      );
      lapsRecovered++;
      samples += trace.length;
    }
    return { lapsRecovered, samples };
  }

  const recoverOne = db.transaction((sessionId: number, startedAt: number, now: number): RecoveryReport | undefined => {
    // Checked again inside the write transaction: two recorders starting together must not both recover it.
    if (!stillOpen.get(sessionId)) return undefined;
    const endedAt = wallClockEnd(startedAt, now, [lapSpan.get(sessionId), chunkSpan.get(sessionId)]);
    const salvaged = salvageCheckpoints(sessionId);
    close.run(endedAt, sessionId);
    return { sessionId, ...salvaged };
  });

  return {
    salvageCheckpoints,
    recoverOpenSessions(now, opts = {}) {
      const isOwnerAlive = opts.isOwnerAlive ?? isProcessAlive;
      const reports: RecoveryReport[] = [];
      for (const session of open.all()) {
        if (session.owner_pid !== null && isOwnerAlive(session.owner_pid)) continue;
        const report = recoverOne.immediate(session.id, session.started_at, now);
        if (report) reports.push(report);
      }
      return reports;
    },
  };
}

/**
 * The session's end on the wall clock: started_at is when the first sample arrived, so the last
 * sample lands (last t − first t) seconds later. Clamped to [started_at, now] because a game clock
 * can jump (flashback, session restart). A session with no samples at all ends where it started.
 */
function wallClockEnd(startedAt: number, now: number, spans: readonly (Span | undefined)[]): number {
  const firsts = spans.map((s) => s?.first).filter((v): v is number => v !== null && v !== undefined);
  const lasts = spans.map((s) => s?.last).filter((v): v is number => v !== null && v !== undefined);
  if (firsts.length === 0 || lasts.length === 0) return startedAt;
  const end = startedAt + Math.round((Math.max(...lasts) - Math.min(...firsts)) * 1000);
  return Math.min(Math.max(end, startedAt), Math.max(now, startedAt));
}

/** Signal 0 checks existence without delivering anything; EPERM means it exists but is not ours. */
function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
