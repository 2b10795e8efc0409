import type { ChannelName } from '../model/channels.js';
import { closedPolylineLength, closedSplineLength, headingAndCurvature, resampleClosed, smoothPeriodic } from './geometry.js';
import type { ResampledLap } from './resample.js';
import { medianInPlace } from './stats.js';

/** Standard gravity, m/s² (game g channels are in g). */
export const G0 = 9.80665;

/**
 * A closed track model on a uniform grid of `cells` points, s = k·step, k < cells (point
 * `cells` would be the line again). Coordinates are normalised to a right-handed plane seen
 * from above, so positive curvature is a left turn in every game.
 */
export type TrackModel = {
  /** m, lap length: the game's lap-distance length (laps) or the spline length (centerline). */
  readonly length: number;
  readonly cells: number;
  /** m, grid spacing (length / cells). */
  readonly step: number;
  /** m, centerline (the median driven line for laps, lightly smoothed), right-handed plan view. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** m, elevation per point when the game sends it. */
  readonly z: Float64Array | undefined;
  /** rad, heading from +x towards +y. */
  readonly heading: Float64Array;
  /** 1/m, curvature, left turn > 0. */
  readonly curvature: Float64Array;
  /** m, length of the model's path (the driven line; shorter than the centerline on a race line). */
  readonly pathLength: number;
  /** m, distances where sectors start, first = 0. */
  readonly sectorStarts: readonly number[];
  /** What the curvature came from. */
  readonly curvatureSource: 'position' | 'yaw' | 'lateral-g' | 'centerline';
  /** The game's plan coordinates were mirrored to make them right-handed. */
  readonly mirrored: boolean;
  /** How the handedness was decided: from steering or lateral g, or assumed (no such channel). */
  readonly handedness: 'steer' | 'gLat' | 'assumed';
  readonly lapsUsed: number;
};

export type TrackModelOptions = {
  /** Horizontal plane of the world coordinates: 'xz' (Y up, most games) or 'xy' (Z up). Default: 'xz' when posZ exists. */
  readonly plane?: 'xz' | 'xy';
  /** m, sector start distances from the game (sector 2, sector 3 …); 0 is implied. */
  readonly sectorStarts?: readonly number[];
  /** m, Gaussian smoothing σ of the centerline. Default 5. */
  readonly smoothingM?: number;
  /** m, half window of the heading difference for curvature. Default 3. */
  readonly curvatureWindowM?: number;
};

const DEFAULT_SMOOTHING_M = 5;
const DEFAULT_CURVATURE_WINDOW_M = 3;
/** m, smoothing σ of the map line and its length. */
const PATH_SMOOTHING_M = 2;
/** Points bending less than this are straights for the handedness vote. */
const HANDEDNESS_MIN_CURVATURE = 1 / 500;

/**
 * Build the track model from laps resampled on one grid: the per-point median of their
 * positions (robust to one lap running wide), periodic Gaussian smoothing, curvature from
 * heading differences. Without positions, the curvature comes from yaw (dψ/ds) or from
 * lateral g (κ = a_y / v²) and the map is dead-reckoned from it with the closure gap spread
 * along the lap. Handedness is decided by the data: in a left turn the driver steers left.
 */
export function buildTrackModel(laps: readonly ResampledLap[], options: TrackModelOptions = {}): TrackModel {
  const first = laps[0];
  if (first === undefined) throw new RangeError('buildTrackModel needs at least one lap');
  const grid = first.grid;
  const n = grid.cells;
  const step = grid.step;
  const smoothing = (options.smoothingM ?? DEFAULT_SMOOTHING_M) / step;
  const window = Math.max(1, Math.round((options.curvatureWindowM ?? DEFAULT_CURVATURE_WINDOW_M) / step));
  const hasZ = laps.some((l) => l.channels.posZ !== undefined);
  const plane = options.plane ?? (hasZ ? 'xz' : 'xy');
  const aName: ChannelName = 'posX';
  const bName: ChannelName = plane === 'xz' ? 'posZ' : 'posY';
  const zName: ChannelName = plane === 'xz' ? 'posY' : 'posZ';
  const positioned = laps.filter((l) => l.channels[aName] !== undefined && l.channels[bName] !== undefined);

  let x: Float64Array;
  let y: Float64Array;
  let z: Float64Array | undefined;
  let heading: Float64Array;
  let curvature: Float64Array;
  let source: TrackModel['curvatureSource'];
  let used: number;
  if (positioned.length > 0) {
    const mx = medianChannel(positioned, aName, n);
    const my = medianChannel(positioned, bName, n);
    // The map and the length keep the shape (light smoothing, σ 2 m, removes the noise that
    // would lengthen the polyline); the curvature needs the full smoothing.
    const light = Math.min(smoothing, PATH_SMOOTHING_M / step);
    x = smoothPeriodic(mx, light);
    y = smoothPeriodic(my, light);
    const zLaps = positioned.filter((l) => l.channels[zName] !== undefined);
    z = zLaps.length > 0 ? smoothPeriodic(medianChannel(zLaps, zName, n), smoothing) : undefined;
    ({ heading, curvature } = headingAndCurvature(smoothPeriodic(mx, smoothing), smoothPeriodic(my, smoothing), window));
    source = 'position';
    used = positioned.length;
  } else {
    const derived = curvatureFromChannels(laps, n, step, smoothing);
    if (derived === undefined) throw new RangeError('buildTrackModel needs positions, yaw or lateral g with speed');
    curvature = derived.curvature;
    source = derived.source;
    used = derived.used;
    ({ x, y, heading } = deadReckon(curvature, step));
    z = undefined;
  }

  const vote = handednessVote(laps, curvature);
  const mirrored = vote.sign > 0;
  if (mirrored) {
    for (let i = 0; i < n; i++) {
      y[i] = -y[i]!;
      curvature[i] = -curvature[i]!;
      heading[i] = -heading[i]!;
    }
  }

  return {
    length: grid.length,
    cells: n,
    step,
    x,
    y,
    z,
    heading,
    curvature,
    pathLength: closedPolylineLength(x, y),
    sectorStarts: sectorStartsFor(grid.length, options.sectorStarts, laps, curvature, step),
    curvatureSource: source,
    mirrored,
    handedness: vote.basis,
    lapsUsed: used,
  };
}

/**
 * A track model from a given closed centerline (e.g. a published map): resampled at ≈ `step`
 * metres of arclength from its first point, smoothed, with curvature. The length is the spline
 * length through the given points (the polyline cuts every bend short).
 */
export function trackModelFromCenterline(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: { step?: number; smoothingM?: number; curvatureWindowM?: number; sectorStarts?: readonly number[] } = {},
): TrackModel {
  const length = closedSplineLength(xs, ys);
  const r = resampleClosed(xs, ys, options.step ?? 1);
  const n = r.x.length;
  const step = length / n;
  const sigma = (options.smoothingM ?? DEFAULT_SMOOTHING_M) / step;
  const light = Math.min(sigma, PATH_SMOOTHING_M / step);
  const x = smoothPeriodic(r.x, light);
  const y = smoothPeriodic(r.y, light);
  const window = Math.max(1, Math.round((options.curvatureWindowM ?? DEFAULT_CURVATURE_WINDOW_M) / step));
  const { heading, curvature } = headingAndCurvature(smoothPeriodic(r.x, sigma), smoothPeriodic(r.y, sigma), window);
  return {
    length,
    cells: n,
    step,
    x,
    y,
    z: undefined,
    heading,
    curvature,
    pathLength: closedPolylineLength(x, y),
    sectorStarts: sectorStartsFor(length, options.sectorStarts, [], curvature, step),
    curvatureSource: 'centerline',
    mirrored: false,
    handedness: 'assumed',
    lapsUsed: 0,
  };
}

/** Per-point median of one channel over laps (NaN-skipping), first n points. */
function medianChannel(laps: readonly ResampledLap[], name: ChannelName, n: number): Float64Array {
  return medianColumns(laps.map((l) => l.channels[name]!), n);
}

function medianColumns(cols: readonly ArrayLike<number>[], n: number): Float64Array {
  const out = new Float64Array(n);
  const buf = new Float64Array(cols.length);
  let empty = 0;
  let lastEmpty = false;
  const m = cols.length;
  for (let k = 0; k < n; k++) {
    let c = 0;
    // An index loop, not for-of: this runs once per report, mostly before V8 optimises it, and
    // the iterator protocol made it a sixth of `report lap`'s analysis time.
    for (let j = 0; j < m; j++) {
      const v = cols[j]![k]!;
      if (v === v) buf[c++] = v;
    }
    if (c === 0) empty++;
    lastEmpty = c === 0;
    out[k] = c === 0 ? (k > 0 ? out[k - 1]! : 0) : c === 1 ? buf[0]! : medianInPlace(buf, c);
  }
  // Points no lap reached at the ends (a lap that begins after the line or ends before it):
  // bridge them by a straight line between the data either side of the line, round the loop,
  // instead of a jump to a held value. Complete laps have no such points.
  if (empty > 0 && empty < n && (lastEmpty || !cols.some((col) => col[0]! === col[0]!))) bridgeEnds(cols, out, n);
  return out;
}

/** Fills the runs of points without data at both ends of the loop (one run across the line). */
function bridgeEnds(cols: readonly ArrayLike<number>[], out: Float64Array, n: number): void {
  const has = (k: number): boolean => cols.some((col) => col[k]! === col[k]!);
  let a = 0;
  while (a < n && !has(a)) a++;
  let b = n - 1;
  while (b > a && !has(b)) b--;
  // Points b+1 .. n-1 and 0 .. a-1 lie between out[b] and out[a] (going round the loop).
  const span = n - b + a;
  for (let j = 1; j < span; j++) {
    const k = (b + j) % n;
    out[k] = out[b]! + ((out[a]! - out[b]!) * j) / span;
  }
}

/** Curvature without positions: yaw rate over distance, else lateral g over v². */
function curvatureFromChannels(laps: readonly ResampledLap[], n: number, step: number, smoothing: number): { curvature: Float64Array; source: 'yaw' | 'lateral-g'; used: number } | undefined {
  const yawLaps = laps.filter((l) => l.channels.yaw !== undefined);
  const gLaps = laps.filter((l) => l.channels.gLat !== undefined && l.channels.speed !== undefined);
  const source = yawLaps.length > 0 ? 'yaw' : gLaps.length > 0 ? 'lateral-g' : undefined;
  if (source === undefined) return undefined;
  const use = source === 'yaw' ? yawLaps : gLaps;
  const perLap: Float32Array[] = [];
  for (const lap of use) {
    const k = new Float32Array(n + 1);
    if (source === 'yaw') {
      const yaw = lap.channels.yaw!;
      for (let i = 0; i < n; i++) {
        const d = yaw[i + 1]! - yaw[i]!;
        const w = d - 2 * Math.PI * Math.round(d / (2 * Math.PI));
        k[i] = w / step;
      }
    } else {
      const g = lap.channels.gLat!;
      const v = lap.channels.speed!;
      // gLat is positive to the right; a right turn is negative curvature.
      for (let i = 0; i < n; i++) k[i] = v[i]! > 5 ? (-g[i]! * G0) / (v[i]! * v[i]!) : 0;
    }
    perLap.push(k);
  }
  const med = medianColumns(perLap, n);
  return { curvature: smoothPeriodic(med, smoothing), source, used: use.length };
}

/** Plan view from curvature: integrate heading and position, spread the closure gap linearly. */
function deadReckon(curvature: Float64Array, step: number): { x: Float64Array; y: Float64Array; heading: Float64Array } {
  const n = curvature.length;
  const heading = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += curvature[i]!;
  // A closed loop turns ±2π; remove the residual evenly so the map closes in angle.
  const turns = Math.round((total * step) / (2 * Math.PI));
  const fix = (turns * 2 * Math.PI - total * step) / n;
  for (let i = 1; i < n; i++) heading[i] = heading[i - 1]! + curvature[i - 1]! * step + fix;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    x[i] = x[i - 1]! + Math.cos(heading[i - 1]!) * step;
    y[i] = y[i - 1]! + Math.sin(heading[i - 1]!) * step;
  }
  const gx = x[n - 1]! + Math.cos(heading[n - 1]!) * step;
  const gy = y[n - 1]! + Math.sin(heading[n - 1]!) * step;
  for (let i = 0; i < n; i++) {
    x[i] = x[i]! - (gx * i) / n;
    y[i] = y[i]! - (gy * i) / n;
  }
  return { x, y, heading };
}

/**
 * > 0 when the plan coordinates are mirrored (left-handed): in bends, steering (positive right)
 * or lateral g (positive right) have the same sign as our left-positive curvature.
 */
function handednessVote(laps: readonly ResampledLap[], curvature: Float64Array): { sign: number; basis: TrackModel['handedness'] } {
  for (const name of ['steer', 'gLat'] as const) {
    let agree = 0;
    let total = 0;
    for (const lap of laps.slice(0, 5)) {
      const col = lap.channels[name];
      if (col === undefined) continue;
      for (let i = 0; i < curvature.length; i++) {
        const k = curvature[i]!;
        const v = col[i]!;
        if (Math.abs(k) < HANDEDNESS_MIN_CURVATURE || !(Math.abs(v) > 0.02)) continue;
        total++;
        if (k * v > 0) agree++;
      }
    }
    if (total >= 20) return { sign: agree > total / 2 ? 1 : -1, basis: name };
  }
  return { sign: -1, basis: 'assumed' };
}

/**
 * Sector starts: the game's when known; otherwise two boundaries near L/3 and 2L/3 moved to
 * the fastest point (or the straightest) within ±L/12, where a position error costs least time.
 */
function sectorStartsFor(length: number, given: readonly number[] | undefined, laps: readonly ResampledLap[], curvature: Float64Array, step: number): number[] {
  if (given !== undefined && given.length > 0) return [0, ...given.filter((s) => s > 0 && s < length)];
  const n = curvature.length;
  const speed = laps.find((l) => l.channels.speed !== undefined)?.channels.speed;
  const out = [0];
  for (const f of [1 / 3, 2 / 3]) {
    const centre = Math.round((f * length) / step);
    const half = Math.round(length / 12 / step);
    let best = centre;
    let bestScore = -Infinity;
    for (let k = centre - half; k <= centre + half; k++) {
      const i = ((k % n) + n) % n;
      const score = speed !== undefined && Number.isFinite(speed[i]!) ? speed[i]! : -Math.abs(curvature[i]!);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    out.push(best * step);
  }
  return out;
}
