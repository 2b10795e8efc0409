import type { Trace } from '../model/trace.js';
import type { TrackModel } from './track-model.js';
import { trackModelFromCenterline } from './track-model.js';

/** Horizontal coordinates of a trace for a plane ('xz': Y up; 'xy': Z up). */
export function planCoordinates(trace: Trace, plane: 'xz' | 'xy'): { a: Float32Array; b: Float32Array } | undefined {
  const a = trace.channels.posX;
  const b = plane === 'xz' ? trace.channels.posZ : trace.channels.posY;
  return a === undefined || b === undefined ? undefined : { a, b };
}

/** m, a lap whose first and last samples are further apart than this did not start where it ended. */
export const OPEN_LAP_GAP_M = 40;

/**
 * A provisional model for games that send positions but no lap distance (GT7, Forza): the
 * driven path of one timed lap. Its origin (distance 0) is the line: the first sample when the
 * lap closes on itself, else the LAST sample, because a timed lap always ends at the line while
 * it may have begun elsewhere (GT7's first race lap at the start line, an out-lap at the pit
 * box); the missing piece between the line and the first sample is closed by a straight chord,
 * which the analysis treats as not driven. Laps projected onto it get a consistent
 * track-relative distance, never one integrated from speed.
 */
export function modelFromLapPositions(trace: Trace, plane: 'xz' | 'xy'): TrackModel | undefined {
  const p = planCoordinates(trace, plane);
  if (p === undefined || trace.length < 10) return undefined;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < trace.length; i++) {
    const x = p.a[i]!;
    const y = p.b[i]!;
    if (x !== x || y !== y) continue;
    const n = xs.length;
    // Stationary samples add nothing to a path.
    if (n > 0 && Math.hypot(x - xs[n - 1]!, y - ys[n - 1]!) < 0.05) continue;
    xs.push(x);
    ys.push(y);
  }
  if (xs.length < 10) return undefined;
  const last = xs.length - 1;
  if (Math.hypot(xs[last]! - xs[0]!, ys[last]! - ys[0]!) > OPEN_LAP_GAP_M) {
    // Start the loop at the line: the last sample, then the lap from its first sample on.
    xs.unshift(xs.pop()!);
    ys.unshift(ys.pop()!);
  }
  return trackModelFromCenterline(xs, ys, { smoothingM: 2 });
}

/** m, how far from the model a sample may be and still be matched locally. */
const LOCAL_MATCH_M = 30;
/** m, the local search runs this far either side of the previous match. */
const SEARCH_WINDOW_M = 60;

/**
 * Lap distance per sample by projection onto a model built with modelFromLapPositions (same
 * plane, unmirrored): the closest point, searched around the previous match so each sample
 * costs O(window), with a full search when the car is lost (first sample, after a reset).
 * The result is refined onto the segment between neighbouring model points.
 */
export function projectedDistance(trace: Trace, model: TrackModel, plane: 'xz' | 'xy'): Float64Array {
  const out = new Float64Array(trace.length).fill(Number.NaN);
  const p = planCoordinates(trace, plane);
  if (p === undefined) return out;
  const n = model.cells;
  const mx = model.x;
  const my = model.y;
  const sign = model.mirrored ? -1 : 1;
  const win = Math.max(2, Math.round(SEARCH_WINDOW_M / model.step));
  let prev = -1;
  for (let i = 0; i < trace.length; i++) {
    const x = p.a[i]!;
    const y = sign * p.b[i]!;
    if (x !== x || y !== y) continue;
    let best = -1;
    let bestD = Infinity;
    if (prev >= 0) {
      for (let j = prev - win; j <= prev + win; j++) {
        const k = ((j % n) + n) % n;
        const d = (mx[k]! - x) ** 2 + (my[k]! - y) ** 2;
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
    }
    if (best < 0 || bestD > LOCAL_MATCH_M * LOCAL_MATCH_M) {
      for (let k = 0; k < n; k++) {
        const d = (mx[k]! - x) ** 2 + (my[k]! - y) ** 2;
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
    }
    prev = best;
    // Refine along the segment towards the next point.
    const k2 = (best + 1) % n;
    const dx = mx[k2]! - mx[best]!;
    const dy = my[k2]! - my[best]!;
    const len2 = dx * dx + dy * dy;
    let f = len2 > 0 ? ((x - mx[best]!) * dx + (y - my[best]!) * dy) / len2 : 0;
    if (f < 0) {
      const k0 = (best - 1 + n) % n;
      const ex = mx[best]! - mx[k0]!;
      const ey = my[best]! - my[k0]!;
      const l0 = ex * ex + ey * ey;
      f = l0 > 0 ? Math.max(-1, ((x - mx[k0]!) * ex + (y - my[k0]!) * ey) / l0 - 1) : 0;
    } else if (f > 1) f = 1;
    let s = (best + f) * model.step;
    if (s < 0) s += model.length;
    if (s >= model.length) s -= model.length;
    out[i] = s;
  }
  return out;
}
