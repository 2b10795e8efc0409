import { describe, expect, it } from 'vitest';
import { storeSink } from '../../../src/cli/live-session.js';
import { Recorder } from '../../../src/engine/capture/recorder.js';
import type { TelemetryFrame } from '../../../src/engine/model/index.js';
import { openStore } from '../../../src/store/index.js';

/**
 * An F1 race start: the grid is 100 m behind the line, the lap counter reads 1 from the grid and
 * still reads 1 after the line (it changes only at the next crossing). Recorded through the real
 * store with checkpoints every 0.5 s, so the run-up's checkpoints (filed under the counter's 1)
 * must go when the run-up is stored as lap 0, and lap 1 must be stored once.
 */
describe('F1 race start recorded into the store', () => {
  const LENGTH = 1000;
  const SPEED = 50;
  function frameAt(t: number): TelemetryFrame {
    const travelled = SPEED * t - 100;
    if (travelled < 0) return { t, lap: 1, lapDistance: travelled, lapTime: t, speed: SPEED };
    const done = Math.floor(travelled / LENGTH);
    // The game's lap 1 runs from lights out: 2 s of grid + 20 s of lap.
    const lastLapTime = done === 1 ? 22 : 20;
    return { t, lap: 1 + done, lapDistance: travelled - done * LENGTH, lapTime: done === 0 ? t : (travelled - done * LENGTH) / SPEED, speed: SPEED, ...(done > 0 ? { lastLapTime } : {}) };
  }

  function record(stopAt: number) {
    const store = openStore(':memory:');
    let clock = 0;
    const recorder = new Recorder(storeSink(store, 'live'), undefined, { game: 'f1', now: () => clock });
    recorder.handle({ kind: 'session', session: { game: 'f1', trackKey: 'f1:0', trackLength: LENGTH } });
    for (let i = 0; i / 60 < stopAt; i++) {
      clock = (i / 60) * 1000;
      recorder.handle({ kind: 'frame', frame: frameAt(i / 60) });
      recorder.tick();
    }
    return { store, recorder };
  }

  it('stores the grid run-up as lap 0 (out) and each lap once: 0, 1, 2 and the lap in progress', () => {
    const { store, recorder } = record(50);
    recorder.stop();
    const laps = store.laps.list(1);
    expect(laps.map((l) => [l.number, l.category])).toEqual([[0, 'out'], [1, 'flying'], [2, 'flying'], [3, 'incomplete']]);
    expect(laps[0]!.time).toBeCloseTo(2, 6);
    // Lap 1 line to line (the game's 22 s includes the grid: ours is the comparable 20 s).
    expect(laps[1]!.time).toBeCloseTo(20, 6);
    expect(laps[2]!.time).toBe(20);
    expect(store.chunks.forSession(1)).toEqual([]);
    store.close();
  });

  it('a crash after the line keeps the run-up as lap 0 and recovers lap 1 from its own checkpoints only', () => {
    const { store } = record(12); // killed 10 s into lap 1: no stop(), checkpoints left
    // What a restart's recovery sees: the checkpoints of lap 1, none of the run-up's.
    const chunkLaps = new Set(store.chunks.forSession(1).map((c) => c.lapNumber));
    expect([...chunkLaps]).toEqual([1]);
    const samples = store.chunks.forSession(1).reduce((n, c) => n + c.trace.length, 0);
    expect(samples).toBeGreaterThan(9.4 * 60); // 10 s of lap 1, less at most the last 0.5 s
    expect(samples).toBeLessThanOrEqual(10 * 60 + 1);
    expect(store.laps.list(1).map((l) => [l.number, l.category])).toEqual([[0, 'out']]);
    store.close();
  });
});
