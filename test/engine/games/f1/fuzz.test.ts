/**
 * 1,000,000 random and mutated packets through ONE decoder (seeded, reproducible): nothing escapes,
 * every packet an independent oracle (written here from protocols.md, not from the decoder's tables)
 * calls malformed yields exactly one error result and nothing else, and every other packet none.
 */
import { describe, expect, it } from 'vitest';
import { createF1Decoder, createF1Encoder } from '../../../../src/engine/games/f1/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import { hasShared } from '../../../helpers/shared.js';
import { captureFiles } from './captures.js';
import { DEMO_FRAME, DEMO_SESSION } from './demo-tick.js';
import { mulberry32 } from '../../../helpers/prng.js';

const PACKETS = 1_000_000;
const SEED = 0x5eed_f1;

/** protocols.md §1.2, per format: size by packet id (0 = no such packet). */
const SPEC_SIZES: Record<number, number[]> = {
  2023: [1349, 644, 1131, 45, 1306, 1107, 1352, 1239, 1020, 1218, 953, 1460, 231, 217],
  2024: [1349, 753, 1285, 45, 1350, 1133, 1352, 1239, 1020, 1306, 953, 1460, 231, 237, 101],
  2025: [1349, 753, 1285, 45, 1284, 1133, 1352, 1239, 1042, 954, 1041, 1460, 231, 273, 101, 1131],
};
const PER_CAR_IDS = new Set([0, 2, 4, 6, 7]);

const FLOAT = new Float32Array(1);
const FLOAT_BYTES = new Uint8Array(FLOAT.buffer);
/** Little-endian float32 at `offset` (the test machines are little-endian; checked below). */
function f32(p: Uint8Array, offset: number): number {
  for (let k = 0; k < 4; k++) FLOAT_BYTES[k] = p[offset + k]!;
  return FLOAT[0]!;
}

/** Should the decoder refuse this packet? */
function malformed(p: Uint8Array): boolean {
  if (p.length < 29) return true;
  const format = p[0]! | (p[1]! << 8);
  const sizes = SPEC_SIZES[format];
  if (sizes === undefined) return true;
  const id = p[6]!;
  if (!sizes[id] || p.length !== sizes[id]) return true;
  if (!Number.isFinite(f32(p, 15))) return true;
  if (PER_CAR_IDS.has(id) && p[27]! >= 22 && p[27]! !== 255) return true;
  if (id === 3 && p[29] === 0x46 && p[30] === 0x4c && p[31] === 0x42 && p[32] === 0x4b && !Number.isFinite(f32(p, 37))) return true; // 'FLBK'
  return false;
}

function basePackets(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const format of [2023, 2024, 2025] as const) {
    const encoder = createF1Encoder({ format, playerCarIndex: 3 });
    for (let i = 0; i < 3; i++) out.push(...encoder.encode({ ...DEMO_FRAME, t: i / 60 }, DEMO_SESSION));
    out.push(encoder.encodeFlashbackEvent(0.01), encoder.encodeSessionStartedEvent(0));
    if (hasShared) out.push(...captureFiles(format).map((f) => f.bytes));
  }
  return out;
}

const ALLOWED_KINDS = new Set(['frame', 'session', 'rewind', 'new-session', 'skip', 'error']);

describe('F1 decoder fuzz', () => {
  it(`${PACKETS.toLocaleString('en-US')} random and mutated packets: no exception, errors exactly where malformed`, () => {
    expect(new Uint8Array(new Float32Array([1]).buffer)[3]).toBe(0x3f); // little-endian host for f32()
    const random = mulberry32(SEED);
    const int = (n: number): number => Math.floor(random() * n);
    const bases = basePackets();
    // Random bytes come from one pool (filled 4 bytes per draw) instead of a draw per byte.
    const pool = new Uint8Array(1 << 22);
    const pool32 = new Uint32Array(pool.buffer);
    for (let k = 0; k < pool32.length; k++) pool32[k] = Math.floor(random() * 4294967296);
    const randomBytes = (length: number): Uint8Array => {
      const start = int(pool.length - length);
      return pool.subarray(start, start + length);
    };
    // Mutations are made in one reusable work buffer (views into it reach the decoder's shared-
    // DataView path); bit flips use their own copy (the decoder's copy-into-scratch path).
    const work = new Uint8Array(2048);
    const inWork = (source: Uint8Array, length: number): Uint8Array => {
      work.set(source.subarray(0, Math.min(source.length, length)));
      if (length > source.length) work.fill(0, source.length, length);
      return work.subarray(0, length);
    };
    const decoder = createF1Decoder();
    const stats = { truncated: 0, padded: 0, expectedErrors: 0, errors: 0, exceptions: 0, frames: 0, mismatches: 0, badFrames: 0 };
    const mismatchExamples: string[] = [];

    for (let i = 0; i < PACKETS; i++) {
      const base = bases[int(bases.length)]!;
      let packet: Uint8Array;
      const mutation = int(7);
      if (mutation === 0) {
        packet = base.subarray(0, int(base.length));
        stats.truncated++;
      } else if (mutation === 1) {
        packet = inWork(base, base.length + 1 + int(16));
        stats.padded++;
      } else if (mutation === 2) {
        packet = base.slice();
        for (let k = 1 + int(8); k > 0; k--) packet[int(packet.length)]! ^= 1 << int(8);
      } else if (mutation === 3) {
        packet = inWork(base, base.length);
        for (let k = 1 + int(4); k > 0; k--) packet[int(29)] = int(256);
      } else if (mutation === 4) {
        packet = randomBytes(int(1500));
      } else if (mutation === 5) {
        // Right size and format for a random id, garbage body: exercises every reader on junk.
        const format = 2023 + int(3);
        const sizes = SPEC_SIZES[format]!;
        const id = int(sizes.length);
        const length = sizes[id] || 45;
        packet = inWork(randomBytes(length), length);
        packet[0] = format & 0xff;
        packet[1] = format >> 8;
        packet[6] = id;
        if (random() < 0.8) packet[27] = int(22);
      } else {
        packet = base;
      }

      const expectError = malformed(packet);
      if (expectError) stats.expectedErrors++;
      let results: readonly DecodeResult[];
      try {
        results = decoder.decode(packet);
      } catch {
        stats.exceptions++;
        continue;
      }
      let errorCount = 0;
      for (const r of results) {
        if (!ALLOWED_KINDS.has(r.kind)) stats.badFrames++;
        if (r.kind === 'error') errorCount++;
        if (r.kind === 'frame') {
          stats.frames++;
          for (const value of Object.values(r.frame)) {
            if (typeof value === 'number' && !Number.isFinite(value)) stats.badFrames++;
          }
        }
      }
      stats.errors += errorCount;
      const consistent = expectError ? errorCount === 1 && results.length === 1 : errorCount === 0;
      if (!consistent) {
        stats.mismatches++;
        if (mismatchExamples.length < 5) mismatchExamples.push(`#${i} mutation ${mutation}: expected error=${expectError}, got ${JSON.stringify(results).slice(0, 200)}`);
      }
    }

    expect(stats.exceptions).toBe(0);
    expect(mismatchExamples).toEqual([]);
    expect(stats.mismatches).toBe(0);
    expect(stats.badFrames).toBe(0);
    expect(stats.errors).toBe(stats.expectedErrors);
    // Truncated and padded copies are always malformed, so at least those are errors.
    expect(stats.expectedErrors).toBeGreaterThanOrEqual(stats.truncated + stats.padded);
    expect(stats.truncated + stats.padded).toBeGreaterThan(PACKETS / 4);
    // Valid packets did flow through: frames were assembled on the way.
    expect(stats.frames).toBeGreaterThan(1000);
  });
});
