import { FormatError } from './format-error.js';

/**
 * Bounds-checked little/big-endian reads over a Uint8Array. Every read checks its range first and
 * throws a FormatError naming what was being read, so a reader written with it cannot run off the
 * end of a truncated file or be tricked by an out-of-range pointer.
 */
export class ByteReader {
  readonly view: DataView;
  readonly length: number;
  constructor(
    readonly bytes: Uint8Array,
    /** File name for error messages. */
    readonly file: string | undefined,
    /** Format name for error messages, e.g. 'MoTeC file'. */
    readonly what: string,
    readonly littleEndian = true,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.length = bytes.byteLength;
  }

  /** True when [offset, offset+size) lies inside the bytes. */
  has(offset: number, size: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && size >= 0 && offset + size <= this.length;
  }

  /** Throws a FormatError unless [offset, offset+size) lies inside the bytes. */
  need(offset: number, size: number, field: string): void {
    if (!this.has(offset, size)) {
      throw new FormatError(
        `truncated ${this.what} (${field} needs bytes ${offset}..${offset + size}, file has ${this.length})`,
        this.file,
      );
    }
  }

  u8(offset: number, field = 'u8'): number {
    this.need(offset, 1, field);
    return this.bytes[offset]!;
  }
  u16(offset: number, field = 'u16'): number {
    this.need(offset, 2, field);
    return this.view.getUint16(offset, this.littleEndian);
  }
  i16(offset: number, field = 'i16'): number {
    this.need(offset, 2, field);
    return this.view.getInt16(offset, this.littleEndian);
  }
  u32(offset: number, field = 'u32'): number {
    this.need(offset, 4, field);
    return this.view.getUint32(offset, this.littleEndian);
  }
  i32(offset: number, field = 'i32'): number {
    this.need(offset, 4, field);
    return this.view.getInt32(offset, this.littleEndian);
  }
  f32(offset: number, field = 'f32'): number {
    this.need(offset, 4, field);
    return this.view.getFloat32(offset, this.littleEndian);
  }
  f64(offset: number, field = 'f64'): number {
    this.need(offset, 8, field);
    return this.view.getFloat64(offset, this.littleEndian);
  }
  /** 64-bit signed integer as a Number (exact below 2^53, which covers every offset and time here). */
  i64(offset: number, field = 'i64'): number {
    this.need(offset, 8, field);
    return Number(this.view.getBigInt64(offset, this.littleEndian));
  }
  /** NUL-terminated Latin-1 string in a fixed-width field. */
  latin1(offset: number, width: number, field = 'string'): string {
    this.need(offset, width, field);
    return decodeLatin1(this.bytes, offset, width);
  }
}

/** NUL-terminated Latin-1 string from a fixed-width field (stops at the first NUL). */
export function decodeLatin1(bytes: Uint8Array, offset: number, width: number): string {
  const end = Math.min(bytes.length, offset + width);
  let out = '';
  for (let i = offset; i < end; i++) {
    const c = bytes[i]!;
    if (c === 0) break;
    out += String.fromCharCode(c);
  }
  return out;
}

/**
 * Windows-1252, the code page iRacing writes its session YAML in: Latin-1 except 0x80..0x9F.
 * Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) become spaces, as pyirsdk does.
 */
const CP1252_HIGH = '€ ‚ƒ„…†‡ˆ‰Š‹Œ Ž  ‘’“”•–—˜™š›œ žŸ';
export function decodeCp1252(bytes: Uint8Array, offset = 0, length = bytes.length - offset): string {
  const end = Math.min(bytes.length, offset + length);
  const parts: string[] = [];
  let chunk = '';
  for (let i = offset; i < end; i++) {
    const c = bytes[i]!;
    if (c === 0) break;
    chunk += c >= 0x80 && c < 0xa0 ? CP1252_HIGH[c - 0x80]! : String.fromCharCode(c);
    if (chunk.length >= 4096) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Write `text` as NUL-padded Latin-1 into a fixed-width field, truncated to fit (characters > 0xFF become '?'). */
export function writeLatin1(target: Uint8Array, offset: number, width: number, text: string): void {
  const n = Math.min(width, text.length);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    target[offset + i] = c <= 0xff ? c : 0x3f;
  }
  target.fill(0, offset + n, offset + width);
}

/** IEEE 754 half precision to number (MoTeC type 7 with 2-byte samples). */
export function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
