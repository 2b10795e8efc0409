/**
 * PCARS physics → TelemetryFrame, shared by the PC2 and PC1 decoders (same physics fields and
 * conventions; the lap/pit/flag bit layouts differ and are passed in by each decoder).
 *
 *   speed m/s, rpm; pedals u8/255 (clutch is the pedal); steer s8/127, positive = right;
 *   gear low nibble: 0 = N, 15 = R (-1 as 4 bits), else the gear;
 *   localAcceleration m/s², +X left, +Y up, -Z forward → gLat = -x/g, gVert = y/g, gLon = -z/g;
 *   orientation (pitch, heading, bank) → pitch, yaw, roll; fuel = level × capacity (litres);
 *   tyre temps u8 °C; brake temps s16 °C; water temp → engineTemp.
 */
import type { TelemetryFrame } from '../../model/index.js';

export const STANDARD_GRAVITY = 9.80665;
const REVERSE_NIBBLE = 15;

export type MutableFrame = { -readonly [K in keyof TelemetryFrame]: TelemetryFrame[K] };

/** The physics part common to PC1 and PC2 telemetry. */
export type PcarsPhysics = {
  readonly throttle: number;
  readonly brake: number;
  readonly clutch: number;
  readonly steering: number;
  readonly speed: number;
  readonly rpm: number;
  readonly gearNumGears: number;
  readonly fuelLevel: number;
  readonly fuelCapacity: number;
  readonly waterTempCelsius: number;
  readonly orientation: readonly [number, number, number];
  readonly localAcceleration: readonly [number, number, number];
  readonly tyreTemp: readonly [number, number, number, number];
  readonly brakeTempCelsius: readonly [number, number, number, number];
};

/** The lap part, already decoded from each protocol's bit layout. */
export type PcarsLapState = {
  /** 1-based */
  readonly lap: number;
  /** s */
  readonly lapTime: number;
  readonly lastLapTime: number | undefined;
  /** m */
  readonly lapDistance: number;
  readonly lapInvalid: boolean;
  readonly inPit: boolean;
  /** raw sector byte (bits 0-2 = sector 1..3) */
  readonly sectorByte: number;
  readonly position: readonly [number, number, number];
};

export function pcarsFrame(t: number, physics: PcarsPhysics, lapState: PcarsLapState): TelemetryFrame {
  const frame: MutableFrame = {
    t,
    lap: lapState.lap,
    lapTime: lapState.lapTime,
    lapDistance: lapState.lapDistance,
    lapInvalid: lapState.lapInvalid,
    inPit: lapState.inPit,
    throttle: physics.throttle / 255,
    brake: physics.brake / 255,
    clutch: physics.clutch / 255,
    steer: Math.max(-1, physics.steering / 127),
    rpm: physics.rpm,
    gear: gearOf(physics.gearNumGears),
    engineTemp: physics.waterTempCelsius,
    tyreTempFL: physics.tyreTemp[0],
    tyreTempFR: physics.tyreTemp[1],
    tyreTempRL: physics.tyreTemp[2],
    tyreTempRR: physics.tyreTemp[3],
    brakeTempFL: physics.brakeTempCelsius[0],
    brakeTempFR: physics.brakeTempCelsius[1],
    brakeTempRL: physics.brakeTempCelsius[2],
    brakeTempRR: physics.brakeTempCelsius[3],
  };
  if (lapState.lastLapTime !== undefined) frame.lastLapTime = lapState.lastLapTime;
  const sector = lapState.sectorByte & 0x07;
  if (sector >= 1 && sector <= 3) frame.sector = sector - 1;
  setFinite(frame, 'speed', physics.speed);
  setFinite(frame, 'gLat', -physics.localAcceleration[0] / STANDARD_GRAVITY);
  setFinite(frame, 'gVert', physics.localAcceleration[1] / STANDARD_GRAVITY);
  setFinite(frame, 'gLon', -physics.localAcceleration[2] / STANDARD_GRAVITY);
  setFinite(frame, 'pitch', physics.orientation[0]);
  setFinite(frame, 'yaw', physics.orientation[1]);
  setFinite(frame, 'roll', physics.orientation[2]);
  // Capacity 0 = the game (or encoder) has no fuel data: leave fuel absent rather than 0 litres.
  if (physics.fuelCapacity > 0) setFinite(frame, 'fuel', physics.fuelLevel * physics.fuelCapacity);
  setFinite(frame, 'posX', lapState.position[0]);
  setFinite(frame, 'posY', lapState.position[1]);
  setFinite(frame, 'posZ', lapState.position[2]);
  return frame;
}

/** sGearNumGears low nibble → channel gear. */
export function gearOf(gearNumGears: number): number {
  const nibble = gearNumGears & 0x0f;
  return nibble === REVERSE_NIBBLE ? -1 : nibble;
}

/** sGearNumGears high nibble: the car's number of forward gears (0 = unknown). */
export function gearCountOf(gearNumGears: number): number {
  return gearNumGears >> 4;
}

export function packGear(gear: number, gearCount: number): number {
  const nibble = gear < 0 ? REVERSE_NIBBLE : Math.min(gear, 14);
  return ((gearCount & 0x0f) << 4) | nibble;
}

/**
 * Participant world position (s16 m) refined with the sector byte's precision bits: bits 6-7
 * add quarter metres to X, bits 4-5 to Z. Checked on the PC1 capture: this halves the
 * roughness of the path; the other assignment doubles it.
 */
export function refinedPosition(worldPosition: readonly [number, number, number], sectorByte: number): [number, number, number] {
  return [worldPosition[0] + ((sectorByte >> 6) & 3) / 4, worldPosition[1], worldPosition[2] + ((sectorByte >> 4) & 3) / 4];
}

/** Inverse of refinedPosition: [x, y, z] metres → s16 metres + sector precision bits. */
export function quantizePosition(x: number, y: number, z: number): { readonly world: [number, number, number]; readonly precisionBits: number } {
  const fx = Math.floor(x * 4) / 4;
  const fz = Math.floor(z * 4) / 4;
  const ix = Math.floor(fx);
  const iz = Math.floor(fz);
  const bits = ((Math.round((fx - ix) * 4) & 3) << 6) | ((Math.round((fz - iz) * 4) & 3) << 4);
  return { world: [clampS16(ix), clampS16(Math.round(y)), clampS16(iz)], precisionBits: bits };
}

function clampS16(value: number): number {
  return Math.max(-32768, Math.min(32767, value));
}

type NumericChannel = 'speed' | 'gLat' | 'gVert' | 'gLon' | 'pitch' | 'yaw' | 'roll' | 'fuel' | 'posX' | 'posY' | 'posZ';

function setFinite(frame: MutableFrame, channel: NumericChannel, value: number): void {
  if (Number.isFinite(value)) frame[channel] = value;
}

/**
 * The physics fields a PCARS game would send for `frame` (inverse of pcarsFrame). Fuel needs a
 * tank size: `fuelCapacity` litres (0 when the frame has no fuel, which decodes as absent).
 */
export function physicsFromFrame(frame: TelemetryFrame, gearCount: number, fuelCapacity: number): PcarsPhysics {
  const g = STANDARD_GRAVITY;
  const hasFuel = frame.fuel !== undefined && fuelCapacity > 0;
  return {
    throttle: byte(frame.throttle),
    brake: byte(frame.brake),
    clutch: byte(frame.clutch),
    steering: Math.round(Math.max(-1, Math.min(1, frame.steer ?? 0)) * 127),
    speed: frame.speed ?? 0,
    rpm: Math.max(0, Math.min(65535, Math.round(frame.rpm ?? 0))),
    gearNumGears: packGear(frame.gear ?? 0, gearCount),
    fuelLevel: hasFuel ? (frame.fuel as number) / fuelCapacity : 0,
    fuelCapacity: hasFuel ? Math.min(255, Math.round(fuelCapacity)) : 0,
    waterTempCelsius: Math.round(frame.engineTemp ?? 0),
    orientation: [frame.pitch ?? 0, frame.yaw ?? 0, frame.roll ?? 0],
    localAcceleration: [-(frame.gLat ?? 0) * g, (frame.gVert ?? 0) * g, -(frame.gLon ?? 0) * g],
    tyreTemp: [tyre(frame.tyreTempFL), tyre(frame.tyreTempFR), tyre(frame.tyreTempRL), tyre(frame.tyreTempRR)],
    brakeTempCelsius: [Math.round(frame.brakeTempFL ?? 0), Math.round(frame.brakeTempFR ?? 0), Math.round(frame.brakeTempRL ?? 0), Math.round(frame.brakeTempRR ?? 0)],
  };
}

function byte(value: number | undefined): number {
  return Math.round(Math.max(0, Math.min(1, value ?? 0)) * 255);
}

function tyre(celsius: number | undefined): number {
  return Math.max(0, Math.min(255, Math.round(celsius ?? 0)));
}
