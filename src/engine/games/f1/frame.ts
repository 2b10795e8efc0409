/**
 * One F1 frame being assembled from the four per-tick packets (Motion, Lap Data, Car Telemetry,
 * Car Status) of the player's car, and its conversion to a TelemetryFrame in SI units.
 */
import type { TelemetryFrame } from '../../model/index.js';
import { emptyCarMotion, type CarMotion } from './motion.js';
import { emptyCarLap, type CarLap } from './lap-data.js';
import { emptyCarTelemetry, WHEEL, type CarTelemetry } from './car-telemetry.js';
import { emptyCarStatus, type CarStatus } from './car-status.js';

/** Bits of PendingFrame.parts: which of the frame's packets have arrived. */
export const PART_MOTION = 1;
export const PART_LAP = 2;
export const PART_TELEMETRY = 4;
export const PART_STATUS = 8;
export const ALL_PARTS = PART_MOTION | PART_LAP | PART_TELEMETRY | PART_STATUS;

export const KMH_TO_MS = 1 / 3.6;
export const PSI_TO_KPA = 6.894757293168361;

/** Raw wire values of the player's car for one frame identifier; reused, never reallocated. */
export type PendingFrame = {
  /** The frame identifier these packets share (0 parts = nothing pending). */
  key: number;
  parts: number;
  /** s, header m_sessionTime of the first packet of the frame. */
  t: number;
  readonly motion: CarMotion;
  readonly lap: CarLap;
  readonly telemetry: CarTelemetry;
  readonly status: CarStatus;
};

export function emptyPendingFrame(): PendingFrame {
  return { key: -1, parts: 0, t: 0, motion: emptyCarMotion(), lap: emptyCarLap(), telemetry: emptyCarTelemetry(), status: emptyCarStatus() };
}

type MutableFrame = { -readonly [K in keyof TelemetryFrame]: TelemetryFrame[K] };

/** NaN or ±Infinity from a corrupt float becomes an absent channel, never a number. */
function isFiniteNumber(x: number): boolean {
  return x - x === 0;
}

/**
 * m/s. Car Telemetry's m_speed is whole km/h, rounded down (the real captures: |world velocity|
 * 264.050 km/h beside m_speed 264, 305.994 beside 305), so speed steps 0.28 m/s at a time and
 * anything differentiated from it (acceleration for the shift fit) is mostly rounding noise.
 * The Motion packet's world velocity of the same frame is a float: its magnitude is the speed.
 * It is used only where the two agree within the rounding, so a game version that sent zeros or junk
 * there would still get m_speed.
 */
function speedOf(motion: CarMotion | undefined, speedKmh: number): number {
  if (motion !== undefined) {
    const kmh = Math.hypot(motion.velX, motion.velY, motion.velZ) / KMH_TO_MS;
    if (Math.abs(kmh - speedKmh) <= 1.01) return kmh * KMH_TO_MS;
  }
  return speedKmh * KMH_TO_MS;
}

/**
 * The SI frame of what has arrived. `lapFallback` is the lap number of the previous frame, used when
 * this frame's Lap Data packet was lost; undefined when no lap number is known at all, in which case
 * there is no frame (a frame must say which lap it belongs to).
 */
export function pendingToFrame(p: PendingFrame, lapFallback: number | undefined): TelemetryFrame | undefined {
  if (p.parts === ALL_PARTS) {
    const frame = completeFrame(p);
    if (frame !== undefined) return frame;
  }
  const hasLap = (p.parts & PART_LAP) !== 0;
  const lapNumber = hasLap ? p.lap.currentLapNum : lapFallback;
  if (lapNumber === undefined) return undefined;
  const f: MutableFrame = { t: p.t, lap: lapNumber };
  if ((p.parts & PART_MOTION) !== 0) {
    const m = p.motion;
    if (isFiniteNumber(m.posX)) f.posX = m.posX;
    if (isFiniteNumber(m.posY)) f.posY = m.posY;
    if (isFiniteNumber(m.posZ)) f.posZ = m.posZ;
    // F1's m_gForceLateral is positive towards the car's LEFT: the real 2024 capture turns left
    // (right wheels faster, yaw rate +0.378 rad/s at 29 m/s ≈ 1.1 g) with m_gForceLateral = +1.35.
    // racecraft's gLat is positive to the right, hence the sign flip. Longitudinal is already
    // positive forward (+0.10 g at full throttle, -0.34 g coasting in the same captures).
    if (isFiniteNumber(m.gLateral)) f.gLat = -m.gLateral;
    if (isFiniteNumber(m.gLongitudinal)) f.gLon = m.gLongitudinal;
    if (isFiniteNumber(m.gVertical)) f.gVert = m.gVertical;
    if (isFiniteNumber(m.yaw)) f.yaw = m.yaw;
    if (isFiniteNumber(m.pitch)) f.pitch = m.pitch;
    if (isFiniteNumber(m.roll)) f.roll = m.roll;
  }
  if (hasLap) {
    const l = p.lap;
    // Negative before the car first crosses the line: kept as sent.
    if (isFiniteNumber(l.lapDistance)) f.lapDistance = l.lapDistance;
    f.lapTime = l.currentLapTimeMs / 1000;
    if (l.lastLapTimeMs > 0) f.lastLapTime = l.lastLapTimeMs / 1000;
    f.lapInvalid = l.currentLapInvalid !== 0;
    f.inPit = l.pitStatus !== 0;
    f.sector = l.sector;
  }
  if ((p.parts & PART_TELEMETRY) !== 0) {
    const c = p.telemetry;
    f.speed = speedOf((p.parts & PART_MOTION) !== 0 ? p.motion : undefined, c.speedKmh);
    if (isFiniteNumber(c.throttle)) f.throttle = c.throttle;
    if (isFiniteNumber(c.brake)) f.brake = c.brake;
    if (isFiniteNumber(c.steer)) f.steer = c.steer;
    f.clutch = c.clutch / 100;
    f.gear = c.gear;
    f.rpm = c.rpm;
    f.drs = c.drs;
    f.engineTemp = c.engineTemp;
    f.tyreTempFL = c.tyreSurfaceTemp[WHEEL.FL];
    f.tyreTempFR = c.tyreSurfaceTemp[WHEEL.FR];
    f.tyreTempRL = c.tyreSurfaceTemp[WHEEL.RL];
    f.tyreTempRR = c.tyreSurfaceTemp[WHEEL.RR];
    f.brakeTempFL = c.brakeTemp[WHEEL.FL];
    f.brakeTempFR = c.brakeTemp[WHEEL.FR];
    f.brakeTempRL = c.brakeTemp[WHEEL.RL];
    f.brakeTempRR = c.brakeTemp[WHEEL.RR];
    const pFL = c.tyrePressurePsi[WHEEL.FL];
    const pFR = c.tyrePressurePsi[WHEEL.FR];
    const pRL = c.tyrePressurePsi[WHEEL.RL];
    const pRR = c.tyrePressurePsi[WHEEL.RR];
    if (isFiniteNumber(pFL)) f.tyrePressFL = pFL * PSI_TO_KPA;
    if (isFiniteNumber(pFR)) f.tyrePressFR = pFR * PSI_TO_KPA;
    if (isFiniteNumber(pRL)) f.tyrePressRL = pRL * PSI_TO_KPA;
    if (isFiniteNumber(pRR)) f.tyrePressRR = pRR * PSI_TO_KPA;
  }
  if ((p.parts & PART_STATUS) !== 0) {
    // kg of fuel (F1 sends mass).
    if (isFiniteNumber(p.status.fuelInTank)) f.fuel = p.status.fuelInTank;
  }
  return f;
}

/**
 * The common case in one object literal (one hidden class, no per-field transitions): all four
 * packets in and every float finite. A sum of the floats is finite only if each one is.
 * Same mapping as the general path below; undefined sends the frame there.
 */
function completeFrame(p: PendingFrame): TelemetryFrame | undefined {
  const m = p.motion;
  const l = p.lap;
  const c = p.telemetry;
  const pressure = c.tyrePressurePsi;
  const fuel = p.status.fuelInTank;
  const sum = m.posX + m.posY + m.posZ + m.gLateral + m.gLongitudinal + m.gVertical + m.yaw + m.pitch + m.roll +
    l.lapDistance + c.throttle + c.brake + c.steer + pressure[0] + pressure[1] + pressure[2] + pressure[3] + fuel;
  if (!isFiniteNumber(sum)) return undefined;
  const frame: MutableFrame = {
    t: p.t,
    lap: l.currentLapNum,
    lapDistance: l.lapDistance,
    lapTime: l.currentLapTimeMs / 1000,
    lapInvalid: l.currentLapInvalid !== 0,
    inPit: l.pitStatus !== 0,
    sector: l.sector,
    speed: speedOf(m, c.speedKmh),
    throttle: c.throttle,
    brake: c.brake,
    steer: c.steer,
    clutch: c.clutch / 100,
    gear: c.gear,
    rpm: c.rpm,
    drs: c.drs,
    gLat: -m.gLateral,
    gLon: m.gLongitudinal,
    gVert: m.gVertical,
    posX: m.posX,
    posY: m.posY,
    posZ: m.posZ,
    yaw: m.yaw,
    pitch: m.pitch,
    roll: m.roll,
    fuel,
    engineTemp: c.engineTemp,
    tyreTempFL: c.tyreSurfaceTemp[WHEEL.FL],
    tyreTempFR: c.tyreSurfaceTemp[WHEEL.FR],
    tyreTempRL: c.tyreSurfaceTemp[WHEEL.RL],
    tyreTempRR: c.tyreSurfaceTemp[WHEEL.RR],
    tyrePressFL: pressure[WHEEL.FL] * PSI_TO_KPA,
    tyrePressFR: pressure[WHEEL.FR] * PSI_TO_KPA,
    tyrePressRL: pressure[WHEEL.RL] * PSI_TO_KPA,
    tyrePressRR: pressure[WHEEL.RR] * PSI_TO_KPA,
    brakeTempFL: c.brakeTemp[WHEEL.FL],
    brakeTempFR: c.brakeTemp[WHEEL.FR],
    brakeTempRL: c.brakeTemp[WHEEL.RL],
    brakeTempRR: c.brakeTemp[WHEEL.RR],
  };
  if (l.lastLapTimeMs > 0) frame.lastLapTime = l.lastLapTimeMs / 1000;
  return frame;
}
