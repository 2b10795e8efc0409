/**
 * The common distance grid every lap is resampled onto. Points are uniformly spaced and the last
 * one sits exactly at the lap length, so t(L) is the lap time with no partial cell to patch:
 * `cells` = round(L / targetStep), step = L / cells (≈ 1 m), points k = 0..cells.
 * Closed-loop arrays (track model) use the first `cells` points; point `cells` equals point 0.
 */
export type DistanceGrid = {
  /** m, lap length; the distance of the last grid point. */
  readonly length: number;
  /** Number of cells; there are cells + 1 points. */
  readonly cells: number;
  /** m, spacing (length / cells). */
  readonly step: number;
};

/** A grid of ≈ `targetStep` metres over a lap of `length` metres. */
export function makeGrid(length: number, targetStep = 1): DistanceGrid {
  if (!(length > 0) || !Number.isFinite(length)) throw new RangeError(`lap length must be a positive number of metres, got ${length}`);
  const cells = Math.max(1, Math.round(length / targetStep));
  return { length, cells, step: length / cells };
}

/** m, distance of grid point k (exact at both ends). */
export function gridDistance(grid: DistanceGrid, k: number): number {
  return k >= grid.cells ? grid.length : k * grid.step;
}

/** Nearest grid point index of a distance, clamped to [0, cells]. */
export function gridIndex(grid: DistanceGrid, distance: number): number {
  const k = Math.round(distance / grid.step);
  return k < 0 ? 0 : k > grid.cells ? grid.cells : k;
}

/** Whether two grids describe the same points (same length to 1 mm, same cell count). */
export function sameGrid(a: DistanceGrid, b: DistanceGrid): boolean {
  return a.cells === b.cells && Math.abs(a.length - b.length) < 1e-3;
}

/** Linear interpolation of a grid array at distance s (clamped to the grid). */
export function sampleAt(grid: DistanceGrid, values: ArrayLike<number>, distance: number): number {
  const x = distance / grid.step;
  if (!(x > 0)) return values[0]!;
  if (x >= grid.cells) return values[grid.cells]!;
  const k = Math.floor(x);
  const f = x - k;
  const a = values[k]!;
  const b = values[k + 1]!;
  return a + f * (b - a);
}

/** Circular distance between two positions on a loop of `length` m (0 ≤ result ≤ length/2). */
export function loopDistance(a: number, b: number, length: number): number {
  let d = Math.abs(a - b) % length;
  if (d > length / 2) d = length - d;
  return d;
}

/** Signed circular difference b − a on a loop, in (−length/2, length/2]. */
export function loopDelta(a: number, b: number, length: number): number {
  let d = (b - a) % length;
  if (d > length / 2) d -= length;
  if (d <= -length / 2) d += length;
  return d;
}
