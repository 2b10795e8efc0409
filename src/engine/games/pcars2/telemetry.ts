/**
 * sTelemetryData, packet type 0: the viewed car's physics, one per streamer tick
 * (protocols.md §5; packed; v1 = 538 bytes, v2 adds the tail fields: 555 compiled, 556
 * declared, 559 with a trailing tick count).
 *
 * | offset | type     | field                                                          |
 * |     12 | s8       | sViewedParticipantIndex  (index into the timings array; -1 none) |
 * |     13 | u8 x2    | sUnfilteredThrottle, sUnfilteredBrake                           |
 * |     15 | s8       | sUnfilteredSteering                                            |
 * |     16 | u8       | sUnfilteredClutch                                              |
 * |     17 | u8       | sCarFlags                                                      |
 * |     18 | s16      | sOilTempCelsius                                                |
 * |     22 | s16      | sWaterTempCelsius                                              |
 * |     28 | u8       | sFuelCapacity  (litres)                                        |
 * |     29 | u8       | sBrake   0..255                                                |
 * |     30 | u8       | sThrottle 0..255                                               |
 * |     31 | u8       | sClutch  0..255 (pedal: 255 = pressed, PC1 capture on the grid)  |
 * |     32 | f32      | sFuelLevel  0..1 of capacity                                   |
 * |     36 | f32      | sSpeed  m/s                                                    |
 * |     40 | u16      | sRpm                                                           |
 * |     42 | u16      | sMaxRpm                                                        |
 * |     44 | s8       | sSteering  -127..127, positive = right                         |
 * |     45 | u8       | sGearNumGears  low nibble gear (0 N, 15 R), high nibble gear count |
 * |     48 | f32      | sOdometerKM                                                    |
 * |     52 | f32 x3   | sOrientation  (pitch, heading, bank) rad                       |
 * |     64 | f32 x3   | sLocalVelocity  m/s, forward = -Z                              |
 * |     76 | f32 x3   | sWorldVelocity                                                 |
 * |     88 | f32 x3   | sAngularVelocity                                               |
 * |    100 | f32 x3   | sLocalAcceleration  m/s²: +X = LEFT, +Y up, -Z = forward        |
 * |    176 | u8 x4    | sTyreTemp  °C  (FL, FR, RL, RR)                                |
 * |    208 | s16 x4   | sBrakeTempCelsius                                              |
 * |    373 | u32      | sJoyPad0  (the header's comment says 376: it is packed, 373)   |
 * |    377 | u8       | sDPad                                                          |
 * |    378 | char 4x40| sTyreCompound                                                  |
 * |    538 | f32      | sTurboBoostPressure          (v2)                              |
 * |    542 | f32 x3   | sFullPosition  m, world      (v2)                              |
 * |    554 | u8       | sBrakeBias                   (v2)                              |
 *
 * Axes were checked on the PC1 capture (same physics conventions, same field meanings):
 * -localAcceleration.z correlates +0.94 with d(speed)/dt; positive steering lowers the left
 * ride height (a right turn) and comes with negative localAcceleration.x.
 */
import type { DecodeError } from '../types.js';
import { PC2_PACKET_TYPE, PC2_PACKET_VERSION, writePc2Header } from './header.js';

export const PC2_TELEMETRY_V1_SIZE = 538;
/** Telemetry packets at least this long carry the v2 tail (turbo, full position, brake bias). */
export const PC2_TELEMETRY_V2_MIN_SIZE = 555;

const O = {
  viewedParticipantIndex: 12, unfilteredThrottle: 13, unfilteredBrake: 14, unfilteredSteering: 15, unfilteredClutch: 16,
  carFlags: 17, oilTempCelsius: 18, waterTempCelsius: 22, fuelCapacity: 28, brake: 29, throttle: 30, clutch: 31,
  fuelLevel: 32, speed: 36, rpm: 40, maxRpm: 42, steering: 44, gearNumGears: 45, odometerKm: 48,
  orientation: 52, localVelocity: 64, worldVelocity: 76, angularVelocity: 88, localAcceleration: 100,
  tyreTemp: 176, brakeTempCelsius: 208, fullPosition: 542,
} as const;

type Vec3 = readonly [number, number, number];
type Quad = readonly [number, number, number, number];

/** The sTelemetryData fields racecraft maps, in the game's units. */
export type Pc2Telemetry = {
  readonly viewedParticipantIndex: number;
  readonly unfilteredThrottle: number;
  readonly unfilteredBrake: number;
  readonly unfilteredSteering: number;
  readonly unfilteredClutch: number;
  readonly carFlags: number;
  readonly oilTempCelsius: number;
  readonly waterTempCelsius: number;
  /** litres */
  readonly fuelCapacity: number;
  /** 0..255 */
  readonly brake: number;
  readonly throttle: number;
  readonly clutch: number;
  /** 0..1 of capacity */
  readonly fuelLevel: number;
  /** m/s */
  readonly speed: number;
  readonly rpm: number;
  readonly maxRpm: number;
  /** -127..127 */
  readonly steering: number;
  readonly gearNumGears: number;
  readonly odometerKm: number;
  readonly orientation: Vec3;
  readonly localVelocity: Vec3;
  readonly worldVelocity: Vec3;
  readonly angularVelocity: Vec3;
  readonly localAcceleration: Vec3;
  readonly tyreTemp: Quad;
  readonly brakeTempCelsius: Quad;
  /** v2 only: world position at full precision (m). */
  readonly fullPosition: Vec3 | undefined;
};

export function readPc2Telemetry(packet: Uint8Array, view: DataView): Pc2Telemetry | DecodeError {
  if (packet.length < PC2_TELEMETRY_V1_SIZE) {
    return { code: 'too-short', detail: `PC2 telemetry needs ${PC2_TELEMETRY_V1_SIZE} bytes, got ${packet.length}` };
  }
  const f32 = (offset: number): number => view.getFloat32(offset, true);
  const vec3 = (offset: number): Vec3 => [f32(offset), f32(offset + 4), f32(offset + 8)];
  return {
    viewedParticipantIndex: view.getInt8(O.viewedParticipantIndex),
    unfilteredThrottle: view.getUint8(O.unfilteredThrottle),
    unfilteredBrake: view.getUint8(O.unfilteredBrake),
    unfilteredSteering: view.getInt8(O.unfilteredSteering),
    unfilteredClutch: view.getUint8(O.unfilteredClutch),
    carFlags: view.getUint8(O.carFlags),
    oilTempCelsius: view.getInt16(O.oilTempCelsius, true),
    waterTempCelsius: view.getInt16(O.waterTempCelsius, true),
    fuelCapacity: view.getUint8(O.fuelCapacity),
    brake: view.getUint8(O.brake),
    throttle: view.getUint8(O.throttle),
    clutch: view.getUint8(O.clutch),
    fuelLevel: f32(O.fuelLevel),
    speed: f32(O.speed),
    rpm: view.getUint16(O.rpm, true),
    maxRpm: view.getUint16(O.maxRpm, true),
    steering: view.getInt8(O.steering),
    gearNumGears: view.getUint8(O.gearNumGears),
    odometerKm: f32(O.odometerKm),
    orientation: vec3(O.orientation),
    localVelocity: vec3(O.localVelocity),
    worldVelocity: vec3(O.worldVelocity),
    angularVelocity: vec3(O.angularVelocity),
    localAcceleration: vec3(O.localAcceleration),
    tyreTemp: [view.getUint8(O.tyreTemp), view.getUint8(O.tyreTemp + 1), view.getUint8(O.tyreTemp + 2), view.getUint8(O.tyreTemp + 3)],
    brakeTempCelsius: [
      view.getInt16(O.brakeTempCelsius, true),
      view.getInt16(O.brakeTempCelsius + 2, true),
      view.getInt16(O.brakeTempCelsius + 4, true),
      view.getInt16(O.brakeTempCelsius + 6, true),
    ],
    fullPosition: packet.length >= PC2_TELEMETRY_V2_MIN_SIZE ? vec3(O.fullPosition) : undefined,
  };
}

/** Writes a telemetry packet of `size` bytes (538 = v1; ≥ 555 adds the v2 tail). */
export function writePc2Telemetry(telemetry: Pc2Telemetry, size: number, packetNumber: number, categoryPacketNumber: number): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  writePc2Header(view, {
    packetNumber,
    categoryPacketNumber,
    partialPacketIndex: 1,
    partialPacketNumber: 1,
    packetType: PC2_PACKET_TYPE.telemetry,
    packetVersion: PC2_PACKET_VERSION[PC2_PACKET_TYPE.telemetry] ?? 0,
  });
  const f32 = (offset: number, value: number): void => view.setFloat32(offset, value, true);
  const vec3 = (offset: number, value: Vec3): void => value.forEach((v, i) => f32(offset + i * 4, v));
  view.setInt8(O.viewedParticipantIndex, telemetry.viewedParticipantIndex);
  view.setUint8(O.unfilteredThrottle, telemetry.unfilteredThrottle);
  view.setUint8(O.unfilteredBrake, telemetry.unfilteredBrake);
  view.setInt8(O.unfilteredSteering, telemetry.unfilteredSteering);
  view.setUint8(O.unfilteredClutch, telemetry.unfilteredClutch);
  view.setUint8(O.carFlags, telemetry.carFlags);
  view.setInt16(O.oilTempCelsius, telemetry.oilTempCelsius, true);
  view.setInt16(O.waterTempCelsius, telemetry.waterTempCelsius, true);
  view.setUint8(O.fuelCapacity, telemetry.fuelCapacity);
  view.setUint8(O.brake, telemetry.brake);
  view.setUint8(O.throttle, telemetry.throttle);
  view.setUint8(O.clutch, telemetry.clutch);
  f32(O.fuelLevel, telemetry.fuelLevel);
  f32(O.speed, telemetry.speed);
  view.setUint16(O.rpm, telemetry.rpm, true);
  view.setUint16(O.maxRpm, telemetry.maxRpm, true);
  view.setInt8(O.steering, telemetry.steering);
  view.setUint8(O.gearNumGears, telemetry.gearNumGears);
  f32(O.odometerKm, telemetry.odometerKm);
  vec3(O.orientation, telemetry.orientation);
  vec3(O.localVelocity, telemetry.localVelocity);
  vec3(O.worldVelocity, telemetry.worldVelocity);
  vec3(O.angularVelocity, telemetry.angularVelocity);
  vec3(O.localAcceleration, telemetry.localAcceleration);
  telemetry.tyreTemp.forEach((v, i) => view.setUint8(O.tyreTemp + i, v));
  telemetry.brakeTempCelsius.forEach((v, i) => view.setInt16(O.brakeTempCelsius + i * 2, v, true));
  if (size >= PC2_TELEMETRY_V2_MIN_SIZE && telemetry.fullPosition !== undefined) vec3(O.fullPosition, telemetry.fullPosition);
  return bytes;
}
