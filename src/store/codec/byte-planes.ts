/**
 * The lossless pre-compression transform for float columns: delta of the IEEE-754 bit patterns,
 * then byte planes (all least-significant bytes first, then the next byte, ...).
 *
 * Why: telemetry is smooth, so consecutive samples share sign, exponent and high mantissa bits.
 * Subtracting the previous bit pattern as an unsigned integer (wrapping) turns those shared high
 * bits into zeros, and splitting the words into planes puts the zeros next to each other where
 * deflate finds them. On real 60 Hz iRacing floats this halves the deflated size (measured in
 * test/store/real-data.test.ts). Integer arithmetic on bit patterns is exact, so NaN payloads,
 * -0 and infinities survive unchanged; float-domain deltas would not.
 *
 * Byte order is explicit: plane k holds byte k (little-endian significance) of each word,
 * computed with shifts from the integer value, so the bytes on disk are the same on any host.
 */

/** True when this host stores typed arrays little-endian (all supported platforms do; checked, not assumed). */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bytes the planes of `n` Float32 samples take. */
export function f32PlanesLength(n: number): number {
  return n * 4;
}

/** Bytes the planes of `n` Float64 samples take. */
export function f64PlanesLength(n: number): number {
  return n * 8;
}

/** Writes the delta/plane form of `values` into `out` at `offset` (4·n bytes). */
export function writeF32Planes(values: Float32Array, out: Uint8Array, offset: number): void {
  const n = values.length;
  const bits = new Uint32Array(values.buffer, values.byteOffset, n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const word = bits[i]!;
    const d = (word - prev) >>> 0;
    prev = word;
    out[offset + i] = d & 0xff;
    out[offset + n + i] = (d >>> 8) & 0xff;
    out[offset + 2 * n + i] = (d >>> 16) & 0xff;
    out[offset + 3 * n + i] = d >>> 24;
  }
}

/** Reads `n` Float32 samples written by writeF32Planes from `src` at `offset`. */
export function readF32Planes(src: Uint8Array, offset: number, n: number): Float32Array {
  const bits = new Uint32Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const d =
      (src[offset + i]! | (src[offset + n + i]! << 8) | (src[offset + 2 * n + i]! << 16) | (src[offset + 3 * n + i]! << 24)) >>> 0;
    prev = (prev + d) >>> 0;
    bits[i] = prev;
  }
  return new Float32Array(bits.buffer);
}

/**
 * Writes the delta/plane form of `values` into `out` at `offset` (8·n bytes). The 64-bit delta is
 * computed on two 32-bit halves with an explicit borrow, so it is exact without BigInt.
 */
export function writeF64Planes(values: Float64Array, out: Uint8Array, offset: number): void {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const loAt = HOST_LITTLE_ENDIAN ? 0 : 1;
  const hiAt = 1 - loAt;
  let prevLo = 0;
  let prevHi = 0;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i + loAt]!;
    const hi = words[2 * i + hiAt]!;
    const dLo = (lo - prevLo) >>> 0;
    const borrow = lo < prevLo ? 1 : 0;
    const dHi = (hi - prevHi - borrow) >>> 0;
    prevLo = lo;
    prevHi = hi;
    for (let k = 0; k < 4; k++) {
      out[offset + k * n + i] = (dLo >>> (8 * k)) & 0xff;
      out[offset + (k + 4) * n + i] = (dHi >>> (8 * k)) & 0xff;
    }
  }
}

/** Reads `n` Float64 samples written by writeF64Planes from `src` at `offset`. */
export function readF64Planes(src: Uint8Array, offset: number, n: number): Float64Array {
  const words = new Uint32Array(n * 2);
  const loAt = HOST_LITTLE_ENDIAN ? 0 : 1;
  const hiAt = 1 - loAt;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    let dLo = 0;
    let dHi = 0;
    for (let k = 0; k < 4; k++) {
      dLo |= src[offset + k * n + i]! << (8 * k);
      dHi |= src[offset + (k + 4) * n + i]! << (8 * k);
    }
    const nextLo = (lo + (dLo >>> 0)) >>> 0;
    const carry = nextLo < lo ? 1 : 0;
    hi = (hi + (dHi >>> 0) + carry) >>> 0;
    lo = nextLo;
    words[2 * i + loAt] = lo;
    words[2 * i + hiAt] = hi;
  }
  return new Float64Array(words.buffer);
}
