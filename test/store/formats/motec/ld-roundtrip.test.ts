import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../../../src/engine/model/index.js';
import { FIRST_CHANNEL_ID, HEADER_SIZE, META, WRITER_CONSTANTS } from '../../../../src/store/formats/motec/ld-layout.js';
import { parseLd } from '../../../../src/store/formats/motec/ld-read.js';
import { readLd } from '../../../../src/store/formats/motec/import.js';
import { readLdx } from '../../../../src/store/formats/motec/ldx.js';
import { writeLd, writeLdx, writeMotec } from '../../../../src/store/formats/motec/export.js';
import type { ImportedSession } from '../../../../src/store/formats/types.js';
import { demoSession, halfUlp } from '../synthetic.js';

/** Max |written - original| per channel, comparing at equal (log-relative) times. */
function deviations(original: ImportedSession, read: ImportedSession): Map<ChannelName, number> {
  const t0 = original.laps[0]!.trace.t[0]!;
  const byTime = new Map<string, number>();
  const orig = original.laps.flatMap((l) => Array.from(l.trace.t, (t, i) => ({ l, i, key: (t - t0).toFixed(6) })));
  orig.forEach((o, k) => byTime.set(o.key, k));
  const worst = new Map<ChannelName, number>();
  for (const { trace } of read.laps) {
    for (let i = 0; i < trace.length; i++) {
      const k = byTime.get(trace.t[i]!.toFixed(6));
      if (k === undefined) throw new Error(`no original sample at t=${trace.t[i]}`);
      const o = orig[k]!;
      for (const [name, col] of Object.entries(trace.channels) as [ChannelName, Float32Array][]) {
        const d = Math.abs(col[i]! - o.l.trace.channels[name]![o.i]!);
        worst.set(name, Math.max(worst.get(name) ?? 0, d));
      }
    }
  }
  return worst;
}

describe('MoTeC .ld/.ldx writer → reader round trip', () => {
  const demo = demoSession();
  const { ld, ldx } = writeMotec(demo.session, demo.laps, { startedAt: demo.startedAt! });

  it('writes a layout that follows the i2 writer checklist (file-formats.md §1.6)', () => {
    const view = new DataView(ld.buffer, ld.byteOffset, ld.byteLength);
    expect(view.getUint32(0, true)).toBe(0x40);
    expect(view.getUint32(0x42, true)).toBe(1_000_000);
    expect(view.getUint32(0x5de, true)).toBe(WRITER_CONSTANTS.proKey);
    expect(view.getUint16(0x54, true)).toBe(0x80);
    const metaPtr = view.getUint32(8, true);
    const eventPtr = view.getUint32(0x24, true);
    expect(eventPtr).toBe(HEADER_SIZE);
    expect(metaPtr).toBeGreaterThan(eventPtr + 1154);
    const count = view.getUint16(0x56, true);
    // All 34 racecraft channels plus Lap Number and Lap Time.
    expect(count).toBe(CHANNEL_NAMES.length + 2);
    let ptr = metaPtr;
    let prev = 0;
    const durations = new Set<number>();
    for (let i = 0; i < count; i++) {
      expect(view.getUint32(ptr, true)).toBe(prev);
      expect(view.getUint16(ptr + 16, true)).toBe(FIRST_CHANNEL_ID + i);
      const samples = view.getUint32(ptr + 12, true);
      const size = view.getUint16(ptr + 20, true);
      const rate = view.getUint16(ptr + 22, true);
      expect(rate).toBe(60);
      expect(view.getUint32(ptr + 8, true) + samples * size).toBeLessThanOrEqual(ld.length);
      durations.add(samples / rate);
      prev = ptr;
      ptr = view.getUint32(ptr + 4, true);
    }
    expect(ptr).toBe(0);
    expect(view.getUint32(12, true)).toBe(metaPtr + META.size * count);
    expect(durations.size).toBe(1);
    const file = parseLd(ld);
    expect(file.header.date).toBe('06/05/2024');
    expect(file.header.time).toBe('07:08:09');
    expect(file.header.venue).toBe('Demo Ring');
    expect(file.venue?.name).toBe('Demo Ring');
    expect(file.vehicle?.id).toBe('Demo Car');
    expect(file.warnings).toEqual([]);
    // Integer channels with decimals: speed in km/h, 3 dp (int32 since 250 km/h * 1000 > 32767).
    const speed = file.channels.find((c) => c.name === 'Ground Speed')!;
    expect([speed.unit, speed.typeClass, speed.sampleSize, speed.dec]).toEqual(['km/h', 5, 4, 3]);
    const gear = file.channels.find((c) => c.name === 'Gear')!;
    expect([gear.typeClass, gear.sampleSize, gear.dec]).toEqual([3, 2, 0]);
  });

  it('reads back the same laps from the .ldx and every channel within the written precision', () => {
    const back = readLd(ld, { ldx });
    expect(back.laps.map((l) => [l.lap.number, l.lap.category, l.trace.length])).toEqual(demo.laps.map((l) => [l.lap.number, l.lap.category, l.trace.length]));
    back.laps.forEach((l, k) => {
      const o = demo.laps[k]!.lap;
      expect(l.lap.startT).toBeCloseTo(o.startT - 100, 9);
      expect(l.lap.endT).toBeCloseTo(o.endT - 100, 9);
      expect(l.lap.time).toBeCloseTo(o.time, 9);
    });
    expect(back.session).toMatchObject({ trackName: 'Demo Ring', carName: 'Demo Car', driver: 'Test Driver' });
    expect(back.startedAt).toBe('2024-05-06T07:08:09');
    const worst = deviations(demo, back);
    expect([...worst.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    // Scaled integers round to half the last decimal; both sides are float32 (≤ 1.2e-7 relative, < 1e-5 here but for rpm).
    for (const [name, d] of worst) expect(d, name).toBeLessThanOrEqual(halfUlp(name) + 1e-5);
    // Channels written with more resolution than the registry asks keep it (km/h at 3 dp).
    expect(worst.get('speed')!).toBeLessThan(0.0005 / 3.6 + 1e-5);
    expect(back.sourceChannels!.filter((c) => c.mappedTo).length).toBe(CHANNEL_NAMES.length);
    expect(Object.keys(back.extraChannels!)).toEqual(['Lap Number', 'Lap Time']);
  });

  it('recovers the laps from its Lap Number / Lap Time channels when the .ldx is missing', () => {
    const back = readLd(ld);
    expect(back.laps.map((l) => [l.lap.number, l.lap.category])).toEqual([
      [0, 'out'],
      [1, 'flying'],
      [2, 'flying'],
      [3, 'incomplete'],
    ]);
    expect(back.laps[1]!.lap.time).toBeCloseTo(40, 3);
    expect(back.laps[1]!.lap.startT).toBeCloseTo(12.5, 3);
    expect(back.laps[2]!.lap.time).toBeCloseTo(40.731, 3);
    expect(back.laps[2]!.lap.timeSource).toBe('game');
  });

  it('one lap exported on its own comes back as that lap: its number from Lap Number, its start from Running Lap Time', () => {
    // Lap 3 starts at 93.231 s into the demo, 0.0023 s before a 60 Hz sample: the log begins
    // after the line, and the beacon at its first sample alone would make the lap 2.3 ms short.
    const lap3 = demo.laps[3]!;
    const one = writeMotec(demo.session, [lap3], { startedAt: demo.startedAt! });
    const back = readLd(one.ld, { ldx: one.ldx });
    expect(back.laps.map((l) => [l.lap.number, l.lap.category, l.trace.length])).toEqual([[3, 'flying', lap3.trace.length]]);
    expect(Math.abs(back.laps[0]!.lap.time - lap3.lap.time)).toBeLessThan(5e-4);
    expect(back.laps[0]!.lap.startT).toBeCloseTo(-(lap3.trace.t[0]! - lap3.lap.startT), 3);

    // The unfinished last lap on its own has no beacon at all: still that lap, unfinished, not an out lap.
    const unfinished = { lap: { ...lap3.lap, category: 'incomplete' as const, valid: false }, trace: lap3.trace };
    const last = writeMotec(demo.session, [unfinished], { startedAt: demo.startedAt! });
    const lastBack = readLd(last.ld, { ldx: last.ldx });
    expect(lastBack.laps.map((l) => [l.lap.number, l.lap.category])).toEqual([[3, 'incomplete']]);
    expect(Math.abs(lastBack.laps[0]!.lap.time - (lap3.trace.t.at(-1)! - lap3.lap.startT))).toBeLessThan(5e-4);
  });

  it('imports the log when its .ldx is unreadable: the sidecar is named and set aside, laps come from Lap Number', () => {
    const back = readLd(ld, { ldx: '<html>not a sidecar</html>', file: 'x.ld' });
    expect(back.warnings).toContain('x.ldx: not a MoTeC .ldx file (no <LDXFile> element): its lap markers are ignored');
    expect(back.laps.map((l) => [l.lap.number, l.lap.category])).toEqual([
      [0, 'out'],
      [1, 'flying'],
      [2, 'flying'],
      [3, 'incomplete'],
    ]);
  });

  it('writes an .ldx with one beacon per crossing and i2-style details', () => {
    const parsed = readLdx(writeLdx(demo.laps));
    expect(parsed.markers.map((m) => +m.toFixed(6))).toEqual([12.5, 52.5, 93.231, 134.693]);
    expect(parsed.details).toEqual({ 'Total Laps': '5', 'Fastest Time': '0:40.000', 'Fastest Lap': '1' });
  });

  it('resamples irregular game timing onto an integer rate and keeps channel scaling', () => {
    const demo50 = demoSession({ rate: 50, laps: 1 });
    const ldBytes = writeLd(demo50.session, demo50.laps, { rate: 20, startedAt: '2024-01-02T03:04:05' });
    const file = parseLd(ldBytes);
    expect(new Set(file.channels.map((c) => c.rate))).toEqual(new Set([20]));
    const back = readLd(ldBytes);
    const speed = back.laps.flatMap((l) => Array.from(l.trace.channels.speed!));
    const t = back.laps.flatMap((l) => Array.from(l.trace.t));
    // At 20 Hz, sample j is t = j/20 s after the first original sample (t = 100 s).
    const expected = (x: number): number => 45 + 25 * Math.sin((100 + x) * 0.7);
    for (let j = 0; j < speed.length; j += 37) expect(Math.abs(speed[j]! - expected(t[j]!))).toBeLessThan(0.01);
  });
});
