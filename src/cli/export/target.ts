/**
 * What `racecraft export` exports: a whole session, or one lap of it. Unknown ids are one line
 * each (no hint line: scripts read stderr too), exit 1.
 */
import type { LapRecord, SessionDetail, Store } from '../../store/index.js';
import { UserError } from '../errors.js';

export type ExportTarget = {
  readonly session: SessionDetail;
  /** Every lap of the session, in time order (the analysis needs them all). */
  readonly allLaps: readonly LapRecord[];
  /** The laps written: all of them, or the one asked for. */
  readonly laps: readonly LapRecord[];
  /** The lap number when one lap was asked for. */
  readonly lapNumber?: number;
};

/** A positive whole number id, or a one-line error naming what it was for. */
function parseId(value: string, what: string, allowZero: boolean): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    throw new UserError(`'${value}' is not a ${what} (a ${allowZero ? '' : 'positive '}whole number)`);
  }
  return n;
}

/** The session by id, else the latest one. */
export function findSession(store: Store, id: string | undefined): SessionDetail {
  if (id === undefined) {
    const latest = store.sessions.latestId();
    if (latest === undefined) throw new UserError('nothing recorded yet: no session to export (run `racecraft demo` or `racecraft import FILE` first)');
    return store.sessions.get(latest)!;
  }
  const n = parseId(id, 'session id', false);
  const session = store.sessions.get(n);
  if (!session) throw new UserError(`unknown session ${n} (list them with \`racecraft sessions\`)`);
  return session;
}

/** The session's laps, or lap `lap` of it (when a flashback left several, the one LapRepo.get picks). */
export function findTarget(store: Store, sessionId: string | undefined, lap?: string): ExportTarget {
  const session = findSession(store, sessionId);
  const allLaps = store.laps.list(session.id);
  if (lap === undefined) return { session, allLaps, laps: allLaps };
  const number = parseId(lap, 'lap number', true);
  const record = store.laps.get(session.id, number);
  if (!record) {
    const numbers = allLaps.map((l) => l.number);
    const range = numbers.length === 0 ? 'it has no laps' : `laps ${Math.min(...numbers)}–${Math.max(...numbers)}`;
    throw new UserError(`session ${session.id} has no lap ${number} (${range})`);
  }
  return { session, allLaps, laps: [record], lapNumber: number };
}
