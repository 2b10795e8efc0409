/**
 * Salsa20/20 stream cipher, written from D. J. Bernstein's "Salsa20 specification" (2005): 256-bit key,
 * 64-bit nonce, 64-bit little-endian block counter, 64-byte blocks. Pure TypeScript on typed arrays; no
 * dependency, no allocation per block.
 *
 * Only the 32-byte-key expansion ("expand 32-byte k") is implemented: it is the one GT7 and GT Sport use.
 * Encryption and decryption are the same operation (XOR with the key stream).
 */

/** "expand 32-byte k" as four little-endian words (σ0..σ3 in the spec). */
const SIGMA0 = 0x61707865;
const SIGMA1 = 0x3320646e;
const SIGMA2 = 0x79622d32;
const SIGMA3 = 0x6b206574;

/** Bytes in one Salsa20 block. */
export const SALSA20_BLOCK_BYTES = 64;

/** A 32-byte key as eight little-endian words, prepared once and reused for every packet. */
export type Salsa20Key = Uint32Array;

/** Prepares a 32-byte key. Throws on a key of another length: that is a programming error, not network input. */
export function salsa20Key(key: Uint8Array): Salsa20Key {
  if (key.length !== 32) throw new RangeError(`Salsa20 key must be 32 bytes, got ${key.length}`);
  const words = new Uint32Array(8);
  for (let i = 0; i < 8; i++) words[i] = readWord(key, i * 4);
  return words;
}

/** Reads a little-endian 32-bit word from an 8-byte nonce or any byte array (caller checks bounds). */
export function readWord(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

/**
 * One Salsa20/20 block: the 16-word key stream for (key, nonce, counter), written to `out`.
 * `nonce0`/`nonce1` are the nonce's two little-endian words; the counter is split the same way.
 */
export function salsa20Block(key: Salsa20Key, nonce0: number, nonce1: number, counterLo: number, counterHi: number, out: Uint32Array): void {
  // Input matrix (spec §9, 32-byte k): σ0 k0..k3 σ1 n0 n1 c0 c1 σ2 k4..k7 σ3.
  const j0 = SIGMA0, j1 = key[0]! | 0, j2 = key[1]! | 0, j3 = key[2]! | 0;
  const j4 = key[3]! | 0, j5 = SIGMA1, j6 = nonce0 | 0, j7 = nonce1 | 0;
  const j8 = counterLo | 0, j9 = counterHi | 0, j10 = SIGMA2, j11 = key[4]! | 0;
  const j12 = key[5]! | 0, j13 = key[6]! | 0, j14 = key[7]! | 0, j15 = SIGMA3;
  let x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7;
  let x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15;
  let u: number;
  // 10 double rounds = 20 rounds. Each double round is a column round then a row round (spec §5, §6).
  for (let i = 0; i < 10; i++) {
    // Column round: quarter-rounds on (0,4,8,12), (5,9,13,1), (10,14,2,6), (15,3,7,11).
    u = (x0 + x12) | 0; x4 ^= (u << 7) | (u >>> 25);
    u = (x4 + x0) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x4) | 0; x12 ^= (u << 13) | (u >>> 19);
    u = (x12 + x8) | 0; x0 ^= (u << 18) | (u >>> 14);

    u = (x5 + x1) | 0; x9 ^= (u << 7) | (u >>> 25);
    u = (x9 + x5) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x9) | 0; x1 ^= (u << 13) | (u >>> 19);
    u = (x1 + x13) | 0; x5 ^= (u << 18) | (u >>> 14);

    u = (x10 + x6) | 0; x14 ^= (u << 7) | (u >>> 25);
    u = (x14 + x10) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x14) | 0; x6 ^= (u << 13) | (u >>> 19);
    u = (x6 + x2) | 0; x10 ^= (u << 18) | (u >>> 14);

    u = (x15 + x11) | 0; x3 ^= (u << 7) | (u >>> 25);
    u = (x3 + x15) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x3) | 0; x11 ^= (u << 13) | (u >>> 19);
    u = (x11 + x7) | 0; x15 ^= (u << 18) | (u >>> 14);

    // Row round: quarter-rounds on (0,1,2,3), (5,6,7,4), (10,11,8,9), (15,12,13,14).
    u = (x0 + x3) | 0; x1 ^= (u << 7) | (u >>> 25);
    u = (x1 + x0) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x1) | 0; x3 ^= (u << 13) | (u >>> 19);
    u = (x3 + x2) | 0; x0 ^= (u << 18) | (u >>> 14);

    u = (x5 + x4) | 0; x6 ^= (u << 7) | (u >>> 25);
    u = (x6 + x5) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x6) | 0; x4 ^= (u << 13) | (u >>> 19);
    u = (x4 + x7) | 0; x5 ^= (u << 18) | (u >>> 14);

    u = (x10 + x9) | 0; x11 ^= (u << 7) | (u >>> 25);
    u = (x11 + x10) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x11) | 0; x9 ^= (u << 13) | (u >>> 19);
    u = (x9 + x8) | 0; x10 ^= (u << 18) | (u >>> 14);

    u = (x15 + x14) | 0; x12 ^= (u << 7) | (u >>> 25);
    u = (x12 + x15) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x12) | 0; x14 ^= (u << 13) | (u >>> 19);
    u = (x14 + x13) | 0; x15 ^= (u << 18) | (u >>> 14);
  }
  // Feed-forward: add the input matrix (spec §8), which makes the block function non-invertible.
  out[0] = x0 + j0; out[1] = x1 + j1; out[2] = x2 + j2; out[3] = x3 + j3;
  out[4] = x4 + j4; out[5] = x5 + j5; out[6] = x6 + j6; out[7] = x7 + j7;
  out[8] = x8 + j8; out[9] = x9 + j9; out[10] = x10 + j10; out[11] = x11 + j11;
  out[12] = x12 + j12; out[13] = x13 + j13; out[14] = x14 + j14; out[15] = x15 + j15;
}

/**
 * XORs the key stream into `input[start..end)` and writes the result to `output` at the same offsets.
 * `start` must be a multiple of 64: block `start / 64` (plus the initial counter) is the first one used,
 * so a caller can decrypt block 0 alone, look at it, and then continue from byte 64 without redoing it.
 * `input` and `output` may be the same array. `scratch` is a 16-word buffer the caller owns.
 */
export function salsa20XorRange(
  key: Salsa20Key,
  nonce0: number,
  nonce1: number,
  input: Uint8Array,
  output: Uint8Array,
  start: number,
  end: number,
  scratch: Uint32Array,
  counterLo = 0,
  counterHi = 0,
): void {
  const stop = Math.min(end, input.length, output.length);
  for (let blockStart = start; blockStart < stop; blockStart += SALSA20_BLOCK_BYTES) {
    const block = blockStart / SALSA20_BLOCK_BYTES;
    // 64-bit counter addition without BigInt: carry into the high word when the low word wraps.
    const lo = counterLo + block;
    salsa20Block(key, nonce0, nonce1, lo >>> 0, (counterHi + Math.floor(lo / 0x100000000)) >>> 0, scratch);
    const blockEnd = Math.min(blockStart + SALSA20_BLOCK_BYTES, stop);
    if (blockEnd - blockStart === SALSA20_BLOCK_BYTES) {
      // Whole block: four bytes per key-stream word, little-endian.
      for (let w = 0, i = blockStart; w < 16; w++, i += 4) {
        const word = scratch[w]!;
        output[i] = input[i]! ^ (word & 0xff);
        output[i + 1] = input[i + 1]! ^ ((word >>> 8) & 0xff);
        output[i + 2] = input[i + 2]! ^ ((word >>> 16) & 0xff);
        output[i + 3] = input[i + 3]! ^ (word >>> 24);
      }
      continue;
    }
    for (let i = blockStart; i < blockEnd; i++) {
      const word = scratch[(i - blockStart) >>> 2]!;
      const byte = (word >>> (((i - blockStart) & 3) << 3)) & 0xff;
      output[i] = input[i]! ^ byte;
    }
  }
}

/** Convenience: XOR a whole buffer with the key stream (block counter from `counterLo/Hi`). Returns a new array. */
export function salsa20Xor(key: Salsa20Key, nonce: Uint8Array, input: Uint8Array, counterLo = 0, counterHi = 0): Uint8Array {
  if (nonce.length !== 8) throw new RangeError(`Salsa20 nonce must be 8 bytes, got ${nonce.length}`);
  const output = new Uint8Array(input.length);
  salsa20XorRange(key, readWord(nonce, 0), readWord(nonce, 4), input, output, 0, input.length, new Uint32Array(16), counterLo, counterHi);
  return output;
}
