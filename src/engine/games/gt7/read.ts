/**
 * Reader of the decrypted Simulator Interface packet (offset table and spec lines in packet.ts).
 */
import { FORMAT_SPECS, type Gt7Format } from './formats.js';
import { OFFSETS, type Corners, type Gt7Packet, type Vec3 } from './packet.js';

function vec3(v: DataView, at: number): Vec3 {
  return { x: v.getFloat32(at, true), y: v.getFloat32(at + 4, true), z: v.getFloat32(at + 8, true) };
}

function corners(v: DataView, at: number): Corners {
  return [v.getFloat32(at, true), v.getFloat32(at + 4, true), v.getFloat32(at + 8, true), v.getFloat32(at + 12, true)];
}

function ascii(bytes: Uint8Array, at: number, length: number, stopAtNul: boolean): string {
  let text = '';
  for (let i = at; i < at + length; i++) {
    const c = bytes[i]!;
    if (c === 0 && stopAtNul) break;
    text += String.fromCharCode(c);
  }
  return text;
}

/**
 * Reads a decrypted packet. The caller has checked the size matches `format` (so every read is in bounds)
 * and that the magic is there.
 */
export function readGt7Packet(plain: Uint8Array, format: Gt7Format): Gt7Packet {
  const v = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  const o = OFFSETS;
  const gears = v.getUint8(o.gears);
  const gearRatios = new Array<number>(8);
  for (let i = 0; i < 8; i++) gearRatios[i] = v.getFloat32(o.gearRatios + 4 * i, true);
  const packet: Gt7Packet = {
    format,
    position: vec3(v, o.position),
    velocity: vec3(v, o.velocity),
    rotation: {
      x: v.getFloat32(o.rotation, true),
      y: v.getFloat32(o.rotation + 4, true),
      z: v.getFloat32(o.rotation + 8, true),
      w: v.getFloat32(o.orientationToNorth, true),
    },
    angularVelocity: vec3(v, o.angularVelocity),
    bodyHeight: v.getFloat32(o.bodyHeight, true),
    engineRpm: v.getFloat32(o.engineRpm, true),
    gasLevel: v.getFloat32(o.gasLevel, true),
    gasCapacity: v.getFloat32(o.gasCapacity, true),
    metersPerSecond: v.getFloat32(o.metersPerSecond, true),
    turboBoost: v.getFloat32(o.turboBoost, true),
    oilPressure: v.getFloat32(o.oilPressure, true),
    waterTemperature: v.getFloat32(o.waterTemperature, true),
    oilTemperature: v.getFloat32(o.oilTemperature, true),
    tyreTemp: corners(v, o.tyreTemp),
    packetId: v.getInt32(o.packetId, true),
    lapCount: v.getInt16(o.lapCount, true),
    lapsInRace: v.getInt16(o.lapsInRace, true),
    bestLapTimeMs: v.getInt32(o.bestLapTimeMs, true),
    lastLapTimeMs: v.getInt32(o.lastLapTimeMs, true),
    timeOfDayMs: v.getInt32(o.timeOfDayMs, true),
    preRaceStartPosition: v.getInt16(o.preRaceStartPosition, true),
    numCarsAtPreRace: v.getInt16(o.numCarsAtPreRace, true),
    minAlertRpm: v.getInt16(o.minAlertRpm, true),
    maxAlertRpm: v.getInt16(o.maxAlertRpm, true),
    calculatedMaxSpeed: v.getInt16(o.calculatedMaxSpeed, true),
    flags: v.getUint16(o.flags, true),
    currentGear: gears & 0x0f,
    suggestedGear: gears >>> 4,
    throttle: v.getUint8(o.throttle),
    brake: v.getUint8(o.brake),
    roadPlane: {
      x: v.getFloat32(o.roadPlane, true),
      y: v.getFloat32(o.roadPlane + 4, true),
      z: v.getFloat32(o.roadPlane + 8, true),
      distance: v.getFloat32(o.roadPlaneDistance, true),
    },
    wheelRps: corners(v, o.wheelRps),
    tyreRadius: corners(v, o.tyreRadius),
    suspensionHeight: corners(v, o.suspensionHeight),
    clutchPedal: v.getFloat32(o.clutchPedal, true),
    clutchEngagement: v.getFloat32(o.clutchEngagement, true),
    rpmFromClutchToGearbox: v.getFloat32(o.rpmFromClutchToGearbox, true),
    transmissionTopSpeed: v.getFloat32(o.transmissionTopSpeed, true),
    gearRatios,
    carCode: v.getInt32(o.carCode, true),
  };
  const size = FORMAT_SPECS[format].size;
  if (size >= FORMAT_SPECS.B.size) {
    packet.b = {
      steeringWheelAngle: v.getFloat32(o.steeringWheelAngle, true),
      steeringWheelAngularVelocity: v.getFloat32(o.steeringWheelAngularVelocity, true),
      sway: v.getFloat32(o.sway, true),
      heave: v.getFloat32(o.heave, true),
      surge: v.getFloat32(o.surge, true),
    };
  }
  if (size >= FORMAT_SPECS['~'].size) {
    packet.tilde = {
      throttleInput: v.getUint8(o.throttleInput),
      brakeOutput: v.getUint8(o.brakeOutput),
      energyRecovery: v.getFloat32(o.energyRecovery, true),
    };
  }
  if (size >= FORMAT_SPECS.C.size) {
    packet.c = {
      surfaceType: ascii(plain, o.surfaceType, 4, false),
      currentLapTimeMs: v.getInt32(o.currentLapTimeMs, true),
      wheelSteerAngleFL: v.getFloat32(o.wheelSteerAngleFL, true),
      wheelSteerAngleFR: v.getFloat32(o.wheelSteerAngleFR, true),
      dynamicWheelbaseLeft: v.getFloat32(o.dynamicWheelbaseLeft, true),
      vehicleCategory: ascii(plain, o.vehicleCategory, 4, true),
    };
  }
  return packet;
}
