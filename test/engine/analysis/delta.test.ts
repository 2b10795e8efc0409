import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLiveDelta, deltaCurve, makeGrid, resampleLap, sampleAt } from '../../../src/engine/analysis/index.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';
import { profileTimes, qssProfile, sampleLap, type Profile } from './synthetic.js';

const QSS = 'reference-data/tumftm-derived-qss-velocity-profiles';

/** s, time at distance s on a profile by the same constant-acceleration scheme (the analytic answer). */
function timeAtDistance(p: Profile, times: readonly number[], s: number): number {
  let i = 0;
  while (i + 1 < p.s.length && p.s[i + 1]! <= s) i++;
  const ds = (i + 1 < p.s.length ? p.s[i + 1]! : p.length) - p.s[i]!;
  const v0 = p.v[i]!;
  const v1 = p.v[(i + 1) % p.s.length]!;
  const a = (v1 * v1 - v0 * v0) / (2 * ds);
  const d = s - p.s[i]!;
  const dt = Math.abs(a) < 1e-9 ? d / v0 : (-v0 + Math.sqrt(v0 * v0 + 2 * a * d)) / a;
  return times[i]! + dt;
}

describeShared('delta on TUMFTM QSS speed profiles (Monza race line, exp 1 diamond vs exp 2 ellipse)', () => {
  const slow = qssProfile(requireSharedFile(QSS, 'Monza_exp1.csv'));
  const fast = qssProfile(requireSharedFile(QSS, 'Monza_exp2.csv'));
  const summary = readFileSync(requireSharedFile(QSS, 'summary.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const grid = makeGrid(slow.length);
  const a = sampleLap(slow, { number: 3, startT: 500, phase: 0.004 });
  const b = sampleLap(fast, { number: 4, startT: 700, phase: 0.013 });
  const ra = resampleLap(a.trace, a.lap, grid);
  const rb = resampleLap(b.trace, b.lap, grid);
  const delta = deltaCurve(ra, rb);

  it('integrates the profiles to TUMFTM lap times 129.4039 s and 124.7889 s (summary.csv)', () => {
    // summary.csv: track,dyn_model_exp,points,raceline_length_m,lap_time_s,…
    const monza = summary.filter((r) => r[0] === 'Monza').map((r) => Number(r[4]));
    expect(monza).toEqual([129.4039, 124.7889]);
    expect(Math.abs(a.lap.time - monza[0]!)).toBeLessThan(1e-3);
    expect(Math.abs(b.lap.time - monza[1]!)).toBeLessThan(1e-3);
    expect(grid.length).toBeCloseTo(5757.975, 2);
  });

  it('δ(0) = 0 and δ(L) equals the lap-time difference (4.615 s) to 1 µs', () => {
    expect(delta[0]).toBe(0);
    expect(Math.abs(delta[grid.cells]! - (a.lap.time - b.lap.time))).toBeLessThan(1e-6);
    expect(delta[grid.cells]).toBeCloseTo(4.615, 3);
  });

  it('matches the analytic time at every 100 m and at the sector boundaries of track_pars.ini to < 1 ms', () => {
    const ta = profileTimes(slow);
    const tb = profileTimes(fast);
    let worst = 0;
    for (const s of [1896, 3701, ...Array.from({ length: 57 }, (_, i) => (i + 1) * 100)]) {
      const expected = timeAtDistance(slow, ta, s) - timeAtDistance(fast, tb, s);
      worst = Math.max(worst, Math.abs(sampleAt(grid, delta, s) - expected));
    }
    expect(worst).toBeLessThan(1e-3);
    // Sector 1 (0 → 1,896 m) of the diamond car is slower by a known amount.
    const s1 = timeAtDistance(slow, ta, 1896) - timeAtDistance(fast, tb, 1896);
    expect(s1).toBeGreaterThan(1);
    expect(Math.abs(sampleAt(grid, delta, 1896) - s1)).toBeLessThan(1e-3);
  });

  it('the live delta equals the offline delta at every frame of the lap to < 1 ms', () => {
    const live = createLiveDelta(rb);
    let worst = 0;
    let calls = 0;
    for (let i = 0; i < a.trace.length; i++) {
      const d = live(a.trace.distance[i]!, a.trace.t[i]! - a.lap.startT);
      expect(d).toBeDefined();
      worst = Math.max(worst, Math.abs(d! - sampleAt(grid, delta, a.trace.distance[i]!)));
      calls++;
    }
    expect(calls).toBe(a.trace.length);
    expect(worst).toBeLessThan(1e-3);
  });
});

describe('live delta edge cases', () => {
  const p: Profile = { length: 1000, s: [0, 250, 500, 750], v: [50, 40, 50, 60] };
  const lap = sampleLap(p, { number: 1 });
  const ref = resampleLap(lap.trace, lap.lap, makeGrid(1000));
  const live = createLiveDelta(ref);

  it('is zero against itself at the line and at the end, undefined before the line or off the lap', () => {
    expect(live(0, 0)).toBe(0);
    expect(live(1000, lap.lap.time)).toBeCloseTo(0, 12);
    expect(live(-3, 0.1)).toBeUndefined();
    expect(live(1000.5, 20)).toBeUndefined();
    expect(live(Number.NaN, 1)).toBeUndefined();
  });

  it('is positive when behind: 0.5 s later at the same place reads +0.5 s', () => {
    const tAt500 = ref.t[500]!;
    expect(live(500, tAt500 + 0.5)).toBeCloseTo(0.5, 9);
  });
});
