import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { ChannelName, Lap, SessionInfo, Trace } from '../../src/engine/model/index.js';

/** A small deterministic trace: 60 Hz from `t0`, smooth channels, distance from `d0`. */
export function makeTrace(n: number, t0 = 100, d0 = 0, names: readonly ChannelName[] = ['speed', 'rpm', 'gear', 'throttle']): Trace {
  const t = new Float64Array(n);
  const distance = new Float64Array(n);
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const name of names) channels[name] = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = t0 + i / 60;
    distance[i] = d0 + i * 0.75;
    names.forEach((name, k) => {
      channels[name]![i] = name === 'gear' ? 1 + Math.floor(i / 90) : 40 + 10 * Math.sin(i / 30 + k);
    });
  }
  return { length: n, t, distance, channels };
}

export function makeLap(number: number, trace: Trace, overrides: Partial<Lap> = {}): Lap {
  const startT = trace.t[0] ?? 0;
  const endT = trace.t[trace.length - 1] ?? 0;
  return { number, time: endT - startT, timeSource: 'game', valid: true, category: 'flying', sectors: [1, 2, 3], startT, endT, ...overrides };
}

export const MONZA: SessionInfo = {
  game: 'f1',
  format: '2024',
  gameSessionId: '12345678901234567890',
  trackKey: 'f1:11',
  trackName: 'Monza',
  trackLength: 5793,
  carKey: 'f1:0',
  carName: 'Mercedes',
  driver: 'HAMILTON',
  sessionType: 'time-trial',
  maxRpm: 13000,
  gearCount: 8,
};

/** Asserts two traces are identical bit for bit (NaN payloads and -0 included). */
export function expectSameTrace(actual: Trace, expected: Trace): void {
  expect(actual.length).toBe(expected.length);
  expect(bits(actual.t)).toEqual(bits(expected.t));
  expect(bits(actual.distance)).toEqual(bits(expected.distance));
  expect(Object.keys(actual.channels).sort()).toEqual(Object.keys(expected.channels).sort());
  for (const [name, column] of Object.entries(expected.channels)) {
    expect(bits(actual.channels[name as ChannelName]!), name).toEqual(bits(column));
  }
}

function bits(column: Float32Array | Float64Array): Uint32Array {
  return new Uint32Array(column.buffer, column.byteOffset, column.byteLength / 4);
}

/** A fresh temporary folder removed after the test. */
export function useTempDir(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'racecraft-store-'));
    dirs.push(dir);
    return dir;
  };
}
