/**
 * RTCarInfo, AC's per-physics-step packet for the player car (protocols.md §2; 328 bytes,
 * naturally aligned C++ struct; verified on the real Monza capture: byte 0 = 'a', u32@4 = 328).
 *
 * | offset | type     | field                  | note                                              |
 * |      0 | char     | identifier             | 'a', then 3 bytes of padding                      |
 * |      4 | int32    | size                   | 328                                               |
 * |      8 | float    | speed_Kmh              |                                                   |
 * |     12 | float    | speed_Mph              |                                                   |
 * |     16 | float    | speed_Ms               |                                                   |
 * |     20 | bool x6  | isAbsEnabled, isAbsInAction, isTcInAction, isTcEnabled, isInPit, isEngineLimiterOn |
 * |     28 | float    | accG_vertical          | TRAP: really LATERAL g, positive = left (Monza)   |
 * |     32 | float    | accG_horizontal        | TRAP: really VERTICAL g (gravity removed)         |
 * |     36 | float    | accG_frontal           | longitudinal g, positive = accelerating           |
 * |     40 | int32    | lapTime                | ms, current lap                                   |
 * |     44 | int32    | lastLap                | ms, 0 = none                                      |
 * |     48 | int32    | bestLap                | ms, 0 = none                                      |
 * |     52 | int32    | lapCount               | completed laps                                    |
 * |     56 | float    | gas                    | 0..1                                              |
 * |     60 | float    | brake                  | 0..1                                              |
 * |     64 | float    | clutch                 | 0..1, 1 = ENGAGED (pedal up): 1.0 at speed, 0 at standstill |
 * |     68 | float    | engineRPM              |                                                   |
 * |     72 | float    | steer                  | steering-wheel angle, degrees, positive = right   |
 * |     76 | int32    | gear                   | 0 = R, 1 = N, 2 = 1st ...                         |
 * |     80 | float    | cgHeight               |                                                   |
 * |  84..307 | float[4] x 14 | wheel arrays (angular speed, slip, load, ...) | not mapped          |
 * |    308 | float    | carPositionNormalized  | 0..1 along the lap spline                         |
 * |    312 | float    | carSlope               |                                                   |
 * |    316 | float[3] | carCoordinates         | world X, Y (up), Z, m                             |
 *
 * The g-axis and clutch notes were established on the real capture (see test/engine/games/ac):
 * field@28 correlates -0.99 with the lateral acceleration of the car's path round Monza (a
 * clockwise track), field@36 +0.97 with d(speed)/dt, field@32 with neither; positive steer
 * loads the left wheels (a right turn).
 */
import type { DecodeError } from '../types.js';

export const AC_CAR_INFO_SIZE = 328;
/** Byte 0 of every RTCarInfo packet. */
export const AC_CAR_INFO_IDENTIFIER = 0x61; // 'a'

const O = {
  identifier: 0, size: 4, speedKmh: 8, speedMph: 12, speedMs: 16,
  isAbsEnabled: 20, isAbsInAction: 21, isTcInAction: 22, isTcEnabled: 23, isInPit: 24, isEngineLimiterOn: 25,
  accGVertical: 28, accGHorizontal: 32, accGFrontal: 36,
  lapTime: 40, lastLap: 44, bestLap: 48, lapCount: 52,
  gas: 56, brake: 60, clutch: 64, engineRpm: 68, steer: 72, gear: 76, cgHeight: 80,
  carPositionNormalized: 308, carSlope: 312, carCoordinates: 316,
} as const;

/** RTCarInfo fields as AC sends them (AC's names and units; wheel arrays are not decoded). */
export type AcCarInfo = {
  readonly speedKmh: number;
  readonly speedMph: number;
  readonly speedMs: number;
  readonly isAbsEnabled: boolean;
  readonly isAbsInAction: boolean;
  readonly isTcInAction: boolean;
  readonly isTcEnabled: boolean;
  readonly isInPit: boolean;
  readonly isEngineLimiterOn: boolean;
  /** Kunos' name; really lateral g, positive = left. */
  readonly accGVertical: number;
  /** Kunos' name; really vertical g. */
  readonly accGHorizontal: number;
  /** Longitudinal g, positive = accelerating. */
  readonly accGFrontal: number;
  /** ms */
  readonly lapTime: number;
  /** ms, 0 = none */
  readonly lastLap: number;
  /** ms, 0 = none */
  readonly bestLap: number;
  readonly lapCount: number;
  readonly gas: number;
  readonly brake: number;
  /** 1 = clutch engaged (pedal released). */
  readonly clutch: number;
  readonly engineRpm: number;
  /** degrees of steering-wheel rotation, positive = right */
  readonly steer: number;
  /** 0 = R, 1 = N, 2 = 1st */
  readonly gear: number;
  readonly cgHeight: number;
  readonly carPositionNormalized: number;
  readonly carSlope: number;
  readonly carX: number;
  readonly carY: number;
  readonly carZ: number;
};

export function readAcCarInfo(packet: Uint8Array): AcCarInfo | DecodeError {
  if (packet.length !== AC_CAR_INFO_SIZE) {
    return { code: 'bad-size', detail: `RTCarInfo is ${AC_CAR_INFO_SIZE} bytes, got ${packet.length}` };
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  if (packet[O.identifier] !== AC_CAR_INFO_IDENTIFIER || view.getInt32(O.size, true) !== AC_CAR_INFO_SIZE) {
    return { code: 'bad-format', detail: "RTCarInfo must start with 'a' and size 328" };
  }
  const f32 = (offset: number): number => view.getFloat32(offset, true);
  const i32 = (offset: number): number => view.getInt32(offset, true);
  return {
    speedKmh: f32(O.speedKmh),
    speedMph: f32(O.speedMph),
    speedMs: f32(O.speedMs),
    isAbsEnabled: packet[O.isAbsEnabled] !== 0,
    isAbsInAction: packet[O.isAbsInAction] !== 0,
    isTcInAction: packet[O.isTcInAction] !== 0,
    isTcEnabled: packet[O.isTcEnabled] !== 0,
    isInPit: packet[O.isInPit] !== 0,
    isEngineLimiterOn: packet[O.isEngineLimiterOn] !== 0,
    accGVertical: f32(O.accGVertical),
    accGHorizontal: f32(O.accGHorizontal),
    accGFrontal: f32(O.accGFrontal),
    lapTime: i32(O.lapTime),
    lastLap: i32(O.lastLap),
    bestLap: i32(O.bestLap),
    lapCount: i32(O.lapCount),
    gas: f32(O.gas),
    brake: f32(O.brake),
    clutch: f32(O.clutch),
    engineRpm: f32(O.engineRpm),
    steer: f32(O.steer),
    gear: i32(O.gear),
    cgHeight: f32(O.cgHeight),
    carPositionNormalized: f32(O.carPositionNormalized),
    carSlope: f32(O.carSlope),
    carX: f32(O.carCoordinates),
    carY: f32(O.carCoordinates + 4),
    carZ: f32(O.carCoordinates + 8),
  };
}

/** Writes a 328-byte RTCarInfo; the wheel arrays (not modelled by racecraft) are zero. */
export function writeAcCarInfo(info: AcCarInfo): Uint8Array {
  const bytes = new Uint8Array(AC_CAR_INFO_SIZE);
  const view = new DataView(bytes.buffer);
  const f32 = (offset: number, value: number): void => view.setFloat32(offset, value, true);
  const i32 = (offset: number, value: number): void => view.setInt32(offset, value, true);
  bytes[O.identifier] = AC_CAR_INFO_IDENTIFIER;
  i32(O.size, AC_CAR_INFO_SIZE);
  f32(O.speedKmh, info.speedKmh);
  f32(O.speedMph, info.speedMph);
  f32(O.speedMs, info.speedMs);
  bytes[O.isAbsEnabled] = info.isAbsEnabled ? 1 : 0;
  bytes[O.isAbsInAction] = info.isAbsInAction ? 1 : 0;
  bytes[O.isTcInAction] = info.isTcInAction ? 1 : 0;
  bytes[O.isTcEnabled] = info.isTcEnabled ? 1 : 0;
  bytes[O.isInPit] = info.isInPit ? 1 : 0;
  bytes[O.isEngineLimiterOn] = info.isEngineLimiterOn ? 1 : 0;
  f32(O.accGVertical, info.accGVertical);
  f32(O.accGHorizontal, info.accGHorizontal);
  f32(O.accGFrontal, info.accGFrontal);
  i32(O.lapTime, info.lapTime);
  i32(O.lastLap, info.lastLap);
  i32(O.bestLap, info.bestLap);
  i32(O.lapCount, info.lapCount);
  f32(O.gas, info.gas);
  f32(O.brake, info.brake);
  f32(O.clutch, info.clutch);
  f32(O.engineRpm, info.engineRpm);
  f32(O.steer, info.steer);
  i32(O.gear, info.gear);
  f32(O.cgHeight, info.cgHeight);
  f32(O.carPositionNormalized, info.carPositionNormalized);
  f32(O.carSlope, info.carSlope);
  f32(O.carCoordinates, info.carX);
  f32(O.carCoordinates + 4, info.carY);
  f32(O.carCoordinates + 8, info.carZ);
  return bytes;
}
