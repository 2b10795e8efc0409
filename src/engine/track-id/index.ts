/**
 * Track identity and track-relative position for games that send positions but no lap distance
 * or no track id (GT7, Forza): track shapes from a lap, constant-time projection of each frame
 * onto a shape, and identification of a driven path among stored shapes. Pure: no I/O, no clock.
 */
export { SHAPE_SPACING_M, closureGap, largestStep, planeOfTrace, resampleShape, shapeFromLap, type TrackPlane, type TrackShape } from './shape.js';
export { LOCAL_MATCH_M, OFF_TRACK_M, SEARCH_WINDOW_M, createShapeProjector, type ShapeProjector } from './projector.js';
export { LINE_HOLD_M, LapPositioner, planOf } from './lap-position.js';
export { MATCH_THRESHOLDS, compareShapes, identifyShape, isMatch, type KnownShape, type ShapeComparison, type ShapeMatch } from './match.js';
export { nextUnknownNumber, unknownNumber, unknownTrackKey, unknownTrackName } from './naming.js';
export { PathTrail, TRAIL_SPACING_M } from './path-trail.js';
export { nearestPointGlobal, refineOnSegments, type ShapeHit } from './nearest.js';
