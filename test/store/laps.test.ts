import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sliceTrace, type Trace } from '../../src/engine/model/index.js';
import { openStore, StoreError, type Store } from '../../src/store/index.js';
import { expectSameTrace, makeLap, makeTrace, MONZA } from './helpers.js';

describe('store.laps', () => {
  let store: Store;
  let session: number;
  beforeEach(() => {
    store = openStore(':memory:');
    session = store.sessions.create(MONZA, { source: 'live', startedAt: 1_700_000_000_000 });
  });
  afterEach(() => store.close());

  it('stores a lap row and loads exactly the trace that was stored', () => {
    const trace = makeTrace(600, 100, 0, ['speed', 'rpm', 'gear', 'throttle', 'brake', 'steer', 'tyreTempRR']);
    trace.channels.brake![17] = Number.NaN;
    trace.distance[0] = Number.NaN;
    const lap = makeLap(3, trace, { sectors: [28.1, 30.2, 22.3], outlier: true, timeSource: 'interpolated' });
    const id = store.laps.insert(session, lap, trace);
    const record = store.laps.get(session, 3)!;
    expect(record).toEqual({ ...lap, id, sessionId: session, sampleCount: 600 });
    expectSameTrace(store.laps.loadTrace(id), trace);
    expect(store.laps.loadTrace(id).channels.clutch).toBeUndefined();
  });

  it('stores a lap with no channels at all (time and distance only)', () => {
    const trace: Trace = { length: 2, t: Float64Array.of(5, 6), distance: Float64Array.of(0, 10), channels: {} };
    const id = store.laps.insert(session, makeLap(1, trace), trace);
    expectSameTrace(store.laps.loadTrace(id), trace);
  });

  it("deletes the session's checkpoints of that lap number in the same transaction, and no others", () => {
    const whole = makeTrace(120, 100);
    store.chunks.append(session, 1, sliceTrace(whole, 0, 60));
    store.chunks.append(session, 1, sliceTrace(whole, 60, 120));
    store.chunks.append(session, 2, makeTrace(30, 102));
    const other = store.sessions.create(MONZA, { source: 'live', startedAt: 2 });
    store.chunks.append(other, 1, makeTrace(30, 100));
    store.laps.insert(session, makeLap(1, whole), whole);
    expect(store.chunks.forSession(session).map((c) => c.lapNumber)).toEqual([2]);
    expect(store.chunks.forSession(other).map((c) => c.lapNumber)).toEqual([1]);
  });

  it('writes nothing when the trace is inconsistent (caller bug)', () => {
    const trace = makeTrace(10);
    store.chunks.append(session, 1, trace);
    const broken = { ...trace, length: 11 };
    expect(() => store.laps.insert(session, makeLap(1, trace), broken)).toThrow(/trace column 't' has 10 samples, trace.length is 11/);
    expect(store.laps.list(session)).toEqual([]);
    expect(store.chunks.forSession(session)).toHaveLength(1);
  });

  it('refuses a lap whose time or line crossings are not finite numbers', () => {
    const trace = makeTrace(10);
    expect(() => store.laps.insert(session, makeLap(1, trace, { time: Number.NaN }), trace)).toThrow('lap 1: time must be a finite number, got NaN');
    expect(() => store.laps.insert(session, makeLap(1, trace, { endT: Infinity }), trace)).toThrow(/endT must be a finite number/);
    expect(store.laps.list(session)).toEqual([]);
  });

  it('rolls back the lap row when a later write in the transaction fails', () => {
    const trace = makeTrace(10);
    store.close();
    store = openStore(':memory:');
    // No such session: the lap row insert fails on its foreign key, so nothing is half-written.
    expect(() => store.laps.insert(42, makeLap(1, trace), trace)).toThrow(/FOREIGN KEY/);
    expect(store.laps.list(42)).toEqual([]);
  });

  it('lists laps in time order and gets the latest lap of a number', () => {
    const lap2 = makeTrace(10, 300);
    const lap1 = makeTrace(10, 200);
    const lap0 = makeTrace(10, 100);
    store.laps.insert(session, makeLap(2, lap2), lap2);
    store.laps.insert(session, makeLap(0, lap0, { category: 'out' }), lap0);
    store.laps.insert(session, makeLap(1, lap1), lap1);
    expect(store.laps.list(session).map((l) => l.number)).toEqual([0, 1, 2]);
    expect(store.laps.get(session, 7)).toBeUndefined();
  });

  it('replaces a lap re-driven after a flashback (same number and start) and keeps a rewound one', () => {
    const first = makeTrace(60, 200);
    const firstId = store.laps.insert(session, makeLap(5, first, { time: 90 }), first);
    // Flashback into lap 5: it is driven again from the same line crossing.
    const redrive = makeTrace(80, 200);
    const redriveId = store.laps.insert(session, makeLap(5, redrive, { time: 88.5 }), redrive);
    expect(store.laps.list(session).map((l) => [l.id, l.time])).toEqual([[redriveId, 88.5]]);
    expect(() => store.laps.loadTrace(firstId)).toThrow(StoreError);
    expectSameTrace(store.laps.loadTrace(redriveId), redrive);

    // Lap 6 completes, then a flashback to t = 201 rewinds it and the end of lap 5.
    const lap6 = makeTrace(60, 202);
    store.laps.insert(session, makeLap(6, lap6, { time: 91 }), lap6);
    expect(store.laps.markRewoundAfter(session, 201)).toBe(2);
    expect(store.laps.markRewoundAfter(session, 201)).toBe(0);
    const rewound = store.laps.list(session);
    expect(rewound.map((l) => [l.number, l.category, l.valid])).toEqual([
      [5, 'rewound', false],
      [6, 'rewound', false],
    ]);
    // Lap 5 re-driven from its start replaces its rewound self; lap 6 starts at a new time and sits beside the rewound one.
    const lap5again = makeTrace(70, 200);
    store.laps.insert(session, makeLap(5, lap5again, { time: 89 }), lap5again);
    const lap6again = makeTrace(70, 201.5);
    store.laps.insert(session, makeLap(6, lap6again, { time: 90.5 }), lap6again);
    expect(store.laps.list(session).map((l) => [l.number, l.category, l.time])).toEqual([
      [5, 'flying', 89],
      [6, 'flying', 90.5],
      [6, 'rewound', 91],
    ]);
    expect(store.laps.get(session, 6)).toMatchObject({ category: 'flying', time: 90.5 });
    expect(store.sessions.get(session)).toMatchObject({ lapCount: 3, bestLapTime: 89 });
  });

  it('finds the best valid flying lap per track, optionally per car', () => {
    const carA = store.sessions.create({ ...MONZA, carKey: 'a' }, { source: 'live', startedAt: 10 });
    const carB = store.sessions.create({ ...MONZA, carKey: 'b' }, { source: 'live', startedAt: 20 });
    const elsewhere = store.sessions.create({ ...MONZA, trackKey: 'f1:10' }, { source: 'live', startedAt: 30 });
    const tr = makeTrace(5);
    store.laps.insert(carA, makeLap(1, tr, { time: 82.0 }), tr);
    store.laps.insert(carA, makeLap(2, makeTrace(5, 200), { time: 79.0, valid: false }), makeTrace(5, 200));
    store.laps.insert(carB, makeLap(1, tr, { time: 81.0 }), tr);
    store.laps.insert(carB, makeLap(2, makeTrace(5, 200), { time: 70.0, category: 'in' }), makeTrace(5, 200));
    store.laps.insert(elsewhere, makeLap(1, tr, { time: 60.0 }), tr);
    // racecraft's own track names ('unknown-1') repeat across games: the game is part of the key.
    const otherGame = store.sessions.create({ ...MONZA, game: 'gt7' }, { source: 'live', startedAt: 40 });
    store.laps.insert(otherGame, makeLap(1, tr, { time: 50.0 }), tr);
    expect(store.laps.bestByTrack('gt7', 'f1:11')).toMatchObject({ sessionId: otherGame, time: 50.0 });
    expect(store.laps.bestByTrack('f1', 'f1:11')).toMatchObject({ sessionId: carB, time: 81.0 });
    expect(store.laps.bestByTrack('f1', 'f1:11', 'a')).toMatchObject({ sessionId: carA, time: 82.0 });
    expect(store.laps.bestByTrack('f1', 'f1:11', 'c')).toBeUndefined();
    expect(store.laps.bestByTrack('f1', 'nowhere')).toBeUndefined();
  });

  it('breaks a tie for best lap by the earlier session', () => {
    const early = store.sessions.create(MONZA, { source: 'live', startedAt: 10 });
    const late = store.sessions.create(MONZA, { source: 'live', startedAt: 20 });
    const tr = makeTrace(5);
    store.laps.insert(late, makeLap(1, tr, { time: 80 }), tr);
    store.laps.insert(early, makeLap(1, tr, { time: 80 }), tr);
    expect(store.laps.bestByTrack('f1', 'f1:11')!.sessionId).toBe(early);
  });
});
