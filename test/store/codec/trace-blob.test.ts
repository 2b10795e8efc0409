import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../../src/engine/model/index.js';
import {
  decodeColumn,
  decodeF32Column,
  decodeF64Column,
  decodeTraceChunk,
  encodeF32Column,
  encodeF64Column,
  encodeTraceChunk,
  F32_CODEC,
  F64_CODEC,
} from '../../../src/store/codec/trace-blob.js';
import { StoreError } from '../../../src/store/store-error.js';
import { expectSameTrace, makeTrace } from '../helpers.js';

/** Deterministic 32-bit words (xorshift), to cover every bit pattern class. */
function randomWords(n: number, seed = 0x9e3779b9): Uint32Array {
  const out = new Uint32Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x >>> 0;
  }
  return out;
}

function wordsOf(column: Float32Array | Float64Array): number[] {
  return [...new Uint32Array(column.buffer, column.byteOffset, column.byteLength / 4)];
}

const SPECIALS = [0, -0, 1, -1, Number.NaN, Infinity, -Infinity, 1e-45, 3.4e38, -3.4e38, 1e-310, Number.MAX_VALUE, Number.MIN_VALUE];

describe('column codecs', () => {
  it('store bytes little-endian in delta planes: [1.0] as f32 and f64', () => {
    expect([...inflateRawSync(encodeF32Column(new Float32Array([1])))]).toEqual([0x00, 0x00, 0x80, 0x3f]);
    expect([...inflateRawSync(encodeF64Column(new Float64Array([1])))]).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    // A repeated value is a zero delta; planes are [lsb of every word..., msb of every word].
    expect([...inflateRawSync(encodeF32Column(new Float32Array([1, 1, 2])))]).toEqual([0, 0, 0, 0, 0, 0, 0x80, 0, 0x80, 0x3f, 0, 0x00]);
  });

  it('round-trip f32 special values and arbitrary bit patterns (NaN payloads included) exactly', () => {
    const specials = Float32Array.from(SPECIALS);
    expect(wordsOf(decodeF32Column(encodeF32Column(specials)))).toEqual(wordsOf(specials));
    const random = new Float32Array(randomWords(5000).buffer);
    expect(wordsOf(decodeF32Column(encodeF32Column(random)))).toEqual(wordsOf(random));
  });

  it('round-trip f64 special values and arbitrary bit patterns (borrow across halves) exactly', () => {
    const specials = Float64Array.from(SPECIALS);
    expect(wordsOf(decodeF64Column(encodeF64Column(specials)))).toEqual(wordsOf(specials));
    const random = new Float64Array(randomWords(10000, 12345).buffer);
    expect(wordsOf(decodeF64Column(encodeF64Column(random)))).toEqual(wordsOf(random));
  });

  it('round-trip empty columns', () => {
    expect(decodeF32Column(encodeF32Column(new Float32Array(0))).length).toBe(0);
    expect(decodeF64Column(encodeF64Column(new Float64Array(0))).length).toBe(0);
  });

  it('decode by codec name and refuse unknown codecs and corrupt BLOBs', () => {
    const values = Float32Array.from([1.5, 2.5, Number.NaN]);
    expect(wordsOf(decodeColumn(F32_CODEC, encodeF32Column(values)))).toEqual(wordsOf(values));
    expect(decodeColumn(F64_CODEC, encodeF64Column(new Float64Array([7]))) instanceof Float64Array).toBe(true);
    expect(() => decodeColumn('zstd-lossy', new Uint8Array())).toThrow(/unknown column codec 'zstd-lossy'/);
    expect(() => decodeF32Column(Uint8Array.from([0xff, 0xff, 0xff]))).toThrow(StoreError);
    expect(() => decodeF32Column(deflateRawSync(new Uint8Array(6)))).toThrow(/not a whole number of samples/);
    expect(() => decodeF64Column(deflateRawSync(new Uint8Array(12)))).toThrow(/not a whole number of samples/);
  });

  it('make a smooth 60 Hz session clock nearly free', () => {
    const t = Float64Array.from({ length: 6000 }, (_, i) => 1000 + i / 60);
    const blob = encodeF64Column(t);
    // 48,000 raw bytes; the delta planes of a steady clock are almost all repeated bytes.
    expect(blob.length).toBeLessThan(48000 / 20);
  });
});

describe('trace chunk codec', () => {
  it('round-trips a trace with NaN samples and only the channels present', () => {
    const trace = makeTrace(60, 250.5, 1200, ['speed', 'gear', 'tyreTempFL']);
    trace.channels.speed![10] = Number.NaN;
    trace.distance[3] = Number.NaN;
    const back = decodeTraceChunk(encodeTraceChunk(trace));
    expectSameTrace(back, trace);
    expect(back.channels.rpm).toBeUndefined();
  });

  it('round-trips a trace with no channels and an empty trace', () => {
    const bare: Trace = { length: 3, t: Float64Array.of(1, 2, 3), distance: Float64Array.of(Number.NaN, Number.NaN, Number.NaN), channels: {} };
    expectSameTrace(decodeTraceChunk(encodeTraceChunk(bare)), bare);
    const empty: Trace = { length: 0, t: new Float64Array(0), distance: new Float64Array(0), channels: {} };
    expectSameTrace(decodeTraceChunk(encodeTraceChunk(empty)), empty);
  });

  it('skips channels this version does not know, keeping the rest aligned', () => {
    const trace = makeTrace(5, 0, 0, ['speed']);
    const future = { ...trace, channels: { warpFactor: Float32Array.of(9, 9, 9, 9, 9), speed: trace.channels.speed! } } as unknown as Trace;
    const back = decodeTraceChunk(encodeTraceChunk(future));
    expect(Object.keys(back.channels)).toEqual(['speed']);
    expect(wordsOf(back.channels.speed!)).toEqual(wordsOf(trace.channels.speed!));
  });

  it('refuses BLOBs that are not chunks', () => {
    expect(() => decodeTraceChunk(deflateRawSync(Buffer.from('not a chunk at all')))).toThrow(/corrupt frame chunk: bad magic/);
    const good = inflateRawSync(encodeTraceChunk(makeTrace(4)));
    expect(() => decodeTraceChunk(deflateRawSync(good.subarray(0, good.length - 1)))).toThrow(/does not fit 4 samples/);
    expect(() => decodeTraceChunk(Uint8Array.of(1, 2, 3))).toThrow(StoreError);
  });
});
