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
import { modelFromLapPositions, projectedDistance } from './projection.js';
import type { ResampledLap } from './resample.js';
import { median } from './stats.js';
import { buildTrackModel, type TrackModel } from './track-model.js';
import type { AnalysisOptions, CornerSummary, LapAnalysis, LapInput, TrackSummary } from './types.js';

/** Traces with a lap distance: the game's, or projected onto the driven line when the game sends none. */
export function withDistances(laps: readonly LapInput[], plane: 'xz' | 'xy'): { traces: Trace[]; source: 'game' | 'projected'; projectionLength: number | undefined } {
  const hasDistance = laps.some((l) => l.trace.distance.some((d) => Number.isFinite(d)));
  if (hasDistance) return { traces: laps.map((l) => l.trace), source: 'game', projectionLength: undefined };
  // The fastest complete lap's own path becomes the line everything is measured along.
  const candidates = laps.filter((l) => l.lap.category === 'flying' || l.lap.category === 'in').sort((a, b) => a.lap.time - b.lap.time);
  for (const c of candidates) {
    const model = modelFromLapPositions(c.trace, plane);
    if (model === undefined) continue;
    const traces = laps.map((l) => ({ ...l.trace, distance: projectedDistance(l.trace, model, plane) }));
    return { traces, source: 'projected', projectionLength: model.length };
  }
  return { traces: laps.map((l) => l.trace), source: 'game', projectionLength: undefined };
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
  const detected = model === undefined ? [] : detectCorners(model, options?.cornerDetection);
  const match = matchCorners(detected, catalog, grid.length, options?.cornerMatchToleranceM);
  return { model, detected, match };
}

/** Catalog corners usable on this lap (apex inside the lap), in lap order. */
export function phasesFor(match: CornerMatchResult, reference: ResampledLap): CornerPhases[] {
  const corners = match.corners.filter((c) => c.apex >= 0 && c.apex < reference.grid.length);
  return cornerPhases(corners, reference);
}

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f + 0;
};

/** m, spacing of the map points in the output. */
const MAP_STEP_M = 5;

export function trackSummary(model: TrackModel | undefined, grid: DistanceGrid, sectorStarts: readonly number[], source: 'game' | 'projected'): TrackSummary | null {
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
  const metrics = cornerMetrics(lap, phases);
  const sectors = sectorIndices(sectorStarts, lap.grid);
  const sectorDeltas = sectors.map((k, i) => delta[i + 1 < sectors.length ? sectors[i + 1]! : lap.grid.cells]! - delta[k]!);
  const speed = lap.channels.speed;
  const refSpeed = reference.channels.speed;
  return {
    lapNumber: lap.lapNumber,
    lapTime: lap.lapTime,
    delta: losses.total,
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
        }
      : null,
  };
}
