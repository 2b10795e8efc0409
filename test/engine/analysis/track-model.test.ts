import { describe, expect, it } from 'vitest';
import { buildTrackModel, detectCorners, makeGrid, resampleLap, trackModelFromCenterline } from '../../../src/engine/analysis/index.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';
import { readCsv, sampleLap, type Profile } from './synthetic.js';

const TRACKS = 'reference-data/tumftm-racetrack-database/tracks';

/** Official lengths and corner counts listed in shared/reference-data (README + tumftm PROVENANCE). */
const OFFICIAL: Record<string, { length: number; turns: number; detected: number }> = {
  Monza: { length: 5793, turns: 11, detected: 11 },
  Spa: { length: 7004, turns: 19, detected: 19 },
  Silverstone: { length: 5891, turns: 18, detected: 17 },
  Suzuka: { length: 5807, turns: 18, detected: 19 },
  Nuerburgring: { length: 5148, turns: 15, detected: 15 },
  Spielberg: { length: 4318, turns: 10, detected: 8 },
  Budapest: { length: 4381, turns: 14, detected: 14 },
};

function centerline(name: string): { x: number[]; y: number[] } {
  const rows = readCsv(requireSharedFile(TRACKS, `${name}.csv`));
  return { x: rows.map((r) => r[0]!), y: rows.map((r) => r[1]!) };
}

describeShared('track models from the TUMFTM centerlines (OSM-derived, LGPL-3.0)', () => {
  for (const [name, official] of Object.entries(OFFICIAL)) {
    it(`${name}: length within 0.2 % of the official ${official.length} m, ${official.detected} corners (official ${official.turns}, ±2)`, () => {
      const { x, y } = centerline(name);
      const model = trackModelFromCenterline(x, y);
      const error = Math.abs(model.length - official.length) / official.length;
      expect(error).toBeLessThan(0.002);
      const corners = detectCorners(model);
      expect(corners).toHaveLength(official.detected);
      expect(Math.abs(corners.length - official.turns)).toBeLessThanOrEqual(2);
    });
  }
});

describeShared('track model rebuilt from synthetic laps driven on the Spielberg centerline', () => {
  const { x, y } = centerline('Spielberg');
  const ref = trackModelFromCenterline(x, y, { smoothingM: 0 });
  // Profile points every metre on the centerline (its arclength = lap distance), curvature from the model.
  const n = ref.cells;
  const s = Array.from({ length: n }, (_, k) => k * ref.step);
  const kappa = Array.from(ref.curvature);
  const v = kappa.map((k) => Math.min(80, Math.sqrt(15 / Math.max(Math.abs(k), 1e-4))));
  const profile: Profile = { length: ref.length, s, v, x: Array.from(ref.x), y: Array.from(ref.y), kappa };
  const grid = makeGrid(ref.length);
  const laps = Array.from({ length: 10 }, (_, i) =>
    sampleLap(profile, {
      number: i + 1,
      startT: 100 + i * 200,
      positions: true,
      positionNoise: 0.2,
      seed: i + 1,
      // Pairs of laps run mirror-image lines (±2.5 m), so the generating median line is the centerline.
      lateral: (d) => (i < 5 ? 1 : -1) * 2.5 * Math.sin((2 * Math.PI * d) / (700 + 37 * (i % 5)) + (i % 5)),
    }),
  );
  const resampled = laps.map((l) => resampleLap(l.trace, l.lap, grid));
  const model = buildTrackModel(resampled);

  it('path length within 0.2 % of the official 4,318 m and RMS distance to the generating line < 0.3 m', () => {
    expect(Math.abs(model.pathLength - 4318) / 4318).toBeLessThan(0.002);
    let ss = 0;
    for (let k = 0; k < model.cells; k++) {
      // Distance to the centerline polyline (nearest segment around the same lap distance).
      const j0 = Math.round((k * model.step) / ref.step);
      let best = Infinity;
      for (let j = j0 - 10; j <= j0 + 10; j++) {
        const a = ((j % ref.cells) + ref.cells) % ref.cells;
        const b = (a + 1) % ref.cells;
        const dx = ref.x[b]! - ref.x[a]!;
        const dy = ref.y[b]! - ref.y[a]!;
        const f = Math.max(0, Math.min(1, ((model.x[k]! - ref.x[a]!) * dx + (model.y[k]! - ref.y[a]!) * dy) / (dx * dx + dy * dy)));
        best = Math.min(best, Math.hypot(model.x[k]! - ref.x[a]! - f * dx, model.y[k]! - ref.y[a]! - f * dy));
      }
      ss += best * best;
    }
    expect(Math.sqrt(ss / model.cells)).toBeLessThan(0.3);
    expect(model.curvatureSource).toBe('position');
    expect(model.mirrored).toBe(false);
    expect(model.handedness).toBe('steer');
  });

  it('finds the same corners as the centerline itself (count, direction, apex within 10 m)', () => {
    const expected = detectCorners(trackModelFromCenterline(x, y));
    const found = detectCorners(model);
    expect(found.map((c) => c.direction)).toEqual(expected.map((c) => c.direction));
    found.forEach((c, i) => expect(Math.abs(c.apex - expected[i]!.apex)).toBeLessThan(10));
  });

  it('a mirrored world frame (left-handed plan) is detected from steering and normalised', () => {
    const mirrored = laps.slice(0, 3).map((l, i) => {
      const m = sampleLap(profile, { number: i + 1, startT: 100 + i * 200, positions: true, mirror: true, seed: i });
      return resampleLap(m.trace, m.lap, grid);
    });
    const mm = buildTrackModel(mirrored);
    expect(mm.mirrored).toBe(true);
    expect(detectCorners(mm).map((c) => c.direction)).toEqual(detectCorners(model).map((c) => c.direction));
  });

  it('without positions, curvature from lateral g gives the same corner directions', () => {
    const noPos = resampled.map((r) => ({ ...r, channels: { speed: r.channels.speed!, gLat: r.channels.gLat!, steer: r.channels.steer! } }));
    const mg = buildTrackModel(noPos);
    expect(mg.curvatureSource).toBe('lateral-g');
    const dirs = detectCorners(mg).map((c) => c.direction);
    expect(dirs).toEqual(detectCorners(model).map((c) => c.direction));
  });
});

describe('detectCorners on analytic curvature', () => {
  const step = 1;
  const L = 2000;
  const kappa = new Float64Array(L);
  const arc = (from: number, len: number, k: number): void => {
    for (let i = from; i < from + len; i++) kappa[i] = k;
  };
  arc(200, 80, 1 / 50); // left, 92°
  arc(600, 40, -1 / 40); // chicane: right 57° …
  arc(645, 40, 1 / 40); // … then left 57°, 5 m apart
  arc(1000, 30, -1 / 60); // right, two parts 20 m apart: one double-apex corner
  arc(1050, 30, -1 / 50);
  arc(1500, 10, 1 / 200); // a 3° kink: not a corner

  it('keeps chicane halves apart, merges a same-direction double apex, drops a kink', () => {
    const corners = detectCorners({ curvature: kappa, step, length: L });
    expect(corners.map((c) => c.direction)).toEqual(['L', 'R', 'L', 'R']);
    expect(corners[0]!.entry).toBe(200);
    expect(corners[0]!.exit).toBe(280);
    expect((corners[0]!.turn * 180) / Math.PI).toBeCloseTo(91.67, 1);
    expect(corners[3]!.entry).toBe(1000);
    expect(corners[3]!.exit).toBe(1080);
    expect(corners[3]!.apex).toBe(1065); // middle of the sharper (1/50) half
  });

  it('does not split a corner that spans the array seam', () => {
    const k = new Float64Array(L);
    for (let i = 1980; i < 2000; i++) k[i] = 1 / 30;
    for (let i = 0; i < 20; i++) k[i] = 1 / 30;
    const corners = detectCorners({ curvature: k, step, length: L });
    expect(corners).toHaveLength(1);
    const c = corners[0]!;
    // Apex at the arc's middle (the line ± one sample); entry before the line, exit after it.
    expect(Math.min(c.apex, L - c.apex)).toBeLessThanOrEqual(1);
    expect(c.exit - c.entry).toBe(40);
    expect(((c.entry % L) + L) % L).toBe(1980);
  });
});
