import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isChannelName, type ChannelName, type Trace } from '../../engine/model/index.js';
import { StoreError } from '../store-error.js';
import { f32PlanesLength, f64PlanesLength, readF32Planes, readF64Planes, writeF32Planes, writeF64Planes } from './byte-planes.js';

/**
 * Trace columns ⇄ compressed BLOBs, and whole Traces ⇄ one BLOB for crash checkpoints.
 *
 * A column BLOB is `deflateRaw(bytePlanes(delta(bits)))` (see byte-planes.ts) with no header:
 * the codec name lives in its own SQL column and the sample count is bytes / width, so a BLOB
 * is never longer than its data. The codec names say exactly what was done, so a future codec
 * (say, lossy) can sit next to these in the same table.
 */
export const COLUMN_CODECS = ['f64-delta-planes-deflate', 'f32-delta-planes-deflate'] as const;
export type ColumnCodec = (typeof COLUMN_CODECS)[number];

/** Codec of the Float64 columns (`t`, `distance`). */
export const F64_CODEC: ColumnCodec = 'f64-delta-planes-deflate';
/** Codec of the Float32 channel columns. */
export const F32_CODEC: ColumnCodec = 'f32-delta-planes-deflate';

/**
 * zlib level 6, deflate's knee. Measured on 26 real float columns of the Tsukuba .ibt (57 s at
 * 60 Hz): level 9 saves 0.6 % of bytes for three times the CPU; level 1 costs 4.6 % more bytes.
 */
const DEFLATE_LEVEL = 6;

/** Compresses a Float64 column (session time, lap distance) losslessly. */
export function encodeF64Column(values: Float64Array): Uint8Array {
  const planes = new Uint8Array(f64PlanesLength(values.length));
  writeF64Planes(values, planes, 0);
  return deflateRawSync(planes, { level: DEFLATE_LEVEL });
}

/** Compresses a Float32 channel column losslessly (NaN bit patterns included). */
export function encodeF32Column(values: Float32Array): Uint8Array {
  const planes = new Uint8Array(f32PlanesLength(values.length));
  writeF32Planes(values, planes, 0);
  return deflateRawSync(planes, { level: DEFLATE_LEVEL });
}

/** Inverse of encodeF64Column. Throws StoreError when the BLOB is not one. */
export function decodeF64Column(blob: Uint8Array): Float64Array {
  const planes = inflate(blob, 'f64 column');
  if (planes.length % 8 !== 0) throw new StoreError(`corrupt f64 column: ${planes.length} bytes is not a whole number of samples`);
  return readF64Planes(planes, 0, planes.length / 8);
}

/** Inverse of encodeF32Column. Throws StoreError when the BLOB is not one. */
export function decodeF32Column(blob: Uint8Array): Float32Array {
  const planes = inflate(blob, 'f32 column');
  if (planes.length % 4 !== 0) throw new StoreError(`corrupt f32 column: ${planes.length} bytes is not a whole number of samples`);
  return readF32Planes(planes, 0, planes.length / 4);
}

/** Decodes a column BLOB by its stored codec name. */
export function decodeColumn(codec: string, blob: Uint8Array): Float32Array | Float64Array {
  if (codec === F64_CODEC) return decodeF64Column(blob);
  if (codec === F32_CODEC) return decodeF32Column(blob);
  throw new StoreError(`unknown column codec '${codec}' (written by a newer racecraft?)`);
}

/*
 * Chunk layout, before one deflateRaw over the whole thing (little-endian):
 *
 *   offset  size  field
 *   0       4     magic 'RCK1'
 *   4       4     u32 n, samples
 *   8       2     u16 c, channel count
 *   10      ...   c × { u8 name length, ASCII name }
 *   h       8n    t        (f64 delta planes)
 *   h+8n    8n    distance (f64 delta planes)
 *   h+16n   4n·c  channels in header order (f32 delta planes)
 */
const CHUNK_MAGIC = [0x52, 0x43, 0x4b, 0x31] as const; // 'RCK1'

/** Encodes a whole Trace as one compressed BLOB (a crash checkpoint of recent frames). */
export function encodeTraceChunk(trace: Trace): Uint8Array {
  const n = trace.length;
  const names = Object.keys(trace.channels) as ChannelName[];
  const headerLength = 10 + names.reduce((sum, name) => sum + 1 + name.length, 0);
  const out = new Uint8Array(headerLength + 2 * f64PlanesLength(n) + names.length * f32PlanesLength(n));
  const view = new DataView(out.buffer);
  out.set(CHUNK_MAGIC, 0);
  view.setUint32(4, n, true);
  view.setUint16(8, names.length, true);
  let at = 10;
  for (const name of names) {
    out[at++] = name.length;
    for (let i = 0; i < name.length; i++) out[at++] = name.charCodeAt(i);
  }
  writeF64Planes(trace.t, out, at);
  at += f64PlanesLength(n);
  writeF64Planes(trace.distance, out, at);
  at += f64PlanesLength(n);
  for (const name of names) {
    writeF32Planes(trace.channels[name]!, out, at);
    at += f32PlanesLength(n);
  }
  return deflateRawSync(out, { level: DEFLATE_LEVEL });
}

/**
 * Inverse of encodeTraceChunk. Channels this version does not know (written by a newer
 * racecraft) are skipped, not fatal. Throws StoreError on a BLOB that is not a chunk.
 */
export function decodeTraceChunk(blob: Uint8Array): Trace {
  const raw = inflate(blob, 'frame chunk');
  const corrupt = (why: string): StoreError => new StoreError(`corrupt frame chunk: ${why}`);
  if (raw.length < 10 || CHUNK_MAGIC.some((byte, i) => raw[i] !== byte)) throw corrupt('bad magic');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const n = view.getUint32(4, true);
  const count = view.getUint16(8, true);
  const names: string[] = [];
  let at = 10;
  for (let c = 0; c < count; c++) {
    const length = raw[at];
    if (length === undefined || at + 1 + length > raw.length) throw corrupt('truncated channel names');
    names.push(String.fromCharCode(...raw.subarray(at + 1, at + 1 + length)));
    at += 1 + length;
  }
  if (raw.length !== at + 2 * f64PlanesLength(n) + count * f32PlanesLength(n)) throw corrupt(`length ${raw.length} does not fit ${n} samples`);
  const t = readF64Planes(raw, at, n);
  at += f64PlanesLength(n);
  const distance = readF64Planes(raw, at, n);
  at += f64PlanesLength(n);
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const name of names) {
    if (isChannelName(name)) channels[name] = readF32Planes(raw, at, n);
    at += f32PlanesLength(n);
  }
  return { length: n, t, distance, channels };
}

function inflate(blob: Uint8Array, what: string): Uint8Array {
  try {
    return inflateRawSync(blob);
  } catch (error) {
    throw new StoreError(`corrupt ${what}: ${(error as Error).message}`);
  }
}
