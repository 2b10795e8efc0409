import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { buildTrackModel, detectCorners, makeGrid, resampleLap } from '../../../src/engine/analysis/index.js';
import { createAcDecoder } from '../../../src/engine/games/ac/index.js';
import type { TelemetryFrame } from '../../../src/engine/model/frame.js';
import { toTrace } from '../../../src/engine/model/trace.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';

/**
 * A real lap: the Assetto Corsa capture at Monza (shared/captures/assetto-corsa, CC0; Audi R8
 * LMS, a slow lap from the pit box round to the line and on). AC sends no track length, so the
 * official 5,793 m turns its spline position into lap distance. The loop analysed starts where
 * the car first moves (in the pit lane, 249 m) and runs one full lap from there.
 */
describeShared('track model and corners from a real Assetto Corsa lap of Monza', () => {
  const L = 5793;
  const bytes = new Uint8Array(readFileSync(requireSharedFile('captures', 'assetto-corsa', 'AssettoCorsa_monza_A8LMS.raw')));
  const decoder = createAcDecoder({ trackLength: L });
  const frames: TelemetryFrame[] = [];
  for (let o = 0; o + 328 <= bytes.length; o += 328) for (const r of decoder.decode(bytes.subarray(o, o + 328))) if (r.kind === 'frame') frames.push(r.frame);
  let wraps = 0;
  const unwrapped = frames.map((f, i) => {
    if (i > 0 && f.lapDistance! < frames[i - 1]!.lapDistance! - L / 2) wraps++;
    return f.lapDistance! + wraps * L;
  });
  const moving = frames.findIndex((f) => (f.speed ?? 0) > 5);
  const d0 = unwrapped[moving]!;
  const loop = frames.slice(moving).map((f, i) => ({ ...f, lapDistance: unwrapped[moving + i]! - d0 })).filter((f) => f.lapDistance < L);
  const lap = { number: 1, time: loop.at(-1)!.t - loop[0]!.t, timeSource: 'interpolated' as const, valid: true, category: 'flying' as const, sectors: [], startT: loop[0]!.t, endT: loop.at(-1)!.t + 0.02 };
  const resampled = resampleLap(toTrace(loop), lap, makeGrid(L));
  const model = buildTrackModel([resampled]);
  const corners = detectCorners(model).map((c) => ({ ...c, lapDistance: (c.apex + d0) % L }));
  const official = readFileSync(requireSharedFile('reference-data', 'fastf1-monza-2020-circuit-info', 'corners.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map((c) => ({ number: Number(c[0]), distance: Number(c[5]) / 10, direction: c[7] }));

  it('sees AC’s world frame is mirrored (left-handed X/Z) from the steering, and measures the path', () => {
    expect(frames).toHaveLength(8162);
    expect(d0).toBeCloseTo(248.6, 0);
    expect(resampled.quality.coverage).toBe(1);
    expect(model.handedness).toBe('steer');
    expect(model.mirrored).toBe(true);
    // The driven line (partly in the pit lane) is 0.4 % shorter than the official centerline length.
    expect(Math.abs(model.pathLength - L) / L).toBeLessThan(0.005);
  });

  it('finds all 11 official corners with the right direction within 100 m, plus 3 pinned extras', () => {
    for (const o of official) {
      const match = corners.find((c) => c.direction === o.direction && Math.abs(c.lapDistance - o.distance) < 100);
      expect(match, `T${o.number}`).toBeDefined();
    }
    // 14 detections: the pit-lane exit kink (≈ 256 m) and the closure back into the pit lane (≈ 240 m),
    // and Curva Grande seen as two right-handers (1,343 m and 1,508 m) on this slow, wide line.
    expect(corners).toHaveLength(14);
    expect(corners.map((c) => c.direction).join('')).toBe('LRLRRLRRRLRLRR');
  });
});
