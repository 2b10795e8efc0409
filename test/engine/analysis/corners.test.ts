import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCorners, matchCorners, trackModelFromCenterline, type CornerCatalog, type DetectedCorner } from '../../../src/engine/analysis/index.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';

const MONZA = 'reference-data/fastf1-monza-2020-circuit-info';

type OfficialCorner = { number: number; x: number; y: number; distance: number; direction: 'L' | 'R'; name: string };

describeShared('corners on the official Monza outline (FastF1 / MultiViewer 2020, 11 turns)', () => {
  const outline = readFileSync(requireSharedFile(MONZA, 'outline.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const official: OfficialCorner[] = readFileSync(requireSharedFile(MONZA, 'corners.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map((c) => ({ number: Number(c[0]), x: Number(c[2]) / 10, y: Number(c[3]) / 10, distance: Number(c[5]) / 10, direction: c[7] as 'L' | 'R', name: c[8]! }));
  // The outline is in decimetres, right-handed, clockwise, starting 2 m from the line (marshal light 1).
  const model = trackModelFromCenterline(
    outline.map((r) => r[0]! / 10),
    outline.map((r) => r[1]! / 10),
  );
  const corners = detectCorners(model);

  /** m along our model of the point nearest to an official marker (aligns the two frames exactly). */
  const projected = (c: OfficialCorner): number => {
    let best = 0;
    let bestD = Infinity;
    for (let k = 0; k < model.cells; k++) {
      const d = Math.hypot(model.x[k]! - c.x, model.y[k]! - c.y);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best * model.step;
  };

  it('finds 11 corners, in the official order and directions R L R L R R R L R L R', () => {
    expect(corners).toHaveLength(11);
    expect(corners.map((c) => c.direction).join('')).toBe('RLRLRRRLRLR');
    expect(official.map((c) => c.direction).join('')).toBe('RLRLRRRLRLR');
  });

  it('puts every apex within 60 m of the official marker (projected onto the outline, and by the official lap distance)', () => {
    const errors = corners.map((c, i) => c.apex - projected(official[i]!));
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(60);
    // Pinned: T1 +16 m, Lesmo 1 (T6) −53 m (its label marker is before the peak curvature), Ascari 2 (T9) −15 m.
    expect(errors[0]).toBeCloseTo(16, -1);
    expect(errors[5]).toBeCloseTo(-53, -1);
    // The official distances are along the candidate lap; they agree with our outline distances
    // to a few metres, so the same bound holds against them directly.
    const byDistance = corners.map((c, i) => Math.abs(c.apex - official[i]!.distance));
    expect(Math.max(...byDistance)).toBeLessThan(60);
    const sorted = [...errors.map(Math.abs)].sort((a, b) => a - b);
    expect(sorted[5]).toBeLessThan(20); // median
  });

  it('matched against the official list as a stored catalog, every corner keeps its official number', () => {
    const catalog: CornerCatalog = {
      length: model.length,
      corners: official.map((c) => ({ number: c.number, direction: c.direction, entry: c.distance - 30, apex: c.distance, exit: c.distance + 30, name: c.name })),
    };
    const result = matchCorners(corners, catalog, model.length, 60);
    expect(result.corners.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(result.corners.every((c) => c.detected && !c.added)).toBe(true);
    expect(result.corners[10]!.name).toBe('Curva Alboreto (Parabolica)');
    expect(result.catalog.corners).toHaveLength(11);
  });
});

describe('matchCorners: stable numbering across sessions', () => {
  const det = (apex: number, direction: 'L' | 'R'): DetectedCorner => ({ direction, entry: apex - 40, apex, exit: apex + 40, turn: direction === 'L' ? 1 : -1, peakCurvature: direction === 'L' ? 0.02 : -0.02 });

  it('numbers a first session 1..n from the line', () => {
    const r = matchCorners([det(900, 'R'), det(300, 'L'), det(1600, 'L')].sort((a, b) => a.apex - b.apex), undefined, 2000);
    expect(r.corners.map((c) => [c.number, c.direction, c.apex])).toEqual([[1, 'L', 300], [2, 'R', 900], [3, 'L', 1600]]);
    expect(r.corners.every((c) => c.added)).toBe(true);
  });

  it('keeps numbers when a later session detects them a little elsewhere, misses one, and finds a new one', () => {
    const first = matchCorners([det(300, 'L'), det(900, 'R'), det(1600, 'L')], undefined, 2000).catalog;
    // Second driver: T1 12 m later, T2 missed (too fast to register), a new right-hander at 1,200 m, T3 30 m earlier.
    const second = matchCorners([det(312, 'L'), det(1200, 'R'), det(1570, 'L')], first, 2000);
    expect(second.corners.map((c) => [c.number, c.detected, c.added])).toEqual([
      [1, true, false],
      [2, false, false],
      [4, true, true],
      [3, true, false],
    ]);
    // Stored positions never move; the shift is reported.
    expect(second.corners[0]!.apex).toBe(300);
    expect(second.corners[0]!.apexShift).toBe(12);
    expect(second.catalog.corners.map((c) => c.number)).toEqual([1, 2, 3, 4]);
  });

  it('does not match across directions or beyond the tolerance, and wraps around the line', () => {
    const first = matchCorners([det(10, 'L'), det(1000, 'R')], undefined, 2000).catalog;
    const r = matchCorners([det(1985, 'L'), det(1000, 'L')], first, 2000);
    expect(r.corners.find((c) => c.number === 1)!.detected).toBe(true); // 1,985 m is 25 m before 10 m across the line
    expect(r.corners.find((c) => c.number === 2)!.detected).toBe(false); // same place, wrong direction
    expect(r.corners.find((c) => c.number === 3)!.added).toBe(true);
  });

  it('rescales a catalog measured on another lap length', () => {
    const first = matchCorners([det(1000, 'R')], undefined, 2000).catalog;
    const r = matchCorners([det(1010, 'R')], first, 2020);
    expect(r.corners[0]!.number).toBe(1);
    expect(r.corners[0]!.apexShift).toBeCloseTo(0, 9);
  });
});
