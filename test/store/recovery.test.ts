import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { concatTraces, sliceTrace } from '../../src/engine/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { expectSameTrace, makeLap, makeTrace, MONZA, useTempDir } from './helpers.js';

const T0 = 1_700_000_000_000;
const deadOwner = { isOwnerAlive: () => false };

describe('store.recoverOpenSessions', () => {
  const tempDir = useTempDir();
  const open: Store[] = [];
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
  });
  function openAt(path: string): Store {
    const store = openStore(path);
    open.push(store);
    return store;
  }

  it('turns leftover checkpoints into incomplete laps, closes the session and marks it recovered', () => {
    const path = join(tempDir(), 'crash.db');
    const before = openAt(path);
    const session = before.sessions.create(MONZA, { source: 'live', startedAt: T0 });
    const out = makeTrace(120, 100);
    before.laps.insert(session, makeLap(0, out, { category: 'out' }), out);
    const lap1 = makeTrace(150, 102, 0);
    for (let i = 0; i < 150; i += 60) before.chunks.append(session, 1, sliceTrace(lap1, i, i + 60));
    before.close();
    open.pop();

    const after = openAt(path);
    const reports = after.recoverOpenSessions(T0 + 3_600_000, deadOwner);
    expect(reports).toEqual([{ sessionId: session, lapsRecovered: 1, samples: 150 }]);
    const laps = after.laps.list(session);
    expect(laps.map((l) => [l.number, l.category, l.valid])).toEqual([
      [0, 'out', true],
      [1, 'incomplete', false],
    ]);
    const recovered = laps[1]!;
    expect(recovered).toMatchObject({ timeSource: 'interpolated', sectors: [], startT: 102, endT: lap1.t[149], sampleCount: 150 });
    expect(recovered.time).toBeCloseTo(149 / 60, 12);
    expectSameTrace(after.laps.loadTrace(recovered.id), lap1);
    expect(after.chunks.forSession(session)).toEqual([]);
    // First sample t=100 at startedAt; last sample t=102+149/60 → 4.483 s later.
    expect(after.sessions.get(session)).toMatchObject({ recovered: true, recording: false, endedAt: T0 + 4483 });
    expect(after.recoverOpenSessions(T0 + 3_600_000, deadOwner)).toEqual([]);
  });

  it('leaves sessions whose owner is alive, including its own process', () => {
    const store = openAt(':memory:');
    const mine = store.sessions.create(MONZA, { source: 'live', startedAt: T0 });
    store.chunks.append(mine, 1, makeTrace(10));
    expect(store.recoverOpenSessions(T0 + 1000)).toEqual([]);
    expect(store.sessions.get(mine)!.recording).toBe(true);
    const asked: number[] = [];
    store.recoverOpenSessions(T0, { isOwnerAlive: (pid) => (asked.push(pid), true) });
    expect(asked).toEqual([process.pid]);
  });

  it('recovers a session whose owner pid no longer exists, by default', () => {
    const path = join(tempDir(), 'dead.db');
    const store = openAt(path);
    const session = store.sessions.create(MONZA, { source: 'demo', startedAt: T0 });
    store.chunks.append(session, 4, makeTrace(30, 50));
    store.close();
    open.pop();
    // Rewrite the owner to a pid that cannot exist (above any pid_max).
    const db = new Database(path);
    db.prepare('UPDATE sessions SET owner_pid = 2147483646').run();
    db.close();
    const reopened = openAt(path);
    expect(reopened.recoverOpenSessions(T0 + 10_000)).toEqual([{ sessionId: session, lapsRecovered: 1, samples: 30 }]);
  });

  it('recovers several laps of checkpoints, keeps each lap separate, and ends an empty session where it started', () => {
    const store = openAt(':memory:');
    const busy = store.sessions.create(MONZA, { source: 'live', startedAt: T0 });
    const empty = store.sessions.create(MONZA, { source: 'live', startedAt: T0 + 5 });
    const finished = store.sessions.create(MONZA, { source: 'live', startedAt: T0 + 6 });
    store.sessions.finish(finished, T0 + 100);
    const a = makeTrace(40, 10);
    const b1 = makeTrace(20, 11);
    const b2 = makeTrace(20, 11 + 20 / 60);
    store.chunks.append(busy, 7, a);
    store.chunks.append(busy, 8, b1);
    store.chunks.append(busy, 8, b2);
    const reports = store.recoverOpenSessions(T0 + 1000, deadOwner);
    expect(reports).toEqual([
      { sessionId: busy, lapsRecovered: 2, samples: 80 },
      { sessionId: empty, lapsRecovered: 0, samples: 0 },
    ]);
    expectSameTrace(store.laps.loadTrace(store.laps.get(busy, 8)!.id), concatTraces([b1, b2]));
    expect(store.sessions.get(empty)).toMatchObject({ endedAt: T0 + 5, recovered: true });
    expect(store.sessions.get(finished)).toMatchObject({ endedAt: T0 + 100, recovered: false });
  });

  it('never puts the end after now, even when the game clock jumped', () => {
    const store = openAt(':memory:');
    const session = store.sessions.create(MONZA, { source: 'live', startedAt: T0 });
    store.chunks.append(session, 1, makeTrace(10, 0));
    store.chunks.append(session, 2, makeTrace(10, 1_000_000));
    store.recoverOpenSessions(T0 + 2_000, deadOwner);
    expect(store.sessions.get(session)!.endedAt).toBe(T0 + 2_000);
  });
});
