import type { CornerDirection } from './corners.js';

/**
 * Event search on grid arrays with unwrapped indices: k may run below 0 or past `cells` for a
 * corner that spans the line; the value is read at k mod cells (the same lap's other end).
 */

/** Index k mod cells, in [0, cells). */
export function wrapIndex(k: number, cells: number): number {
  const r = k % cells;
  return r < 0 ? r + cells : r;
}

/**
 * Where to read a value for unwrapped index k: k itself on [0, cells] — point `cells` is the line
 * at the lap's end, which the grid keeps — else k mod cells. The lap's start (index 0) is not its
 * end: a lap begun from the pit lane crosses the line slowly, and a zone ending at the line must
 * not read that speed as the last corner's minimum.
 */
export function valueIndex(k: number, cells: number): number {
  return k === cells ? cells : wrapIndex(k, cells);
}

/** s, lap time between unwrapped grid indices a ≤ b (adds a lap time per wrap). */
export function timeBetween(t: ArrayLike<number>, cells: number, a: number, b: number): number {
  const lapTime = t[cells]!;
  const wa = Math.floor(a / cells);
  const wb = Math.floor(b / cells);
  return t[wrapIndex(b, cells)]! - t[wrapIndex(a, cells)]! + (wb - wa) * lapTime;
}

/**
 * First index in [from, to] where `pred` holds and keeps holding for at least `minS` seconds
 * (or until `to`), so a kerb bump or a noisy sample is not an event. undefined when none.
 */
export function firstSustained(
  col: ArrayLike<number>,
  t: ArrayLike<number>,
  cells: number,
  from: number,
  to: number,
  pred: (v: number) => boolean,
  minS: number,
): number | undefined {
  let start = -1;
  for (let k = from; k <= to; k++) {
    const v = col[valueIndex(k, cells)]!;
    if (v === v && pred(v)) {
      if (start < 0) start = k;
      if (timeBetween(t, cells, start, k) >= minS) return start;
    } else {
      start = -1;
    }
  }
  return start >= 0 ? start : undefined;
}

/** Steering sign of a corner: steer is positive to the right. */
export function steerSign(direction: CornerDirection): number {
  return direction === 'R' ? 1 : -1;
}
