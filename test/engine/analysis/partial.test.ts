import { expect, it } from 'vitest';
import { analyzeLap, analyzeSession, makeGrid, resampleLap, type LapInput } from '../../../src/engine/analysis/index.js';
import { isAnalysable, lapSpan, MAX_MISSING_SHARE } from '../../../src/engine/analysis/partial.js';
import type { SessionInfo } from '../../../src/engine/model/session.js';
import { sliceTrace } from '../../../src/engine/model/trace.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';
import { qssProfile, sampleLap, slowDown } from './synthetic.js';

const QSS = 'reference-data/tumftm-derived-qss-velocity-profiles';

/** The lap with the samples before `from` m (after the line) removed, as a recording that began there. */
function startingAt(input: LapInput, from: number): LapInput {
  const d = input.trace.distance;
  let i = 0;
  while (i < d.length && d[i]! < from) i++;
  return { lap: input.lap, trace: sliceTrace(input.trace, i, input.trace.length) };
}

describeShared('laps whose samples begin after the line (Monza QSS lap, TUMFTM exp 2, positions)', () => {
  const base = qssProfile(requireSharedFile(QSS, 'Monza_exp2.csv'));
  const L = base.length;
  const session: SessionInfo = { game: 'csv', trackLength: L, sectorStarts: [1896, 3701] };
  const whole = sampleLap(base, { number: 1, startT: 0, positions: true });
  const slowed = sampleLap(slowDown(base, 3000, 3100, 0.95), { number: 2, startT: 200, positions: true });
  const grid = makeGrid(L);

  it('a lap missing its first 300 m is analysable over the rest; one missing 10 % + 1 m is not', () => {
    const part = resampleLap(startingAt(whole, 300).trace, whole.lap, grid);
    const span = lapSpan(part)!;
    expect(span.complete).toBe(false);
    expect(span.startGapM).toBeGreaterThan(299);
    expect(span.startGapM).toBeLessThan(302);
    expect(span.endGapM).toBe(0);
    expect(isAnalysable(part, 'flying')).toBe(true);
    // Same data, but the tracker could not time it: never analysed.
    expect(isAnalysable(part, 'incomplete')).toBe(false);
    const tooShort = resampleLap(startingAt(whole, MAX_MISSING_SHARE * L + 1).trace, whole.lap, grid);
    expect(isAnalysable(tooShort, 'flying')).toBe(false);
    expect(() => analyzeLap({ lap: { lap: whole.lap, trace: startingAt(whole, MAX_MISSING_SHARE * L + 1).trace }, reference: whole, session })).toThrow('does not run line to line');
  });

  it('complete laps are untouched: analysed is null and δ(L) is the lap-time difference', () => {
    const r = analyzeLap({ lap: slowed, reference: whole, session });
    expect(r.lap.analysed).toBeNull();
    expect(r.lap.delta).toBeCloseTo(slowed.lap.time - whole.lap.time, 9);
  });

  it('a partial lap against a whole one: δ over the common part, corner losses summing to it, the slowed corner found', () => {
    const partial = startingAt(slowed, 400);
    const r = analyzeLap({ lap: partial, reference: whole, session });
    expect(r.lap.analysed!.from).toBeGreaterThan(399);
    expect(r.lap.analysed!.from).toBeLessThan(402);
    expect(r.lap.analysed!.to).toBe(L);
    // The slowdown (3000–3100 m) lies inside the analysed part, so δ over it is the whole lap-time difference.
    expect(r.lap.delta).toBeCloseTo(slowed.lap.time - whole.lap.time, 3);
    const sum = r.lap.losses.corners.reduce((s, c) => s + c.total, 0) + r.lap.losses.straights.reduce((s, x) => s + x.loss, 0);
    expect(sum).toBe(r.lap.delta);
    // Nothing is claimed about the first 400 m: δ is flat (0) there.
    expect(r.lap.curves!.delta.slice(0, 400).every((v) => v === 0)).toBe(true);
    expect(r.lap.curves!.speed.slice(0, 399).every((v) => v === null)).toBe(true);
    // No corner sits in the metres nobody drove, and T1 (Rettifilo, ≈ 900 m) is still there.
    expect(r.corners.every((c) => c.apex > 400)).toBe(true);
    expect(r.corners.filter((c) => c.apex < 1000).length).toBeGreaterThanOrEqual(1);
  });

  it('session: the partial lap is clean and may be the reference, but the theoretical best uses whole laps only', () => {
    const partial = { ...startingAt(whole, 200), lap: { ...whole.lap, number: 1 } };
    const a = analyzeSession({ laps: [partial], session });
    expect(a.laps[0]).toMatchObject({ number: 1, clean: true, issues: [] });
    expect(a.laps[0]!.partial!.from).toBeGreaterThan(199);
    expect(a.laps[0]!.partial!.to).toBe(L);
    expect(a.bestLap).toEqual({ number: 1, time: whole.lap.time });
    expect(a.theoreticalBest).toBeNull();
    expect(a.lapAnalyses).toHaveLength(1);
    expect(a.lapAnalyses[0]!.analysed!.from).toBeGreaterThan(199);
    // With a whole lap in the session, the whole one is used for the theoretical best.
    const b = analyzeSession({ laps: [partial, { ...slowed, lap: { ...slowed.lap, number: 2 } }], session });
    expect(b.laps.map((l) => [l.number, l.clean, l.partial === null])).toEqual([[1, true, false], [2, true, true]]);
    // The best (reference) lap is the partial one; the segment minima come from the whole lap alone.
    expect(b.reference!.lapNumber).toBe(1);
    expect(b.theoreticalBest!.lapsUsed).toBe(1);
    expect(b.theoreticalBest!.sectors.time).toBeCloseTo(slowed.lap.time, 6);
  });
});
