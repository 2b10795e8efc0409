import { describe, expect, it } from 'vitest';
import { SIM_TRACKS, buildSimTrack, getSimTrack, type SimTrack, type TrackDesign } from '../../../src/engine/sim/index.js';

const DEG = 180 / Math.PI;

/** Longest run of zero-curvature points, wrapping over the line, in m. */
function longestZeroCurvatureRun(track: SimTrack): number {
  const k = track.centerline.curvature;
  const n = k.length;
  let best = 0;
  let run = 0;
  for (let i = 0; i < 2 * n; i++) {
    run = k[i % n] === 0 ? run + 1 : 0;
    best = Math.max(best, Math.min(run, n));
  }
  // A run of r zero points spans r - 1 intervals plus the two half-intervals into the transitions.
  return (best + 1) * track.spacing;
}

describe.each(SIM_TRACKS.map((t) => [t.name, t] as const))('%s', (_name, track) => {
  const line = track.centerline;
  const n = line.length;

  it('closes exactly in position and heading', () => {
    expect(track.closureError).toBeLessThan(1e-6);
    expect(Math.abs(track.headingClosureError)).toBeLessThan(1e-9);
    // The last point is one spacing before the first, as on every other interval.
    const gap = Math.hypot(line.x[0]! - line.x[n - 1]!, line.y[0]! - line.y[n - 1]!);
    expect(gap).toBeCloseTo(track.spacing, 3);
  });

  it('is 3 to 6 km long on a grid of at most 1 m', () => {
    expect(track.length).toBeGreaterThan(3000);
    expect(track.length).toBeLessThan(6000);
    expect(track.spacing).toBeLessThanOrEqual(1);
    expect(n * track.spacing).toBeCloseTo(track.length, 9);
    expect(line.distance[n - 1]).toBeCloseTo(track.length - track.spacing, 9);
  });

  it('has points one spacing apart whose turning matches the curvature channel', () => {
    let worstStep = 0;
    let worstCurvature = 0;
    for (let i = 0; i < n; i++) {
      const a = (i - 1 + n) % n;
      const b = (i + 1) % n;
      const step = Math.hypot(line.x[b]! - line.x[i]!, line.y[b]! - line.y[i]!);
      worstStep = Math.max(worstStep, Math.abs(step - track.spacing));
      // Turning between the two chords through point i, per metre.
      const h1 = Math.atan2(line.y[i]! - line.y[a]!, line.x[i]! - line.x[a]!);
      const h2 = Math.atan2(line.y[b]! - line.y[i]!, line.x[b]! - line.x[i]!);
      let turn = h2 - h1;
      turn -= 2 * Math.PI * Math.round(turn / (2 * Math.PI));
      worstCurvature = Math.max(worstCurvature, Math.abs(turn / track.spacing - line.curvature[i]!));
    }
    // A 1 m chord on the tightest (15 m+) arc is shorter than the arc by < 0.2 mm.
    expect(worstStep).toBeLessThan(2e-4);
    // Clothoid ramps are at most ~1/(R·L) per metre, so the chord estimate stays within 2e-3 1/m.
    expect(worstCurvature).toBeLessThan(2e-3);
  });

  it('has at least 10 corners: a 15-25 m hairpin, medium corners and fast sweepers', () => {
    const radii = track.corners.map((c) => c.minRadius);
    expect(track.corners.length).toBeGreaterThanOrEqual(10);
    expect(radii.some((r) => r >= 15 && r <= 25)).toBe(true);
    expect(radii.filter((r) => r >= 35 && r <= 100).length).toBeGreaterThanOrEqual(3);
    expect(radii.filter((r) => r >= 150).length).toBeGreaterThanOrEqual(2);
  });

  it('has a chicane: opposite corners joined by a curvature reversal, no straight', () => {
    const chicanes = track.corners.filter((c, i) => {
      const next = track.corners[i + 1];
      return next !== undefined && next.direction !== c.direction && Math.abs(next.entryDistance - c.exitDistance) < 1e-9;
    });
    expect(chicanes.length).toBeGreaterThanOrEqual(1);
  });

  it('has a straight of at least 800 m, seen in the curvature itself', () => {
    expect(track.longestStraight.length).toBeGreaterThanOrEqual(800);
    expect(longestZeroCurvatureRun(track)).toBeGreaterThanOrEqual(800);
    expect(Math.abs(longestZeroCurvatureRun(track) - track.longestStraight.length)).toBeLessThan(2 * track.spacing);
  });

  it('lists corners in driving order with apexes where |curvature| peaks, signed by direction', () => {
    let previousExit = 0;
    for (const c of track.corners) {
      expect(c.entryDistance).toBeGreaterThanOrEqual(previousExit - 1e-9);
      expect(c.entryDistance).toBeLessThan(c.apexDistance);
      expect(c.apexDistance).toBeLessThan(c.exitDistance);
      expect(c.exitDistance).toBeLessThanOrEqual(track.length);
      previousExit = c.exitDistance;
      const apex = Math.round(c.apexDistance / track.spacing) % n;
      const k = line.curvature[apex]!;
      expect(Math.sign(k)).toBe(c.direction === 'left' ? 1 : -1);
      expect(1 / Math.abs(k)).toBeCloseTo(c.minRadius, 6);
      // Detectors need it: at least 15 deg of turn and |curvature| above 1/300 m.
      expect(c.turnAngle * DEG).toBeGreaterThanOrEqual(15);
      expect(Math.abs(k)).toBeGreaterThan(1 / 300);
      // The heading change over the corner equals its turn angle (grid points bracket the corner,
      // so a chicane's neighbour may add < 1 m of its entry ramp, < 0.1 deg).
      const i0 = Math.floor(c.entryDistance / track.spacing);
      const i1 = Math.ceil(c.exitDistance / track.spacing) % n;
      const turn = line.heading[i1]! - line.heading[i0]!;
      expect(Math.abs(Math.abs(turn) - c.turnAngle)).toBeLessThan(0.002);
    }
  });

  it('separates same-direction neighbours by at least 30 m of straight (so detectors do not merge them)', () => {
    track.corners.forEach((c, i) => {
      const next = track.corners[(i + 1) % track.corners.length]!;
      if (next.direction !== c.direction) return;
      const gap = (next.entryDistance - c.exitDistance + track.length) % track.length;
      expect(gap).toBeGreaterThanOrEqual(30);
    });
  });

  it('puts the sector starts on grid points, in order, inside the lap', () => {
    const [s2, s3] = track.sectorStarts;
    expect(s2).toBeGreaterThan(0);
    expect(s3).toBeGreaterThan(s2);
    expect(s3).toBeLessThan(track.length);
    for (const s of track.sectorStarts) expect(Math.abs(s / track.spacing - Math.round(s / track.spacing))).toBeLessThan(1e-9);
  });
});

describe('built-in track facts (pinned)', () => {
  it('Kestrel Park: 4,599.03 m, 11 corners', () => {
    const t = getSimTrack('kestrel')!;
    expect(t.name).toBe('Kestrel Park');
    expect(t.length).toBeCloseTo(4599.033, 2);
    expect(t.corners.map((c) => `${c.number}${c.direction[0]}@${c.apexDistance.toFixed(1)}/R${c.minRadius}`)).toEqual([
      '1r@509.6/R18',
      '2l@840.5/R60',
      '3r@1244.1/R120',
      '4l@1465.4/R35',
      '5r@1503.9/R35',
      '6r@2030.7/R200',
      '7r@2338.3/R45',
      '8l@2863.3/R90',
      '9r@3294.5/R150',
      '10r@3750.6/R25',
      '11l@4004.5/R250',
    ]);
    expect(t.longestStraight.length).toBeCloseTo(1000, 6);
  });

  it('Harbour Ring: 4,348.95 m, 10 corners', () => {
    const t = getSimTrack('harbour')!;
    expect(t.name).toBe('Harbour Ring');
    expect(t.length).toBeCloseTo(4348.951, 2);
    expect(t.corners.map((c) => `${c.number}${c.direction[0]}@${c.apexDistance.toFixed(1)}/R${c.minRadius}`)).toEqual([
      '1l@367.4/R100',
      '2l@619.6/R200',
      '3r@856.8/R150',
      '4l@1146.1/R40',
      '5l@1530.2/R120',
      '6l@2735.7/R20',
      '7r@3123.3/R60',
      '8l@3644.9/R30',
      '9r@3680.5/R30',
      '10l@4003.6/R45',
    ]);
    expect(t.longestStraight.length).toBeCloseTo(1100, 6);
  });

  it('finds tracks by id and nothing for an unknown id', () => {
    expect(SIM_TRACKS.map((t) => t.id)).toEqual(['kestrel', 'harbour']);
    expect(getSimTrack('harbour')?.id).toBe('harbour');
    expect(getSimTrack('monza')).toBeUndefined();
  });
});

describe('buildSimTrack', () => {
  const square: TrackDesign = {
    id: 'square',
    name: 'Square',
    rotation: 'ccw',
    sectorFractions: [0.3, 0.6],
    pieces: [
      { kind: 'straight', length: 300, adjustable: true },
      { kind: 'corner', direction: 'left', radius: 50, angleDeg: 90, transition: 10 },
      { kind: 'straight', length: 280, adjustable: true },
      { kind: 'corner', direction: 'left', radius: 50, angleDeg: 90, transition: 10 },
      { kind: 'straight', length: 300 },
      { kind: 'corner', direction: 'left', radius: 50, angleDeg: 90, transition: 10 },
      { kind: 'straight', length: 300 },
      { kind: 'corner', direction: 'left', radius: 50, angleDeg: 80, transition: 10, closesHeading: true },
    ],
  };

  it('solves the closing angle and the two adjustable straights exactly', () => {
    const t = buildSimTrack(square);
    expect(t.closureError).toBeLessThan(1e-6);
    expect(t.corners[3]!.turnAngle * DEG).toBeCloseTo(90, 9);
    // A symmetric square: both adjustable straights become 300 m.
    expect(t.corners[0]!.entryDistance).toBeCloseTo(300, 6);
    expect(t.corners[1]!.entryDistance - t.corners[0]!.exitDistance).toBeCloseTo(300, 6);
  });

  it('rejects designs it cannot close', () => {
    const noCloser = { ...square, pieces: square.pieces.map((p) => (p.kind === 'corner' ? { ...p, closesHeading: false } : p)) };
    expect(() => buildSimTrack(noCloser)).toThrow(/close the heading/);
    const parallel = {
      ...square,
      pieces: square.pieces.map((p, i) => (p.kind === 'straight' ? { ...p, adjustable: i === 0 || i === 4 } : p)),
    };
    expect(() => buildSimTrack(parallel)).toThrow(/parallel/);
    const wrongWay = { ...square, rotation: 'cw' as const };
    expect(() => buildSimTrack(wrongWay)).toThrow(/other way/);
  });
});
