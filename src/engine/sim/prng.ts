/**
 * Counter-based seeded randomness: a value is a pure function of (seed, keys), e.g.
 * (seed, lap, corner, KIND). Unlike a stream PRNG, adding a planted error or another lap never
 * shifts the draws of everything after it, so two runs that differ in one planted error differ
 * only there.
 */

/** MurmurHash3's 32-bit finaliser: full avalanche of one word. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1) from a seed and integer keys (negative keys are fine). */
export function hashUnit(seed: number, ...keys: readonly number[]): number {
  let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  for (const key of keys) h = fmix32((h ^ Math.imul((key | 0) + 0x632be5ab, 0x9e3779b1)) >>> 0);
  return h / 4294967296;
}

/** Uniform in [lo, hi) from a seed and integer keys. */
export function hashUniform(lo: number, hi: number, seed: number, ...keys: readonly number[]): number {
  return lo + (hi - lo) * hashUnit(seed, ...keys);
}
