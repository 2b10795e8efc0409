import type { ChannelName } from '../../engine/model/index.js';
import { median } from '../../engine/analysis/stats.js';
import { lowerBound, type LapSpan } from './laps.js';

/** s: how close a lap's end and the next lap's start must be to count as one line crossing. */
const SAME_CROSSING_S = 1e-6;

/**
 * Lap distance for logs that carry none (MoTeC loggers, ACC and GT6 exports, i2 CSV exports):
 * ground speed integrated over each lap, the way MoTeC i2 computes its own Distance, so that
 * imported laps can be compared metre by metre like recorded ones.
 *
 * - A lap that starts at the line (a flying lap, or one that starts where the previous one
 *   ended) counts forward from 0.
 * - Laps that run line to line are then scaled to end at the median of their integrated lengths:
 *   wheel-speed-based speed drifts by a few tenths of a percent per lap, and unscaled the
 *   shorter laps would not cover the track.
 * - The first lap, when it ends at the line (an out lap), counts back from that length.
 * - Samples of a lap that touches no crossing (a whole log with no lap markers) stay NaN: there
 *   is no line to measure from.
 *
 * `length` is that median (m), undefined when no lap ran line to line.
 */
export function distanceFromSpeed(t: Float64Array, speed: ArrayLike<number>, laps: readonly LapSpan[]): { distance: Float64Array; length: number | undefined } {
  const n = t.length;
  const distance = new Float64Array(n).fill(Number.NaN);
  const ranges = laps.map((lap, k) => {
    const i0 = lowerBound(t, lap.startT - 1e-9);
    const i1 = k === laps.length - 1 ? n : lowerBound(t, lap.endT - 1e-9);
    // A flying lap runs line to line by definition (an i2 export of one lap is nothing else).
    const flying = lap.category === 'flying';
    const startsAtLine = flying || (k > 0 && Math.abs(laps[k - 1]!.endT - lap.startT) <= SAME_CROSSING_S);
    const endsAtLine = flying || (k < laps.length - 1 && Math.abs(laps[k + 1]!.startT - lap.endT) <= SAME_CROSSING_S);
    return { lap, i0, i1, startsAtLine, endsAtLine };
  });
  const full: number[] = [];
  for (const r of ranges) {
    if (!r.startsAtLine) continue;
    const total = integrate(t, speed, distance, r.i0, r.i1, r.lap.startT);
    if (r.endsAtLine) full.push(integralTo(t, speed, r.i1, r.lap.endT, total));
  }
  const length = full.length > 0 ? median(full) : undefined;
  for (const r of ranges) {
    if (!r.startsAtLine || !r.endsAtLine || length === undefined || r.i1 <= r.i0) continue;
    const total = integralTo(t, speed, r.i1, r.lap.endT, distance[r.i1 - 1]!);
    if (total > 0) for (let i = r.i0; i < r.i1; i++) distance[i] = (distance[i]! * length) / total;
  }
  const first = ranges[0];
  if (first && !first.startsAtLine && first.endsAtLine && length !== undefined) {
    // Backwards from the line: the sample just before the crossing is (speed × the time left) short of it.
    let remaining = 0;
    let nextT = first.lap.endT;
    let nextV = valueAt(speed, first.i1, first.i1 - 1);
    for (let i = first.i1 - 1; i >= first.i0; i--) {
      remaining += trapezoid(speed[i]!, nextV, nextT - t[i]!);
      distance[i] = length - remaining;
      nextT = t[i]!;
      nextV = speed[i]!;
    }
  }
  return { distance, length };
}

/** Forward integral over samples [i0, i1) from `startT` (value 0), written into `out`; returns the value at the last sample. */
function integrate(t: Float64Array, speed: ArrayLike<number>, out: Float64Array, i0: number, i1: number, startT: number): number {
  let d = 0;
  let prevT = startT;
  let prevV = i0 < t.length ? speed[i0]! : Number.NaN;
  for (let i = i0; i < i1; i++) {
    d += trapezoid(prevV, speed[i]!, t[i]! - prevT);
    out[i] = d;
    prevT = t[i]!;
    prevV = speed[i]!;
  }
  return d;
}

/** The integral carried on from the lap's last sample (i1 - 1, at value `d`) to its end time. */
function integralTo(t: Float64Array, speed: ArrayLike<number>, i1: number, endT: number, d: number): number {
  if (i1 < 1) return d;
  const last = i1 - 1;
  return d + trapezoid(speed[last]!, valueAt(speed, i1, last), endT - t[last]!);
}

/** speed[i] when it exists, else speed[fallback]. */
const valueAt = (speed: ArrayLike<number>, i: number, fallback: number): number => (i < speed.length ? speed[i]! : speed[fallback]!);

/** Distance over `dt` between two speeds; a missing speed counts as the other one (or nothing). */
function trapezoid(a: number, b: number, dt: number): number {
  const va = Number.isFinite(a) ? a : b;
  const vb = Number.isFinite(b) ? b : a;
  if (!Number.isFinite(va) || !(dt > 0)) return 0;
  return ((va + vb) / 2) * dt;
}

/**
 * The lap distance of an imported log: its own lap distance channel when it has one, else
 * distances integrated from speed (`distanceFromSpeed`), else NaN; says which in `warnings`.
 */
export function lapDistances(
  t: Float64Array,
  channels: Partial<Record<ChannelName, Float32Array>>,
  laps: readonly LapSpan[],
  warnings: string[],
  /** Hz, the source rates of the lap distance and speed channels when they differ from the time base's (MoTeC loggers). */
  rates: { readonly lapDistance?: number; readonly speed?: number } = {},
): Float64Array {
  const own = channels.lapDistance;
  const speed = channels.speed;
  // A distance logged more slowly than speed misplaces the line by up to one of its periods
  // (MoTeC's sample log: Lap Distance at 1 Hz, 60 m at racing speed), and interpolating across
  // its reset to 0 invents distances: speed at its faster rate places every metre better.
  const coarse = own !== undefined && speed !== undefined && rates.lapDistance !== undefined && rates.speed !== undefined && rates.lapDistance < rates.speed;
  if (own && !coarse) return Float64Array.from(own);
  if (!speed) {
    warnings.push('no lap distance and no speed channel: lap distance is unknown');
    return new Float64Array(t.length).fill(Number.NaN);
  }
  const { distance, length } = distanceFromSpeed(t, speed, laps);
  const crossed = length !== undefined || laps.length > 1;
  if (own && !crossed) return Float64Array.from(own);
  const why = coarse
    ? `the lap distance channel is logged at ${rates.lapDistance} Hz, speed at ${rates.speed} Hz: lap distance integrated from speed instead`
    : 'no lap distance channel: lap distance integrated from speed';
  if (length !== undefined) warnings.push(`${why} (lap length ${length.toFixed(1)} m, the median of the complete laps)`);
  else if (crossed) warnings.push(`${why} from the first line crossing (no complete lap to measure the track by)`);
  else warnings.push('no lap distance channel and no lap markers: lap distance is unknown (no line crossing to measure from)');
  return distance;
}
