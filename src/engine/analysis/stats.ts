/**
 * Small robust statistics used across the analysis: order statistics, MAD, Theil–Sen.
 * All functions take plain number arrays and never mutate their input.
 */

/** Scale factor that turns a MAD into a standard-deviation estimate for normal data. */
export const MAD_TO_SIGMA = 1.4826;

/** Sorted copy (ascending), NaN removed. */
export function sortedFinite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out.push(v);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Quantile of already sorted values with linear interpolation between order statistics
 * (the "type 7" definition used by numpy and R's default). NaN for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return sorted[0]!;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const f = pos - lo;
  return sorted[lo]! + f * (sorted[hi]! - sorted[lo]!);
}

export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(sortedFinite(values), q);
}

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation (unscaled). */
export function mad(values: ArrayLike<number>): number {
  const m = median(values);
  const dev: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) dev.push(Math.abs(v - m));
  }
  return median(dev);
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
}

/** Sample standard deviation (n − 1); NaN below two values. */
export function stdDev(values: ArrayLike<number>): number {
  const m = mean(values);
  let ss = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      ss += (v - m) * (v - m);
      n++;
    }
  }
  return n < 2 ? Number.NaN : Math.sqrt(ss / (n - 1));
}

/** Median of a small scratch array in place (insertion sort; for n ≤ ~50 this beats sort()). */
export function medianInPlace(buf: Float64Array, n: number): number {
  if (n === 0) return Number.NaN;
  for (let i = 1; i < n; i++) {
    const v = buf[i]!;
    let j = i - 1;
    while (j >= 0 && buf[j]! > v) {
      buf[j + 1] = buf[j]!;
      j--;
    }
    buf[j + 1] = v;
  }
  const h = n >> 1;
  return n % 2 === 1 ? buf[h]! : 0.5 * (buf[h - 1]! + buf[h]!);
}

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * Expected maximum of n independent standard normal variables (Blom's approximation
 * Φ⁻¹((n − 0.375)/(n + 0.25)), within ~1 % of the exact value for n ≤ 100; n = 20 → 1.87).
 * Used to state how optimistic a sum of per-segment minima is.
 */
export function expectedMaxOfNormals(n: number): number {
  if (n <= 1) return 0;
  return normalQuantile((n - 0.375) / (n + 0.25));
}

export type TheilSen = {
  /** Median of pairwise slopes, in y units per x unit. */
  readonly slope: number;
  /** Median of y − slope·x. */
  readonly intercept: number;
  /** 95 % confidence interval of the slope from Kendall's τ distribution (Sen 1968). */
  readonly slopeLow: number;
  readonly slopeHigh: number;
  readonly n: number;
};

/**
 * Theil–Sen robust line fit. Tolerates up to ~29 % outliers, unlike least squares which one
 * spun lap can tilt. The confidence interval is the distribution-free one built from the
 * ranks of the pairwise slopes, so no random bootstrap is needed (the engine has no RNG).
 */
export function theilSen(x: readonly number[], y: readonly number[]): TheilSen | undefined {
  const n = Math.min(x.length, y.length);
  if (n < 2) return undefined;
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = x[j]! - x[i]!;
      if (dx !== 0) slopes.push((y[j]! - y[i]!) / dx);
    }
  }
  if (slopes.length === 0) return undefined;
  slopes.sort((a, b) => a - b);
  const slope = quantileSorted(slopes, 0.5);
  const resid: number[] = [];
  for (let i = 0; i < n; i++) resid.push(y[i]! - slope * x[i]!);
  const intercept = median(resid);
  // Var(S) of Kendall's statistic without ties; C is the half-width in ranks of pairwise slopes.
  const varS = (n * (n - 1) * (2 * n + 5)) / 18;
  const cHalf = 1.959964 * Math.sqrt(varS);
  const m = slopes.length;
  const lowRank = Math.max(0, Math.floor((m - cHalf) / 2) - 1);
  const highRank = Math.min(m - 1, Math.ceil((m + cHalf) / 2));
  return { slope, intercept, slopeLow: slopes[lowRank]!, slopeHigh: slopes[highRank]!, n };
}
