/**
 * Where each OutSim block sits, for the classic packet and for every OutSim2 option set.
 *
 * Spec (protocols.md §6):
 * - "OutSimPack (Opts = 0) — 64 bytes (68 with ID)": Time u32 @0, AngVel f32×3 @4, Heading @16, Pitch @20, Roll @24,
 *   Accel f32×3 @28, Vel f32×3 @40, Pos i32×3 @52, ID i32 @64 (only when "OutSim ID" is non-zero).
 * - "OutSim2 (OutSim Opts ≠ 0; size depends on bits; all bits = 0xff → 272 bytes): in this order, each only if its
 *   bit is set — OSO_HEADER(1) "LFST" 4 chars; OSO_ID(2) int; OSO_TIME(4) unsigned ms; OSO_MAIN(8) OutSimMain 60 B;
 *   OSO_INPUTS(16) 20 B; OSO_DRIVE(32) 12 B; OSO_DISTANCE(64) 8 B; OSO_WHEELS(128) OutSimWheel[4] each 40 B".
 * - LFS 0.7E added OSO_EXTRA_1 (256): f32 SteerTorque, f32 Spare, 8 B after the wheels (LFS OutSimPack.h).
 *
 * The classic packet is the OutSim2 layout of OSO_TIME | OSO_MAIN with the optional ID appended instead of first.
 * OutSim2 packets do not say which options made them: the decoder must be told (cfg.txt "OutSim Opts") or infer
 * it from the few sizes racecraft recognises (see `layoutForPacket`).
 */

export const OSO = {
  header: 0x001,
  id: 0x002,
  time: 0x004,
  main: 0x008,
  inputs: 0x010,
  drive: 0x020,
  distance: 0x040,
  wheels: 0x080,
  extra1: 0x100,
} as const;

/** Every option bit LFS defines. */
export const OSO_ALL = 0x1ff;

/** Block sizes in bytes, in wire order. */
const BLOCKS: readonly { readonly bit: number; readonly name: keyof OutSimOffsets; readonly size: number }[] = [
  { bit: OSO.header, name: 'header', size: 4 },
  { bit: OSO.id, name: 'id', size: 4 },
  { bit: OSO.time, name: 'time', size: 4 },
  { bit: OSO.main, name: 'main', size: 60 },
  { bit: OSO.inputs, name: 'inputs', size: 20 },
  { bit: OSO.drive, name: 'drive', size: 12 },
  { bit: OSO.distance, name: 'distance', size: 8 },
  { bit: OSO.wheels, name: 'wheels', size: 160 },
  { bit: OSO.extra1, name: 'extra1', size: 8 },
];

/** OutSimMain field offsets inside its 60-byte block. */
export const MAIN = { angVel: 0, heading: 12, pitch: 16, roll: 20, accel: 24, vel: 36, pos: 48 } as const;
/** OutSimInputs field offsets inside its 20-byte block. */
export const INPUTS = { throttle: 0, brake: 4, inputSteer: 8, clutch: 12, handbrake: 16 } as const;
/** OSO_DRIVE field offsets: u8 Gear (0 = R, 1 = N, 2 = 1st), 3 spare bytes, f32 EngineAngVel (rad/s), f32 MaxTorqueAtVel (Nm). */
export const DRIVE = { gear: 0, engineAngVel: 4, maxTorqueAtVel: 8 } as const;
/** OSO_DISTANCE: f32 CurrentLapDist ("m travelled by car" this lap), f32 IndexedDistance ("m - track ruler measurement"). */
export const DISTANCE = { currentLapDist: 0, indexedDistance: 4 } as const;
/** OutSimWheel (40 bytes): 7 floats, 4 bytes (AirTemp °C, SlipFraction, Touching, spare), SlipRatio, TanSlipAngle. */
export const WHEEL = {
  size: 40, suspDeflect: 0, steer: 4, xForce: 8, yForce: 12, verticalLoad: 16, angVel: 20, leanRelToRoad: 24,
  airTemp: 28, slipFraction: 29, touching: 30, slipRatio: 32, tanSlipAngle: 36,
} as const;
/** Fixed-point scale of Pos: "1 m = 65536". */
export const POS_SCALE = 65536;

export type OutSimOffsets = {
  header?: number;
  id?: number;
  time?: number;
  main?: number;
  inputs?: number;
  drive?: number;
  distance?: number;
  wheels?: number;
  extra1?: number;
};

export type OutSimLayout = {
  /** The OutSim Opts value (0 for the classic packet). */
  readonly opts: number;
  readonly size: number;
  readonly offsets: Readonly<OutSimOffsets>;
};

/** The classic OutSimPack: 64 bytes, or 68 with the ID at the end. */
export function classicLayout(withId: boolean): OutSimLayout {
  return { opts: 0, size: withId ? 68 : 64, offsets: withId ? { time: 0, main: 4, id: 64 } : { time: 0, main: 4 } };
}

/** The OutSim2 layout for an OutSim Opts value (bits above 0x1ff are ignored, as LFS defines none). */
export function outSim2Layout(opts: number): OutSimLayout {
  const offsets: OutSimOffsets = {};
  let at = 0;
  for (const block of BLOCKS) {
    if (opts & block.bit) {
      offsets[block.name] = at;
      at += block.size;
    }
  }
  return { opts: opts & OSO_ALL, size: at, offsets };
}

/** True when the packet starts with the OSO_HEADER bytes "LFST". */
export function hasLfstHeader(packet: Uint8Array): boolean {
  return packet.length >= 4 && packet[0] === 0x4c && packet[1] === 0x46 && packet[2] === 0x53 && packet[3] === 0x54;
}

/**
 * The layout of a packet when the option set is not configured: the classic 64/68-byte packet, or OutSim2 with
 * the "LFST" header and all blocks (Opts ff = 272 bytes, or 1ff = 280 bytes on LFS 0.7E+). Anything else is
 * ambiguous (many option sets share a size) and returns undefined.
 */
export function layoutForPacket(packet: Uint8Array): OutSimLayout | undefined {
  if (hasLfstHeader(packet)) {
    if (packet.length === 272) return outSim2Layout(0xff);
    if (packet.length === 280) return outSim2Layout(OSO_ALL);
    return undefined;
  }
  if (packet.length === 64) return classicLayout(false);
  if (packet.length === 68) return classicLayout(true);
  return undefined;
}
