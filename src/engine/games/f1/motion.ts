/**
 * Motion packet (id 0): world position, velocity, orientation and g-forces of every car.
 *
 * Spec (protocols.md §1.3, "Motion (id 0) — per car, 60 bytes, array of 22 starting at offset 29
 * (car i at 29 + 60·i)"), same in 2023/2024/2025, 1349 bytes:
 *
 * | offset | type  | field                                  |
 * |-------:|-------|----------------------------------------|
 * |      0 | float | m_worldPositionX / Y / Z (0, 4, 8)     |
 * |     12 | float | m_worldVelocityX / Y / Z (12, 16, 20)  |
 * |     24 | int16 | m_worldForwardDirX / Y / Z (24, 26, 28)|
 * |     30 | int16 | m_worldRightDirX / Y / Z (30, 32, 34)  |
 * |     36 | float | m_gForceLateral                        |
 * |     40 | float | m_gForceLongitudinal                   |
 * |     44 | float | m_gForceVertical                       |
 * |     48 | float | m_yaw (rad)                            |
 * |     52 | float | m_pitch (rad)                          |
 * |     56 | float | m_roll (rad)                           |
 *
 * "World frame: X and Z are the horizontal plane, Y is up. Direction vectors are int16, divide by 32767.0."
 */
export const MOTION = {
  size: 1349,
  carsAt: 29,
  carStride: 60,
  worldPositionX: 0,
  worldPositionY: 4,
  worldPositionZ: 8,
  worldVelocityX: 12,
  worldVelocityY: 16,
  worldVelocityZ: 20,
  worldForwardDirX: 24,
  worldForwardDirY: 26,
  worldForwardDirZ: 28,
  worldRightDirX: 30,
  worldRightDirY: 32,
  worldRightDirZ: 34,
  gForceLateral: 36,
  gForceLongitudinal: 40,
  gForceVertical: 44,
  yaw: 48,
  pitch: 52,
  roll: 56,
} as const;

/** Scale of the normalised int16 direction vectors. */
export const DIRECTION_SCALE = 32767;

/** One car's motion as sent (m, m/s, g, rad; directions already divided by 32767). */
export type CarMotion = {
  posX: number;
  posY: number;
  posZ: number;
  velX: number;
  velY: number;
  velZ: number;
  forwardX: number;
  forwardY: number;
  forwardZ: number;
  rightX: number;
  rightY: number;
  rightZ: number;
  /** Game convention: positive towards the car's left (checked on real packets, see assemble.ts). */
  gLateral: number;
  /** Positive when accelerating forward. */
  gLongitudinal: number;
  gVertical: number;
  yaw: number;
  pitch: number;
  roll: number;
};

export function emptyCarMotion(): CarMotion {
  return {
    posX: 0, posY: 0, posZ: 0, velX: 0, velY: 0, velZ: 0,
    forwardX: 0, forwardY: 0, forwardZ: 0, rightX: 0, rightY: 0, rightZ: 0,
    gLateral: 0, gLongitudinal: 0, gVertical: 0, yaw: 0, pitch: 0, roll: 0,
  };
}

/** Reads car slot `car` (0..21) of a 1349-byte motion packet at `base`. */
export function readCarMotion(v: DataView, base: number, car: number, out: CarMotion): void {
  const o = base + MOTION.carsAt + MOTION.carStride * car;
  out.posX = v.getFloat32(o + MOTION.worldPositionX, true);
  out.posY = v.getFloat32(o + MOTION.worldPositionY, true);
  out.posZ = v.getFloat32(o + MOTION.worldPositionZ, true);
  out.velX = v.getFloat32(o + MOTION.worldVelocityX, true);
  out.velY = v.getFloat32(o + MOTION.worldVelocityY, true);
  out.velZ = v.getFloat32(o + MOTION.worldVelocityZ, true);
  out.forwardX = v.getInt16(o + MOTION.worldForwardDirX, true) / DIRECTION_SCALE;
  out.forwardY = v.getInt16(o + MOTION.worldForwardDirY, true) / DIRECTION_SCALE;
  out.forwardZ = v.getInt16(o + MOTION.worldForwardDirZ, true) / DIRECTION_SCALE;
  out.rightX = v.getInt16(o + MOTION.worldRightDirX, true) / DIRECTION_SCALE;
  out.rightY = v.getInt16(o + MOTION.worldRightDirY, true) / DIRECTION_SCALE;
  out.rightZ = v.getInt16(o + MOTION.worldRightDirZ, true) / DIRECTION_SCALE;
  out.gLateral = v.getFloat32(o + MOTION.gForceLateral, true);
  out.gLongitudinal = v.getFloat32(o + MOTION.gForceLongitudinal, true);
  out.gVertical = v.getFloat32(o + MOTION.gForceVertical, true);
  out.yaw = v.getFloat32(o + MOTION.yaw, true);
  out.pitch = v.getFloat32(o + MOTION.pitch, true);
  out.roll = v.getFloat32(o + MOTION.roll, true);
}

function direction(value: number): number {
  return Math.max(-DIRECTION_SCALE, Math.min(DIRECTION_SCALE, Math.round(value * DIRECTION_SCALE)));
}

/** Writes car slot `car` of a motion packet (header written separately). */
export function writeCarMotion(v: DataView, car: number, m: CarMotion): void {
  const o = MOTION.carsAt + MOTION.carStride * car;
  v.setFloat32(o + MOTION.worldPositionX, m.posX, true);
  v.setFloat32(o + MOTION.worldPositionY, m.posY, true);
  v.setFloat32(o + MOTION.worldPositionZ, m.posZ, true);
  v.setFloat32(o + MOTION.worldVelocityX, m.velX, true);
  v.setFloat32(o + MOTION.worldVelocityY, m.velY, true);
  v.setFloat32(o + MOTION.worldVelocityZ, m.velZ, true);
  v.setInt16(o + MOTION.worldForwardDirX, direction(m.forwardX), true);
  v.setInt16(o + MOTION.worldForwardDirY, direction(m.forwardY), true);
  v.setInt16(o + MOTION.worldForwardDirZ, direction(m.forwardZ), true);
  v.setInt16(o + MOTION.worldRightDirX, direction(m.rightX), true);
  v.setInt16(o + MOTION.worldRightDirY, direction(m.rightY), true);
  v.setInt16(o + MOTION.worldRightDirZ, direction(m.rightZ), true);
  v.setFloat32(o + MOTION.gForceLateral, m.gLateral, true);
  v.setFloat32(o + MOTION.gForceLongitudinal, m.gLongitudinal, true);
  v.setFloat32(o + MOTION.gForceVertical, m.gVertical, true);
  v.setFloat32(o + MOTION.yaw, m.yaw, true);
  v.setFloat32(o + MOTION.pitch, m.pitch, true);
  v.setFloat32(o + MOTION.roll, m.roll, true);
}
