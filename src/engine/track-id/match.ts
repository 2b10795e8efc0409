import { nearestPointGlobal, refineOnSegments, type ShapeHit } from './nearest.js';
import type { TrackShape } from './shape.js';

/**
 * How well a driven path lies on a stored shape. Both are in the game's world coordinates: the
 * same track in the same game gives the same coordinates (GT7, Forza), so no alignment is
 * searched; two laps of one track differ only by their lines (a few metres inside the track's
 * width) while other tracks are hundreds of metres away or a different length.
 */
export type ShapeComparison = {
  /** Path length ÷ shape length (1 = same length). Undefined for a partial path. */
  readonly lengthRatio: number | undefined;
  /** m, mean distance from the path's points to the nearest point of the shape. */
  readonly meanM: number;
  /** m, 95th percentile of those distances (one section elsewhere: another layout of the venue). */
  readonly p95M: number;
  /** Share of path points whose direction of travel agrees with the shape's (a reverse layout gives ≈ 0). */
  readonly forwardShare: number;
  /** Path points compared. */
  readonly samples: number;
};

/**
 * The thresholds of a match, and why:
 * - length within 6 %: two drivers' lines on one track differ by < 2 % (measured: the GT7 Spa
 *   lap and the sparse speedboard Spa path differ by ~1 %); GT7 layouts of one venue differ by far
 *   more (Brands Hatch Indy is half of GP).
 * - mean distance ≤ 8 m and 95th percentile ≤ 20 m: a track is 10–15 m wide, so two lines on it
 *   stay within a few metres on average and within its width nearly everywhere; a layout that
 *   shares most of the venue but differs in one section fails the percentile.
 * - ≥ 90 % of points travelling the same way: reverse layouts share every metre of tarmac.
 */
export const MATCH_THRESHOLDS = {
  lengthTolerance: 0.06,
  meanM: 8,
  p95M: 20,
  forwardShare: 0.9,
} as const;

/** m, the path is compared every this many metres (enough for the statistics, cheap). */
const SAMPLE_SPACING_M = 10;

/**
 * Compares a path (a lap's shape, or a stretch of one) with a stored shape. `closed` says the path
 * is a whole lap: then lengths are compared too. O(path samples × shape points), ≈ 1–3 ms for a
 * 7 km lap; run once per lap, never per frame.
 */
export function compareShapes(path: TrackShape, shape: TrackShape, closed: boolean): ShapeComparison {
  const n = path.x.length;
  const stride = Math.max(1, Math.round(SAMPLE_SPACING_M / (path.length / n)));
  const distances: number[] = [];
  let forward = 0;
  const hit: ShapeHit = { index: 0, fraction: 0, distance: 0 };
  const m = shape.x.length;
  const last = closed ? n : n - 1;
  for (let i = 0; i < last; i += stride) {
    const x = path.x[i]!;
    const y = path.y[i]!;
    const g = nearestPointGlobal(shape, x, y);
    refineOnSegments(shape, x, y, g.index, hit);
    distances.push(hit.distance);
    const j = i + 1 === n ? 0 : i + 1;
    const k2 = hit.index + 1 === m ? 0 : hit.index + 1;
    const dot = (path.x[j]! - x) * (shape.x[k2]! - shape.x[hit.index]!) + (path.y[j]! - y) * (shape.y[k2]! - shape.y[hit.index]!);
    if (dot > 0) forward++;
  }
  const count = distances.length;
  let sum = 0;
  for (const d of distances) sum += d;
  distances.sort((a, b) => a - b);
  return {
    lengthRatio: closed ? path.length / shape.length : undefined,
    meanM: count > 0 ? sum / count : Number.POSITIVE_INFINITY,
    p95M: count > 0 ? distances[Math.min(count - 1, Math.floor(0.95 * count))]! : Number.POSITIVE_INFINITY,
    forwardShare: count > 0 ? forward / count : 0,
    samples: count,
  };
}

/** Whether a comparison is a match under MATCH_THRESHOLDS. */
export function isMatch(c: ShapeComparison): boolean {
  const t = MATCH_THRESHOLDS;
  if (c.lengthRatio !== undefined && !(Math.abs(c.lengthRatio - 1) <= t.lengthTolerance)) return false;
  return c.meanM <= t.meanM && c.p95M <= t.p95M && c.forwardShare >= t.forwardShare;
}

/** A stored shape with its key, as identification sees it. */
export type KnownShape = { readonly trackKey: string; readonly name?: string; readonly shape: TrackShape };

export type ShapeMatch = { readonly known: KnownShape; readonly comparison: ShapeComparison };

/**
 * The stored shape a path belongs to: the matching one with the smallest mean distance. Shapes in
 * another plane, or whose length rules them out (whole laps), are skipped before any distance is
 * computed. For a partial path the best must also be clearly better than any other match
 * (half the mean distance), else the answer waits for more path.
 */
export function identifyShape(path: TrackShape, known: readonly KnownShape[], closed: boolean): ShapeMatch | undefined {
  const matches: ShapeMatch[] = [];
  const box = boundsOf(path);
  for (const k of known) {
    if (k.shape.plane !== path.plane) continue;
    if (closed && !(Math.abs(path.length / k.shape.length - 1) <= MATCH_THRESHOLDS.lengthTolerance)) continue;
    // Elsewhere in the world (GT7 venues each have their own place): no point measuring distances.
    if (!overlaps(box, boundsOf(k.shape), MATCH_THRESHOLDS.p95M)) continue;
    const comparison = compareShapes(path, k.shape, closed);
    if (isMatch(comparison)) matches.push({ known: k, comparison });
  }
  matches.sort((a, b) => a.comparison.meanM - b.comparison.meanM);
  const best = matches[0];
  const second = matches[1];
  if (best === undefined) return undefined;
  if (!closed && second !== undefined && second.comparison.meanM < 2 * best.comparison.meanM) return undefined;
  return best;
}

type Bounds = { minX: number; maxX: number; minY: number; maxY: number };

function boundsOf(shape: TrackShape): Bounds {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < shape.x.length; i++) {
    const x = shape.x[i]!;
    const y = shape.y[i]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, maxX, minY, maxY };
}

/** Whether two boxes overlap once grown by `margin` metres. */
function overlaps(a: Bounds, b: Bounds, margin: number): boolean {
  return a.minX <= b.maxX + margin && b.minX <= a.maxX + margin && a.minY <= b.maxY + margin && b.minY <= a.maxY + margin;
}
