/**
 * RTCarInfo <-> TelemetryFrame. The unit and axis choices are the ones validated on the real
 * Monza capture (see car-info.ts); each one is a trap somebody already fell into.
 */
import type { SessionInfo, TelemetryFrame } from '../../model/index.js';
import type { AcCarInfo } from './car-info.js';

/**
 * deg, half of the steering-wheel rotation that maps to steer = ±1 when the car's own lock is
 * unknown: AC sends the wheel angle in degrees, and 900° wheels are the common setting.
 */
export const DEFAULT_AC_STEER_LOCK_DEG = 450;

/** Highest raw gear value accepted (R, N and up to 15 forward gears). */
const MAX_AC_GEAR = 16;
const MS_TO_KMH = 3.6;
const MS_TO_MPH = 3600 / 1609.344;

type MutableFrame = { -readonly [K in keyof TelemetryFrame]: TelemetryFrame[K] };

export type AcFrameOptions = {
  /** m, when known; lapDistance = carPositionNormalized × trackLength. */
  readonly trackLength?: number | undefined;
  /** deg, see DEFAULT_AC_STEER_LOCK_DEG. */
  readonly steerLockDeg: number;
};

/**
 * Builds the frame for session time `t` (s); `lastLapTime` (s) is the decoder's vetted copy of
 * AC's lastLap (absent while stale). Non-finite values are left absent.
 */
export function frameFromCarInfo(info: AcCarInfo, t: number, lastLapTime: number | undefined, options: AcFrameOptions): TelemetryFrame {
  const frame: MutableFrame = { t, lap: info.lapCount + 1, lapTime: info.lapTime / 1000, inPit: info.isInPit };
  if (lastLapTime !== undefined) frame.lastLapTime = lastLapTime;
  // Always kept, even when the handshake gave a length: a capture without the handshake (or a
  // track whose length AC misreports) can still be measured from it afterwards.
  setFinite(frame, 'lapFraction', info.carPositionNormalized);
  setFinite(frame, 'speed', info.speedMs);
  setFinite(frame, 'rpm', info.engineRpm);
  // AC gear: 0 = R, 1 = N, 2 = 1st. Anything else is a corrupt value, left absent.
  if (info.gear >= 0 && info.gear <= MAX_AC_GEAR) frame.gear = info.gear - 1;
  setFinite(frame, 'throttle', info.gas);
  setFinite(frame, 'brake', info.brake);
  // AC reports clutch ENGAGEMENT (1.0 while driving); the channel is the pedal (1 = pressed).
  setFinite(frame, 'clutch', 1 - info.clutch);
  setFinite(frame, 'steer', clamp(info.steer / options.steerLockDeg, -1, 1));
  // Kunos' labels are wrong: @28 is lateral (positive = left), @32 vertical, @36 longitudinal.
  setFinite(frame, 'gLat', -info.accGVertical);
  setFinite(frame, 'gLon', info.accGFrontal);
  setFinite(frame, 'gVert', info.accGHorizontal);
  setFinite(frame, 'posX', info.carX);
  setFinite(frame, 'posY', info.carY);
  setFinite(frame, 'posZ', info.carZ);
  const trackLength = options.trackLength;
  if (trackLength !== undefined && trackLength > 0) setFinite(frame, 'lapDistance', info.carPositionNormalized * trackLength);
  return frame;
}

/**
 * The RTCarInfo AC would send for `frame`. `bestLapMs` is the encoder's running best; the
 * spline position comes from lapDistance / session.trackLength (0 when either is unknown).
 */
export function carInfoFromFrame(frame: TelemetryFrame, session: SessionInfo, steerLockDeg: number, bestLapMs: number): AcCarInfo {
  const speed = frame.speed ?? 0;
  const trackLength = session.trackLength;
  const normalized =
    frame.lapDistance !== undefined && trackLength !== undefined && trackLength > 0 ? frame.lapDistance / trackLength : 0;
  return {
    speedKmh: speed * MS_TO_KMH,
    speedMph: speed * MS_TO_MPH,
    speedMs: speed,
    isAbsEnabled: false,
    isAbsInAction: false,
    isTcInAction: false,
    isTcEnabled: false,
    isInPit: frame.inPit ?? false,
    isEngineLimiterOn: false,
    accGVertical: -(frame.gLat ?? 0),
    accGHorizontal: frame.gVert ?? 0,
    accGFrontal: frame.gLon ?? 0,
    lapTime: Math.round((frame.lapTime ?? 0) * 1000),
    lastLap: frame.lastLapTime !== undefined ? Math.round(frame.lastLapTime * 1000) : 0,
    bestLap: bestLapMs,
    lapCount: Math.max(0, frame.lap - 1),
    gas: frame.throttle ?? 0,
    brake: frame.brake ?? 0,
    clutch: 1 - (frame.clutch ?? 0),
    engineRpm: frame.rpm ?? 0,
    steer: (frame.steer ?? 0) * steerLockDeg,
    gear: (frame.gear ?? 0) + 1,
    cgHeight: 0,
    carPositionNormalized: normalized,
    carSlope: 0,
    carX: frame.posX ?? 0,
    carY: frame.posY ?? 0,
    carZ: frame.posZ ?? 0,
  };
}

function setFinite(frame: MutableFrame, channel: 'speed' | 'rpm' | 'throttle' | 'brake' | 'clutch' | 'steer' | 'gLat' | 'gLon' | 'gVert' | 'posX' | 'posY' | 'posZ' | 'lapDistance' | 'lapFraction', value: number): void {
  if (Number.isFinite(value)) frame[channel] = value;
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
