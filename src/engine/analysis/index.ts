/**
 * The pure analysis engine: laps, distance grid, delta, track model, corners, corner metrics,
 * grip envelope, theoretical best, time-loss attribution, shift points, consistency, coaching.
 * No I/O, no clock, no randomness; SI units throughout (see types.ts for the output schema).
 */
export { analyzeSession, resampleForReference } from './session.js';
export { analyzeLap } from './lap-comparison.js';
export type * from './types.js';

export { categorizeLap, lapFactsFromFrames, markOutliers, qualityIssues, MIN_COVERAGE, MAX_SAMPLE_GAP_S } from './laps.js';
export type { LapFacts, LapIssue, OutlierResult, OutlierRule } from './laps.js';
export { makeGrid, gridDistance, gridIndex, sampleAt, sameGrid, loopDistance, loopDelta } from './grid.js';
export type { DistanceGrid } from './grid.js';
export { resampleLap, ANALYSIS_CHANNELS } from './resample.js';
export type { ResampledLap, ResampleQuality, ResampleOptions, LapTiming } from './resample.js';
export { deltaCurve, timeOnGrid, createLiveDelta } from './delta.js';
export type { LiveDelta, TimedGrid } from './delta.js';
export { alignReference, toReferenceLap } from './reference.js';
export type { ReferenceLap } from './reference.js';
export { buildTrackModel, trackModelFromCenterline, G0 } from './track-model.js';
export type { TrackModel, TrackModelOptions } from './track-model.js';
export { modelFromLapPositions, projectedDistance } from './projection.js';
export { detectCorners } from './corners.js';
export type { CornerDirection, DetectedCorner, CornerDetectionOptions, CurvatureProfile } from './corners.js';
export { matchCorners, CORNER_MATCH_TOLERANCE_M } from './corner-catalog.js';
export type { CatalogCorner, CornerCatalog, MatchedCorner, CornerMatchResult } from './corner-catalog.js';
export { cornerPhases } from './phases.js';
export type { CornerPhases } from './phases.js';
export { cornerMetrics } from './corner-metrics.js';
export type { CornerMetrics } from './corner-metrics.js';
export { gripEnvelope, envelopeAt, phaseUtilisation } from './grip.js';
export type { GripEnvelope, GripOptions, PhaseUtilisation } from './grip.js';
export { theoreticalBest, BOUNDARY_POSITION_NOISE_M } from './best.js';
export type { TheoreticalBest, SegmentBest } from './best.js';
export { attributeLoss } from './loss.js';
export type { LossAttribution, LossSegment, CornerLoss } from './loss.js';
export { analyzeShifts } from './shifts.js';
export type { ShiftAnalysis, GearShift, ShiftEvent } from './shifts.js';
export { consistency, degradation, MIN_TREND_LAPS } from './consistency.js';
export type { Consistency, Degradation } from './consistency.js';
export { coachingTips, formatTip } from './coaching.js';
export type { Tip, TipFact, TipOptions, UnitSystem } from './coaching.js';
export { median, mad, quantile, theilSen, expectedMaxOfNormals } from './stats.js';
export type { TheilSen } from './stats.js';
