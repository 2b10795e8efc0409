import { describe, expect, it } from 'vitest';
import {
  analyzeLap, attributeLoss, cornerPhases, deltaCurve, expectedMaxOfNormals, makeGrid, resampleLap, theoreticalBest, type ResampledLap,
} from '../../../src/engine/analysis/index.js';
import type { SessionInfo } from '../../../src/engine/model/session.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';
import { gaussian, profileTimes, qssProfile, sampleLap, slowDown } from './synthetic.js';
import { mulberry32 } from '../../helpers/prng.js';

const QSS = 'reference-data/tumftm-derived-qss-velocity-profiles';

describeShared('time-loss attribution on the Monza QSS lap (TUMFTM exp 2) with one corner slowed', () => {
  const base = qssProfile(requireSharedFile(QSS, 'Monza_exp2.csv'));
  const session: SessionInfo = { game: 'csv', trackLength: base.length, sectorStarts: [1896, 3701] };
  const reference = sampleLap(base, { number: 1, startT: 0, positions: true });
  const refOnly = analyzeLap({ lap: reference, reference, session });
  const corners = refOnly.corners;
  // Slow the most isolated corner (farthest from its neighbours' apexes) by 5 % over 100 m around its apex.
  const gap = (i: number): number => {
    const n = corners.length;
    const prev = corners[(i - 1 + n) % n]!.apex;
    const next = corners[(i + 1) % n]!.apex;
    const here = corners[i]!.apex;
    return Math.min((here - prev + base.length) % base.length, (next - here + base.length) % base.length);
  };
  const target = corners[corners.map((_, i) => gap(i)).reduce((best, g, i, all) => (g > all[best]! ? i : best), 0)]!;
  const slowed = slowDown(base, target.apex - 50, target.apex + 50, 0.95);
  const lap = sampleLap(slowed, { number: 2, startT: 200, positions: true });
  const result = analyzeLap({ lap, reference, session });
  const losses = result.lap.losses;

  it('detects the race line’s corners and compares the lap with itself as zero everywhere', () => {
    expect(corners.length).toBeGreaterThanOrEqual(8);
    expect(refOnly.lap.delta).toBe(0);
    expect(refOnly.lap.losses.segments.every((s) => s.loss === 0)).toBe(true);
  });

  it('losses sum exactly (bit for bit) to the lap delta, which is the lap-time difference', () => {
    const sum = losses.segments.reduce((a, s) => a + s.loss, 0);
    expect(sum).toBe(losses.total);
    const reverse = [...losses.segments].reverse().reduce((a, s) => a + s.loss, 0);
    expect(reverse).toBe(losses.total);
    const byCorner = losses.corners.reduce((a, c) => a + c.total, 0) + losses.straights.reduce((a, s) => a + s.loss, 0);
    expect(byCorner).toBe(losses.total);
    expect(Math.abs(losses.total - (lap.lap.time - reference.lap.time))).toBeLessThan(1e-8);
  });

  it('puts the loss in the slowed corner (and the straight its slow exit runs onto) only, with the analytic size ∫(1/v′ − 1/v) ds', () => {
    const analytic = profileTimes(slowed)[slowed.s.length]! - profileTimes(base)[base.s.length]!;
    expect(analytic).toBeGreaterThan(0.05);
    const mine = losses.corners.find((c) => c.number === target.number)!;
    const after = losses.straights.find((s) => s.after === target.number)!;
    // The slowed stretch runs 80 m past the apex; this QSS car is flat out just after each apex,
    // so part of it is on the following straight.
    expect(Math.abs(mine.total + after.loss - analytic)).toBeLessThan(1e-6);
    expect(mine.total).toBeGreaterThan(0.3 * analytic);
    const elsewhere = losses.segments.filter((s) => s.corner !== target.number);
    for (const s of elsewhere) expect(Math.abs(s.loss)).toBeLessThan(1e-6);
    // The tip charges the slow exit's straight to the corner.
    expect(result.lap.tips[0]!.corner).toBe(target.number);
    expect(result.lap.tips[0]!.loss).toBeCloseTo(analytic, 6);
    expect(result.lap.tips[0]!.facts.some((f) => f.kind === 'minSpeed' && f.diff < 0)).toBe(true);
  });

  it('sector deltas match the analytic sector time differences', () => {
    const sum = result.lap.sectorDeltas.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(losses.total, 9);
    expect(result.lap.sectorDeltas).toHaveLength(3);
  });
});

describeShared('theoretical best on Monza QSS laps', () => {
  const base = qssProfile(requireSharedFile(QSS, 'Monza_exp2.csv'));
  const grid = makeGrid(base.length);
  const ref = sampleLap(base, { number: 1, startT: 0, positions: true });
  const refR = resampleLap(ref.trace, ref.lap, grid);
  const corners = analyzeLap({ lap: ref, reference: ref, session: { game: 'csv', trackLength: base.length } }).corners;
  const phases = cornerPhases(corners, refR);
  const sectorStarts = [0, 1896, 3701];

  it('identical laps: both theoretical bests equal the lap time', () => {
    const laps = [1, 2, 3].map((n) => resampleLap(ref.trace, { ...ref.lap, number: n }, grid));
    const tb = theoreticalBest(laps, phases, sectorStarts, refR)!;
    expect(tb.sectors.time).toBeCloseTo(ref.lap.time, 9);
    expect(tb.segments.time).toBeCloseTo(ref.lap.time, 9);
    expect(tb.optimism).toBeCloseTo(0, 9);
    expect(tb.segments.segmentTimes.length).toBeGreaterThanOrEqual(20);
    expect(tb.segments.segmentTimes.length).toBeLessThanOrEqual(40);
  });

  it('a lap composed by design: A slow in sector 1, B slow in sector 3 ⇒ TB = the unslowed lap, neither lap reaches it', () => {
    const a = sampleLap(slowDown(base, 900, 1000, 0.9), { number: 2, startT: 300 });
    const b = sampleLap(slowDown(base, 4300, 4400, 0.9), { number: 3, startT: 600 });
    const laps = [a, b].map((l) => resampleLap(l.trace, l.lap, grid));
    const tb = theoreticalBest(laps, phases, sectorStarts, refR)!;
    expect(tb.bestLap).toBeGreaterThan(ref.lap.time + 0.1);
    // Equal to 10 µs: the laps were sampled at different 60 Hz phases.
    expect(Math.abs(tb.sectors.time - ref.lap.time)).toBeLessThan(1e-5);
    expect(Math.abs(tb.segments.time - ref.lap.time)).toBeLessThan(1e-5);
    expect(tb.sectors.segmentLaps).toEqual([3, 2, 2]);
  });

  it('noise-only laps: the minimum’s optimism matches the stated bias E[max of n]·Σ√(σa²+σb²) within 20 %', () => {
    // 20 laps identical but for timing noise σ_b = 0.25 m / v at every point (none at the line).
    const rand = gaussian(mulberry32(9));
    const speed = refR.channels.speed!;
    const laps: ResampledLap[] = Array.from({ length: 20 }, (_, l) => {
      const t = Float64Array.from(refR.t, (v, k) => (k === 0 || k === grid.cells ? v : v + (rand() * 0.25) / speed[k]!));
      return { ...refR, lapNumber: l + 1, t };
    });
    const tb = theoreticalBest(laps, phases, sectorStarts, refR)!;
    const optimism = ref.lap.time - tb.segments.time;
    expect(tb.positionNoise).toBe(0.25);
    expect(optimism).toBeGreaterThan(0);
    expect(Math.abs(optimism - tb.expectedNoiseBias) / tb.expectedNoiseBias).toBeLessThan(0.2);
    expect(expectedMaxOfNormals(20)).toBeCloseTo(1.87, 2);
  });
});

describe('attributeLoss without corners', () => {
  it('is one straight carrying the whole delta', () => {
    const delta = Float64Array.from([0, 0.1, 0.25, 0.3]);
    const r = attributeLoss(delta, [], 1);
    expect(r.segments).toHaveLength(1);
    expect(r.total).toBeCloseTo(0.3, 8);
    expect(r.straights[0]!.loss).toBe(r.total);
  });

  it('gives the rounding residual deterministically to the largest segment', () => {
    const g = makeGrid(100);
    const t1 = Float64Array.from({ length: 101 }, (_, k) => k / 30);
    const t2 = Float64Array.from({ length: 101 }, (_, k) => k / 29.7);
    const d = deltaCurve({ grid: g, t: t2 }, { grid: g, t: t1 });
    const phases = cornerPhases([], { lapNumber: 1, lapTime: t1[100]!, grid: g, t: t1, channels: {}, quality: { coverage: 1, maxGapM: 1, maxGapS: 0, droppedSamples: 0, rewound: false, teleport: false } });
    const r1 = attributeLoss(d, phases, g.step);
    const r2 = attributeLoss(d, phases, g.step);
    expect(r1).toEqual(r2);
  });
});
