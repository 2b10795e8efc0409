/**
 * Seeded fuzzing helpers shared by the GT7, OutGauge and OutSim decoder fuzz tests: a deterministic PRNG,
 * packet mutations (truncation, extension, bit flips, random float bit patterns) and a tally that checks every
 * result is well formed.
 *
 * Mutations work in place on a reused work buffer (decoders keep no reference to their input), so a million
 * packets cost a million decodes, not a million ArrayBuffer allocations. Packets are placed at byte offset 0 or 1
 * of that buffer, so decoders also see unaligned views.
 */
import type { Decoder, DecodeResult } from '../../../../src/engine/games/types.js';

/** xorshift32: tiny, fast, deterministic for a seed. */
export function createRng(seed: number): { u32(): number; next(): number; int(n: number): number; chance(p: number): boolean } {
  let s = seed >>> 0 || 0x9e3779b9;
  const u32 = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  const next = (): number => u32() / 0x100000000;
  return { u32, next, int: (n) => Math.floor(next() * n), chance: (p) => next() < p };
}

export type Rng = ReturnType<typeof createRng>;

const POOL = new Uint8Array(2048);

/** A view of `length` bytes of the shared work buffer, at offset 0 or 1. */
export function workView(rng: Rng, length: number): Uint8Array {
  const offset = rng.chance(0.1) ? 1 : 0;
  return POOL.subarray(offset, offset + length);
}

/** Random bytes of the given length (in the work buffer). */
export function randomBytes(rng: Rng, length: number): Uint8Array {
  const view = workView(rng, length);
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    const word = rng.u32();
    view[i] = word;
    view[i + 1] = word >>> 8;
    view[i + 2] = word >>> 16;
    view[i + 3] = word >>> 24;
  }
  for (; i < length; i++) view[i] = rng.u32();
  return view;
}

/** A copy of `packet` in the work buffer. */
export function copy(rng: Rng, packet: Uint8Array): Uint8Array {
  const view = workView(rng, packet.length);
  view.set(packet);
  return view;
}

/** A copy with 1..8 random bits flipped. */
export function flipBits(rng: Rng, packet: Uint8Array): Uint8Array {
  const out = copy(rng, packet);
  const flips = 1 + rng.int(8);
  for (let i = 0; i < flips && out.length > 0; i++) {
    const at = rng.int(out.length);
    out[at] = out[at]! ^ (1 << rng.int(8));
  }
  return out;
}

/** A copy cut short, or padded with random bytes. */
export function resize(rng: Rng, packet: Uint8Array): Uint8Array {
  if (rng.chance(0.6)) return copy(rng, packet.subarray(0, rng.int(packet.length)));
  const extra = 1 + rng.int(64);
  const out = workView(rng, packet.length + extra);
  out.set(packet);
  for (let i = packet.length; i < out.length; i++) out[i] = rng.u32();
  return out;
}

/** A copy with NaN, ±Infinity, huge, negative or random 32-bit patterns at random 4-byte-aligned offsets ≥ `from`. */
export function stompWords(rng: Rng, packet: Uint8Array, from = 0): Uint8Array {
  const out = copy(rng, packet);
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const words = Math.floor((out.length - from) / 4);
  if (words <= 0) return out;
  const count = 1 + rng.int(24);
  for (let i = 0; i < count; i++) {
    const at = from + 4 * rng.int(words);
    switch (rng.int(7)) {
      case 0: v.setFloat32(at, Number.NaN, true); break;
      case 1: v.setFloat32(at, Number.POSITIVE_INFINITY, true); break;
      case 2: v.setFloat32(at, Number.NEGATIVE_INFINITY, true); break;
      case 3: v.setFloat32(at, 3.4e38, true); break;
      case 4: v.setInt32(at, -1 - rng.int(1000), true); break;
      case 5: v.setUint32(at, 0xffffffff, true); break;
      default: v.setUint32(at, rng.u32(), true); break;
    }
  }
  return out;
}

export type Tally = { packets: number; frames: number; sessions: number; skips: number; errors: number; other: number; errorCodes: Record<string, number> };

export function emptyTally(): Tally {
  return { packets: 0, frames: 0, sessions: 0, skips: 0, errors: 0, other: 0, errorCodes: {} };
}

/**
 * Decodes one packet; an exception escaping the decoder is re-thrown with the packet in hex so the failure can be
 * replayed. Checks that every frame has a finite clock and lap and only finite numeric channels.
 */
export function decodeAndCheck(decoder: Decoder, packet: Uint8Array, tally: Tally): readonly DecodeResult[] {
  let results: readonly DecodeResult[];
  try {
    results = decoder.decode(packet);
  } catch (error) {
    const hex = Array.from(packet, (b) => b.toString(16).padStart(2, '0')).join('');
    throw new Error(`decoder threw on a ${packet.length}-byte packet ${hex}: ${String(error)}`);
  }
  tally.packets++;
  for (const r of results) {
    if (r.kind === 'frame') {
      tally.frames++;
      const frame = r.frame as unknown as Record<string, unknown>;
      for (const key in frame) {
        const value = frame[key];
        if (typeof value === 'number' ? !Number.isFinite(value) : value === undefined) {
          throw new Error(`frame field ${key} is ${String(value)}`);
        }
      }
      if (!Number.isFinite(r.frame.t) || !Number.isFinite(r.frame.lap)) throw new Error('frame without a finite t or lap');
    } else if (r.kind === 'session') tally.sessions++;
    else if (r.kind === 'skip') tally.skips++;
    else if (r.kind === 'error') {
      tally.errors++;
      tally.errorCodes[r.error.code] = (tally.errorCodes[r.error.code] ?? 0) + 1;
    } else tally.other++;
  }
  return results;
}
