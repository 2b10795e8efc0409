import { describe, expect, it } from 'vitest';
import { makeGrid, resampleLap } from '../../../src/engine/analysis/index.js';
import type { Lap } from '../../../src/engine/model/lap.js';
import type { Trace } from '../../../src/engine/model/trace.js';

/** A lap at constant 50 m/s on a 1,000 m track sampled at 60 Hz, starting 5 ms after the line. */
function constantLap(overrides: Partial<{ t: number[]; d: number[]; gear: number[] }> = {}): { lap: Lap; trace: Trace } {
  const t: number[] = [];
  const d: number[] = [];
  const gear: number[] = [];
  for (let tau = 0.005; tau < 20; tau += 1 / 60) {
    t.push(50 + tau);
    d.push(50 * tau);
    gear.push(d[d.length - 1]! < 500 ? 3 : 4);
  }
  const tt = overrides.t ?? t;
  const dd = overrides.d ?? d;
  const gg = overrides.gear ?? gear;
  const n = tt.length;
  const trace: Trace = {
    length: n,
    t: Float64Array.from(tt),
    distance: Float64Array.from(dd),
    channels: { speed: new Float32Array(n).fill(50), gear: Float32Array.from(gg), throttle: Float32Array.from(dd, (x) => x / 1000) },
  };
  return { lap: { number: 7, time: 20, timeSource: 'game', valid: true, category: 'flying', sectors: [], startT: 50, endT: 70 }, trace };
}

describe('resampleLap', () => {
  const grid = makeGrid(1000);

  it('puts exact edge samples at 0 m (0 s) and at the lap length (the lap time)', () => {
    const { lap, trace } = constantLap();
    const r = resampleLap(trace, lap, grid);
    expect(grid.cells).toBe(1000);
    expect(r.t[0]).toBe(0);
    expect(r.t[1000]).toBe(20);
    // Constant speed: t(s) = s / 50 everywhere.
    for (const k of [1, 137, 500, 999]) expect(r.t[k]).toBeCloseTo(k / 50, 9);
    expect(r.quality.coverage).toBe(1);
    expect(r.quality.rewound).toBe(false);
  });

  it('interpolates continuous channels and holds discrete ones (no gear 3.5)', () => {
    const { lap, trace } = constantLap();
    const r = resampleLap(trace, lap, grid);
    expect(r.channels.throttle![250]).toBeCloseTo(0.25, 5);
    const gears = new Set(Array.from(r.channels.gear!));
    expect([...gears].sort()).toEqual([3, 4]);
    // The sample at 500.x m is the first in 4th; the grid point 500 m still holds 3rd.
    expect(r.channels.gear![500]).toBe(3);
    expect(r.channels.gear![502]).toBe(4);
  });

  it('moves wrapped samples: a distance of ≈ L just after the line and ≈ 0 just before the end are dropped, not mixed in', () => {
    const base = constantLap();
    const d = Array.from(base.trace.distance);
    d[0] = 999.9; // previous lap's distance still latched
    d[1] = 999.95;
    d[d.length - 1] = 0.3; // next lap already started
    const { lap, trace } = constantLap({ d });
    const r = resampleLap(trace, lap, grid);
    expect(r.t[0]).toBe(0);
    expect(r.t[10]).toBeCloseTo(0.2, 9);
    expect(r.t[995]).toBeCloseTo(19.9, 9);
    expect(r.quality.droppedSamples).toBe(3);
    expect(r.quality.rewound).toBe(false);
  });

  it('skips NaN distances and bridges the hole', () => {
    const base = constantLap();
    const d = Array.from(base.trace.distance);
    for (let i = 300; i < 310; i++) d[i] = Number.NaN;
    const r = resampleLap(constantLap({ d }).trace, base.lap, grid);
    expect(r.t[252]).toBeCloseTo(252 / 50, 9);
    expect(r.quality.droppedSamples).toBe(10);
    expect(r.quality.coverage).toBe(1);
  });

  it('a flashback (session time going back) keeps the last pass: the lap reads the replayed time', () => {
    // Drive to 600 m, rewind the session clock by 2 s (back to 500 m), then drive on 1 s slower.
    const t: number[] = [];
    const d: number[] = [];
    for (let tau = 0.005; tau < 12; tau += 1 / 60) (t.push(50 + tau), d.push(50 * tau));
    for (let tau = 10; tau < 21; tau += 1 / 60) (t.push(50 + tau), d.push(500 + (50 * (tau - 10)) / 1.1));
    const { lap, trace } = constantLap({ t, d, gear: t.map(() => 3) });
    const r = resampleLap(trace, { ...lap, time: 21, endT: 71 }, grid);
    expect(r.quality.rewound).toBe(true);
    expect(r.t[400]).toBeCloseTo(8, 6);
    // After the rewind point the replayed, slower pass wins.
    expect(r.t[600]).toBeCloseTo(10 + 2.2, 6);
    expect(r.t[1000]).toBe(21);
  });

  it('reversing a few metres (a spin) is a rewind of distance: later samples replace earlier ones', () => {
    const t: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < 1200; i++) {
      t.push(50.005 + i / 60);
      d.push(Math.min(i, 600) * (50 / 60) - (i > 600 && i < 700 ? (i - 600) * 0.2 : i >= 700 ? 20 - (i - 700) * 0.9 : 0));
    }
    const { lap, trace } = constantLap({ t, d, gear: t.map(() => 2) });
    const r = resampleLap(trace, { ...lap, time: 20, endT: 70, category: 'incomplete' }, grid);
    expect(r.quality.rewound).toBe(true);
    expect(r.t[0]).toBeNaN(); // incomplete laps get no line anchor
  });

  it('flags a teleport (reset) and a sample gap', () => {
    const base = constantLap();
    const d = Array.from(base.trace.distance);
    for (let i = 600; i < d.length; i++) d[i] = d[i]! + 80;
    const t = Array.from(base.trace.t);
    for (let i = 200; i < t.length; i++) t[i] = t[i]! + 0.4;
    const r = resampleLap(constantLap({ t, d }).trace, base.lap, grid);
    expect(r.quality.teleport).toBe(true);
    expect(r.quality.maxGapS).toBeGreaterThan(0.4);
  });

  it('interpolates yaw the short way round ±π (no fake half-turn between two samples)', () => {
    const base = constantLap();
    const yaw = Float32Array.from(base.trace.distance, (d) => {
      const a = Math.PI - 0.05 + d * 0.0002; // crosses +π near 250 m
      return a > Math.PI ? a - 2 * Math.PI : a;
    });
    const r = resampleLap({ ...base.trace, channels: { ...base.trace.channels, yaw } }, base.lap, grid, { channels: ['yaw'] });
    for (let k = 1; k <= 1000; k++) {
      const d = r.channels.yaw![k]! - r.channels.yaw![k - 1]!;
      expect(Math.abs(d - 2 * Math.PI * Math.round(d / (2 * Math.PI)))).toBeLessThan(0.001);
    }
  });
});
