import { modelFromLapPositions } from '../analysis/projection.js';
import type { Trace } from '../model/trace.js';
import { nearestPointGlobal, refineOnSegments } from './nearest.js';

/** Horizontal plane of a game's world coordinates: 'xz' (Y up: GT7, Forza, most games) or 'xy' (Z up). */
export type TrackPlane = 'xz' | 'xy';

/**
 * A track's driven line as racecraft keeps it: a closed path of `x.length` points spaced evenly
 * along it, point k at lap distance k·length/n from the start/finish line (point n would be the
 * line again). Coordinates are the game's own world coordinates in `plane` (x = posX,
 * y = posZ or posY), unmirrored, so a lap of the same track in the same game lands on it.
 */
export type TrackShape = {
  /** m, lap length along the path (the spline length of the driven line). */
  readonly length: number;
  readonly plane: TrackPlane;
  /** m, world coordinates of the evenly spaced points. */
  readonly x: Float32Array;
  readonly y: Float32Array;
};

/** m, spacing of a stored shape's points. At 2 m a chord strays 2.5 cm from a 20 m hairpin: far below a line's width. */
export const SHAPE_SPACING_M = 2;
/** A shape needs at least this many points (a 32 m loop): anything smaller is no track. */
const MIN_POINTS = 16;

/** The plane a trace's positions are in: 'xz' when it carries posZ (Y up), else 'xy' (as the analysis decides). */
export function planeOfTrace(trace: Trace): TrackPlane | undefined {
  if (trace.channels.posX === undefined) return undefined;
  if (trace.channels.posZ !== undefined) return 'xz';
  return trace.channels.posY !== undefined ? 'xy' : undefined;
}

/**
 * The shape of one complete lap: the lap's driven path as the analysis models it
 * (modelFromLapPositions: stationary samples dropped, 2 m smoothing, closed from its last sample
 * back to its first), resampled every ≈ SHAPE_SPACING_M and started at the lap's LAST sample,
 * where the game's lap counter changed: that is the line. (A lap's first sample is not always at
 * the line: GT7's first lap of a session starts timing where the car was placed — 126 m past the
 * line on the real Spa recording — while every lap ends at the line.)
 * `lineAheadM`: how far past the last sample the line was (speed × the time from that sample to
 * the crossing), so the shape starts at the line itself rather than up to one sample before it.
 * Undefined when the lap has no positions or too few to form a path.
 */
export function shapeFromLap(trace: Trace, plane: TrackPlane | undefined = planeOfTrace(trace), lineAheadM = 0): TrackShape | undefined {
  if (plane === undefined) return undefined;
  const model = modelFromLapPositions(trace, plane);
  if (model === undefined || !(model.length > MIN_POINTS * SHAPE_SPACING_M)) return undefined;
  const n = Math.max(MIN_POINTS, Math.round(model.length / SHAPE_SPACING_M));
  const path = resampleShape(model.x, model.y, model.length, plane, n);
  const end = lastPosition(trace, plane);
  if (end === undefined) return path;
  const hit = refineOnSegments(path, end.x, end.y, nearestPointGlobal(path, end.x, end.y).index, { index: 0, fraction: 0, distance: 0 });
  let offset = (hit.index + hit.fraction) / n + Math.max(0, lineAheadM) / model.length;
  if (offset >= 1) offset -= 1;
  return resampleShape(path.x, path.y, model.length, plane, n, offset);
}

/**
 * n points evenly spaced along a closed path given as `sx, sy` points evenly spaced over `length`
 * (linear interpolation between neighbours, wrapping at the end). `offset` (a fraction of the
 * lap, 0..1) moves the start: the new first point is the old path at that fraction.
 */
export function resampleShape(sx: ArrayLike<number>, sy: ArrayLike<number>, length: number, plane: TrackPlane, n: number, offset = 0): TrackShape {
  const m = sx.length;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    let at = (k / n + offset) * m;
    if (at >= m) at -= m;
    const i = Math.min(m - 1, Math.floor(at));
    const f = at - i;
    const j = i + 1 === m ? 0 : i + 1;
    x[k] = sx[i]! + f * (sx[j]! - sx[i]!);
    y[k] = sy[i]! + f * (sy[j]! - sy[i]!);
  }
  return { length, plane, x, y };
}

function lastPosition(trace: Trace, plane: TrackPlane): { x: number; y: number } | undefined {
  const a = trace.channels.posX;
  const b = plane === 'xz' ? trace.channels.posZ : trace.channels.posY;
  if (a === undefined || b === undefined) return undefined;
  for (let i = trace.length - 1; i >= 0; i--) {
    if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) return { x: a[i]!, y: b[i]! };
  }
  return undefined;
}

/** m, the longest step between consecutive positioned samples: a reset or teleport inside a lap shows as a jump. */
export function largestStep(trace: Trace, plane: TrackPlane): number {
  const a = trace.channels.posX;
  const b = plane === 'xz' ? trace.channels.posZ : trace.channels.posY;
  if (a === undefined || b === undefined) return Number.POSITIVE_INFINITY;
  let px = Number.NaN;
  let py = Number.NaN;
  let max = 0;
  for (let i = 0; i < trace.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (px === px) max = Math.max(max, Math.hypot(x - px, y - py));
    px = x;
    py = y;
  }
  return max;
}

/** m, distance between the first and the last sample with a position: a lap that ran line to line closes. */
export function closureGap(trace: Trace, plane: TrackPlane): number {
  const a = trace.channels.posX;
  const b = plane === 'xz' ? trace.channels.posZ : trace.channels.posY;
  if (a === undefined || b === undefined) return Number.POSITIVE_INFINITY;
  let first = -1;
  let last = -1;
  for (let i = 0; i < trace.length; i++) {
    if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0 || last === first) return Number.POSITIVE_INFINITY;
  return Math.hypot(a[last]! - a[first]!, b[last]! - b[first]!);
}
