/**
 * The decrypted Simulator Interface packet: offset table, flag bits and field types (reader: read.ts, writer: write.ts).
 *
 * Spec (protocols.md §4, "Decrypted layout (A fields 0x000–0x127; B adds 0x128–0x13B; ~ adds 0x13C–0x157;
 * C adds 0x158–0x16F) — computed from the PDTools reader + zetetos .ksy"). Little-endian throughout.
 *
 * | offset | type     | field                          | offset | type     | field                     |
 * |-------:|----------|--------------------------------|-------:|----------|---------------------------|
 * |  0x000 | u32      | magic                          |  0x08E | u16      | flags                     |
 * |  0x004 | f32 × 3  | position X, Y, Z (m, Y up)     |  0x090 | u8       | gears (lo current, hi sugg.) |
 * |  0x010 | f32 × 3  | velocity X, Y, Z (m/s)         |  0x091 | u8       | throttle (0..255)         |
 * |  0x01C | f32 × 3  | rotation pitch, yaw, roll      |  0x092 | u8       | brake (0..255)            |
 * |  0x028 | f32      | relativeOrientationToNorth     |  0x094 | f32 × 4  | road plane X, Y, Z, dist  |
 * |  0x02C | f32 × 3  | angular velocity X, Y, Z       |  0x0A4 | f32 × 4  | wheel rps FL FR RL RR     |
 * |  0x038 | f32      | bodyHeight (m)                 |  0x0B4 | f32 × 4  | tyre radius FL FR RL RR   |
 * |  0x03C | f32      | engineRPM                      |  0x0C4 | f32 × 4  | susp height FL FR RL RR   |
 * |  0x040 | u32      | ivSeed (noise once decrypted)  |  0x0F4 | f32      | clutchPedal               |
 * |  0x044 | f32      | gasLevel (l)                   |  0x0F8 | f32      | clutchEngagement          |
 * |  0x048 | f32      | gasCapacity (l)                |  0x0FC | f32      | rpmFromClutchToGearbox    |
 * |  0x04C | f32      | metersPerSecond                |  0x100 | f32      | transmissionTopSpeed      |
 * |  0x050 | f32      | turboBoost (bar)               |  0x104 | f32 × 8  | gearRatios                |
 * |  0x054 | f32      | oilPressure                    |  0x124 | i32      | carCode                   |
 * |  0x058 | f32      | waterTemperature (°C)          |  0x128 | f32      | steeringWheelAngleRad (B) |
 * |  0x05C | f32      | oilTemperature (°C)            |  0x12C | f32      | steeringWheelAngleRadPerSec (B) |
 * |  0x060 | f32 × 4  | tyre surface temp FL FR RL RR  |  0x130 | f32 × 3  | sway, heave, surge (B)    |
 * |  0x070 | i32      | packetId                       |  0x13C | u8       | throttleInput (~)         |
 * |  0x074 | i16      | lapCount                       |  0x13D | u8       | brakeOutput (~)           |
 * |  0x076 | i16      | lapsInRace                     |  0x150 | f32      | energyRecovery (~)        |
 * |  0x078 | i32      | bestLapTimeMs (−1 unset)       |  0x158 | char × 4 | surfaceType FL FR RL RR (C) |
 * |  0x07C | i32      | lastLapTimeMs (−1 unset)       |  0x15C | i32      | currentLapTimeMs (C)      |
 * |  0x080 | i32      | timeOfDayMs                    |  0x160 | f32 × 2  | wheelSteerAngle FL FR (C) |
 * |  0x084 | i16 × 2  | preRaceStartPosition, numCars  |  0x168 | f32      | dynamicWheelbaseLeft (C)  |
 * |  0x088 | i16 × 3  | min/max alert rpm, calc. vmax  |  0x16C | char × 4 | vehicleCategory (C)       |
 */
import type { Gt7Format } from './formats.js';

export const OFFSETS = {
  magic: 0x000,
  position: 0x004,
  velocity: 0x010,
  rotation: 0x01c,
  orientationToNorth: 0x028,
  angularVelocity: 0x02c,
  bodyHeight: 0x038,
  engineRpm: 0x03c,
  gasLevel: 0x044,
  gasCapacity: 0x048,
  metersPerSecond: 0x04c,
  turboBoost: 0x050,
  oilPressure: 0x054,
  waterTemperature: 0x058,
  oilTemperature: 0x05c,
  tyreTemp: 0x060,
  packetId: 0x070,
  lapCount: 0x074,
  lapsInRace: 0x076,
  bestLapTimeMs: 0x078,
  lastLapTimeMs: 0x07c,
  timeOfDayMs: 0x080,
  preRaceStartPosition: 0x084,
  numCarsAtPreRace: 0x086,
  minAlertRpm: 0x088,
  maxAlertRpm: 0x08a,
  calculatedMaxSpeed: 0x08c,
  flags: 0x08e,
  gears: 0x090,
  throttle: 0x091,
  brake: 0x092,
  roadPlane: 0x094,
  roadPlaneDistance: 0x0a0,
  wheelRps: 0x0a4,
  tyreRadius: 0x0b4,
  suspensionHeight: 0x0c4,
  clutchPedal: 0x0f4,
  clutchEngagement: 0x0f8,
  rpmFromClutchToGearbox: 0x0fc,
  transmissionTopSpeed: 0x100,
  gearRatios: 0x104,
  carCode: 0x124,
  // B
  steeringWheelAngle: 0x128,
  steeringWheelAngularVelocity: 0x12c,
  sway: 0x130,
  heave: 0x134,
  surge: 0x138,
  // ~
  throttleInput: 0x13c,
  brakeOutput: 0x13d,
  energyRecovery: 0x150,
  // C
  surfaceType: 0x158,
  currentLapTimeMs: 0x15c,
  wheelSteerAngleFL: 0x160,
  wheelSteerAngleFR: 0x164,
  dynamicWheelbaseLeft: 0x168,
  vehicleCategory: 0x16c,
} as const;

/** `flags` bits (protocols.md §4: "0 CarOnTrack, 1 Paused, 2 LoadingOrProcessing, 3 InGear, 4 HasTurbo, …"). */
export const FLAG = {
  carOnTrack: 1 << 0,
  paused: 1 << 1,
  loadingOrProcessing: 1 << 2,
  inGear: 1 << 3,
  hasTurbo: 1 << 4,
  revLimiterBlinkAlert: 1 << 5,
  handBrake: 1 << 6,
  lights: 1 << 7,
  highBeam: 1 << 8,
  lowBeam: 1 << 9,
  asmActive: 1 << 10,
  tcsActive: 1 << 11,
} as const;

export type Vec3 = { x: number; y: number; z: number };
/** Front-left, front-right, rear-left, rear-right. */
export type Corners = [number, number, number, number];

/** Fields added by format 'B'. */
export type Gt7FormatB = {
  /** rad, steering wheel angle; positive = turning left (checked on the real Spa lap against yaw rate). */
  steeringWheelAngle: number;
  steeringWheelAngularVelocity: number;
  /** m/s², car frame, gravity removed: positive = right, up, forward (checked on the Spa lap, see decode.ts). */
  sway: number;
  heave: number;
  surge: number;
};

/** Fields added by format '~'. */
export type Gt7FormatTilde = {
  /** 0..255, the driver's pedal (0x91 `throttle` is the engine's, e.g. auto-blips on downshifts). */
  throttleInput: number;
  /** 0..255, brake after assists. */
  brakeOutput: number;
  energyRecovery: number;
};

/** Fields added by format 'C'. */
export type Gt7FormatC = {
  /** One ASCII letter per wheel FL FR RL RR ('T' tarmac, 'C' kerb, 'G' grass on the Spa lap). */
  surfaceType: string;
  /** ms, −1 unset. Not reset on the first packet of a new lap (reads 115,250 while the last lap is 115,244). */
  currentLapTimeMs: number;
  /** rad */
  wheelSteerAngleFL: number;
  wheelSteerAngleFR: number;
  /** m */
  dynamicWheelbaseLeft: number;
  /** NUL-terminated ASCII, e.g. "GRX". */
  vehicleCategory: string;
};

/** Every field of one decrypted packet, in wire units. */
export type Gt7Packet = {
  format: Gt7Format;
  position: Vec3;
  velocity: Vec3;
  /** Unit quaternion (x, y, z, w) of the car's orientation: x, y, z are the "rotation" triple, w is 0x28. */
  rotation: { x: number; y: number; z: number; w: number };
  angularVelocity: Vec3;
  bodyHeight: number;
  engineRpm: number;
  gasLevel: number;
  gasCapacity: number;
  metersPerSecond: number;
  turboBoost: number;
  oilPressure: number;
  waterTemperature: number;
  oilTemperature: number;
  tyreTemp: Corners;
  packetId: number;
  lapCount: number;
  lapsInRace: number;
  bestLapTimeMs: number;
  lastLapTimeMs: number;
  timeOfDayMs: number;
  preRaceStartPosition: number;
  numCarsAtPreRace: number;
  minAlertRpm: number;
  maxAlertRpm: number;
  calculatedMaxSpeed: number;
  flags: number;
  /** Low nibble of 0x90. */
  currentGear: number;
  /** High nibble of 0x90 (15 = no suggestion). */
  suggestedGear: number;
  throttle: number;
  brake: number;
  roadPlane: { x: number; y: number; z: number; distance: number };
  wheelRps: Corners;
  tyreRadius: Corners;
  suspensionHeight: Corners;
  clutchPedal: number;
  clutchEngagement: number;
  rpmFromClutchToGearbox: number;
  transmissionTopSpeed: number;
  gearRatios: number[];
  carCode: number;
  b?: Gt7FormatB;
  tilde?: Gt7FormatTilde;
  c?: Gt7FormatC;
};
