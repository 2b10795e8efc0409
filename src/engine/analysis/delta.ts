import { sameGrid, type DistanceGrid } from './grid.js';

/** What a delta needs of a lap: its grid and its time since the line at each grid point. */
export type TimedGrid = {
  readonly grid: DistanceGrid;
  /** s since the line crossing per grid point (index 0 = 0 m, index cells = lap length). */
  readonly t: ArrayLike<number>;
};

/**
 * Time of `lap` at the points of `grid`. Same grid: the lap's own array. Another grid (a
 * reference recorded when the game reported a slightly different length): matched by the
 * fraction of the lap, so the line maps to the line.
 */
export function timeOnGrid(lap: TimedGrid, grid: DistanceGrid): Float64Array {
  const out = new Float64Array(grid.cells + 1);
  if (sameGrid(lap.grid, grid)) {
    for (let k = 0; k <= grid.cells; k++) out[k] = lap.t[k]!;
    return out;
  }
  const ratio = lap.grid.cells / grid.cells;
  for (let k = 0; k <= grid.cells; k++) {
    const x = k * ratio;
    const i = Math.min(Math.floor(x), lap.grid.cells - 1);
    const f = x - i;
    const a = lap.t[i]!;
    out[k] = a + f * (lap.t[i + 1]! - a);
  }
  out[grid.cells] = lap.t[lap.grid.cells]!;
  return out;
}

/**
 * δ(s) = t_lap(s) − t_ref(s) on the lap's grid, s: positive = the lap is behind the reference.
 * Compared at equal track position, never at equal time. δ(0) = 0 and δ(L) = the lap-time
 * difference exactly when both laps are complete (their edge points are the line crossings).
 * When either lap misses metres at an end (see partial.ts), δ is measured over the part both
 * cover: 0 where that part begins, flat outside it; δ(L) is then the time difference over it.
 */
export function deltaCurve(lap: TimedGrid, reference: TimedGrid): Float64Array {
  const ref = timeOnGrid(reference, lap.grid);
  const cells = lap.grid.cells;
  const out = new Float64Array(cells + 1);
  const t = lap.t;
  if (Number.isFinite(t[0]!) && Number.isFinite(t[cells]!) && Number.isFinite(ref[0]!) && Number.isFinite(ref[cells]!)) {
    for (let k = 0; k <= cells; k++) out[k] = t[k]! - ref[k]!;
    return out;
  }
  // A lap (or reference) with missing ends: δ over the part both cover, zero where it begins,
  // held flat outside it, so losses there are 0 and Σ losses = δ over the common part.
  let from = 0;
  while (from <= cells && !(Number.isFinite(t[from]!) && Number.isFinite(ref[from]!))) from++;
  let to = cells;
  while (to > from && !(Number.isFinite(t[to]!) && Number.isFinite(ref[to]!))) to--;
  if (from >= to) return out;
  const t0 = t[from]!;
  const r0 = ref[from]!;
  for (let k = from; k <= to; k++) {
    const d = t[k]! - t0 - (ref[k]! - r0);
    out[k] = d === d ? d : out[k - 1]!;
  }
  for (let k = to + 1; k <= cells; k++) out[k] = out[to]!;
  return out;
}

/** Live delta for the lap in progress: s, or undefined off the grid / without reference data there. */
export type LiveDelta = (lapDistance: number, currentLapTime: number) => number | undefined;

/**
 * A constant-time live delta against a reference lap: the reference time at the car's lap
 * distance is interpolated between two grid points (no search), so each frame costs a few
 * arithmetic operations. Distances outside [0, L] (F1 reports negative distance before the
 * line) give undefined, as do grid points where the reference has no data.
 */
export function createLiveDelta(reference: TimedGrid): LiveDelta {
  const { step, cells, length } = reference.grid;
  const times = Float64Array.from(reference.t as ArrayLike<number>);
  const inv = 1 / step;
  return (lapDistance, currentLapTime) => {
    if (!(lapDistance >= 0) || lapDistance > length || !Number.isFinite(currentLapTime)) return undefined;
    const x = lapDistance * inv;
    let k = x | 0;
    if (k >= cells) k = cells - 1;
    const a = times[k]!;
    const ref = a + (x - k) * (times[k + 1]! - a);
    if (ref !== ref) return undefined;
    return currentLapTime - ref;
  };
}
