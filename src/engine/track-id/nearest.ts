import type { TrackShape } from './shape.js';

/** Where a point falls on a shape: the segment from point `index` to the next, the fraction along it, the distance off it. */
export type ShapeHit = {
  /** The shape point the segment starts at. */
  index: number;
  /** 0..1 along the segment to the next point. */
  fraction: number;
  /** m, perpendicular (or end-point) distance from the point to the segment. */
  distance: number;
};

/** The closest shape point so far: its index and squared distance (m²). */
export type Nearest = { index: number; d2: number };

/** The closest shape point to (x, y) among all points: O(n), for a car that is lost or a first fix. */
export function nearestPointGlobal(shape: TrackShape, x: number, y: number): Nearest {
  const found: Nearest = { index: 0, d2: Number.POSITIVE_INFINITY };
  nearestInRange(shape.x, shape.y, 0, shape.x.length - 1, x, y, found);
  return found;
}

/**
 * Updates `found` with the closest of points [from, to] if closer than what it holds. A plain
 * function over locals (no closure state in the loop): the projector runs it for every frame.
 */
export function nearestInRange(sx: Float32Array, sy: Float32Array, from: number, to: number, x: number, y: number, found: Nearest): void {
  let best = found.index;
  let bestD2 = found.d2;
  for (let k = from; k <= to; k++) {
    const dx = sx[k]! - x;
    const dy = sy[k]! - y;
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD2) {
      bestD2 = d2;
      best = k;
    }
  }
  found.index = best;
  found.d2 = bestD2;
}

/**
 * Refines a closest point onto the two segments that meet at it (the one arriving and the one
 * leaving), keeping the nearer projection. Writes into `out` (no allocation per frame).
 */
export function refineOnSegments(shape: TrackShape, x: number, y: number, k: number, out: ShapeHit): ShapeHit {
  const sx = shape.x;
  const sy = shape.y;
  const n = sx.length;
  const next = k + 1 === n ? 0 : k + 1;
  const prev = k === 0 ? n - 1 : k - 1;
  // Leaving segment k → next.
  let f1 = projectFraction(sx[k]!, sy[k]!, sx[next]!, sy[next]!, x, y);
  const d1 = distanceAt(sx[k]!, sy[k]!, sx[next]!, sy[next]!, f1, x, y);
  // Arriving segment prev → k.
  const f0 = projectFraction(sx[prev]!, sy[prev]!, sx[k]!, sy[k]!, x, y);
  const d0 = distanceAt(sx[prev]!, sy[prev]!, sx[k]!, sy[k]!, f0, x, y);
  if (d0 < d1 && f0 < 1) {
    out.index = prev;
    out.fraction = f0;
    out.distance = d0;
  } else {
    if (f1 < 0) f1 = 0;
    out.index = k;
    out.fraction = f1;
    out.distance = d1;
  }
  return out;
}

function projectFraction(ax: number, ay: number, bx: number, by: number, x: number, y: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (!(len2 > 0)) return 0;
  const f = ((x - ax) * dx + (y - ay) * dy) / len2;
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

function distanceAt(ax: number, ay: number, bx: number, by: number, f: number, x: number, y: number): number {
  const dx = ax + f * (bx - ax) - x;
  const dy = ay + f * (by - ay) - y;
  // Not Math.hypot: several times slower in V8, and this runs twice per frame.
  return Math.sqrt(dx * dx + dy * dy);
}
