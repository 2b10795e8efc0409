/**
 * Project CARS 1 UDP protocol ("Project CARS 1" UDP mode of PC2/AMS2; SMS "Project CARS UDP"
 * header, as read by jamesremuscat/pcars; protocols.md §5). Packed, little-endian. Offsets below
 * were computed from the field list and confirmed on the real capture
 * (shared/captures/project-cars-1: 2,880 × 1,367-byte telemetry, build 1200): lap distance
 * climbs 0 → 2,317 m, trackLength = 4,290.958 m, speed = |worldVelocity|.
 *
 * Every PC1 packet starts with u16 sBuildVersionNumber @0, u8 @2 = packet type (low 2 bits:
 * 0 telemetry 1367 B, 1 participant strings 1347 B, 2 additional strings 1028 B) + sequence (high 6).
 *
 * sTelemetryData (1367 bytes):
 * | offset | type    | field                                                              |
 * |      3 | u8      | sGameSessionState  low 3 bits game state, >> 4 session state       |
 * |      4 | s8      | sViewedParticipantIndex                                            |
 * |      5 | s8      | sNumParticipants                                                   |
 * |     10 | u8      | sRaceStateFlags  bits 0-2 race state, bit 3 LAP INVALIDATED, 4 ABS, 5 boost |
 * |     12 | f32     | sBestLapTime                                                       |
 * |     16 | f32     | sLastLapTime   s, -1 unset                                         |
 * |     20 | f32     | sCurrentTime   s, current lap, -1 before the start                 |
 * |     36 | f32     | sEventTimeRemaining                                                |
 * |     98 | u8      | sHighestFlag                                                       |
 * |     99 | u8      | sPitModeSchedule  bits 0-2 pit mode (0 none), bits 3-4 schedule    |
 * |    104 | s16     | sWaterTempCelsius                                                  |
 * |    111 | u8      | sFuelCapacity  (litres)                                            |
 * |    112 | u8 x3   | sBrake, sThrottle, sClutch  0..255                                 |
 * |    115 | s8      | sSteering  -127..127                                               |
 * |    116 | f32     | sFuelLevel  0..1                                                   |
 * |    120 | f32     | sSpeed  m/s                                                        |
 * |    124 | u16     | sRpm, @126 sMaxRpm                                                 |
 * |    128 | u8      | sGearNumGears  (low nibble gear, 15 = R; high nibble gear count)   |
 * |    136 | f32 x3  | sOrientation; @148 sLocalVelocity; @160 sWorldVelocity; @172 sAngularVelocity |
 * |    184 | f32 x3  | sLocalAcceleration; @196 sWorldAcceleration; @208 sExtentsCentre   |
 * |    276 | u8 x4   | sTyreTemp °C                                                       |
 * |    328 | s16 x4  | sBrakeTempCelsius                                                  |
 * |    464 | 56 x 16 | sParticipantInfo: s16 worldPosition[3] @0, u16 currentLapDistance @6, |
 * |        |         |   u8 racePosition @8 (bit 7 active), u8 lapsCompleted @9 (bit 7 invalid), |
 * |        |         |   u8 currentLap @10, u8 sector @11 (bits 0-2 sector, 4-7 position precision), f32 lastSectorTime @12 |
 * |   1360 | f32     | sTrackLength  m                                                    |
 * |   1364 | u8 x2   | sWings; @1366 u8 sDPad                                             |
 */
import type { DecodeError } from '../../types.js';

export const PC1_TELEMETRY_SIZE = 1367;
export const PC1_PARTICIPANTS = 56;
const PARTICIPANTS_START = 464;
const PARTICIPANT_SIZE = 16;

export const PC1_PACKET_TYPE = { telemetry: 0, participantStrings: 1, participantStringsAdditional: 2 } as const;

const O = {
  buildVersion: 0, typeAndSequence: 2, gameSessionState: 3, viewedParticipantIndex: 4, numParticipants: 5, raceStateFlags: 10,
  bestLapTime: 12, lastLapTime: 16, currentTime: 20, eventTimeRemaining: 36, highestFlag: 98, pitModeSchedule: 99,
  waterTempCelsius: 104, fuelCapacity: 111, brake: 112, throttle: 113, clutch: 114, steering: 115, fuelLevel: 116,
  speed: 120, rpm: 124, maxRpm: 126, gearNumGears: 128, orientation: 136, localVelocity: 148, worldVelocity: 160,
  localAcceleration: 184, tyreTemp: 276, brakeTempCelsius: 328, trackLength: 1360,
} as const;

type Vec3 = readonly [number, number, number];
type Quad = readonly [number, number, number, number];

export type Pc1Participant = {
  readonly worldPosition: Vec3;
  readonly currentLapDistance: number;
  readonly racePosition: number;
  readonly lapsCompleted: number;
  readonly currentLap: number;
  readonly sector: number;
  readonly lastSectorTime: number;
};

export type Pc1Telemetry = {
  readonly buildVersion: number;
  readonly sequence: number;
  readonly gameSessionState: number;
  readonly viewedParticipantIndex: number;
  readonly numParticipants: number;
  readonly raceStateFlags: number;
  readonly bestLapTime: number;
  readonly lastLapTime: number;
  readonly currentTime: number;
  readonly eventTimeRemaining: number;
  readonly highestFlag: number;
  readonly pitModeSchedule: number;
  readonly waterTempCelsius: number;
  readonly fuelCapacity: number;
  readonly brake: number;
  readonly throttle: number;
  readonly clutch: number;
  readonly steering: number;
  readonly fuelLevel: number;
  readonly speed: number;
  readonly rpm: number;
  readonly maxRpm: number;
  readonly gearNumGears: number;
  readonly orientation: Vec3;
  readonly localVelocity: Vec3;
  readonly worldVelocity: Vec3;
  readonly localAcceleration: Vec3;
  readonly tyreTemp: Quad;
  readonly brakeTempCelsius: Quad;
  readonly trackLength: number;
};

export function readPc1Telemetry(packet: Uint8Array, view: DataView): Pc1Telemetry | DecodeError {
  if (packet.length !== PC1_TELEMETRY_SIZE) return { code: 'bad-size', detail: `PC1 telemetry is ${PC1_TELEMETRY_SIZE} bytes, got ${packet.length}` };
  const f32 = (offset: number): number => view.getFloat32(offset, true);
  const vec3 = (offset: number): Vec3 => [f32(offset), f32(offset + 4), f32(offset + 8)];
  return {
    buildVersion: view.getUint16(O.buildVersion, true),
    sequence: view.getUint8(O.typeAndSequence) >> 2,
    gameSessionState: view.getUint8(O.gameSessionState),
    viewedParticipantIndex: view.getInt8(O.viewedParticipantIndex),
    numParticipants: view.getInt8(O.numParticipants),
    raceStateFlags: view.getUint8(O.raceStateFlags),
    bestLapTime: f32(O.bestLapTime),
    lastLapTime: f32(O.lastLapTime),
    currentTime: f32(O.currentTime),
    eventTimeRemaining: f32(O.eventTimeRemaining),
    highestFlag: view.getUint8(O.highestFlag),
    pitModeSchedule: view.getUint8(O.pitModeSchedule),
    waterTempCelsius: view.getInt16(O.waterTempCelsius, true),
    fuelCapacity: view.getUint8(O.fuelCapacity),
    brake: view.getUint8(O.brake),
    throttle: view.getUint8(O.throttle),
    clutch: view.getUint8(O.clutch),
    steering: view.getInt8(O.steering),
    fuelLevel: f32(O.fuelLevel),
    speed: f32(O.speed),
    rpm: view.getUint16(O.rpm, true),
    maxRpm: view.getUint16(O.maxRpm, true),
    gearNumGears: view.getUint8(O.gearNumGears),
    orientation: vec3(O.orientation),
    localVelocity: vec3(O.localVelocity),
    worldVelocity: vec3(O.worldVelocity),
    localAcceleration: vec3(O.localAcceleration),
    tyreTemp: [view.getUint8(O.tyreTemp), view.getUint8(O.tyreTemp + 1), view.getUint8(O.tyreTemp + 2), view.getUint8(O.tyreTemp + 3)],
    brakeTempCelsius: [
      view.getInt16(O.brakeTempCelsius, true),
      view.getInt16(O.brakeTempCelsius + 2, true),
      view.getInt16(O.brakeTempCelsius + 4, true),
      view.getInt16(O.brakeTempCelsius + 6, true),
    ],
    trackLength: f32(O.trackLength),
  };
}

/** Participant `index` (0..55) of a telemetry packet already size-checked. */
export function readPc1Participant(view: DataView, index: number): Pc1Participant {
  const at = PARTICIPANTS_START + index * PARTICIPANT_SIZE;
  return {
    worldPosition: [view.getInt16(at, true), view.getInt16(at + 2, true), view.getInt16(at + 4, true)],
    currentLapDistance: view.getUint16(at + 6, true),
    racePosition: view.getUint8(at + 8),
    lapsCompleted: view.getUint8(at + 9),
    currentLap: view.getUint8(at + 10),
    sector: view.getUint8(at + 11),
    lastSectorTime: view.getFloat32(at + 12, true),
  };
}

/** Writes a full 1367-byte telemetry packet; `participants` fills slots 0.. (at most 56). */
export function writePc1Telemetry(telemetry: Pc1Telemetry, participants: readonly Pc1Participant[]): Uint8Array {
  const bytes = new Uint8Array(PC1_TELEMETRY_SIZE);
  const view = new DataView(bytes.buffer);
  const f32 = (offset: number, value: number): void => view.setFloat32(offset, value, true);
  const vec3 = (offset: number, value: Vec3): void => value.forEach((v, i) => f32(offset + i * 4, v));
  view.setUint16(O.buildVersion, telemetry.buildVersion, true);
  view.setUint8(O.typeAndSequence, ((telemetry.sequence & 0x3f) << 2) | PC1_PACKET_TYPE.telemetry);
  view.setUint8(O.gameSessionState, telemetry.gameSessionState);
  view.setInt8(O.viewedParticipantIndex, telemetry.viewedParticipantIndex);
  view.setInt8(O.numParticipants, telemetry.numParticipants);
  view.setUint8(O.raceStateFlags, telemetry.raceStateFlags);
  f32(O.bestLapTime, telemetry.bestLapTime);
  f32(O.lastLapTime, telemetry.lastLapTime);
  f32(O.currentTime, telemetry.currentTime);
  f32(O.eventTimeRemaining, telemetry.eventTimeRemaining);
  view.setUint8(O.highestFlag, telemetry.highestFlag);
  view.setUint8(O.pitModeSchedule, telemetry.pitModeSchedule);
  view.setInt16(O.waterTempCelsius, telemetry.waterTempCelsius, true);
  view.setUint8(O.fuelCapacity, telemetry.fuelCapacity);
  view.setUint8(O.brake, telemetry.brake);
  view.setUint8(O.throttle, telemetry.throttle);
  view.setUint8(O.clutch, telemetry.clutch);
  view.setInt8(O.steering, telemetry.steering);
  f32(O.fuelLevel, telemetry.fuelLevel);
  f32(O.speed, telemetry.speed);
  view.setUint16(O.rpm, telemetry.rpm, true);
  view.setUint16(O.maxRpm, telemetry.maxRpm, true);
  view.setUint8(O.gearNumGears, telemetry.gearNumGears);
  vec3(O.orientation, telemetry.orientation);
  vec3(O.localVelocity, telemetry.localVelocity);
  vec3(O.worldVelocity, telemetry.worldVelocity);
  vec3(O.localAcceleration, telemetry.localAcceleration);
  telemetry.tyreTemp.forEach((v, i) => view.setUint8(O.tyreTemp + i, v));
  telemetry.brakeTempCelsius.forEach((v, i) => view.setInt16(O.brakeTempCelsius + i * 2, v, true));
  participants.slice(0, PC1_PARTICIPANTS).forEach((p, index) => {
    const at = PARTICIPANTS_START + index * PARTICIPANT_SIZE;
    p.worldPosition.forEach((v, i) => view.setInt16(at + i * 2, v, true));
    view.setUint16(at + 6, p.currentLapDistance, true);
    view.setUint8(at + 8, p.racePosition);
    view.setUint8(at + 9, p.lapsCompleted);
    view.setUint8(at + 10, p.currentLap);
    view.setUint8(at + 11, p.sector);
    view.setFloat32(at + 12, p.lastSectorTime, true);
  });
  f32(O.trackLength, telemetry.trackLength);
  return bytes;
}
