/**
 * Whole-packet Forza reader and writer driven by the layout tables: every field of every
 * variant, so `writeForzaPacket(v, readForzaPacket(p).fields)` reproduces `p` byte for byte.
 * The decoder's hot path reads only what it maps (decoder.ts); this is for the encoder, tests
 * and tools.
 */
import type { DecodeError } from '../types.js';
import {
  FORZA_LAYOUTS,
  FORZA_PACKET_SIZES,
  forzaFormatOfSize,
  type ForzaField,
  type ForzaFieldName,
  type ForzaFormat,
  type ForzaVariant,
} from './layout.js';

/** Field values by their Turn 10 names, raw wire units. Missing fields are written as 0. */
export type ForzaFields = Partial<Record<ForzaFieldName, number>>;

export type ForzaPacket = { readonly format: ForzaFormat; readonly fields: ForzaFields };

/** A variant that writes packets of each received format (FH4/FH5 share one). */
const VARIANT_OF_FORMAT: Readonly<Record<ForzaFormat, ForzaVariant>> = { sled: 'fm7-sled', 'fm7-dash': 'fm7-dash', fm2023: 'fm2023', fh: 'fh5' };

export function readForzaPacket(packet: Uint8Array): ForzaPacket | DecodeError {
  const format = forzaFormatOfSize(packet.length);
  if (format === undefined) {
    return { code: 'bad-size', detail: `Forza packets are 232, 311, 324 or 331 bytes, got ${packet.length}` };
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const fields: ForzaFields = {};
  for (const field of FORZA_LAYOUTS[VARIANT_OF_FORMAT[format]]) fields[field.name] = readField(view, field);
  return { format, fields };
}

export function writeForzaPacket(variant: ForzaVariant, fields: ForzaFields): Uint8Array {
  const bytes = new Uint8Array(FORZA_PACKET_SIZES[variant]);
  const view = new DataView(bytes.buffer);
  for (const field of FORZA_LAYOUTS[variant]) writeField(view, field, fields[field.name] ?? 0);
  return bytes;
}

function readField(view: DataView, field: ForzaField): number {
  switch (field.type) {
    case 'i32':
      return view.getInt32(field.offset, true);
    case 'u32':
      return view.getUint32(field.offset, true);
    case 'f32':
      return view.getFloat32(field.offset, true);
    case 'u16':
      return view.getUint16(field.offset, true);
    case 'u8':
      return view.getUint8(field.offset);
    case 's8':
      return view.getInt8(field.offset);
  }
}

/** Integers are rounded and wrapped to the field's width, as a C cast would. */
function writeField(view: DataView, field: ForzaField, value: number): void {
  const integer = Number.isFinite(value) ? Math.round(value) : 0;
  switch (field.type) {
    case 'i32':
      return view.setInt32(field.offset, integer, true);
    case 'u32':
      return view.setUint32(field.offset, integer >>> 0, true);
    case 'f32':
      return view.setFloat32(field.offset, value, true);
    case 'u16':
      return view.setUint16(field.offset, integer, true);
    case 'u8':
      return view.setUint8(field.offset, integer);
    case 's8':
      return view.setInt8(field.offset, integer);
  }
}
