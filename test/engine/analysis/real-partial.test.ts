import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { analyzeLap, detectCorners, trackModelFromCenterline, type DetectedCorner, type LapInput } from '../../../src/engine/analysis/index.js';
import { lengthFromProgress } from '../../../src/engine/analysis/progress-length.js';
import { createAcDecoder } from '../../../src/engine/games/ac/index.js';
import { createGt7Decoder } from '../../../src/engine/games/gt7/index.js';
import type { TelemetryFrame } from '../../../src/engine/model/frame.js';
import { toTrace } from '../../../src/engine/model/trace.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';
import { readCsv } from './synthetic.js';

/**
 * The two real captures that hold no line-to-line lap, analysed over what they cover, with the
 * corners checked against published references: the official F1 corner list of Monza (FastF1 /
 * MultiViewer) and the TUMFTM racetrack database's Spa centerline and race line run through our
 * own corner detection (its centerline gives the 19 official corners in the official directions).
 */

/** TUMFTM centerline or race line → our track model's corners. */
function tumftm(track: string, kind: 'tracks' | 'racelines'): { length: number; corners: DetectedCorner[] } {
  const rows = readCsv(requireSharedFile('reference-data', 'tumftm-racetrack-database', kind, `${track}.csv`));
  const model = trackModelFromCenterline(rows.map((r) => r[0]!), rows.map((r) => r[1]!));
  return { length: model.length, corners: detectCorners(model) };
}

/** For each reference corner, the nearest of ours with the same direction: m apart (ours − reference). */
function nearest(ours: readonly { direction: string; apex: number }[], reference: readonly { direction: string; apex: number }[]): number[] {
  return reference.map((r) => {
    const same = ours.filter((c) => c.direction === r.direction).map((c) => c.apex - r.apex);
    return same.sort((a, b) => Math.abs(a) - Math.abs(b))[0] ?? Number.NaN;
  });
}

describeShared('AC Monza out-lap (vthinsel, CC0): length from the normalized position, corners vs the official list', () => {
  const bytes = new Uint8Array(readFileSync(requireSharedFile('captures', 'assetto-corsa', 'AssettoCorsa_monza_A8LMS.raw')));
  const decoder = createAcDecoder();
  const frames: TelemetryFrame[] = [];
  for (let o = 0; o + 328 <= bytes.length; o += 328) {
    for (const r of decoder.decode(bytes.subarray(o, o + 328))) if (r.kind === 'frame') frames.push(r.frame);
  }
  // AC's carPositionNormalized, as the decoder keeps it (lapFraction).
  const progress = frames.map((f) => f.lapFraction!);
  const lap1 = frames.flatMap((f, i) => (f.lap === 1 ? [i] : []));
  const lap2 = frames.flatMap((f, i) => (f.lap === 2 ? [i] : []));
  const samples = (ix: number[]) => ({ progress: ix.map((i) => progress[i]!), x: ix.map((i) => frames[i]!.posX!), y: ix.map((i) => frames[i]!.posZ!), speed: ix.map((i) => frames[i]!.speed!) });
  const input: LapInput = {
    lap: { number: 1, time: 132.444, timeSource: 'interpolated', valid: false, category: 'out', sectors: [], startT: frames[0]!.t, endT: 344.684 },
    trace: toTrace(lap1.map((i) => frames[i]!)),
  };
  const result = analyzeLap({ lap: input, reference: input, session: { game: 'ac' } });
  const official = readFileSync(requireSharedFile('reference-data', 'fastf1-monza-2020-circuit-info', 'corners.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map((c) => ({ number: Number(c[0]), apex: Number(c[5]) / 10, direction: c[7]! }));

  it('estimates 5,758.8 m: 0.59 % under the official 5,793 m, within 2 m of the TUMFTM Monza race line', () => {
    const fit = lengthFromProgress([samples(lap1)])!;
    expect(fit.length).toBeCloseTo(5758.84, 1);
    expect(fit.span).toBeCloseTo(0.957, 3);
    expect(fit.rmsResidual).toBeLessThan(3);
    // AC's spline is the racing line, which cuts the chicanes: a little under the centerline length.
    expect((5793 - fit.length) / 5793).toBeGreaterThan(0.005);
    expect((5793 - fit.length) / 5793).toBeLessThan(0.007);
    expect(Math.abs(fit.length - tumftm('Monza', 'racelines').length)).toBeLessThan(2);
    // The 263 samples of lap 2 (after the wrap at the line) agree: same slope to 0.1 mm.
    expect(lengthFromProgress([samples(lap1), samples(lap2)])!.length).toBeCloseTo(fit.length, 3);
  });

  it('analyses the lap from the pit box (246 m) to the line on that length, distances from the game’s position', () => {
    expect(result.track).toMatchObject({ distanceSource: 'progress', curvatureSource: 'position', mirrored: true });
    expect(result.track!.length).toBeCloseTo(5758.84, 1);
    expect(result.lap.analysed!.from).toBeCloseTo(246, 0);
    expect(result.lap.analysed!.to).toBe(result.track!.length);
  });

  it('finds every official corner with its direction; Curva Grande seen twice on this slow line (12 corners)', () => {
    expect(result.corners.map((c) => c.direction).join('')).toBe('RLRRLRRRLRLR');
    const gaps = nearest(result.corners, official);
    expect(gaps.every((g) => Number.isFinite(g))).toBe(true);
    // Apexes along the lap from AC's line (normalized 0) against F1's marker distances: 9 of 11
    // within 60 m; Ascari 1 (+70 m) and Parabolica (−63 m) are where this slow out-lap's line
    // bends most, later and earlier than the F1 markers.
    expect(gaps.map((g) => Math.round(g))).toEqual([52, 36, 20, 36, 7, -53, -4, 70, 27, -15, -63]);
    expect(gaps.filter((g) => Math.abs(g) <= 60)).toHaveLength(9);
  });
});

describeShared('GT7 Spa lap 1 (zetetos demo.gtz, MIT): timed from the start line, 126 m after the finish line', () => {
  const raw = new Uint8Array(gunzipSync(readFileSync(requireSharedFile('captures', 'gt7', 'zetetos-demo-spa-formatC.gtz'))));
  const decoder = createGt7Decoder();
  const frames: TelemetryFrame[] = [];
  for (let at = 0; at + 368 <= raw.length; at += 368) for (const r of decoder.decode(raw.subarray(at, at + 368))) if (r.kind === 'frame') frames.push(r.frame);
  const lap = frames.filter((f) => f.lap === 1);
  const input: LapInput = {
    lap: { number: 1, time: 115.244, timeSource: 'game', valid: true, category: 'flying', sectors: [], startT: lap[0]!.t - lap[0]!.lapTime!, endT: frames.at(-1)!.t },
    trace: toTrace(lap),
  };
  const result = analyzeLap({ lap: input, reference: input, session: { game: 'gt7' } });

  it('why the lap starts 126 m late: a rolling start — the first sample is at 256 km/h with the lap clock at 0.034 s', () => {
    expect(lap[0]!.lapTime).toBe(0.034);
    expect(lap[0]!.speed! * 3.6).toBeCloseTo(256, 0);
    const first = lap[0]!;
    const finish = frames.at(-1)!; // the first sample of lap 2: the finish line
    expect(Math.hypot(first.posX! - finish.posX!, first.posZ! - finish.posZ!)).toBeCloseTo(126, 0);
  });

  it('measures 6,936 m along the driven line from the finish line, the first 128 m not analysed', () => {
    expect(result.track).toMatchObject({ distanceSource: 'projected', curvatureSource: 'position' });
    expect(result.track!.length).toBeCloseTo(6936.2, 1);
    // The TUMFTM Spa race line is 6,939 m: the driven line is within 3 m of it.
    expect(Math.abs(result.track!.length - tumftm('Spa', 'racelines').length)).toBeLessThan(3);
    expect(Math.round(result.lap.analysed!.from)).toBe(128);
    expect(result.lap.analysed!.to).toBe(result.track!.length);
  });

  it('16 corners; the TUMFTM race line’s 15 all found in order, same direction, within 23 m; 16 of the 19 official', () => {
    expect(result.corners.map((c) => c.direction).join('')).toBe('RRRLRRLLRLRRLLRL');
    const raceLine = tumftm('Spa', 'racelines');
    expect(raceLine.corners.map((c) => c.direction).join('')).toBe('RRRLRRLLRLRRLRL');
    const toRaceLine = nearest(result.corners, raceLine.corners);
    expect(Math.max(...toRaceLine.map(Math.abs))).toBeLessThan(24);
    // The centerline gives the official 19 (La Source … Bus Stop) in the official directions.
    const centerline = tumftm('Spa', 'tracks');
    expect(centerline.corners.map((c) => c.direction).join('')).toBe('RLRLRLRRLLLRLRRLLRL');
    // Ours = the official sequence without Eau Rouge's two left kinks (T2, T4: the race line
    // goes straight through them) and with Pouhon's double left (T10, T11) as one corner.
    const official = centerline.corners.map((c) => c.direction);
    const withoutMissing = official.filter((_, i) => i !== 1 && i !== 3 && i !== 10).join('');
    expect(result.corners.map((c) => c.direction).join('')).toBe(withoutMissing);
    // La Source: apex 390 m, 73 km/h at its slowest.
    expect(Math.round(result.corners[0]!.apex)).toBe(390);
    expect(result.reference.corners[0]!.minSpeed! * 3.6).toBeCloseTo(73, 0);
  });
});
