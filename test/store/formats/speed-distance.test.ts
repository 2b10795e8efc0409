import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Lap } from '../../../src/engine/model/index.js';
import { readMotecCsv } from '../../../src/store/formats/csv/motec-csv.js';
import { readLd } from '../../../src/store/formats/motec/import.js';
import { encodeLdx } from '../../../src/store/formats/motec/ldx.js';
import { distanceFromSpeed, lapDistances } from '../../../src/store/formats/speed-distance.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';

const span = (number: number, category: Lap['category'], startT: number, endT: number): Lap => ({
  number,
  time: endT - startT,
  timeSource: 'game',
  valid: category === 'flying',
  category,
  sectors: [],
  startT,
  endT,
});

/** t = 0, 0.1, … (n samples) at a constant speed. */
const grid = (n: number, speed: number): { t: Float64Array; v: Float32Array } => ({ t: Float64Array.from({ length: n }, (_, i) => i / 10), v: new Float32Array(n).fill(speed) });

describe('distanceFromSpeed: lap distance for logs that carry none', () => {
  it('counts each lap from its line crossing, scales line-to-line laps to their median length and counts the out lap back from it', () => {
    // 10 m/s; crossings at 2.05 s and 12.05 s (between samples); the log ends at 15.9 s.
    const { t, v } = grid(160, 10);
    const laps = [span(0, 'out', 0, 2.05), span(1, 'flying', 2.05, 12.05), span(2, 'incomplete', 12.05, 15.9)];
    const { distance, length } = distanceFromSpeed(t, v, laps);
    expect(length).toBeCloseTo(100, 9);
    // Out lap: the sample at 2.0 s is 0.05 s (0.5 m) before the line, the first one 20.5 m.
    expect(distance[0]).toBeCloseTo(79.5, 9);
    expect(distance[20]).toBeCloseTo(99.5, 9);
    // Lap 1: the sample at 2.1 s is 0.5 m past the line, the one at 12.0 s 99.5 m.
    expect(distance[21]).toBeCloseTo(0.5, 9);
    expect(distance[120]).toBeCloseTo(99.5, 9);
    // Incomplete lap: forward from its crossing, unscaled.
    expect(distance[121]).toBeCloseTo(0.5, 9);
    expect(distance[159]).toBeCloseTo(38.5, 9);
  });

  it('scales each complete lap to the median length, so drifting speed does not leave a lap short of the track', () => {
    // Lap 1 integrates to 100 m, lap 2 to 102 m, lap 3 to 101 m: every one is made to end at 101 m.
    const t = Float64Array.from({ length: 301 }, (_, i) => i / 10);
    const v = Float32Array.from(t, (x) => (x < 10 ? 10 : x < 20 ? 10.2 : 10.1));
    const laps = [span(1, 'flying', 0, 10), span(2, 'flying', 10, 20), span(3, 'flying', 20, 30)];
    const { distance, length } = distanceFromSpeed(t, v, laps);
    // (±0.02 m: the trapezoid across each speed step and float32 speeds.)
    expect(Math.abs(length! - 101)).toBeLessThan(0.02);
    expect(Math.abs(distance[50]! - 50.5)).toBeLessThan(0.02);
    expect(Math.abs(distance[150]! - 50.5)).toBeLessThan(0.02);
    expect(Math.abs(distance[299]! - 99.99)).toBeLessThan(0.02);
  });

  it('leaves a log with no line crossing without distance, and counts a single flying lap (an i2 range export) from 0', () => {
    const { t, v } = grid(50, 20);
    const none = distanceFromSpeed(t, v, [span(1, 'incomplete', 0, 4.9)]);
    expect(none.length).toBeUndefined();
    expect(Array.from(none.distance).every(Number.isNaN)).toBe(true);
    const one = distanceFromSpeed(t, v, [span(1, 'flying', 0, 4.9)]);
    expect(one.length).toBeCloseTo(98, 9);
    expect(one.distance[49]).toBeCloseTo(98, 9);
  });

  it('bridges missing speed samples with their neighbour', () => {
    const { t, v } = grid(21, 10);
    v[5] = Number.NaN;
    const { distance } = distanceFromSpeed(t, v, [span(1, 'flying', 0, 2)]);
    expect(distance[20]).toBeCloseTo(20, 9);
  });

  it("prefers the log's own lap distance unless speed is logged faster, and says what it did", () => {
    const { t, v } = grid(21, 10);
    const own = Float32Array.from(t, (x) => 5 * x);
    const laps = [span(1, 'flying', 0, 2)];
    const warnings: string[] = [];
    expect(lapDistances(t, { lapDistance: own, speed: v }, laps, warnings, { lapDistance: 10, speed: 10 })[10]).toBeCloseTo(5, 6);
    expect(warnings).toEqual([]);
    expect(lapDistances(t, { lapDistance: own, speed: v }, laps, warnings, { lapDistance: 1, speed: 10 })[10]).toBeCloseTo(10, 9);
    expect(lapDistances(t, {}, laps, warnings)[10]).toBeNaN();
    expect(warnings).toEqual([
      'the lap distance channel is logged at 1 Hz, speed at 10 Hz: lap distance integrated from speed instead (lap length 20.0 m, the median of the complete laps)',
      'no lap distance and no speed channel: lap distance is unknown',
    ]);
  });
});

describeShared('lap distance of real logs without a usable lap distance channel', () => {
  it("AC via ACTI (i2 CSV, one lap): within 0.2 m of i2's own computed Distance all along the 990.7 m lap", () => {
    const file = requireSharedFile('formats', 'csv', 'motec-i2-export', 'ac-acti', '60.2kw - Lap 1.csv');
    const session = readMotecCsv(readFileSync(file, 'utf8'));
    const { trace } = session.laps[0]!;
    const i2 = session.extraChannels!['Distance']!.data;
    let worst = 0;
    for (let i = 0; i < trace.length; i++) worst = Math.max(worst, Math.abs(trace.distance[i]! - i2[i]!));
    expect(worst).toBeLessThan(0.2);
    expect(trace.distance[trace.length - 1]).toBeCloseTo(990.75, 2);
    expect(session.warnings).toContain('no lap distance channel: lap distance integrated from speed (lap length 990.7 m, the median of the complete laps)');
  });

  it("MoTeC's ADL sample: Ground Speed at 10 Hz replaces the 1 Hz Lap Distance; the four timed laps run 0 → 2257.8 m", () => {
    const session = readLd(new Uint8Array(readFileSync(requireSharedFile('formats', 'motec-ld', 'motec-adl-sample', 'Sample1.ld'))));
    expect(session.warnings).toContain('the lap distance channel is logged at 1 Hz, speed at 10 Hz: lap distance integrated from speed instead (lap length 2257.8 m, the median of the complete laps)');
    const flying = session.laps.filter((l) => l.lap.category === 'flying');
    expect(flying.map((l) => l.lap.number)).toEqual([1, 2, 3, 4]);
    for (const { trace } of flying) {
      expect(trace.distance[0]).toBeGreaterThanOrEqual(0);
      expect(trace.distance[0]).toBeLessThan(4);
      expect(trace.distance[trace.length - 1]).toBeGreaterThan(2253);
      expect(trace.distance[trace.length - 1]).toBeLessThan(2257.8);
      for (let i = 1; i < trace.length; i++) expect(trace.distance[i]).toBeGreaterThanOrEqual(trace.distance[i - 1]!);
    }
  });

  it("GT6: the .ld with the beacon markers i2 shows for it (24.324 s, 190.167 s) gives i2's CSV export's laps and the same lap distances", () => {
    const ld = readLd(new Uint8Array(readFileSync(requireSharedFile('formats', 'motec-ld', 'gt6', '20230404_1316.ld'))), { ldx: encodeLdx([24.324, 190.167]) });
    const csv = readMotecCsv(readFileSync(requireSharedFile('formats', 'csv', 'motec-i2-export', 'gt6', 'blakelyauto.csv'), 'utf8'));
    const summary = (s: typeof ld): [number, string, number, number][] => s.laps.map((l) => [l.lap.number, l.lap.category, +l.lap.time.toFixed(3), l.trace.length]);
    // i2 exports one row more than the log holds: the incomplete lap has one sample (1/60 s) more.
    expect(summary(ld)).toEqual([[0, 'out', 24.324, 1460], [1, 'flying', 165.843, 9951], [2, 'incomplete', 4.8, 288]]);
    expect(summary(csv)).toEqual([[0, 'out', 24.324, 1460], [1, 'flying', 165.843, 9951], [2, 'incomplete', 4.816, 289]]);
    for (const s of [ld, csv]) expect(s.warnings).toContain('no lap distance channel: lap distance integrated from speed (lap length 4879.0 m, the median of the complete laps)');
    ld.laps.forEach(({ trace }, k) => {
      const other = csv.laps[k]!.trace;
      for (let i = 0; i < trace.length; i++) expect(Math.abs(trace.distance[i]! - other.distance[i]!)).toBeLessThan(1e-6);
    });
  });
});
