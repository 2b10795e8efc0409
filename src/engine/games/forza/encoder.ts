/**
 * Forza Data Out writer: one packet per frame in the chosen variant, byte-exact to the layout
 * tables. The inverse of read.ts's unit conversions; what racecraft does not model (tyre slip,
 * suspension, power, torque) is written as 0.
 */
import type { SessionInfo, TelemetryFrame } from '../../model/index.js';
import type { Encoder } from '../types.js';
import type { ForzaVariant } from './layout.js';
import { writeForzaPacket, type ForzaFields } from './packet.js';
import { STANDARD_GRAVITY, celsiusToFahrenheit, channelGearToForza } from './read.js';
import { ordinalOfKey } from './session.js';

export type ForzaEncoderOptions = {
  /** Default 'fm2023' (the current Forza Motorsport, the only variant with a track ordinal). */
  readonly variant?: ForzaVariant;
  /** Used when the session's carKey is not 'forza:<n>'. */
  readonly carOrdinal?: number;
  readonly carClass?: number;
  readonly performanceIndex?: number;
  /** 0 FWD, 1 RWD, 2 AWD. */
  readonly drivetrainType?: number;
  readonly numCylinders?: number;
  /** Used when the session's trackKey is not 'forza:<n>' (FM 2023 only). */
  readonly trackOrdinal?: number;
  /** rpm, EngineIdleRpm. */
  readonly idleRpm?: number;
};

/**
 * Maps a frame to Forza's raw fields. TimestampMS = t in ms (so the decoder gives t back to the
 * ms); CurrentRaceTime counts from the first frame encoded.
 */
export function forzaFieldsFromFrame(frame: TelemetryFrame, session: SessionInfo, options: ForzaEncoderOptions, raceStartT: number, bestLap: number): ForzaFields {
  const g = STANDARD_GRAVITY;
  const trackLength = session.trackLength;
  const fields: ForzaFields = {
    IsRaceOn: 1,
    TimestampMS: Math.round(frame.t * 1000) >>> 0,
    EngineMaxRpm: session.maxRpm ?? 0,
    EngineIdleRpm: options.idleRpm ?? 0,
    CurrentEngineRpm: frame.rpm ?? 0,
    AccelerationX: (frame.gLat ?? 0) * g,
    AccelerationY: (frame.gVert ?? 0) * g,
    AccelerationZ: (frame.gLon ?? 0) * g,
    // Car-local velocity: all of it forward (+Z), so Sled's |velocity| is the speed.
    VelocityZ: frame.speed ?? 0,
    Yaw: frame.yaw ?? 0,
    Pitch: frame.pitch ?? 0,
    Roll: frame.roll ?? 0,
    CarOrdinal: ordinalOfKey(session.carKey) ?? options.carOrdinal ?? 0,
    CarClass: options.carClass ?? 0,
    CarPerformanceIndex: options.performanceIndex ?? 0,
    DrivetrainType: options.drivetrainType ?? 0,
    NumCylinders: options.numCylinders ?? 0,
    PositionX: frame.posX ?? 0,
    PositionY: frame.posY ?? 0,
    PositionZ: frame.posZ ?? 0,
    Speed: frame.speed ?? 0,
    TireTempFrontLeft: celsiusToFahrenheit(frame.tyreTempFL ?? 0),
    TireTempFrontRight: celsiusToFahrenheit(frame.tyreTempFR ?? 0),
    TireTempRearLeft: celsiusToFahrenheit(frame.tyreTempRL ?? 0),
    TireTempRearRight: celsiusToFahrenheit(frame.tyreTempRR ?? 0),
    // Fuel is a 0..1 fraction in Forza; racecraft's fuel channel is litres, so it is not modelled: a full tank.
    Fuel: 1,
    DistanceTraveled:
      frame.lapDistance !== undefined && trackLength !== undefined ? Math.max(0, frame.lap - 1) * trackLength + frame.lapDistance : 0,
    BestLap: bestLap,
    LastLap: frame.lastLapTime ?? 0,
    CurrentLap: frame.lapTime ?? 0,
    CurrentRaceTime: frame.t - raceStartT,
    LapNumber: Math.max(0, frame.lap - 1),
    RacePosition: 1,
    Accel: pedal(frame.throttle),
    Brake: pedal(frame.brake),
    Clutch: pedal(frame.clutch),
    Gear: channelGearToForza(frame.gear ?? 0),
    Steer: Math.round(clamp(frame.steer ?? 0, -1, 1) * 127),
    TrackOrdinal: ordinalOfKey(session.trackKey) ?? options.trackOrdinal ?? 0,
  };
  return fields;
}

export function createForzaEncoder(options: ForzaEncoderOptions = {}): Encoder {
  const variant = options.variant ?? 'fm2023';
  let raceStartT: number | undefined;
  let bestLap = 0;
  return {
    encode(frame: TelemetryFrame, session: SessionInfo): readonly Uint8Array[] {
      raceStartT ??= frame.t;
      if (frame.lastLapTime !== undefined && frame.lastLapTime > 0 && (bestLap === 0 || frame.lastLapTime < bestLap)) bestLap = frame.lastLapTime;
      return [writeForzaPacket(variant, forzaFieldsFromFrame(frame, session, options, raceStartT, bestLap))];
    },
  };
}

function pedal(value: number | undefined): number {
  return Math.round(clamp(value ?? 0, 0, 1) * 255);
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
