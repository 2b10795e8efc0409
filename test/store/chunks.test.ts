import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { concatTraces, sliceTrace, type Trace } from '../../src/engine/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { expectSameTrace, makeTrace, MONZA } from './helpers.js';

describe('store.chunks', () => {
  let store: Store;
  let session: number;
  beforeEach(() => {
    store = openStore(':memory:');
    session = store.sessions.create(MONZA, { source: 'live', startedAt: 1_700_000_000_000 });
  });
  afterEach(() => store.close());

  /** Appends `trace` in one-second (60-sample) checkpoints, as the recorder does. */
  function checkpoint(lapNumber: number, trace: Trace): void {
    for (let i = 0; i < trace.length; i += 60) store.chunks.append(session, lapNumber, sliceTrace(trace, i, i + 60));
  }

  it('concatenates each lap’s checkpoints in append order, laps by number', () => {
    const lap1 = makeTrace(150, 100);
    const lap2 = makeTrace(70, 102.5);
    checkpoint(2, lap2);
    checkpoint(1, lap1);
    const got = store.chunks.forSession(session);
    expect(got.map((c) => c.lapNumber)).toEqual([1, 2]);
    expectSameTrace(got[0]!.trace, lap1);
    expectSameTrace(got[1]!.trace, lap2);
  });

  it('fills a channel that appears mid-lap with NaN before it appeared', () => {
    const early = makeTrace(3, 100, 0, ['speed']);
    const late = makeTrace(2, 100.05, 2.25, ['speed', 'fuel']);
    store.chunks.append(session, 1, early);
    store.chunks.append(session, 1, late);
    const trace = store.chunks.forSession(session)[0]!.trace;
    expectSameTrace(trace, concatTraces([early, late]));
    expect([...trace.channels.fuel!].slice(0, 3).every(Number.isNaN)).toBe(true);
  });

  it('stores nothing for an empty trace', () => {
    store.chunks.append(session, 1, makeTrace(0));
    expect(store.chunks.forSession(session)).toEqual([]);
  });

  it('discards samples after a flashback time: whole chunks dropped, the straddling chunk trimmed', () => {
    const lap3 = makeTrace(180, 300); // t = 300 .. 302.983, chunks of 60
    const lap4 = makeTrace(90, 303);
    checkpoint(3, lap3);
    checkpoint(4, lap4);
    const rewindTo = 300 + 75 / 60; // keeps samples 0..75 of lap 3
    expect(store.chunks.discardAfter(session, rewindTo)).toBe(180 - 76 + 90);
    const got = store.chunks.forSession(session);
    expect(got.map((c) => c.lapNumber)).toEqual([3]);
    expectSameTrace(got[0]!.trace, sliceTrace(lap3, 0, 76));
    // Recording continues after the flashback with later appends in order.
    const resumed = makeTrace(30, rewindTo + 1 / 60, 57);
    store.chunks.append(session, 3, resumed);
    expectSameTrace(store.chunks.forSession(session)[0]!.trace, concatTraces([sliceTrace(lap3, 0, 76), resumed]));
    expect(store.chunks.discardAfter(session, 1000)).toBe(0);
  });

  it('trims a chunk whose clock went backwards, keeping NaN payloads bit for bit', () => {
    const trace = makeTrace(6, 10);
    trace.t.set([10, 11, 12, 9, 13, 9.5]);
    const payloadNaN = new Float32Array(new Uint32Array([0x7fc0beef]).buffer)[0]!;
    new Uint32Array(trace.channels.speed!.buffer)[3] = 0x7fc0beef;
    expect(Number.isNaN(payloadNaN)).toBe(true);
    store.chunks.append(session, 1, trace);
    expect(store.chunks.discardAfter(session, 10.5)).toBe(3);
    const kept = store.chunks.forSession(session)[0]!.trace;
    expect([...kept.t]).toEqual([10, 9, 9.5]);
    expect(new Uint32Array(kept.channels.speed!.buffer)[1]).toBe(0x7fc0beef);
    expect([...kept.distance]).toEqual([trace.distance[0], trace.distance[3], trace.distance[5]]);
  });

  it('leaves other sessions alone', () => {
    const other = store.sessions.create(MONZA, { source: 'live', startedAt: 5 });
    store.chunks.append(other, 1, makeTrace(60, 500));
    checkpoint(1, makeTrace(60, 500));
    store.chunks.discardAfter(session, 0);
    expect(store.chunks.forSession(session)).toEqual([]);
    expect(store.chunks.forSession(other)[0]!.trace.length).toBe(60);
  });
});
