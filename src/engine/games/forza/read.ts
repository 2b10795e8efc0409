/**
 * The decoder's hot path: reads only the mapped fields of one Forza packet, at the offsets of
 * the layout tables, and converts them to racecraft units. The size check is done by the
 * caller (decoder.ts) with `forzaFormatOfSize`, so every read below is in bounds.
 *
 * Units and axes (validated on the real FM7 CSV recordings, see test/engine/games/forza):
 *   AccelerationX/Y/Z m/s², car-local X right, Y up, Z forward → g = a / 9.80665;
 *     AccelerationX correlates -0.99 with the path's lateral acceleration taken positive to the
 *     left, i.e. +X = right, and tracks the outside-wheel suspension compression.
 *   Gear 0 = R, 1..10 forward, 11 = N (Horizon, community) → -1, n, 0.
 *   Accel/Brake/Clutch 0..255 → 0..1; Steer -127..127 → -1..1 (positive = right).
 *   TireTemp °F → °C.  LapNumber 0-based → lap = LapNumber + 1.
 *   DistanceTraveled is race distance, NOT lap distance: lapDistance stays absent.
 */
import type { TelemetryFrame } from '../../model/index.js';
import { DASH_OFFSET, DASH_START, FM2023_TRACK_ORDINAL_OFFSET, SLED_OFFSET, type ForzaFormat } from './layout.js';

export const STANDARD_GRAVITY = 9.80665;
/** Forza's gear byte for neutral. */
export const FORZA_NEUTRAL_GEAR = 11;
const MAX_FORWARD_GEAR = 10;

type MutableFrame = { -readonly [K in keyof TelemetryFrame]: TelemetryFrame[K] };

/** What identifies the car (and, in FM 2023, the track) of a packet. */
export type ForzaIdentity = {
  readonly carOrdinal: number;
  readonly carClass: number;
  readonly performanceIndex: number;
  readonly engineMaxRpm: number;
  /** FM 2023 only. */
  readonly trackOrdinal: number | undefined;
};

export function readIsRaceOn(view: DataView): number {
  return view.getInt32(SLED_OFFSET.IsRaceOn, true);
}

export function readTimestampMs(view: DataView): number {
  return view.getUint32(SLED_OFFSET.TimestampMS, true);
}

export function readIdentity(view: DataView, format: ForzaFormat): ForzaIdentity {
  return {
    carOrdinal: view.getInt32(SLED_OFFSET.CarOrdinal, true),
    carClass: view.getInt32(SLED_OFFSET.CarClass, true),
    performanceIndex: view.getInt32(SLED_OFFSET.CarPerformanceIndex, true),
    engineMaxRpm: view.getFloat32(SLED_OFFSET.EngineMaxRpm, true),
    trackOrdinal: format === 'fm2023' ? view.getInt32(FM2023_TRACK_ORDINAL_OFFSET, true) : undefined,
  };
}

/** 0-based LapNumber, or undefined for Sled packets (they carry no lap data). */
export function readLapNumber(view: DataView, format: ForzaFormat): number | undefined {
  if (format === 'sled') return undefined;
  return view.getUint16(dashStart(format) + DASH_OFFSET.LapNumber, true);
}

/** Builds the frame at session time `t` (s). Non-finite values are left absent. */
export function readForzaFrame(view: DataView, format: ForzaFormat, t: number): TelemetryFrame {
  const f32 = (offset: number): number => view.getFloat32(offset, true);
  const frame: MutableFrame = { t, lap: 0 };
  set(frame, 'rpm', f32(SLED_OFFSET.CurrentEngineRpm));
  set(frame, 'gLat', f32(SLED_OFFSET.AccelerationX) / STANDARD_GRAVITY);
  set(frame, 'gVert', f32(SLED_OFFSET.AccelerationY) / STANDARD_GRAVITY);
  set(frame, 'gLon', f32(SLED_OFFSET.AccelerationZ) / STANDARD_GRAVITY);
  set(frame, 'yaw', f32(SLED_OFFSET.Yaw));
  set(frame, 'pitch', f32(SLED_OFFSET.Pitch));
  set(frame, 'roll', f32(SLED_OFFSET.Roll));
  if (format === 'sled') {
    // Sled has no Speed field: the magnitude of the game's own velocity vector is the speed.
    set(frame, 'speed', Math.hypot(f32(SLED_OFFSET.VelocityX), f32(SLED_OFFSET.VelocityY), f32(SLED_OFFSET.VelocityZ)));
    return frame;
  }
  const d = dashStart(format);
  frame.lap = view.getUint16(d + DASH_OFFSET.LapNumber, true) + 1;
  set(frame, 'speed', f32(d + DASH_OFFSET.Speed));
  set(frame, 'posX', f32(d + DASH_OFFSET.PositionX));
  set(frame, 'posY', f32(d + DASH_OFFSET.PositionY));
  set(frame, 'posZ', f32(d + DASH_OFFSET.PositionZ));
  set(frame, 'tyreTempFL', fahrenheitToCelsius(f32(d + DASH_OFFSET.TireTempFrontLeft)));
  set(frame, 'tyreTempFR', fahrenheitToCelsius(f32(d + DASH_OFFSET.TireTempFrontRight)));
  set(frame, 'tyreTempRL', fahrenheitToCelsius(f32(d + DASH_OFFSET.TireTempRearLeft)));
  set(frame, 'tyreTempRR', fahrenheitToCelsius(f32(d + DASH_OFFSET.TireTempRearRight)));
  const lapTime = f32(d + DASH_OFFSET.CurrentLap);
  if (Number.isFinite(lapTime) && lapTime >= 0) frame.lapTime = lapTime;
  const lastLap = f32(d + DASH_OFFSET.LastLap);
  if (Number.isFinite(lastLap) && lastLap > 0) frame.lastLapTime = lastLap;
  frame.throttle = view.getUint8(d + DASH_OFFSET.Accel) / 255;
  frame.brake = view.getUint8(d + DASH_OFFSET.Brake) / 255;
  frame.clutch = view.getUint8(d + DASH_OFFSET.Clutch) / 255;
  frame.steer = Math.max(-1, view.getInt8(d + DASH_OFFSET.Steer) / 127);
  const gear = forzaGearToChannel(view.getUint8(d + DASH_OFFSET.Gear));
  if (gear !== undefined) frame.gear = gear;
  return frame;
}

/** Forza gear byte → channel (-1 R, 0 N, n forward); undefined for values Forza does not use. */
export function forzaGearToChannel(raw: number): number | undefined {
  if (raw === 0) return -1;
  if (raw === FORZA_NEUTRAL_GEAR) return 0;
  return raw <= MAX_FORWARD_GEAR ? raw : undefined;
}

/** Channel gear → Forza gear byte. */
export function channelGearToForza(gear: number): number {
  if (gear < 0) return 0;
  if (gear === 0) return FORZA_NEUTRAL_GEAR;
  return Math.min(gear, MAX_FORWARD_GEAR);
}

export function fahrenheitToCelsius(f: number): number {
  return ((f - 32) * 5) / 9;
}

export function celsiusToFahrenheit(c: number): number {
  return (c * 9) / 5 + 32;
}

function dashStart(format: Exclude<ForzaFormat, 'sled'>): number {
  return format === 'fh' ? DASH_START.horizon : DASH_START.fm;
}

type NumericChannel = 'rpm' | 'gLat' | 'gVert' | 'gLon' | 'yaw' | 'pitch' | 'roll' | 'speed' | 'posX' | 'posY' | 'posZ' | 'tyreTempFL' | 'tyreTempFR' | 'tyreTempRL' | 'tyreTempRR';

function set(frame: MutableFrame, channel: NumericChannel, value: number): void {
  if (Number.isFinite(value)) frame[channel] = value;
}
