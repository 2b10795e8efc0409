import type { CornerMetrics } from './corner-metrics.js';
import { mean, median, quantile, stdDev, theilSen } from './stats.js';

/** How repeatable the clean laps were. Times s, speeds m/s, distances m. */
export type Consistency = {
  /** Clean laps used (valid flying laps that are not outliers). */
  readonly laps: number;
  readonly best: number | null;
  readonly median: number | null;
  readonly mean: number | null;
  /** Sample standard deviation and interquartile range of the lap times; null below 2 laps. */
  readonly stdDev: number | null;
  readonly iqr: number | null;
  /** stdDev / mean. */
  readonly cv: number | null;
  /** Where the inconsistency lives: per corner spread over the same laps. */
  readonly corners: readonly {
    readonly number: number;
    readonly minSpeedStdDev: number | null;
    readonly timeInCornerStdDev: number | null;
    readonly brakePointStdDev: number | null;
  }[];
};

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Lap-time spread and per-corner spread (`cornerMetrics[i]` belongs to `lapTimes[i]`). */
export function consistency(lapTimes: readonly number[], cornerMetrics: readonly (readonly CornerMetrics[])[]): Consistency {
  const n = lapTimes.length;
  const m = mean(lapTimes);
  const sd = stdDev(lapTimes);
  const numbers = cornerMetrics[0]?.map((c) => c.number) ?? [];
  const corners = numbers.map((number, ci) => {
    const of = (pick: (c: CornerMetrics) => number | null): number | null => {
      const values: number[] = [];
      for (const lap of cornerMetrics) {
        const c = lap[ci];
        const v = c === undefined ? null : pick(c);
        if (v !== null && Number.isFinite(v)) values.push(v);
      }
      return values.length >= 2 ? stdDev(values) : null;
    };
    return { number, minSpeedStdDev: of((c) => c.minSpeed), timeInCornerStdDev: of((c) => c.timeInCorner), brakePointStdDev: of((c) => c.brakePoint) };
  });
  return {
    laps: n,
    best: n > 0 ? Math.min(...lapTimes) : null,
    median: orNull(median(lapTimes)),
    mean: orNull(m),
    stdDev: orNull(sd),
    iqr: n >= 2 ? quantile(lapTimes, 0.75) - quantile(lapTimes, 0.25) : null,
    cv: orNull(sd / m),
    corners,
  };
}

/** Lap-time trend over the stint: s per lap (> 0 = getting slower). */
export type Degradation = {
  readonly laps: number;
  /** s/lap, Theil–Sen slope of lap time vs lap number; null below MIN_TREND_LAPS laps. */
  readonly slope: number | null;
  /** s/lap, 95 % confidence interval of the slope. */
  readonly slopeLow: number | null;
  readonly slopeHigh: number | null;
  /** s, fitted lap time at lap number 0. */
  readonly intercept: number | null;
  /** Why there is no slope, when there is none. */
  readonly note: string | null;
};

/** Below this, a trend's interval is wider than any effect (research notes §10). */
export const MIN_TREND_LAPS = 5;

/**
 * Robust degradation trend on clean flying laps: the Theil–Sen slope, which one slow lap cannot
 * tilt the way least squares would. It mixes tyre wear, fuel burn and track evolution (no fuel
 * correction without fuel data): read it as the pace trend.
 */
export function degradation(lapNumbers: readonly number[], lapTimes: readonly number[]): Degradation {
  const n = Math.min(lapNumbers.length, lapTimes.length);
  if (n < MIN_TREND_LAPS) return { laps: n, slope: null, slopeLow: null, slopeHigh: null, intercept: null, note: `needs at least ${MIN_TREND_LAPS} clean laps, got ${n}` };
  const fit = theilSen(lapNumbers.slice(0, n), lapTimes.slice(0, n));
  if (fit === undefined) return { laps: n, slope: null, slopeLow: null, slopeHigh: null, intercept: null, note: 'lap numbers do not vary' };
  return { laps: n, slope: fit.slope, slopeLow: fit.slopeLow, slopeHigh: fit.slopeHigh, intercept: fit.intercept, note: null };
}
