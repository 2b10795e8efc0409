import { nearestInRange, nearestPointGlobal, refineOnSegments, type Nearest, type ShapeHit } from './nearest.js';
import type { TrackShape } from './shape.js';

/**
 * Projects car positions onto a track shape, one frame at a time, in constant time per frame:
 * the closest point is searched in a window around the previous match; only when that fails
 * (first fix, pit lane far off the line, reset, teleport, a gap in the stream) does it search
 * the whole shape. Returns the distance along the shape from its first point, in [0, length).
 */
export type ShapeProjector = {
  /** m along the shape, or undefined when the position is further than OFF_TRACK_M from it. */
  project(x: number, y: number): number | undefined;
  /** m, distance off the line of the last successful projection. */
  readonly offset: number;
  /** Forget the previous match (the next frame searches globally). */
  reset(): void;
};

/** m, a local match further off the line than this is not trusted: search the whole shape. */
export const LOCAL_MATCH_M = 25;
/** m, the local search runs this far along the shape either side of the previous match. */
export const SEARCH_WINDOW_M = 60;
/**
 * m, no lap distance for a car further than this from every point of the line: it is not on this
 * track (garage, menu, another layout). Pit lanes run within ≈ 30–50 m of the racing line.
 */
export const OFF_TRACK_M = 80;

export function createShapeProjector(shape: TrackShape): ShapeProjector {
  const n = shape.x.length;
  const step = shape.length / n;
  const sx = shape.x;
  const sy = shape.y;
  const window = Math.min(Math.floor((n - 1) / 2), Math.max(2, Math.ceil(SEARCH_WINDOW_M / step)));
  const local2 = LOCAL_MATCH_M * LOCAL_MATCH_M;
  const off2 = OFF_TRACK_M * OFF_TRACK_M;
  const hit: ShapeHit = { index: 0, fraction: 0, distance: 0 };
  let prev = -1;
  let offset = Number.NaN;

  const found: Nearest = { index: -1, d2: Number.POSITIVE_INFINITY };

  /** The closest point within the window around the previous match, or -1 when it cannot be trusted. */
  const localSearch = (x: number, y: number): number => {
    found.index = -1;
    found.d2 = Number.POSITIVE_INFINITY;
    const from = prev - window;
    const to = prev + window;
    // Plain ranges instead of a modulo per point: the window may wrap past the line.
    nearestInRange(sx, sy, from < 0 ? 0 : from, to >= n ? n - 1 : to, x, y, found);
    if (from < 0) nearestInRange(sx, sy, from + n, n - 1, x, y, found);
    if (to >= n) nearestInRange(sx, sy, 0, to - n, x, y, found);
    const best = found.index;
    if (best < 0 || found.d2 > local2) return -1;
    // The best at the edge of the window: the car may be further on (a gap in the stream).
    const along = (((best - prev) % n) + n) % n;
    return along === window || along === n - window ? -1 : best;
  };

  return {
    project(x, y) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
      let k = prev >= 0 ? localSearch(x, y) : -1;
      if (k < 0) {
        const g = nearestPointGlobal(shape, x, y);
        if (g.d2 > off2) {
          prev = -1;
          return undefined;
        }
        k = g.index;
      }
      prev = k;
      refineOnSegments(shape, x, y, k, hit);
      offset = hit.distance;
      let s = (hit.index + hit.fraction) * step;
      if (s >= shape.length) s -= shape.length;
      return s;
    },
    get offset() {
      return offset;
    },
    reset() {
      prev = -1;
    },
  };
}
