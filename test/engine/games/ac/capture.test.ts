import { expect, it } from 'vitest';
import { createAcDecoder, readAcCarInfo, sniffAc } from '../../../../src/engine/games/ac/index.js';
import type { TelemetryFrame } from '../../../../src/engine/model/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import { describeShared } from '../../../helpers/shared.js';
import { loadMonzaPackets } from './monza-capture.js';
import { correlation } from '../../../helpers/stats.js';

/**
 * Golden values read independently from the bytes with Python `struct` (offsets of
 * protocols.md §2), then pinned here against the decoder.
 */
describeShared('AC decoder on the real Monza capture (Audi R8 LMS, vthinsel, CC0)', () => {
  const packets = loadMonzaPackets();
  const decoder = createAcDecoder();
  const perPacket: DecodeResult[][] = packets.map((p) => [...decoder.decode(p)]);
  const frames: TelemetryFrame[] = [];
  const frameIndex: number[] = []; // packet index of each frame
  perPacket.forEach((results, i) => {
    for (const r of results) if (r.kind === 'frame') (frames.push(r.frame), frameIndex.push(i));
  });
  const kinds = perPacket.flat().map((r) => r.kind);

  it('reads every packet: 8,641 RTCarInfo, 8,162 frames, 479 paused duplicates skipped, no errors', () => {
    expect(packets).toHaveLength(8641);
    expect(packets.every(sniffAc)).toBe(true);
    expect(frames).toHaveLength(8162);
    expect(kinds.filter((k) => k === 'skip')).toHaveLength(479);
    expect(kinds.filter((k) => k === 'error' || k === 'new-session')).toHaveLength(0);
    // The skipped tail is the game paused: packets 8,162..8,640 repeat packet 8,161 byte for byte.
    expect(frameIndex.at(-1)).toBe(8161);
  });

  it('rebuilds t from the lap clock: starts at 212.240 s (lap clock ran in the pits), strictly increasing', () => {
    const first = frames[0]!;
    expect(first.t).toBeCloseTo(212.24, 9);
    expect(first.lap).toBe(1);
    expect(first.lapTime).toBeCloseTo(212.24, 9);
    expect(first.lastLapTime).toBeUndefined();
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.t).toBeGreaterThan(frames[i - 1]!.t);
    expect(frames.at(-1)!.t).toBeCloseTo(344.684 + 4.38, 9);
  });

  it('pins the lap boundary at packet 7,899: lapCount 0→1, lapTime 344,672→8 ms, lastLap 344,684 ms', () => {
    const at = frameIndex.indexOf(7899);
    const before = frames[at - 1]!;
    const after = frames[at]!;
    expect(before.lap).toBe(1);
    expect(before.lapTime).toBeCloseTo(344.672, 9);
    expect(before.t).toBeCloseTo(344.672, 9);
    expect(after.lap).toBe(2);
    expect(after.lapTime).toBeCloseTo(0.008, 9);
    expect(after.lastLapTime).toBeCloseTo(344.684, 9);
    // The completed lap closes with the game's own 344.684 s, so t continues at 344.684 + 0.008.
    expect(after.t).toBeCloseTo(344.692, 9);
    expect(frames.filter((f) => f.lap === 1)).toHaveLength(7899);
  });

  it('pins pit exit at packet 320 and the car/channel values of packet 0', () => {
    expect(frames.filter((f) => f.inPit)).toHaveLength(320);
    expect(frames[319]!.inPit).toBe(true);
    expect(frames[320]!.inPit).toBe(false);
    const first = frames[0]!;
    expect(first.rpm).toBeCloseTo(1700.0177001953125, 9);
    expect(first.gear).toBe(1); // raw 2 = 1st gear
    expect(first.posX).toBeCloseTo(-154.27601623535156, 9);
    expect(first.posY).toBeCloseTo(-7.405874252319336, 9);
    expect(first.posZ).toBeCloseTo(172.48487854003906, 9);
    expect(first.lapDistance).toBeUndefined(); // AC sends no track length
    expect(Math.max(...frames.map((f) => f.speed!))).toBe(70.04794311523438);
  });

  it('maps AC gear (0 = R, 1 = N, 2 = 1st): neutral only in short runs while shifting', () => {
    const counts = new Map<number, number>();
    for (const f of frames) counts.set(f.gear!, (counts.get(f.gear!) ?? 0) + 1);
    expect([...counts.entries()].sort((a, b) => a[0] - b[0])).toEqual([[0, 235], [1, 747], [2, 1081], [3, 1805], [4, 2238], [5, 2056]]);
    let run = 0;
    let longest = 0;
    for (const f of frames) (run = f.gear === 0 ? run + 1 : 0), (longest = Math.max(longest, run));
    expect(longest).toBe(10); // ≈ 170 ms: a gear change, not a car parked in neutral
  });

  it('maps clutch as the pedal: AC reports engagement (1.0 while driving), so the pedal is ~0 at speed', () => {
    const atSpeed = frames.filter((f) => f.speed! > 20);
    const released = atSpeed.filter((f) => f.clutch! < 0.01).length;
    expect(atSpeed.length - released).toBe(118); // shifts
    expect(released / atSpeed.length).toBeGreaterThan(0.98);
    expect(frames[0]!.clutch).toBe(1); // standstill in the pit box with the auto-clutch open
  });

  it('uses the right g axes: gLat follows the path curvature, gLon follows d(speed)/dt', () => {
    const lateral: number[] = [];
    const gLat: number[] = [];
    const longitudinal: number[] = [];
    const gLon: number[] = [];
    const w = 15;
    for (let i = w; i < frames.length - w; i += 5) {
      const a = frames[i - w]!;
      const b = frames[i]!;
      const c = frames[i + w]!;
      if (b.speed! < 15) continue;
      const h1 = Math.atan2(b.posZ! - a.posZ!, b.posX! - a.posX!);
      const h2 = Math.atan2(c.posZ! - b.posZ!, c.posX! - b.posX!);
      const dh = ((h2 - h1 + 3 * Math.PI) % (2 * Math.PI)) - Math.PI;
      const dt = (c.t - a.t) / 2;
      // Monza runs clockwise and its net heading change in atan2(dz, dx) is +360°, so +dh = right turn.
      lateral.push((dh / dt) * b.speed! / 9.80665);
      gLat.push(b.gLat!);
      longitudinal.push((c.speed! - a.speed!) / (2 * dt) / 9.80665);
      gLon.push(b.gLon!);
    }
    expect(correlation(lateral, gLat)).toBeGreaterThan(0.95);
    expect(correlation(longitudinal, gLon)).toBeGreaterThan(0.9);
  });

  it('normalises steer with the wheel lock and keeps its sign: positive = right, like gLat', () => {
    const steer = frames.map((f) => f.steer!);
    expect(Math.max(...steer)).toBeCloseTo(297.910888671875 / 450, 9);
    expect(Math.min(...steer)).toBeCloseTo(-280.5021667480469 / 450, 9);
    const moving = frames.filter((f) => f.speed! > 15);
    expect(correlation(moving.map((f) => f.steer!), moving.map((f) => f.gLat!))).toBeGreaterThan(0.5);
  });

  it('keeps the spline position as lapFraction and gives lapDistance once the track length is known', () => {
    const d = createAcDecoder();
    const first = [...d.decode(packets[0]!)].find((r) => r.kind === 'frame');
    expect(first?.kind === 'frame' && first.frame.lapFraction).toBe(Math.fround(0.04262736439704895));
    d.setTrackLength(5793);
    const results = [...d.decode(packets[1]!)];
    const frame = results.find((r) => r.kind === 'frame');
    expect(frame?.kind === 'frame' && frame.frame.lapDistance).toBeCloseTo(0.04262736439704895 * 5793, 6);
    const info = readAcCarInfo(packets[7899]!);
    expect('carPositionNormalized' in info && info.carPositionNormalized).toBe(0.0002928881149273366);
  });
});

