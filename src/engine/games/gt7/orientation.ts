/**
 * GT7's orientation quaternion ↔ the frame's yaw / pitch / roll.
 *
 * The three "rotation pitch/yaw/roll" floats (0x1C) and "relativeOrientationToNorth" (0x28) are the x, y, z, w
 * of a unit quaternion (x²+y²+z²+w² = 1 ± 3e-7 on every packet of the real Spa lap). Checked on that lap:
 * - the world is right-handed with Y up (Spa, a clockwise circuit, integrates to −357° of yaw rate about +Y);
 * - the car's nose is its local −Z (rotating (0,0,−1) by the quaternion gives the direction of travel);
 * - −Z is north: w = cos(yaw/2) = 1 when facing −Z, matching the spec's "0 south … 1 north".
 *
 * Frame convention racecraft uses for GT7 (and for LFS, see outsim/): yaw counter-clockwise seen from above,
 * 0 = facing north (−Z); pitch positive nose up; roll positive right side down. That is the Euler decomposition
 * R = Ry(yaw) · Rx(pitch) · Rz(−roll) of the quaternion.
 */

export type Quaternion = { x: number; y: number; z: number; w: number };
export type Euler = { yaw: number; pitch: number; roll: number };

/** rad, from a unit quaternion. Values outside asin's domain (rounding) are clamped. */
export function quaternionToEuler(q: Quaternion): Euler {
  const { x, y, z, w } = q;
  const yaw = Math.atan2(2 * (x * z + w * y), 1 - 2 * (x * x + y * y));
  const sinPitch = Math.max(-1, Math.min(1, 2 * (w * x - y * z)));
  const pitch = Math.asin(sinPitch);
  const localRoll = Math.atan2(2 * (x * y + w * z), 1 - 2 * (x * x + z * z));
  // Rotation about local +Z lifts the right side; the frame's roll is positive right side down.
  return { yaw, pitch, roll: -localRoll };
}

function multiply(a: Quaternion, b: Quaternion): Quaternion {
  return {
    w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
    x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
    y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
    z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
  };
}

/** The unit quaternion GT7 would send for these angles (rad). Inverse of `quaternionToEuler`. */
export function eulerToQuaternion(e: Euler): Quaternion {
  const aboutY: Quaternion = { x: 0, y: Math.sin(e.yaw / 2), z: 0, w: Math.cos(e.yaw / 2) };
  const aboutX: Quaternion = { x: Math.sin(e.pitch / 2), y: 0, z: 0, w: Math.cos(e.pitch / 2) };
  const aboutZ: Quaternion = { x: 0, y: 0, z: Math.sin(-e.roll / 2), w: Math.cos(-e.roll / 2) };
  return multiply(multiply(aboutY, aboutX), aboutZ);
}

/** Unit vector of the car's nose in world coordinates (local −Z rotated by the quaternion). */
export function forwardVector(q: Quaternion): { x: number; y: number; z: number } {
  const { x, y, z, w } = q;
  return { x: -2 * (x * z + w * y), y: -2 * (y * z - w * x), z: -(1 - 2 * (x * x + y * y)) };
}
