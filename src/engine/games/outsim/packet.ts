/**
 * OutSim / OutSim2 packet reader and writer over a layout (offset table and spec lines in layout.ts).
 * All values little-endian; axes as LFS sends them: X right, Y forward (north), Z up.
 */
import { DISTANCE, DRIVE, INPUTS, MAIN, POS_SCALE, WHEEL, type OutSimLayout } from './layout.js';

export type Vec3 = { x: number; y: number; z: number };

export type OutSimMainBlock = {
  /** rad/s */
  angVel: Vec3;
  /** rad, "anticlockwise from above (Z)", 0 = facing +Y. */
  heading: number;
  /** rad, "anticlockwise from right (X)": nose up positive. */
  pitch: number;
  /** rad, "anticlockwise from front (Y)": right side down positive. */
  roll: number;
  /** m/s², world axes. */
  accel: Vec3;
  /** m/s, world axes. */
  vel: Vec3;
  /** m (the wire's fixed point 1 m = 65536, already divided). */
  pos: Vec3;
};

export type OutSimInputsBlock = { throttle: number; brake: number; /** rad */ inputSteer: number; clutch: number; handbrake: number };
export type OutSimDriveBlock = { /** 0 = R, 1 = N, 2 = 1st */ gear: number; /** rad/s */ engineAngVel: number; /** Nm */ maxTorqueAtVel: number };
export type OutSimDistanceBlock = { /** m */ currentLapDist: number; /** m */ indexedDistance: number };
export type OutSimWheel = {
  suspDeflect: number;
  steer: number;
  xForce: number;
  yForce: number;
  verticalLoad: number;
  angVel: number;
  leanRelToRoad: number;
  airTemp: number;
  slipFraction: number;
  touching: number;
  slipRatio: number;
  tanSlipAngle: number;
};

/** Every block the layout carries; absent blocks are undefined. */
export type OutSimPacket = {
  opts: number;
  header?: string;
  id?: number;
  /** ms */
  time?: number;
  main?: OutSimMainBlock;
  inputs?: OutSimInputsBlock;
  drive?: OutSimDriveBlock;
  distance?: OutSimDistanceBlock;
  wheels?: OutSimWheel[];
  extra1?: { steerTorque: number; spare: number };
};

function vec3(v: DataView, at: number): Vec3 {
  return { x: v.getFloat32(at, true), y: v.getFloat32(at + 4, true), z: v.getFloat32(at + 8, true) };
}

/** Reads a packet. The caller has checked that `bytes.length === layout.size`. */
export function readOutSimPacket(bytes: Uint8Array, layout: OutSimLayout): OutSimPacket {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = layout.offsets;
  const p: OutSimPacket = { opts: layout.opts };
  if (o.header !== undefined) p.header = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (o.id !== undefined) p.id = v.getInt32(o.id, true);
  if (o.time !== undefined) p.time = v.getUint32(o.time, true);
  if (o.main !== undefined) {
    const m = o.main;
    p.main = {
      angVel: vec3(v, m + MAIN.angVel),
      heading: v.getFloat32(m + MAIN.heading, true),
      pitch: v.getFloat32(m + MAIN.pitch, true),
      roll: v.getFloat32(m + MAIN.roll, true),
      accel: vec3(v, m + MAIN.accel),
      vel: vec3(v, m + MAIN.vel),
      pos: {
        x: v.getInt32(m + MAIN.pos, true) / POS_SCALE,
        y: v.getInt32(m + MAIN.pos + 4, true) / POS_SCALE,
        z: v.getInt32(m + MAIN.pos + 8, true) / POS_SCALE,
      },
    };
  }
  if (o.inputs !== undefined) {
    const i = o.inputs;
    p.inputs = {
      throttle: v.getFloat32(i + INPUTS.throttle, true),
      brake: v.getFloat32(i + INPUTS.brake, true),
      inputSteer: v.getFloat32(i + INPUTS.inputSteer, true),
      clutch: v.getFloat32(i + INPUTS.clutch, true),
      handbrake: v.getFloat32(i + INPUTS.handbrake, true),
    };
  }
  if (o.drive !== undefined) {
    p.drive = {
      gear: v.getUint8(o.drive + DRIVE.gear),
      engineAngVel: v.getFloat32(o.drive + DRIVE.engineAngVel, true),
      maxTorqueAtVel: v.getFloat32(o.drive + DRIVE.maxTorqueAtVel, true),
    };
  }
  if (o.distance !== undefined) {
    p.distance = {
      currentLapDist: v.getFloat32(o.distance + DISTANCE.currentLapDist, true),
      indexedDistance: v.getFloat32(o.distance + DISTANCE.indexedDistance, true),
    };
  }
  if (o.wheels !== undefined) {
    p.wheels = [];
    for (let w = 0; w < 4; w++) {
      const at = o.wheels + w * WHEEL.size;
      p.wheels.push({
        suspDeflect: v.getFloat32(at + WHEEL.suspDeflect, true),
        steer: v.getFloat32(at + WHEEL.steer, true),
        xForce: v.getFloat32(at + WHEEL.xForce, true),
        yForce: v.getFloat32(at + WHEEL.yForce, true),
        verticalLoad: v.getFloat32(at + WHEEL.verticalLoad, true),
        angVel: v.getFloat32(at + WHEEL.angVel, true),
        leanRelToRoad: v.getFloat32(at + WHEEL.leanRelToRoad, true),
        airTemp: v.getUint8(at + WHEEL.airTemp),
        slipFraction: v.getUint8(at + WHEEL.slipFraction),
        touching: v.getUint8(at + WHEEL.touching),
        slipRatio: v.getFloat32(at + WHEEL.slipRatio, true),
        tanSlipAngle: v.getFloat32(at + WHEEL.tanSlipAngle, true),
      });
    }
  }
  if (o.extra1 !== undefined) {
    p.extra1 = { steerTorque: v.getFloat32(o.extra1, true), spare: v.getFloat32(o.extra1 + 4, true) };
  }
  return p;
}

function writeVec3(v: DataView, at: number, p: Vec3): void {
  v.setFloat32(at, p.x, true);
  v.setFloat32(at + 4, p.y, true);
  v.setFloat32(at + 8, p.z, true);
}

/** Metres → the wire's 1/65536 m fixed point, clamped to int32. */
function fixed(m: number): number {
  const raw = Math.round(m * POS_SCALE);
  return Number.isFinite(raw) ? Math.max(-0x80000000, Math.min(0x7fffffff, raw)) : 0;
}

/** Writes the blocks of `layout` from `p` (a block missing from `p` is written as zeros). */
export function writeOutSimPacket(p: OutSimPacket, layout: OutSimLayout): Uint8Array {
  const bytes = new Uint8Array(layout.size);
  const v = new DataView(bytes.buffer);
  const o = layout.offsets;
  if (o.header !== undefined) bytes.set([0x4c, 0x46, 0x53, 0x54], o.header);
  if (o.id !== undefined) v.setInt32(o.id, p.id ?? 0, true);
  if (o.time !== undefined) v.setUint32(o.time, (p.time ?? 0) >>> 0, true);
  if (o.main !== undefined && p.main) {
    const m = o.main;
    writeVec3(v, m + MAIN.angVel, p.main.angVel);
    v.setFloat32(m + MAIN.heading, p.main.heading, true);
    v.setFloat32(m + MAIN.pitch, p.main.pitch, true);
    v.setFloat32(m + MAIN.roll, p.main.roll, true);
    writeVec3(v, m + MAIN.accel, p.main.accel);
    writeVec3(v, m + MAIN.vel, p.main.vel);
    v.setInt32(m + MAIN.pos, fixed(p.main.pos.x), true);
    v.setInt32(m + MAIN.pos + 4, fixed(p.main.pos.y), true);
    v.setInt32(m + MAIN.pos + 8, fixed(p.main.pos.z), true);
  }
  if (o.inputs !== undefined && p.inputs) {
    const i = o.inputs;
    v.setFloat32(i + INPUTS.throttle, p.inputs.throttle, true);
    v.setFloat32(i + INPUTS.brake, p.inputs.brake, true);
    v.setFloat32(i + INPUTS.inputSteer, p.inputs.inputSteer, true);
    v.setFloat32(i + INPUTS.clutch, p.inputs.clutch, true);
    v.setFloat32(i + INPUTS.handbrake, p.inputs.handbrake, true);
  }
  if (o.drive !== undefined && p.drive) {
    v.setUint8(o.drive + DRIVE.gear, p.drive.gear);
    v.setFloat32(o.drive + DRIVE.engineAngVel, p.drive.engineAngVel, true);
    v.setFloat32(o.drive + DRIVE.maxTorqueAtVel, p.drive.maxTorqueAtVel, true);
  }
  if (o.distance !== undefined && p.distance) {
    v.setFloat32(o.distance + DISTANCE.currentLapDist, p.distance.currentLapDist, true);
    v.setFloat32(o.distance + DISTANCE.indexedDistance, p.distance.indexedDistance, true);
  }
  if (o.wheels !== undefined && p.wheels) {
    p.wheels.slice(0, 4).forEach((w, index) => {
      const at = o.wheels! + index * WHEEL.size;
      v.setFloat32(at + WHEEL.suspDeflect, w.suspDeflect, true);
      v.setFloat32(at + WHEEL.steer, w.steer, true);
      v.setFloat32(at + WHEEL.xForce, w.xForce, true);
      v.setFloat32(at + WHEEL.yForce, w.yForce, true);
      v.setFloat32(at + WHEEL.verticalLoad, w.verticalLoad, true);
      v.setFloat32(at + WHEEL.angVel, w.angVel, true);
      v.setFloat32(at + WHEEL.leanRelToRoad, w.leanRelToRoad, true);
      v.setUint8(at + WHEEL.airTemp, w.airTemp);
      v.setUint8(at + WHEEL.slipFraction, w.slipFraction);
      v.setUint8(at + WHEEL.touching, w.touching);
      v.setFloat32(at + WHEEL.slipRatio, w.slipRatio, true);
      v.setFloat32(at + WHEEL.tanSlipAngle, w.tanSlipAngle, true);
    });
  }
  if (o.extra1 !== undefined && p.extra1) {
    v.setFloat32(o.extra1, p.extra1.steerTorque, true);
    v.setFloat32(o.extra1 + 4, p.extra1.spare, true);
  }
  return bytes;
}
