/**
 * OutGaugePack (Live for Speed; BeamNG.drive sends the same layout): offset table, reader and writer.
 *
 * Spec (protocols.md §6, "OutGaugePack — 92 bytes (96 with ID)"), little-endian, packed:
 *
 * | offset | bytes | type     | field                                        |
 * |-------:|------:|----------|----------------------------------------------|
 * |      0 |     4 | uint32   | Time (ms, "to check order"; BeamNG: always 0) |
 * |      4 |     4 | char[4]  | Car ("XFG"…; BeamNG: "beam")                 |
 * |      8 |     2 | uint16   | Flags (OG_*)                                 |
 * |     10 |     1 | uint8    | Gear — 0 = R, 1 = N, 2 = 1st (trap)          |
 * |     11 |     1 | uint8    | PLID                                         |
 * |     12 |     4 | float    | Speed (m/s)                                  |
 * |     16 |     4 | float    | RPM                                          |
 * |     20 |     4 | float    | Turbo (bar)                                  |
 * |     24 |     4 | float    | EngTemp (°C)                                 |
 * |     28 |     4 | float    | Fuel (0..1 of the tank, not litres)          |
 * |     32 |     4 | float    | OilPressure (bar)                            |
 * |     36 |     4 | float    | OilTemp (°C)                                 |
 * |     40 |     4 | uint32   | DashLights (available, DL_* bits)            |
 * |     44 |     4 | uint32   | ShowLights (currently on)                    |
 * |     48 |     4 | float    | Throttle (0..1)                              |
 * |     52 |     4 | float    | Brake (0..1)                                 |
 * |     56 |     4 | float    | Clutch (0..1)                                |
 * |     60 |    16 | char[16] | Display1                                     |
 * |     76 |    16 | char[16] | Display2                                     |
 * |     92 |     4 | int32    | ID (only when "OutGauge ID" is non-zero)     |
 *
 * "Flags (OG_): 1 SHIFT, 2 CTRL, 8192 TURBO, 16384 KM, 32768 BAR. Dash-light bits (DL_): 0 SHIFT, 1 FULLBEAM,
 * 2 HANDBRAKE, 3 PITSPEED, 4 TC, 5 SIGNAL_L, 6 SIGNAL_R, 7 SIGNAL_ANY, 8 OILWARN, 9 BATTERY, 10 ABS."
 */

export const OUTGAUGE_SIZE = 92;
export const OUTGAUGE_SIZE_WITH_ID = 96;

export const OFFSETS = {
  time: 0,
  car: 4,
  flags: 8,
  gear: 10,
  plid: 11,
  speed: 12,
  rpm: 16,
  turbo: 20,
  engTemp: 24,
  fuel: 28,
  oilPressure: 32,
  oilTemp: 36,
  dashLights: 40,
  showLights: 44,
  throttle: 48,
  brake: 52,
  clutch: 56,
  display1: 60,
  display2: 76,
  id: 92,
} as const;

/** OG_* bits of `flags`. */
export const OG = { shift: 1, ctrl: 2, turbo: 8192, km: 16384, bar: 32768 } as const;

/** DL_* bit numbers of `dashLights` / `showLights`. */
export const DL = {
  shift: 0, fullBeam: 1, handbrake: 2, pitSpeed: 3, tc: 4, signalLeft: 5, signalRight: 6,
  signalAny: 7, oilWarn: 8, battery: 9, abs: 10,
} as const;

/** Every field of one OutGauge packet, in wire units. */
export type OutGaugePacket = {
  /** ms */
  time: number;
  car: string;
  flags: number;
  /** Wire gear: 0 = R, 1 = N, 2 = 1st. */
  gear: number;
  plid: number;
  /** m/s */
  speed: number;
  rpm: number;
  /** bar */
  turbo: number;
  /** °C */
  engTemp: number;
  /** Fraction of the tank, 0..1. */
  fuel: number;
  /** bar */
  oilPressure: number;
  /** °C */
  oilTemp: number;
  dashLights: number;
  showLights: number;
  throttle: number;
  brake: number;
  clutch: number;
  display1: string;
  display2: string;
  /** Present only in 96-byte packets. */
  id?: number;
};

/** NUL-terminated ASCII, non-printable bytes dropped (a text field must not carry control characters onward). */
function text(bytes: Uint8Array, at: number, length: number): string {
  let out = '';
  for (let i = at; i < at + length; i++) {
    const c = bytes[i]!;
    if (c === 0) break;
    if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
  }
  return out;
}

/** Reads a packet. The caller has checked that it is 92 or 96 bytes long. */
export function readOutGaugePacket(bytes: Uint8Array): OutGaugePacket {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = OFFSETS;
  const packet: OutGaugePacket = {
    time: v.getUint32(o.time, true),
    car: text(bytes, o.car, 4),
    flags: v.getUint16(o.flags, true),
    gear: v.getUint8(o.gear),
    plid: v.getUint8(o.plid),
    speed: v.getFloat32(o.speed, true),
    rpm: v.getFloat32(o.rpm, true),
    turbo: v.getFloat32(o.turbo, true),
    engTemp: v.getFloat32(o.engTemp, true),
    fuel: v.getFloat32(o.fuel, true),
    oilPressure: v.getFloat32(o.oilPressure, true),
    oilTemp: v.getFloat32(o.oilTemp, true),
    dashLights: v.getUint32(o.dashLights, true),
    showLights: v.getUint32(o.showLights, true),
    throttle: v.getFloat32(o.throttle, true),
    brake: v.getFloat32(o.brake, true),
    clutch: v.getFloat32(o.clutch, true),
    display1: text(bytes, o.display1, 16),
    display2: text(bytes, o.display2, 16),
  };
  if (bytes.length >= OUTGAUGE_SIZE_WITH_ID) packet.id = v.getInt32(o.id, true);
  return packet;
}

function writeText(bytes: Uint8Array, at: number, length: number, value: string): void {
  for (let i = 0; i < length; i++) bytes[at + i] = i < value.length ? value.charCodeAt(i) & 0x7f : 0;
}

/** Writes a packet: 96 bytes when `id` is set, else 92. */
export function writeOutGaugePacket(p: OutGaugePacket): Uint8Array {
  const bytes = new Uint8Array(p.id === undefined ? OUTGAUGE_SIZE : OUTGAUGE_SIZE_WITH_ID);
  const v = new DataView(bytes.buffer);
  const o = OFFSETS;
  v.setUint32(o.time, p.time >>> 0, true);
  writeText(bytes, o.car, 4, p.car);
  v.setUint16(o.flags, p.flags, true);
  v.setUint8(o.gear, p.gear);
  v.setUint8(o.plid, p.plid);
  v.setFloat32(o.speed, p.speed, true);
  v.setFloat32(o.rpm, p.rpm, true);
  v.setFloat32(o.turbo, p.turbo, true);
  v.setFloat32(o.engTemp, p.engTemp, true);
  v.setFloat32(o.fuel, p.fuel, true);
  v.setFloat32(o.oilPressure, p.oilPressure, true);
  v.setFloat32(o.oilTemp, p.oilTemp, true);
  v.setUint32(o.dashLights, p.dashLights >>> 0, true);
  v.setUint32(o.showLights, p.showLights >>> 0, true);
  v.setFloat32(o.throttle, p.throttle, true);
  v.setFloat32(o.brake, p.brake, true);
  v.setFloat32(o.clutch, p.clutch, true);
  writeText(bytes, o.display1, 16, p.display1);
  writeText(bytes, o.display2, 16, p.display2);
  if (p.id !== undefined) v.setInt32(o.id, p.id, true);
  return bytes;
}
