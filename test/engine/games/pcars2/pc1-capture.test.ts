import { expect, it } from 'vitest';
import { createPcarsDecoder, pcars2Protocol } from '../../../../src/engine/games/pcars2/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import type { TelemetryFrame } from '../../../../src/engine/model/index.js';
import { describeShared } from '../../../helpers/shared.js';
import { loadPc1Packets } from './pc1-capture.js';
import { correlation } from '../../../helpers/stats.js';

/**
 * Project CARS 1 protocol: DECODED (own module, src/engine/games/pcars2/pc1/), not refused.
 * Golden values read independently with Python `struct` at the offsets of pc1/telemetry.ts.
 */
describeShared('PCARS decoder on the real Project CARS 1 capture (Dubai Autodrome, Audi A1 quattro)', () => {
  const packets = loadPc1Packets();
  const decoder = createPcarsDecoder();
  const perPacket: DecodeResult[][] = packets.map((p) => [...decoder.decode(p)]);
  const all = perPacket.flat();
  const frames: TelemetryFrame[] = all.flatMap((r) => (r.kind === 'frame' ? [r.frame] : []));
  const sessions = all.flatMap((r) => (r.kind === 'session' ? [r.session] : []));

  it('frames the capture: 2,880 telemetry + 11 strings + 9 additional strings packets, all sniffed', () => {
    expect(packets).toHaveLength(2900);
    expect(packets.filter((p) => p.length === 1367)).toHaveLength(2880);
    expect(packets.filter((p) => p.length === 1347)).toHaveLength(11);
    expect(packets.filter((p) => p.length === 1028)).toHaveLength(9);
    expect(packets.every((p) => pcars2Protocol.sniff(p))).toBe(true);
  });

  it('emits 2,442 frames from the race start (lap clock 0.02 s at packet 258) to the quit at packet 2,719; no errors', () => {
    expect(all.filter((r) => r.kind === 'error')).toEqual([]);
    expect(all.filter((r) => r.kind === 'new-session')).toEqual([]);
    expect(frames).toHaveLength(2442);
    // 423 telemetry packets before the start / in the menus (lap clock -1 or no viewed car), 15 repeats.
    expect(all.filter((r) => r.kind === 'skip')).toHaveLength(423 + 15);
    expect(perPacket.findIndex((rs) => rs.some((r) => r.kind === 'frame'))).toBe(258);
    expect(perPacket.findLastIndex((rs) => rs.some((r) => r.kind === 'frame'))).toBe(2719);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.t).toBeGreaterThan(frames[i - 1]!.t);
  });

  it('pins the first and last frames: lap 1, lap time = t, lap distance 0 → 2,317 m', () => {
    const first = frames[0]!;
    expect(first).toMatchObject({ lap: 1, lapTime: 0.019989013671875, t: 0.019989013671875, lapDistance: 0, speed: 0, gear: 0, lapInvalid: true, inPit: false });
    expect(first.lastLapTime).toBeUndefined();
    const last = frames.at(-1)!;
    expect(last).toMatchObject({ lap: 1, lapTime: 81.8800048828125, lapDistance: 2317, gear: 2, lapInvalid: false });
    expect(last.speed).toBe(25.83847999572754);
    expect(Math.max(...frames.map((f) => f.lapDistance!))).toBe(2317);
    expect(Math.max(...frames.map((f) => f.speed!))).toBe(52.35078430175781);
  });

  it('reads the lap-invalid flag (sRaceStateFlags bit 3) set on the grid only, the sectors and the gears', () => {
    expect(frames.filter((f) => f.lapInvalid)).toHaveLength(192);
    const count = (key: 'sector' | 'gear'): [number, number][] => {
      const counts = new Map<number, number>();
      for (const f of frames) counts.set(f[key]!, (counts.get(f[key]!) ?? 0) + 1);
      return [...counts.entries()].sort((a, b) => a[0] - b[0]);
    };
    expect(count('sector')).toEqual([[0, 1120], [1, 1130], [2, 192]]); // sector 3 = on the grid, behind the line
    expect(count('gear')).toEqual([[0, 156], [1, 74], [2, 546], [3, 744], [4, 446], [5, 476]]);
  });

  it('refines positions with the sector byte precision bits (frame 500: 428.75, 10, 113)', () => {
    const f = frames[500]!;
    expect(f.lapTime).toBe(16.82000732421875);
    expect([f.posX, f.posY, f.posZ]).toEqual([428.75, 10, 113]); // sector byte 201 = 0b11_00_1001: +0.75 m on X, +0 on Z
    expect(f.lapDistance).toBe(402);
    expect(f.speed).toBe(47.91451644897461);
  });

  it('gets the session from the strings and telemetry packets (menu leftovers after the quit are ignored)', () => {
    // Packet 0 (telemetry): rpm, gears, session type, track length; packet 153 (strings): names.
    expect(perPacket.flatMap((rs, i) => (rs.some((r) => r.kind === 'session') ? [i] : []))).toEqual([0, 153]);
    expect(sessions.at(-1)).toEqual({
      game: 'pcars2',
      format: 'pc1',
      maxRpm: 6800,
      gearCount: 6,
      sessionType: 'race',
      trackKey: 'pcars2:Dubai Autodrome/International',
      trackName: 'Dubai Autodrome International',
      trackLength: 4290.95849609375,
      carKey: 'pcars2:Audi A1 quattro',
      carName: 'Audi A1 quattro',
      driver: 'vinceps-34',
    });
  });

  it('maps fuel (level × capacity 45 L), the g axes and steer on real data', () => {
    expect(frames[0]!.fuel).toBeCloseTo(0.9996349811553955 * 45, 9);
    const moving = frames.filter((f) => f.speed! > 8);
    // Speed increases while gLon > 0, and positive steer comes with positive gLat (right turn).
    const accel = moving.slice(0, -6).map((f, i) => ({ g: f.gLon!, dv: (moving[i + 6]!.speed! - f.speed!) / (moving[i + 6]!.t - f.t) }));
    expect(correlation(accel.map((a) => a.g), accel.map((a) => a.dv))).toBeGreaterThan(0.8);
    expect(correlation(moving.map((f) => f.steer!), moving.map((f) => f.gLat!))).toBeGreaterThan(0.6);
  });
});

