/**
 * Decryption and encryption of Simulator Interface packets.
 *
 * Spec (protocols.md §4, "Decryption (whole packet, from offset 0, Salsa20/20, block counter 0)"):
 * - "key = first 32 bytes of ASCII "Simulator Interface Packet GT7 ver 0.0""
 * - "iv1 = u32le(raw[0x40..0x44]) (read from the *encrypted* buffer); iv2 = iv1 XOR K"
 * - "nonce (8 bytes) = le32(iv2) ‖ le32(iv1)"
 * - "after decryption u32le@0 must be 0x47375330 ("0S7G"); otherwise drop the packet (wrong key/format)."
 *
 * The console writes iv1 in clear over bytes 0x40..0x43 of the ciphertext, so after decryption those four
 * bytes are noise: no field is read from them.
 */
import { FORMAT_SPECS, GT7_KEY_TEXT, GT7_MAGIC, GTS_KEY_TEXT, type Gt7Format } from './formats.js';
import { readWord, SALSA20_BLOCK_BYTES, salsa20Key, salsa20XorRange, type Salsa20Key } from './salsa20.js';

/** Byte offset of the clear-text IV seed in an encrypted packet. */
export const IV_OFFSET = 0x40;

function asciiKey(text: string): Salsa20Key {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return salsa20Key(bytes);
}

/** Which game's key opened the packet, or 'plain' when it arrived already decrypted (a replayed capture). */
export type Gt7Variant = 'gt7' | 'gts' | 'plain';

const GT7_KEY = asciiKey(GT7_KEY_TEXT);
const GTS_KEY = asciiKey(GTS_KEY_TEXT);

/** GT Sport only ever sent the 296-byte layout, with the 'A' constant. */
const GTS_IV_XOR = 0xdeadbeaf;

export type Decrypted = {
  /** The decrypted bytes; a view into the decryptor's buffer, valid until its next call (or the input itself when 'plain'). */
  readonly plain: Uint8Array;
  readonly variant: Gt7Variant;
  /** The XOR constant that worked (0 for 'plain'). */
  readonly ivXor: number;
};

/** Decrypts packets of a known format. Owns its buffers: one per decoder, no allocation per packet. */
export type Gt7Decryptor = (packet: Uint8Array, format: Gt7Format) => Decrypted | undefined;

export function createGt7Decryptor(): Gt7Decryptor {
  const out = new Uint8Array(FORMAT_SPECS.C.size);
  const scratch = new Uint32Array(16);
  // The constant that worked last time goes first: a console keeps sending the format it was asked for.
  let lastXor = -1;
  let lastKey: Salsa20Key = GT7_KEY;

  const attempt = (packet: Uint8Array, key: Salsa20Key, ivXor: number): boolean => {
    const iv1 = readWord(packet, IV_OFFSET);
    const iv2 = (iv1 ^ ivXor) >>> 0;
    // Decrypt block 0 alone: the magic decides, and a wrong guess costs one block, not six.
    salsa20XorRange(key, iv2, iv1, packet, out, 0, SALSA20_BLOCK_BYTES, scratch);
    if (readWord(out, 0) !== GT7_MAGIC) return false;
    salsa20XorRange(key, iv2, iv1, packet, out, SALSA20_BLOCK_BYTES, packet.length, scratch);
    return true;
  };

  return (packet, format) => {
    if (packet.length !== FORMAT_SPECS[format].size) return undefined;
    if (readWord(packet, 0) === GT7_MAGIC) return { plain: packet, variant: 'plain', ivXor: 0 };
    const view = out.subarray(0, packet.length);
    if (lastXor >= 0 && attempt(packet, lastKey, lastXor)) {
      return { plain: view, variant: lastKey === GT7_KEY ? 'gt7' : 'gts', ivXor: lastXor };
    }
    for (const ivXor of FORMAT_SPECS[format].ivXor) {
      if (attempt(packet, GT7_KEY, ivXor)) {
        lastXor = ivXor;
        lastKey = GT7_KEY;
        return { plain: view, variant: 'gt7', ivXor };
      }
    }
    if (format === 'A' && attempt(packet, GTS_KEY, GTS_IV_XOR)) {
      lastXor = GTS_IV_XOR;
      lastKey = GTS_KEY;
      return { plain: view, variant: 'gts', ivXor: GTS_IV_XOR };
    }
    return undefined;
  };
}

const sniffOut = new Uint8Array(SALSA20_BLOCK_BYTES);
/** Key-stream scratch for the stateless helpers below (JavaScript runs them one at a time). */
const sharedScratch = new Uint32Array(16);

/**
 * True when block 0 of the packet decrypts to the magic with one of the format's constants (or the packet is
 * already plain). Costs one Salsa20 block per candidate constant.
 */
export function opensAsGt7(packet: Uint8Array, format: Gt7Format): boolean {
  if (packet.length !== FORMAT_SPECS[format].size) return false;
  if (readWord(packet, 0) === GT7_MAGIC) return true;
  const iv1 = readWord(packet, IV_OFFSET);
  const opens = (key: Salsa20Key, ivXor: number): boolean => {
    salsa20XorRange(key, (iv1 ^ ivXor) >>> 0, iv1, packet, sniffOut, 0, 4, sharedScratch);
    return readWord(sniffOut, 0) === GT7_MAGIC;
  };
  return FORMAT_SPECS[format].ivXor.some((ivXor) => opens(GT7_KEY, ivXor)) || (format === 'A' && opens(GTS_KEY, GTS_IV_XOR));
}

/**
 * Encrypts a plain packet the way the console does: XOR with the key stream for (iv1, iv1 ^ constant), then
 * iv1 written in clear at 0x40. `plain` must already carry the magic at offset 0. Returns a new array.
 */
export function encryptGt7Packet(plain: Uint8Array, iv1: number, ivXor: number, variant: 'gt7' | 'gts' = 'gt7'): Uint8Array {
  const key = variant === 'gts' ? GTS_KEY : GT7_KEY;
  const seed = iv1 >>> 0;
  const cipher = new Uint8Array(plain.length);
  salsa20XorRange(key, (seed ^ ivXor) >>> 0, seed, plain, cipher, 0, plain.length, sharedScratch);
  cipher[IV_OFFSET] = seed & 0xff;
  cipher[IV_OFFSET + 1] = (seed >>> 8) & 0xff;
  cipher[IV_OFFSET + 2] = (seed >>> 16) & 0xff;
  cipher[IV_OFFSET + 3] = (seed >>> 24) & 0xff;
  return cipher;
}
