import { describe, expect, it } from 'vitest';
import { analyzeLap, analyzeSession, formatTip, type SessionAnalysis } from '../../../src/engine/analysis/index.js';
import { simSession } from './sim-session.js';

/**
 * Known answers from the demo simulator (src/engine/sim): the track designs' corner lists,
 * the car's optimal shift rpm, exact lap times, and planted mistakes.
 */
for (const trackId of ['kestrel', 'harbour']) {
  describe(`demo track '${trackId}': 12 laps, seed 11`, () => {
    const { run, input } = simSession({ trackId, laps: 12, seed: 11 });
    const gt = run.groundTruth;
    const analysis: SessionAnalysis = analyzeSession(input);

    it('finds the designed corners: same count, directions, apexes within 15 m, numbered in lap order', () => {
      expect(analysis.corners).toHaveLength(gt.corners.length);
      analysis.corners.forEach((c, i) => {
        const design = gt.corners[i]!;
        expect(c.number).toBe(design.number);
        expect(c.direction).toBe(design.direction === 'left' ? 'L' : 'R');
        expect(Math.abs(c.apex - design.apexDistance)).toBeLessThan(15);
      });
    });

    it('classifies the 12 timed laps as clean and the run-up/overrun as incomplete', () => {
      const clean = analysis.laps.filter((l) => l.clean).map((l) => l.number);
      expect(clean).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(analysis.laps.filter((l) => !l.clean).every((l) => l.category === 'incomplete')).toBe(true);
      expect(analysis.track!.length).toBe(gt.track.length);
      expect(analysis.track!.mirrored).toBe(false);
    });

    it('finds shift points within 100 rpm of the car’s optimum for every gear it could estimate (≥ 3 gears)', () => {
      const estimated = analysis.shifts!.gears.filter((g) => g.basis === 'crossover' || g.basis === 'extrapolated');
      expect(estimated.length).toBeGreaterThanOrEqual(3);
      for (const g of estimated) expect(Math.abs(g.optimalRpm! - gt.shiftRpm[g.gear - 1]!)).toBeLessThan(100);
    });

    it('δ at the line equals the lap-time difference within 1 ms and the losses sum exactly to it, on every lap', () => {
      const refTime = analysis.reference!.lapTime;
      expect(refTime).toBe(Math.min(...gt.lapTimes));
      for (const lap of analysis.lapAnalyses) {
        const truth = gt.lapTimes[lap.lapNumber - 1]! - refTime;
        expect(Math.abs(lap.delta - truth)).toBeLessThan(1e-3);
        expect(lap.losses.segments.reduce((a, s) => a + s.loss, 0)).toBe(lap.delta);
        expect(lap.losses.corners.reduce((a, c) => a + c.total, 0) + lap.losses.straights.reduce((a, s) => a + s.loss, 0)).toBe(lap.delta);
      }
    });

    it('measures the brake points the driver made (sim truth at 5 % pedal; ours at 10 % held 0.1 s) within 3 m', () => {
      let checked = 0;
      for (const lap of analysis.lapAnalyses) {
        for (const truth of gt.cornerLaps[lap.lapNumber - 1]!) {
          const mine = lap.corners.find((c) => c.number === truth.corner)!;
          if (truth.brakePoint === null) continue;
          expect(mine.brakePoint).not.toBeNull();
          expect(Math.abs(mine.brakePoint! - truth.brakePoint)).toBeLessThan(3);
          expect(Math.abs(mine.minSpeed! - truth.minSpeed)).toBeLessThan(0.2);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(50);
    });

    it('states the theoretical best and its optimism; the output is plain JSON', () => {
      const tb = analysis.theoreticalBest!;
      expect(tb.sectors.time).toBeLessThanOrEqual(tb.bestLap + 1e-9);
      expect(tb.segments.time).toBeLessThanOrEqual(tb.sectors.time + 1e-9);
      expect(tb.optimism).toBeCloseTo(tb.sectors.time - tb.segments.time, 12);
      // Best-sector sum equals the sum of the sim's own best sector times.
      const bestSectors = [0, 1, 2].map((k) => Math.min(...gt.sectorTimes.map((s) => s[k]!)));
      expect(Math.abs(tb.sectors.time - bestSectors.reduce((a, b) => a + b, 0))).toBeLessThan(2e-3);
      const json = JSON.parse(JSON.stringify(analysis)) as SessionAnalysis;
      expect(json).toEqual(analysis);
    });
  });
}

describe('a mistake planted in one corner of one lap (demo driver brakes 20 m early at T3 on lap 5)', () => {
  const plain = simSession({ trackId: 'kestrel', laps: 6, seed: 5 });
  const planted = simSession({ trackId: 'kestrel', laps: 6, seed: 5, plantedErrors: [{ lap: 5, corner: 3, brakeEarlyM: 20 }] });
  const byNumber = (laps: typeof plain.input.laps, n: number) => laps.find((l) => l.lap.number === n)!;
  const reference = byNumber(plain.input.laps, 2);
  const before = analyzeLap({ lap: byNumber(plain.input.laps, 5), reference, session: plain.run.session });
  const after = analyzeLap({ lap: byNumber(planted.input.laps, 5), reference, session: planted.run.session });

  it('costs time at T3 and nowhere else (compared with the same lap driven without it)', () => {
    const cost = planted.run.groundTruth.lapTimes[4]! - plain.run.groundTruth.lapTimes[4]!;
    expect(cost).toBeGreaterThan(0.02);
    const diff = after.lap.losses.corners.map((c, i) => ({ number: c.number, d: c.total - before.lap.losses.corners[i]!.total }));
    const t3 = diff.find((d) => d.number === 3)!;
    expect(Math.abs(t3.d - cost)).toBeLessThan(1e-3);
    for (const d of diff) if (d.number !== 3) expect(Math.abs(d.d)).toBeLessThan(1e-3);
    after.lap.losses.straights.forEach((s, i) => expect(Math.abs(s.loss - before.lap.losses.straights[i]!.loss)).toBeLessThan(1e-3));
  });

  it('leaves every other lap as it was: their corner and straight losses against the same reference do not move', () => {
    let compared = 0;
    for (const n of [1, 3, 4, 6]) {
      const a = analyzeLap({ lap: byNumber(plain.input.laps, n), reference, session: plain.run.session });
      const b = analyzeLap({ lap: byNumber(planted.input.laps, n), reference, session: planted.run.session });
      expect(b.lap.lapTime).toBe(a.lap.lapTime);
      b.lap.losses.corners.forEach((c, i) => expect(Math.abs(c.total - a.lap.losses.corners[i]!.total), `lap ${n} T${c.number}`).toBeLessThan(1e-3));
      b.lap.losses.straights.forEach((x, i) => expect(Math.abs(x.loss - a.lap.losses.straights[i]!.loss)).toBeLessThan(1e-3));
      compared += b.lap.losses.corners.length;
    }
    expect(compared).toBe(44);
  });

  it('shows up as a braking-phase loss with an early brake point of ≈ 20 m', () => {
    const t3After = after.lap.corners.find((c) => c.number === 3)!;
    const t3Before = before.lap.corners.find((c) => c.number === 3)!;
    expect(t3After.brakePoint! - t3Before.brakePoint!).toBeCloseTo(-20, -0.5);
    const loss = after.lap.losses.corners.find((c) => c.number === 3)!;
    expect(loss.braking).toBeGreaterThan(loss.mid);
    expect(loss.braking).toBeGreaterThan(loss.exit);
    const tip = after.lap.tips.find((t) => t.corner === 3)!;
    expect(tip.phase).toBe('braking');
    expect(formatTip(tip, 'metric', 'lap 2')).toMatch(/^T3: braked 2\d m earlier than lap 2, /);
  });
});
