import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLDS, compareShapes, identifyShape, isMatch, nextUnknownNumber, unknownNumber, unknownTrackKey, unknownTrackName, type TrackShape } from '../../../src/engine/track-id/index.js';
import { stadiumShape } from './stadium.js';

const base = stadiumShape();

function translated(shape: TrackShape, dx: number): TrackShape {
  return { ...shape, x: shape.x.map((v) => v + dx) };
}

/** The first `fraction` of a shape as an open path. */
function stretch(shape: TrackShape, fraction: number): TrackShape {
  const n = Math.round(shape.x.length * fraction);
  return { length: shape.length * fraction, plane: shape.plane, x: shape.x.slice(0, n), y: shape.y.slice(0, n) };
}

describe('compareShapes / isMatch', () => {
  it('matches another line on the same track (3 m to the side: mean 3 m)', () => {
    const c = compareShapes(stadiumShape({ lateral: 3 }), base, true);
    expect(c.meanM).toBeCloseTo(3, 1);
    expect(c.forwardShare).toBe(1);
    expect(isMatch(c)).toBe(true);
  });

  it('rejects a line further off than a track is wide (12 m: mean above 8 m)', () => {
    const c = compareShapes(stadiumShape({ lateral: 12 }), base, true);
    expect(c.meanM).toBeCloseTo(12, 0);
    expect(c.meanM).toBeGreaterThan(MATCH_THRESHOLDS.meanM);
    expect(isMatch(c)).toBe(false);
  });

  it('rejects the reverse layout, which shares every metre of tarmac', () => {
    const c = compareShapes(stadiumShape({ reverse: true }), base, true);
    expect(c.meanM).toBeLessThan(0.1);
    expect(c.forwardShare).toBe(0);
    expect(isMatch(c)).toBe(false);
  });

  it('rejects a lap 10 % longer before comparing positions', () => {
    const c = compareShapes(stadiumShape({ scale: 1.1 }), base, true);
    expect(c.lengthRatio).toBeCloseTo(1.1, 3);
    expect(isMatch(c)).toBe(false);
  });

  it('rejects a layout that shares the track but for one section (p95 above 20 m)', () => {
    // The second straight moved 60 m out: 300 m of 914 m elsewhere, the rest on the same tarmac.
    const other: TrackShape = { ...base, y: base.y.map((v) => (v > 90 ? v + 60 : v)) };
    const c = compareShapes(other, base, false);
    expect(c.p95M).toBeGreaterThan(MATCH_THRESHOLDS.p95M);
    expect(isMatch(c)).toBe(false);
  });
});

describe('identifyShape', () => {
  const known = [
    { trackKey: 'unknown-1', name: 'unknown track 1', shape: translated(base, 5000) },
    { trackKey: 'unknown-2', name: 'unknown track 2', shape: base },
  ];

  it('finds the stored track a lap ran on, skipping other planes and lengths', () => {
    expect(identifyShape(stadiumShape({ lateral: 2 }), known, true)?.known.trackKey).toBe('unknown-2');
    expect(identifyShape({ ...base, plane: 'xy' }, known, true)).toBeUndefined();
  });

  it('finds it from part of a lap, and waits while two stored tracks fit the part equally', () => {
    expect(identifyShape(stretch(base, 0.4), known, false)?.known.trackKey).toBe('unknown-2');
    const twins = [...known, { trackKey: 'unknown-3', shape: stadiumShape({ lateral: 1 }) }];
    expect(identifyShape(stretch(stadiumShape({ lateral: 0.5 }), 0.4), twins, false)).toBeUndefined();
  });
});

describe('unknown track names', () => {
  it('numbers new unknown tracks after the highest stored one', () => {
    expect(nextUnknownNumber([])).toBe(1);
    expect(nextUnknownNumber(['forza:110', 'unknown-1', 'unknown-3'])).toBe(4);
    expect(unknownTrackKey(2)).toBe('unknown-2');
    expect(unknownTrackName(2)).toBe('unknown track 2');
    expect(unknownNumber('unknown-12')).toBe(12);
    expect(unknownNumber('unknown-x')).toBeUndefined();
  });
});
