/**
 * Steps shared by analyzeSession and analyzeLap: distances, grid, resampling, track model,
 * corners, phases and the per-lap report against a reference.
 */
import type { SessionInfo } from '../model/session.js';
import type { Trace } from '../model/trace.js';
import { coachingTips } from './coaching.js';
import { matchCorners, type CornerCatalog, type CornerMatchResult } from './corner-catalog.js';
import { cornerMetrics, type CornerMetrics } from './corner-metrics.js';
import { detectCorners, type DetectedCorner } from './corners.js';
import { deltaCurve } from './delta.js';
import { makeGrid, type DistanceGrid } from './grid.js';
import { phaseUtilisation, type GripEnvelope } from './grip.js';
import { attributeLoss } from './loss.js';
import { cornerPhases, type CornerPhases } from './phases.js';
import { lengthFromProgress, type ProgressSamples } from './progress-length.js';
import { modelFromLapPositions, OPEN_LAP_GAP_M, planCoordinates, projectedDistance } from './projection.js';
import { commonSpan, lapSpan } from './partial.js';
import type { ResampledLap } from './resample.js';
import { median } from './stats.js';
import { buildTrackModel, type TrackModel } from './track-model.js';
import type { AnalysisOptions, CornerSummary, LapAnalysis, LapInput, TrackSummary } from './types.js';

/**
 * Traces with a lap distance: the game's (or the one the recorder projected onto the track's
 * shape, `recordedFrom` 'track-shape'), else projected onto the driven line when there is none.
 */
export function withDistances(laps: readonly LapInput[], plane: 'xz' | 'xy', recordedFrom?: 'track-shape'): { traces: Trace[]; source: DistanceSource; projectionLength: number | undefined } {
  const hasDistance = laps.some((l) => l.trace.distance.some((d) => Number.isFinite(d)));
  if (hasDistance) return { traces: laps.map((l) => l.trace), source: recordedFrom === 'track-shape' ? 'projected' : 'game', projectionLength: undefined };
  const fromProgress = progressDistances(laps, plane);
  if (fromProgress !== undefined) return fromProgress;
  // A timed lap's own path becomes the line everything is measured along: the fastest one that
  // closes on itself (line to line), else one that ends at the line but began after it (GT7's
  // first race lap from the start line), else an out-lap (it too ends at the line).
  const rank = (l: LapInput): number => (l.lap.category === 'out' ? 2 : isClosedPath(l.trace, plane) ? 0 : 1);
  const candidates = laps
    .filter((l) => l.lap.category === 'flying' || l.lap.category === 'in' || l.lap.category === 'out')
    .map((l) => ({ l, rank: rank(l) }))
    .sort((a, b) => a.rank - b.rank || a.l.lap.time - b.l.lap.time)
    .map((c) => c.l);
  for (const c of candidates) {
    const model = modelFromLapPositions(c.trace, plane);
    if (model === undefined) continue;
    const traces = laps.map((l) => ({ ...l.trace, distance: projectedDistance(l.trace, model, plane) }));
    return { traces, source: 'projected', projectionLength: model.length };
  }
  return { traces: laps.map((l) => l.trace), source: 'game', projectionLength: undefined };
}

export type DistanceSource = 'game' | 'projected' | 'progress';

/** A lap's normalized position 0..1 from the game (AC's carPositionNormalized), when it sends one. */
function progressOf(l: LapInput): ArrayLike<number> | undefined {
  return l.trace.channels.lapFraction;
}

/** Lap distance = the game's normalized position × the length estimated from the driven path. */
function progressDistances(laps: readonly LapInput[], plane: 'xz' | 'xy'): { traces: Trace[]; source: 'progress'; projectionLength: number } | undefined {
  const samples: ProgressSamples[] = [];
  for (const l of laps) {
    const p = planCoordinates(l.trace, plane);
    const progress = progressOf(l);
    if (progress === undefined || p === undefined || l.lap.category === 'rewound') continue;
    samples.push(l.trace.channels.speed === undefined ? { progress, x: p.a, y: p.b } : { progress, x: p.a, y: p.b, speed: l.trace.channels.speed });
  }
  const fit = samples.length === 0 ? undefined : lengthFromProgress(samples);
  if (fit === undefined) return undefined;
  const traces = laps.map((l) => {
    const distance = new Float64Array(l.trace.length).fill(Number.NaN);
    const progress = progressOf(l);
    if (progress !== undefined) for (let i = 0; i < distance.length; i++) distance[i] = progress[i]! * fit.length;
    return { ...l.trace, distance };
  });
  return { traces, source: 'progress', projectionLength: fit.length };
}

/** Whether a lap's first and last positions meet (it ran line to line). */
function isClosedPath(trace: Trace, plane: 'xz' | 'xy'): boolean {
  const p = planCoordinates(trace, plane);
  if (p === undefined) return false;
  let i = 0;
  while (i < trace.length && !(Number.isFinite(p.a[i]!) && Number.isFinite(p.b[i]!))) i++;
  let j = trace.length - 1;
  while (j > i && !(Number.isFinite(p.a[j]!) && Number.isFinite(p.b[j]!))) j--;
  return j > i && Math.hypot(p.a[j]! - p.a[i]!, p.b[j]! - p.b[i]!) <= OPEN_LAP_GAP_M;
}

/** m, lap length: the game's, else the projection line's, else the median of complete laps' furthest distance. */
export function lapLength(session: SessionInfo, laps: readonly LapInput[], traces: readonly Trace[], projectionLength: number | undefined): number | undefined {
  if (session.trackLength !== undefined && session.trackLength > 0) return session.trackLength;
  if (projectionLength !== undefined) return projectionLength;
  const ends: number[] = [];
  laps.forEach((l, i) => {
    if (l.lap.category === 'incomplete' || l.lap.category === 'out') return;
    let max = -Infinity;
    const d = traces[i]!.distance;
    for (let k = 0; k < d.length; k++) if (d[k]! > max) max = d[k]!;
    if (Number.isFinite(max) && max > 0) ends.push(max);
  });
  return ends.length > 0 ? median(ends) : undefined;
}

export function gridFor(length: number, options: AnalysisOptions | undefined): DistanceGrid {
  return makeGrid(length, options?.gridStep ?? 1);
}

export function planeOf(laps: readonly LapInput[], options: AnalysisOptions | undefined): 'xz' | 'xy' {
  return options?.plane ?? (laps.some((l) => l.trace.channels.posZ !== undefined) ? 'xz' : 'xy');
}

/** Whether a resampled lap runs line to line (both edge times known). */
export function isComplete(lap: ResampledLap): boolean {
  return lap.t[0] === 0 && Number.isFinite(lap.t[lap.grid.cells]!);
}

export type Geometry = {
  readonly model: TrackModel | undefined;
  readonly detected: readonly DetectedCorner[];
  readonly match: CornerMatchResult;
};

/** Track model from the given laps, corners detected on it and matched to the stored catalog. */
export function trackGeometry(laps: readonly ResampledLap[], grid: DistanceGrid, session: SessionInfo, catalog: CornerCatalog | undefined, options: AnalysisOptions | undefined): Geometry {
  let model: TrackModel | undefined;
  if (laps.length > 0) {
    try {
      model = buildTrackModel(laps, { plane: options?.plane, sectorStarts: session.sectorStarts });
    } catch {
      model = undefined; // no positions, yaw or lateral g: corners only from the catalog
    }
  }
  const detected = model === undefined ? [] : withoutUndriven(detectCorners(model, options?.cornerDetection), laps, grid);
  const match = matchCorners(detected, catalog, grid.length, options?.cornerMatchToleranceM);
  return { model, detected, match };
}

/** m, curvature this close to metres no lap drove comes partly from the bridging chord (smoothing σ 5 m, ±3 m window). */
const UNDRIVEN_MARGIN_M = 30;

/**
 * Detected corners minus those touching the metres no lap drove (a lap that begins after the
 * line): there the model is a bridging chord, and a bend where it joins the driven path is
 * not a corner of the track.
 */
function withoutUndriven(detected: readonly DetectedCorner[], laps: readonly ResampledLap[], grid: DistanceGrid): DetectedCorner[] {
  const cells = grid.cells;
  const undriven = new Uint8Array(cells + 1);
  let any = false;
  for (let k = 0; k <= cells; k++) {
    if (laps.every((l) => !Number.isFinite(l.t[k]!))) {
      undriven[k] = 1;
      any = true;
    }
  }
  if (!any) return [...detected];
  const margin = Math.round(UNDRIVEN_MARGIN_M / grid.step);
  return detected.filter((c) => {
    const a = Math.floor(c.entry / grid.step) - margin;
    const b = Math.ceil(c.exit / grid.step) + margin;
    for (let k = a; k <= b; k++) if (undriven[((k % cells) + cells) % cells] === 1) return false;
    return true;
  });
}

/** Catalog corners usable on this lap (apex where the reference, and the lap when given, have data), in lap order. */
export function phasesFor(match: CornerMatchResult, reference: ResampledLap, lap?: ResampledLap): CornerPhases[] {
  const hasData = (r: ResampledLap, apex: number): boolean => Number.isFinite(r.t[Math.min(r.grid.cells, Math.round(apex / r.grid.step))]!);
  const corners = match.corners.filter((c) => c.apex >= 0 && c.apex < reference.grid.length && hasData(reference, c.apex) && (lap === undefined || hasData(lap, c.apex)));
  return cornerPhases(corners, reference);
}

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f + 0;
};

/** m, spacing of the map points in the output. */
const MAP_STEP_M = 5;

export function trackSummary(model: TrackModel | undefined, grid: DistanceGrid, sectorStarts: readonly number[], source: DistanceSource): TrackSummary | null {
  if (model === undefined) return null;
  const every = Math.max(1, Math.round(MAP_STEP_M / model.step));
  const x: number[] = [];
  const y: number[] = [];
  const z: number[] = [];
  for (let k = 0; k < model.cells; k += every) {
    x.push(round(model.x[k]!, 2));
    y.push(round(model.y[k]!, 2));
    if (model.z !== undefined) z.push(round(model.z[k]!, 2));
  }
  return {
    length: grid.length,
    pathLength: model.pathLength,
    step: grid.step,
    sectorStarts,
    curvatureSource: model.curvatureSource,
    mirrored: model.mirrored,
    distanceSource: source,
    mapStep: every * model.step,
    map: { x, y, z: model.z === undefined ? null : z },
  };
}

export function cornerSummaries(geo: Geometry, phases: readonly CornerPhases[], step: number): CornerSummary[] {
  return geo.match.corners.map((c) => {
    const det = c.detected ? geo.detected.find((d) => d.direction === c.direction && Math.abs(d.apex - (c.apex + (c.apexShift ?? 0))) < 1e-6) : undefined;
    const p = phases.find((q) => q.number === c.number);
    return {
      ...c,
      turn: det?.turn ?? null,
      peakCurvature: det?.peakCurvature ?? null,
      phases:
        p === undefined
          ? null
          : { zoneStart: p.zoneStart * step, brakingStart: p.brakingStart * step, brakePoint: p.brakePoint * step, turnIn: p.turnIn * step, apex: p.apex * step, exitEnd: p.exitEnd * step, zoneEnd: p.zoneEnd * step },
    };
  });
}

/** Sector starts as grid indices (first = 0). */
function sectorIndices(sectorStarts: readonly number[], grid: DistanceGrid): number[] {
  const ks = sectorStarts.map((s) => Math.round(s / grid.step)).filter((k) => k > 0 && k < grid.cells);
  return [0, ...ks];
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** A resampled channel as a JSON curve (NaN, no sample, → null); null when the lap has no such channel. */
function curveOrNull(col: Float32Array | undefined): (number | null)[] | null {
  return col === undefined ? null : Array.from(col, finiteOrNull);
}

/** Everything about one complete lap against the reference. */
export function lapReport(
  lap: ResampledLap,
  reference: ResampledLap,
  phases: readonly CornerPhases[],
  referenceMetrics: readonly CornerMetrics[],
  sectorStarts: readonly number[],
  envelope: GripEnvelope | undefined,
  withCurves: boolean,
): LapAnalysis {
  const delta = deltaCurve(lap, reference);
  const losses = attributeLoss(delta, phases, lap.grid.step);
  const lapPart = lapSpan(lap);
  const refPart = lapSpan(reference);
  const common = lapPart?.complete === true && refPart?.complete === true ? undefined : commonSpan(lapPart, refPart);
  const metrics = cornerMetrics(lap, phases);
  const sectors = sectorIndices(sectorStarts, lap.grid);
  const sectorDeltas = sectors.map((k, i) => delta[i + 1 < sectors.length ? sectors[i + 1]! : lap.grid.cells]! - delta[k]!);
  const speed = lap.channels.speed;
  const refSpeed = reference.channels.speed;
  return {
    lapNumber: lap.lapNumber,
    lapTime: lap.lapTime,
    delta: losses.total,
    analysed: common === undefined ? null : { from: common.from * lap.grid.step, to: common.to === lap.grid.cells ? lap.grid.length : common.to * lap.grid.step },
    sectorDeltas,
    losses,
    corners: metrics,
    utilisation: envelope === undefined ? null : phaseUtilisation(lap, phases, envelope),
    tips: coachingTips(losses, metrics, referenceMetrics),
    curves: withCurves
      ? {
          step: lap.grid.step,
          delta: Array.from(delta),
          speed: speed === undefined ? [] : Array.from(speed, finiteOrNull),
          referenceSpeed: refSpeed === undefined ? [] : Array.from(refSpeed, finiteOrNull),
          // The pedals come from the same resampled laps, so they line up with speed point for point.
          throttle: curveOrNull(lap.channels.throttle),
          brake: curveOrNull(lap.channels.brake),
          referenceThrottle: curveOrNull(reference.channels.throttle),
          referenceBrake: curveOrNull(reference.channels.brake),
        }
      : null,
  };
}
