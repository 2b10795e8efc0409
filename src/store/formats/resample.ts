import type { ChannelKind } from '../../engine/model/index.js';

/**
 * Resampling for importers and exporters. Continuous channels interpolate linearly, discrete ones
 * hold the previous sample (CHANNELS decides which); `wraps` marks a channel that jumps down once a
 * lap (lap distance) and must not be interpolated across that jump.
 */
export type ResampleOptions = { readonly kind: ChannelKind; readonly wraps?: boolean };

/**
 * Values of an evenly spaced series (sample k at `t0 + k / rate`) at the given sorted times.
 * Times before the first sample or more than one sample period after the last are NaN.
 */
export function resampleEven(values: ArrayLike<number>, rate: number, t0: number, times: Float64Array, opts: ResampleOptions): Float32Array;
export function resampleEven<T extends Float32Array | Float64Array>(values: ArrayLike<number>, rate: number, t0: number, times: Float64Array, opts: ResampleOptions, out: T): T;
export function resampleEven(
  values: ArrayLike<number>,
  rate: number,
  t0: number,
  times: Float64Array,
  opts: ResampleOptions,
  out: Float32Array | Float64Array = new Float32Array(times.length),
): Float32Array | Float64Array {
  const n = values.length;
  for (let j = 0; j < times.length; j++) {
    const x = (times[j]! - t0) * rate;
    if (!(x > -1e-6) || n === 0 || x > n + 1e-6) {
      out[j] = Number.NaN;
      continue;
    }
    const k = Math.max(0, Math.floor(x + 1e-9));
    if (k >= n - 1) {
      out[j] = values[n - 1]!;
      continue;
    }
    out[j] = valueBetween(values[k]!, values[k + 1]!, x - k, opts);
  }
  return out;
}

/**
 * Values of a series with arbitrary sorted sample times `srcT` at the given sorted times. A time
 * within `snap` s of a source sample takes that sample's value exactly (the nearer one when two
 * are), before any range check: the MoTeC writer's grid points sit a float32 rounding away from
 * the game's sample times and must carry the samples themselves, not a blend with a neighbour
 * or a NaN just past the last sample. Other times interpolate (continuous) or hold (discrete);
 * times outside [first, last] sample are NaN.
 */
export function resampleIrregular(srcT: Float64Array, values: ArrayLike<number>, times: Float64Array, opts: ResampleOptions, snap = 0): Float32Array {
  const n = srcT.length;
  const out = new Float32Array(times.length);
  let k = 0;
  for (let j = 0; j < times.length; j++) {
    const t = times[j]!;
    // k: the last sample at or before t (0 before the first), kept below n - 1 so k + 1 exists.
    while (k < n - 2 && srcT[k + 1]! <= t) k++;
    if (snap > 0 && n > 0) {
      const near = k + 1 < n && Math.abs(srcT[k + 1]! - t) < Math.abs(srcT[k]! - t) ? k + 1 : k;
      if (Math.abs(srcT[near]! - t) <= snap) {
        out[j] = values[near]!;
        continue;
      }
    }
    if (n === 0 || t < srcT[0]! - 1e-9 || t > srcT[n - 1]! + 1e-9) {
      out[j] = Number.NaN;
      continue;
    }
    if (n === 1 || t <= srcT[k]!) {
      out[j] = values[k]!;
      continue;
    }
    const span = srcT[k + 1]! - srcT[k]!;
    const frac = span > 0 ? Math.min(1, (t - srcT[k]!) / span) : 0;
    out[j] = valueBetween(values[k]!, values[k + 1]!, frac, opts);
  }
  return out;
}

function valueBetween(a: number, b: number, frac: number, opts: ResampleOptions): number {
  if (frac <= 1e-9) return a;
  if (frac >= 1 - 1e-9) return b;
  if (opts.kind === 'discrete') return a;
  if (opts.wraps && b < a) return a;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? b : a;
  return a + (b - a) * frac;
}

/** Replace NaN gaps by the previous valid value (leading NaNs take the first valid one). False if all NaN. */
export function fillGaps(values: Float32Array | Float64Array): boolean {
  let first = -1;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i]!)) {
      first = i;
      break;
    }
  }
  if (first < 0) return false;
  values.fill(values[first]!, 0, first);
  let last = values[first]!;
  for (let i = first; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) values[i] = last;
    else last = v;
  }
  return true;
}

/** The median sample interval of sorted times (s), or NaN with fewer than two samples. */
export function medianInterval(t: Float64Array): number {
  if (t.length < 2) return Number.NaN;
  const step = Math.max(1, Math.floor((t.length - 1) / 4096));
  const dts: number[] = [];
  for (let i = step; i < t.length; i += step) dts.push((t[i]! - t[i - step]!) / step);
  dts.sort((a, b) => a - b);
  return dts[dts.length >> 1]!;
}
