import { describe, expect, it } from 'vitest';
import { consistency, degradation, expectedMaxOfNormals, mad, median, quantile, theilSen } from '../../../src/engine/analysis/index.js';
import { gaussian } from './synthetic.js';
import { mulberry32 } from '../../helpers/prng.js';

describe('order statistics', () => {
  it('median, quantiles (type 7) and MAD of small arrays, NaN ignored', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(mad([1, 1, 2, 2, 4, 6, 9, Number.NaN])).toBe(1);
    expect(median([])).toBeNaN();
  });

  it('expected maximum of 20 standard normals ≈ 1.867 (the research notes’ measured figure)', () => {
    expect(expectedMaxOfNormals(20)).toBeCloseTo(1.867, 2);
    expect(expectedMaxOfNormals(1)).toBe(0);
  });
});

describe('Theil–Sen degradation (research notes §10 validation)', () => {
  // t = 90 + 0.08·age − 0.03·fuel + N(0, 0.15), fuel burning 1.6 kg/lap from 30 kg, plus two +3 s laps late in the stint (where they tilt least squares most).
  const rand = gaussian(mulberry32(42));
  const laps = Array.from({ length: 18 }, (_, i) => i + 1);
  const times = laps.map((age) => 90 + 0.08 * age - 0.03 * (30 - 1.6 * age) + 0.15 * rand() + (age === 14 || age === 16 ? 3 : 0));

  it('recovers the slope 0.08 + 0.048 (fuel) = 0.128 s/lap within ±0.03 despite two outlier laps; OLS is pulled off', () => {
    const d = degradation(laps, times);
    expect(d.slope).not.toBeNull();
    expect(Math.abs(d.slope! - 0.128)).toBeLessThan(0.03);
    expect(d.slopeLow!).toBeLessThan(d.slope!);
    expect(d.slopeHigh!).toBeGreaterThan(d.slope!);
    // Ordinary least squares for comparison.
    const mx = laps.reduce((a, b) => a + b, 0) / laps.length;
    const my = times.reduce((a, b) => a + b, 0) / times.length;
    const ols = laps.reduce((s, x, i) => s + (x - mx) * (times[i]! - my), 0) / laps.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(Math.abs(ols - 0.128)).toBeGreaterThan(Math.abs(d.slope! - 0.128));
  });

  it('without outliers the 95 % interval contains the true slope', () => {
    const clean = laps.map((age) => 90 + 0.128 * age + 0.15 * rand());
    const d = degradation(laps, clean);
    expect(d.slopeLow!).toBeLessThan(0.128);
    expect(d.slopeHigh!).toBeGreaterThan(0.128);
    expect(d.slopeHigh! - d.slopeLow!).toBeLessThan(0.08);
  });

  it('refuses below five laps and reports why', () => {
    const d = degradation([1, 2, 3, 4], [90, 90.1, 90.2, 90.3]);
    expect(d.slope).toBeNull();
    expect(d.note).toMatch(/at least 5/);
  });

  it('an exact line gives its slope and intercept', () => {
    const fit = theilSen([1, 2, 3, 4, 5, 6], [10, 12, 14, 16, 18, 20])!;
    expect(fit.slope).toBe(2);
    expect(fit.intercept).toBe(8);
  });
});

describe('consistency', () => {
  it('σ and IQR of a constant series are 0; σ/IQR/CV of a known series', () => {
    const c0 = consistency([90, 90, 90], []);
    expect(c0.stdDev).toBe(0);
    expect(c0.iqr).toBe(0);
    const c = consistency([90, 91, 92, 93], []);
    expect(c.stdDev).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(c.iqr).toBeCloseTo(1.5, 12);
    expect(c.cv).toBeCloseTo(Math.sqrt(5 / 3) / 91.5, 12);
    expect(c.best).toBe(90);
    expect(consistency([], []).stdDev).toBeNull();
  });
});
