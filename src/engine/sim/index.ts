/**
 * The demo simulator: built-in tracks, a car model, a quasi-steady-state speed profile and a
 * seeded driver whose laps vary. It is racecraft's embedded default (`racecraft demo`) and the
 * source of known answers for the analysis tests. Pure: no I/O, no clock, seeded randomness.
 */
export type { CornerPiece, DesignCorner, Centerline, SimTrack, StraightPiece, TrackDesign, TrackPiece, TurnDirection } from './types.js';
export { buildSimTrack } from './track.js';
export { SIM_TRACKS, SIM_TRACK_DESIGNS, getSimTrack } from './tracks/index.js';
export {
  DEMO_CAR,
  G,
  brakingLimit,
  cornerSpeedLimit,
  engineRpm,
  engineTorque,
  lateralLimit,
  normalAccel,
  overallRatio,
  peakTorqueRpm,
  resistanceForce,
  speedAtRpm,
  topSpeed,
  tractionLimit,
  tyreUtilisation,
  wheelForce,
  type CarModel,
} from './car.js';
export { optimalShiftRpm, wheelForceCurve, wheelForceMargin, type WheelForceCurve } from './shift.js';
export { DEMO_DRIVER, type CornerPlan, type DriverStyle, type PlantedError } from './driver.js';
export {
  BRAKE_POINT_THRESHOLD,
  createDemoRun,
  type CornerLapTruth,
  type DemoGroundTruth,
  type DemoProfile,
  type DemoRun,
  type DemoRunOptions,
} from './run.js';
