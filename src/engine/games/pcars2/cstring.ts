/**
 * Fixed-size C strings of the PCARS protocols: UTF-8 (the PC1 capture has "Magnus Eiengård"),
 * NUL-terminated, with leftovers of older names after the NUL ("may contain old data from a
 * previous race"), so everything from the first NUL on is ignored.
 */

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** Reads `size` bytes at `offset` up to the first NUL; the caller has checked the bounds. */
export function readCString(bytes: Uint8Array, offset: number, size: number): string {
  let end = offset;
  let ascii = true;
  const limit = offset + size;
  for (; end < limit; end++) {
    const byte = bytes[end] ?? 0;
    if (byte === 0) break;
    if (byte >= 0x80) ascii = false;
  }
  if (end === offset) return '';
  // Most names are ASCII: skip the TextDecoder round trip (the slowest part of a names packet).
  return ascii ? String.fromCharCode(...bytes.subarray(offset, end)) : utf8Decoder.decode(bytes.subarray(offset, end));
}

/** Writes `text` as UTF-8 into `size` bytes, cut on a character boundary so a NUL always fits. */
export function writeCString(bytes: Uint8Array, offset: number, size: number, text: string): void {
  const encoded = utf8Encoder.encode(text);
  let length = Math.min(encoded.length, size - 1);
  // Never leave half a multi-byte character: back off over continuation bytes (10xxxxxx).
  while (length > 0 && length < encoded.length && ((encoded[length] ?? 0) & 0xc0) === 0x80) length--;
  bytes.set(encoded.subarray(0, length), offset);
  bytes.fill(0, offset + length, offset + size);
}

/**
 * Names by participant index, kept as raw bytes and decoded only when asked for: packets carry
 * 16 names at a time but racecraft needs only the viewed car's, so most names are never decoded.
 */
export class NameTable {
  private readonly bytes: Uint8Array;
  private readonly known: boolean[];
  private readonly decoded: (string | undefined)[];

  constructor(
    private readonly slots: number,
    private readonly size: number,
  ) {
    this.bytes = new Uint8Array(slots * size);
    this.known = new Array<boolean>(slots).fill(false);
    this.decoded = new Array<string | undefined>(slots).fill(undefined);
  }

  /** Copies the C string at `source[offset..offset+size)` into slot `index`; true when it changed. */
  set(index: number, source: Uint8Array, offset: number): boolean {
    if (index < 0 || index >= this.slots) return false;
    const at = index * this.size;
    let changed = !this.known[index];
    for (let i = 0; i < this.size; i++) {
      const byte = source[offset + i] ?? 0;
      if (this.bytes[at + i] !== byte) {
        changed = true;
        this.bytes[at + i] = byte;
      }
      if (byte === 0) {
        if (changed) this.bytes.fill(0, at + i, at + this.size);
        break;
      }
    }
    if (changed) {
      this.known[index] = true;
      this.decoded[index] = undefined;
    }
    return changed;
  }

  /** The name in slot `index`, '' when empty, undefined when never set. */
  get(index: number): string | undefined {
    if (index < 0 || index >= this.slots || !this.known[index]) return undefined;
    let name = this.decoded[index];
    if (name === undefined) {
      name = readCString(this.bytes, index * this.size, this.size);
      this.decoded[index] = name;
    }
    return name;
  }
}
