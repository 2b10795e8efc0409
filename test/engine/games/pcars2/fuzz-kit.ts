/**
 * Seeded packet fuzzing shared by the AC, Forza and PCARS decoder tests: random packets,
 * random packets of the protocol's real sizes, bit flips, truncations, extensions and
 * non-finite floats planted in real packets. Every result is checked for shape (finite t,
 * finite channels), and an exception caught by the decoder guard counts as a failure.
 */
import type { DecodeResult, Decoder } from '../../../../src/engine/games/types.js';
import { INTERNAL_ERROR_PREFIX } from '../../../../src/engine/games/common/guard.js';
import { mulberry32 } from '../../../helpers/prng.js';

export type FuzzReport = {
  readonly packets: number;
  readonly counts: Readonly<Record<DecodeResult['kind'], number>>;
  /** Exceptions turned into results by the guard (must be 0). */
  readonly internalErrors: number;
  /** Frames with a non-finite t or channel, or a non-integer lap (must be 0). */
  readonly malformedFrames: number;
  /** The first few internal errors / malformed frames, to make a failure readable. */
  readonly examples: readonly string[];
};

export type FuzzOptions = {
  readonly seed: number;
  readonly iterations: number;
  /** Real or encoder-made packets to mutate. */
  readonly seeds: readonly Uint8Array[];
  /** The protocol's valid packet sizes (random bytes of exactly these sizes reach the readers). */
  readonly sizes: readonly number[];
  /** Starts a fresh decoder (the fuzzer restarts it now and then to replay startup states). */
  readonly createDecoder: () => Decoder;
};

const MAX_PACKET = 2048;

export function fuzzDecoder(options: FuzzOptions): FuzzReport {
  const rng = mulberry32(options.seed);
  const scratch = new Uint8Array(MAX_PACKET);
  const view = new DataView(scratch.buffer);
  const counts: Record<DecodeResult['kind'], number> = { frame: 0, session: 0, rewind: 0, 'new-session': 0, skip: 0, error: 0 };
  let internalErrors = 0;
  let malformedFrames = 0;
  const examples: string[] = [];
  let decoder = options.createDecoder();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3.4e38, -3.4e38, 1e-45];

  for (let i = 0; i < options.iterations; i++) {
    if (i % 50_000 === 0) decoder = options.createDecoder();
    const strategy = rng();
    let length: number;
    if (strategy < 0.1) {
      length = Math.floor(rng() * 1600);
      fillRandom(scratch, length, rng);
    } else if (strategy < 0.25) {
      length = pick(options.sizes);
      fillRandom(scratch, length, rng);
      // Keep a real header now and then so typed dispatch (PCARS byte 10, AC 'a') is reached.
      const seed = pick(options.seeds);
      scratch.set(seed.subarray(0, Math.min(12, seed.length, length)), 0);
    } else {
      const seed = pick(options.seeds);
      length = seed.length;
      scratch.set(seed, 0);
      if (strategy < 0.6) {
        const flips = 1 + Math.floor(rng() * 8);
        for (let f = 0; f < flips; f++) {
          const at = Math.floor(rng() * length);
          scratch[at] = (scratch[at] ?? 0) ^ (1 << Math.floor(rng() * 8));
        }
      } else if (strategy < 0.75) {
        length = Math.floor(rng() * seed.length);
      } else if (strategy < 0.85) {
        const extra = 1 + Math.floor(rng() * 64);
        length = Math.min(MAX_PACKET, seed.length + extra);
        fillRandom(scratch.subarray(seed.length), length - seed.length, rng);
      } else if (length >= 4) {
        const plants = 1 + Math.floor(rng() * 4);
        for (let p = 0; p < plants; p++) view.setFloat32(Math.floor(rng() * (length - 3)), pick(specials), true);
      }
    }
    const results = decoder.decode(scratch.subarray(0, length));
    for (const result of results) {
      counts[result.kind]++;
      if (result.kind === 'error' && result.error.detail.startsWith(INTERNAL_ERROR_PREFIX)) {
        internalErrors++;
        if (examples.length < 5) examples.push(`${length} bytes: ${result.error.detail}`);
      }
      if (result.kind === 'frame' && !isWellFormed(result.frame)) {
        malformedFrames++;
        if (examples.length < 5) examples.push(`${length} bytes: ${JSON.stringify(result.frame)}`);
      }
    }
  }
  return { packets: options.iterations, counts, internalErrors, malformedFrames, examples };
}

function fillRandom(target: Uint8Array, length: number, rng: () => number): void {
  const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
  let i = 0;
  for (; i + 4 <= length; i += 4) view.setUint32(i, (rng() * 4294967296) >>> 0);
  for (; i < length; i++) target[i] = (rng() * 256) | 0;
}

function isWellFormed(frame: Readonly<Record<string, unknown>>): boolean {
  if (!Number.isFinite(frame['t']) || !Number.isInteger(frame['lap'])) return false;
  for (const key in frame) {
    const value = frame[key];
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'boolean') return false; // absent channels are absent keys
  }
  return true;
}
