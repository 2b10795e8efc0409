/**
 * Writer of the plain (not yet encrypted) Simulator Interface packet (offset table and spec lines in packet.ts).
 */
import { FORMAT_SPECS, GT7_MAGIC } from './formats.js';
import { OFFSETS, type Corners, type Gt7Packet, type Vec3 } from './packet.js';

function writeVec3(v: DataView, at: number, p: Vec3): void {
  v.setFloat32(at, p.x, true);
  v.setFloat32(at + 4, p.y, true);
  v.setFloat32(at + 8, p.z, true);
}

function writeCorners(v: DataView, at: number, c: Corners): void {
  for (let i = 0; i < 4; i++) v.setFloat32(at + 4 * i, c[i]!, true);
}

function writeAscii(bytes: Uint8Array, at: number, length: number, text: string): void {
  for (let i = 0; i < length; i++) bytes[at + i] = i < text.length ? text.charCodeAt(i) & 0xff : 0;
}

/**
 * Writes the plain (not yet encrypted) packet for `packet.format`: magic at 0, every field at its offset,
 * the format's extra blocks when present (zeros otherwise). Bytes 0x40..0x43 are left 0; the encryptor
 * overwrites them with the IV seed.
 */
export function writeGt7Packet(packet: Gt7Packet): Uint8Array {
  const size = FORMAT_SPECS[packet.format].size;
  const bytes = new Uint8Array(size);
  const v = new DataView(bytes.buffer);
  const o = OFFSETS;
  v.setUint32(o.magic, GT7_MAGIC, true);
  writeVec3(v, o.position, packet.position);
  writeVec3(v, o.velocity, packet.velocity);
  v.setFloat32(o.rotation, packet.rotation.x, true);
  v.setFloat32(o.rotation + 4, packet.rotation.y, true);
  v.setFloat32(o.rotation + 8, packet.rotation.z, true);
  v.setFloat32(o.orientationToNorth, packet.rotation.w, true);
  writeVec3(v, o.angularVelocity, packet.angularVelocity);
  v.setFloat32(o.bodyHeight, packet.bodyHeight, true);
  v.setFloat32(o.engineRpm, packet.engineRpm, true);
  v.setFloat32(o.gasLevel, packet.gasLevel, true);
  v.setFloat32(o.gasCapacity, packet.gasCapacity, true);
  v.setFloat32(o.metersPerSecond, packet.metersPerSecond, true);
  v.setFloat32(o.turboBoost, packet.turboBoost, true);
  v.setFloat32(o.oilPressure, packet.oilPressure, true);
  v.setFloat32(o.waterTemperature, packet.waterTemperature, true);
  v.setFloat32(o.oilTemperature, packet.oilTemperature, true);
  writeCorners(v, o.tyreTemp, packet.tyreTemp);
  v.setInt32(o.packetId, packet.packetId, true);
  v.setInt16(o.lapCount, packet.lapCount, true);
  v.setInt16(o.lapsInRace, packet.lapsInRace, true);
  v.setInt32(o.bestLapTimeMs, packet.bestLapTimeMs, true);
  v.setInt32(o.lastLapTimeMs, packet.lastLapTimeMs, true);
  v.setInt32(o.timeOfDayMs, packet.timeOfDayMs, true);
  v.setInt16(o.preRaceStartPosition, packet.preRaceStartPosition, true);
  v.setInt16(o.numCarsAtPreRace, packet.numCarsAtPreRace, true);
  v.setInt16(o.minAlertRpm, packet.minAlertRpm, true);
  v.setInt16(o.maxAlertRpm, packet.maxAlertRpm, true);
  v.setInt16(o.calculatedMaxSpeed, packet.calculatedMaxSpeed, true);
  v.setUint16(o.flags, packet.flags, true);
  v.setUint8(o.gears, ((packet.suggestedGear & 0x0f) << 4) | (packet.currentGear & 0x0f));
  v.setUint8(o.throttle, packet.throttle);
  v.setUint8(o.brake, packet.brake);
  writeVec3(v, o.roadPlane, packet.roadPlane);
  v.setFloat32(o.roadPlaneDistance, packet.roadPlane.distance, true);
  writeCorners(v, o.wheelRps, packet.wheelRps);
  writeCorners(v, o.tyreRadius, packet.tyreRadius);
  writeCorners(v, o.suspensionHeight, packet.suspensionHeight);
  v.setFloat32(o.clutchPedal, packet.clutchPedal, true);
  v.setFloat32(o.clutchEngagement, packet.clutchEngagement, true);
  v.setFloat32(o.rpmFromClutchToGearbox, packet.rpmFromClutchToGearbox, true);
  v.setFloat32(o.transmissionTopSpeed, packet.transmissionTopSpeed, true);
  for (let i = 0; i < 8; i++) v.setFloat32(o.gearRatios + 4 * i, packet.gearRatios[i] ?? 0, true);
  v.setInt32(o.carCode, packet.carCode, true);
  if (packet.b && size >= FORMAT_SPECS.B.size) {
    v.setFloat32(o.steeringWheelAngle, packet.b.steeringWheelAngle, true);
    v.setFloat32(o.steeringWheelAngularVelocity, packet.b.steeringWheelAngularVelocity, true);
    v.setFloat32(o.sway, packet.b.sway, true);
    v.setFloat32(o.heave, packet.b.heave, true);
    v.setFloat32(o.surge, packet.b.surge, true);
  }
  if (packet.tilde && size >= FORMAT_SPECS['~'].size) {
    v.setUint8(o.throttleInput, packet.tilde.throttleInput);
    v.setUint8(o.brakeOutput, packet.tilde.brakeOutput);
    v.setFloat32(o.energyRecovery, packet.tilde.energyRecovery, true);
  }
  if (packet.c && size >= FORMAT_SPECS.C.size) {
    writeAscii(bytes, o.surfaceType, 4, packet.c.surfaceType);
    v.setInt32(o.currentLapTimeMs, packet.c.currentLapTimeMs, true);
    v.setFloat32(o.wheelSteerAngleFL, packet.c.wheelSteerAngleFL, true);
    v.setFloat32(o.wheelSteerAngleFR, packet.c.wheelSteerAngleFR, true);
    v.setFloat32(o.dynamicWheelbaseLeft, packet.c.dynamicWheelbaseLeft, true);
    writeAscii(bytes, o.vehicleCategory, 4, packet.c.vehicleCategory);
  }
  return bytes;
}
