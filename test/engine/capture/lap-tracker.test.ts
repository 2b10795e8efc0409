import { describe, expect, it } from 'vitest';
import { LapTracker, type ClosedLap } from '../../../src/engine/capture/lap-tracker.js';
import type { TelemetryFrame } from '../../../src/engine/model/index.js';

const HZ = 60;
const LENGTH = 1000;
const SPEED = 50; // m/s → 20 s laps

/**
 * A car at constant speed on a 1000 m track, crossing the line at t = startOffset + k·20 s,
 * sampled at 60 Hz starting at t = 0. `lapTime` and `lastLapTime` behave like F1's fields.
 */
function frames(count: number, opts: { startDistance?: number; sendLapTime?: boolean; firstLap?: number } = {}): TelemetryFrame[] {
  const out: TelemetryFrame[] = [];
  const d0 = opts.startDistance ?? 500;
  for (let i = 0; i < count; i++) {
    const t = i / HZ;
    const travelled = d0 + SPEED * t;
    const lapIndex = Math.floor(travelled / LENGTH);
    const lapDistance = travelled - lapIndex * LENGTH;
    const lap = (opts.firstLap ?? 1) + lapIndex;
    const lapTime = lapDistance / SPEED;
    out.push({
      t,
      lap,
      lapDistance,
      speed: SPEED,
      ...(opts.sendLapTime === false ? {} : { lapTime }),
      ...(lapIndex >= 1 ? { lastLapTime: lapIndex === 1 ? (LENGTH - d0) / SPEED : LENGTH / SPEED } : {}),
    });
  }
  return out;
}

function run(tracker: LapTracker, input: readonly TelemetryFrame[]): ClosedLap[] {
  const closed: ClosedLap[] = [];
  for (const f of input) {
    const c = tracker.push(f);
    if (c) closed.push(c);
  }
  return closed;
}

describe('LapTracker', () => {
  it('times laps from the game and keeps the joined-mid-lap first segment as incomplete', () => {
    const tracker = new LapTracker({ trackLength: LENGTH });
    const closed = run(tracker, frames(HZ * 55));
    // Crossings at t = 10 s, 30 s, 50 s: the first segment (from 500 m) is incomplete, then two laps.
    expect(closed.map((c) => c.lap.category)).toEqual(['incomplete', 'flying', 'flying']);
    const [first, lap2, lap3] = closed;
    expect(first!.lap.valid).toBe(false);
    expect(lap2!.lap.number).toBe(2);
    expect(lap2!.lap.timeSource).toBe('game');
    expect(lap2!.lap.time).toBeCloseTo(20, 9);
    expect(lap2!.lap.startT).toBeCloseTo(10, 9);
    expect(lap3!.lap.endT).toBeCloseTo(50, 9);
    // Every frame belongs to exactly one lap, in order.
    const total = closed.reduce((n, c) => n + c.frames.length, 0) + tracker.currentFrames().length;
    expect(total).toBe(HZ * 55);
  });

  it('interpolates the crossing below one sample when the game sends no lap time', () => {
    const input = frames(HZ * 35, { sendLapTime: false }).map(({ lastLapTime: _l, ...f }) => f);
    const closed = run(new LapTracker({ trackLength: LENGTH }), input);
    const lap = closed[1]!.lap;
    expect(lap.timeSource).toBe('interpolated');
    // Crossings fall between samples (10 s is a sample here, so check the interpolation is exact).
    expect(lap.time).toBeCloseTo(20, 6);
  });

  it('splits an F1-style out-lap at the first crossing from negative lap distance', () => {
    // F1 keeps lap number 1 through the first crossing; lap distance is negative before it.
    const input = frames(HZ * 30, { startDistance: -300 }).map((f) => {
      const travelled = f.t * SPEED - 300;
      return travelled < 0 ? { ...f, lap: 1, lapDistance: travelled, lapTime: f.t } : { ...f, lap: 1 + Math.floor(travelled / LENGTH) };
    });
    const closed = run(new LapTracker({ trackLength: LENGTH }), input);
    expect(closed[0]!.lap.category).toBe('out');
    // 300 m at 50 m/s: the crossing is at 6 s, which ends the out-lap and starts lap 1.
    expect(closed[0]!.lap.endT).toBeCloseTo(6, 6);
    expect(closed[1]!.lap.startT).toBeCloseTo(6, 6);
    // The counter read 1 on both sides of the line: the run-up is lap 0, the lap after it lap 1
    // (two laps numbered 1 left 'report lap 1' to pick either).
    expect(closed.map((c) => [c.lap.number, c.lap.category])).toEqual([[0, 'out'], [1, 'flying'], [2, 'flying'], [3, 'flying'], [4, 'flying'], [5, 'flying']].slice(0, closed.length));
    expect(closed[0]!.frames.every((f) => f.lap === 1)).toBe(true);
  });

  it("never gives a run-up the number of a lap already closed (a restart behind the line keeps the counter's number)", () => {
    const tracker = new LapTracker({ trackLength: LENGTH });
    const closed = run(tracker, [
      { t: 0, lap: 1, lapDistance: 500, lapTime: 10 },
      { t: 1, lap: 2, lapDistance: 5, lapTime: 0.1, lastLapTime: 11 },
      { t: 2, lap: 3, lapDistance: 5, lapTime: 0.1, lastLapTime: 1 },
      // The session restarts with the car behind the line, counting lap 2 again.
      { t: 3, lap: 2, lapDistance: -50, lapTime: 0 },
      { t: 4, lap: 2, lapDistance: 20, lapTime: 1 },
      { t: 5, lap: 3, lapDistance: 1, lapTime: 0.02, lastLapTime: 1 },
    ]);
    // Lap 1 is taken, so the run-up stays 2 (the rewound history of lap 2 is what 'report' skips).
    expect(closed.map((c) => [c.lap.number, c.lap.category])).toEqual([[1, 'incomplete'], [2, 'incomplete'], [3, 'incomplete'], [2, 'rewound'], [2, 'incomplete']]);
  });

  it('flushes the lap in progress as incomplete, never dropping it', () => {
    const tracker = new LapTracker({ trackLength: LENGTH });
    run(tracker, frames(HZ * 15));
    const flushed = tracker.flush();
    expect(flushed?.lap.category).toBe('incomplete');
    expect(flushed?.lap.valid).toBe(false);
    expect(flushed!.frames.length).toBeGreaterThan(HZ * 4);
    expect(tracker.flush()).toBeUndefined();
  });

  it('drops rewound samples and marks the lap rewound (F1 flashback)', () => {
    const tracker = new LapTracker({ trackLength: LENGTH });
    const input = frames(HZ * 32);
    run(tracker, input.filter((f) => f.t < 20));
    tracker.rewind(15);
    expect(tracker.currentFrames().every((f) => f.t <= 15)).toBe(true);
    const closed = run(tracker, input.filter((f) => f.t > 15));
    const lap = closed.find((c) => c.lap.number === 2)!.lap;
    expect(lap.category).toBe('rewound');
    expect(lap.valid).toBe(false);
  });

  it('marks a lap invalid when the game flags it, and computes sectors from sector starts', () => {
    const tracker = new LapTracker({ trackLength: LENGTH, sectorStarts: [300, 700] });
    const input = frames(HZ * 35).map((f) => (f.lap === 2 && f.t > 15 && f.t < 16 ? { ...f, lapInvalid: true } : f));
    const closed = run(tracker, input);
    const lap = closed[1]!.lap;
    expect(lap.valid).toBe(false);
    expect(lap.category).toBe('flying');
    expect(lap.sectors).toHaveLength(3);
    expect(lap.sectors[0]).toBeCloseTo(6, 6);
    expect(lap.sectors[1]).toBeCloseTo(8, 6);
    expect(lap.sectors[0]! + lap.sectors[1]! + lap.sectors[2]!).toBeCloseTo(lap.time, 9);
  });
});

describe('LapTracker at the start of a recording', () => {
  it('times the first lap when the recording starts right at the line', () => {
    // The first frame has the lap timer at 0.034 s (as in the real GT7 Spa capture).
    const input = frames(HZ * 45, { startDistance: 50 * 0.034 }).map((f) => ({ ...f, t: f.t + 100 }));
    const closed = run(new LapTracker({ trackLength: LENGTH }), input);
    expect(closed[0]!.lap.category).toBe('flying');
    expect(closed[0]!.lap.startT).toBeCloseTo(100 - 0.034 + 0, 6);
  });

  it('keeps a recording joined mid-lap as incomplete', () => {
    const closed = run(new LapTracker({ trackLength: LENGTH }), frames(HZ * 25, { startDistance: 100 }));
    expect(closed[0]!.lap.category).toBe('incomplete');
  });
});
