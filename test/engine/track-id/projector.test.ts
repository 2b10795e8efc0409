import { describe, expect, it } from 'vitest';
import { LINE_HOLD_M, LapPositioner, OFF_TRACK_M, createShapeProjector } from '../../../src/engine/track-id/index.js';
import { STADIUM_LENGTH, stadiumPoint, stadiumShape } from './stadium.js';

const shape = stadiumShape();

describe('createShapeProjector', () => {
  it('gives the distance along the line within 2 cm all the way round, driving at 60 Hz and 50 m/s', () => {
    const p = createShapeProjector(shape);
    let worst = 0;
    for (let s = 0; s < STADIUM_LENGTH; s += 50 / 60) {
      const { x, y } = stadiumPoint(s);
      const d = p.project(x, y)!;
      worst = Math.max(worst, Math.abs(d - s));
    }
    expect(worst).toBeLessThan(0.02);
  });

  it('ignores where across the track the car is: 6 m off the line, the same distance (within 0.3 m in the bends)', () => {
    const p = createShapeProjector(shape);
    let worst = 0;
    for (let s = 1; s < STADIUM_LENGTH - 1; s += 5) {
      const { x, y } = stadiumPoint(s, 6);
      worst = Math.max(worst, Math.abs(p.project(x, y)! - s));
    }
    // In a bend the radial projection of a point 6 m inside lands on the line at the same angle: exact up to the chords.
    expect(worst).toBeLessThan(0.3);
    expect(p.offset).toBeCloseTo(6, 1);
  });

  it('wraps at the line: half a metre before it reads L − 0.5, half a metre after it 0.5', () => {
    const p = createShapeProjector(shape);
    const before = stadiumPoint(STADIUM_LENGTH - 0.5);
    const after = stadiumPoint(0.5);
    expect(p.project(before.x, before.y)!).toBeCloseTo(STADIUM_LENGTH - 0.5, 1);
    expect(p.project(after.x, after.y)!).toBeCloseTo(0.5, 1);
  });

  it('finds the car again after a teleport, a gap in the stream longer than its window, and time off the track', () => {
    const p = createShapeProjector(shape);
    const at = (s: number, lateral = 0): number | undefined => {
      const q = stadiumPoint(s, lateral);
      return p.project(q.x, q.y);
    };
    expect(at(100)).toBeCloseTo(100, 1);
    expect(at(700)).toBeCloseTo(700, 1); // reset to another part of the lap
    expect(at(770)).toBeCloseTo(770, 1); // 70 m in one frame: beyond the 60 m window
    expect(at(600, -(OFF_TRACK_M + 20))).toBeUndefined(); // in the paddock, 100 m beside the back straight
    expect(at(620)).toBeCloseTo(620, 1);
  });

  it('never returns a distance for a position that is not a number', () => {
    const p = createShapeProjector(shape);
    expect(p.project(Number.NaN, 0)).toBeUndefined();
    expect(p.project(0, Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('LapPositioner', () => {
  const L = STADIUM_LENGTH;
  const locate = (pos: LapPositioner, lap: number, s: number): number | undefined => {
    const q = stadiumPoint(s);
    return pos.locate(lap, q.x, q.y);
  };

  it('holds the line where the game\'s counter and the shape disagree by less than LINE_HOLD_M', () => {
    const pos = new LapPositioner(shape);
    expect(locate(pos, 1, 400)).toBeCloseTo(400, 1);
    expect(locate(pos, 1, L - 10)).toBeCloseTo(L - 10, 1);
    // Past the shape's start, but the game has not counted the lap yet: the full length, not 3 m.
    expect(locate(pos, 1, L + 3)).toBeCloseTo(L, 6);
    // The game counted the lap 4 m before the shape's start: 0, not L − 4.
    expect(locate(pos, 2, L - 1)).toBe(0);
    expect(locate(pos, 2, 5)).toBeCloseTo(5, 1);
    // Further than LINE_HOLD_M before the start after the counter changed (a reset to the grid): the position as it is.
    expect(locate(pos, 3, L - LINE_HOLD_M - 20)).toBeCloseTo(L - LINE_HOLD_M - 20, 1);
  });

  it('joining late in a lap (a run-up before the line) reads the end of the lap, not 0', () => {
    const pos = new LapPositioner(shape);
    expect(locate(pos, 0, L - 30)).toBeCloseTo(L - 30, 1);
    expect(locate(pos, 0, L + 1)).toBeCloseTo(L, 6);
    expect(locate(pos, 1, 2)).toBeCloseTo(2, 1);
  });

  it('scales distances to the lap length the game states', () => {
    const pos = new LapPositioner(shape, 1000);
    expect(pos.lapLength).toBe(1000);
    expect(locate(pos, 1, L / 2)).toBeCloseTo(500, 1);
  });
});

describe('robustness', () => {
  it('200,000 hostile positions (teleports, NaN, huge, far away, lap counter noise): never throws, always undefined or within [0, L]', () => {
    // Seeded xorshift: the same sequence every run.
    let seed = 0x9e3779b9;
    const rand = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 4294967296;
    };
    const pos = new LapPositioner(shape);
    let s = 0;
    let located = 0;
    for (let i = 0; i < 200_000; i++) {
      const kind = rand();
      let x: number;
      let y: number;
      if (kind < 0.7) {
        s += rand() * 3;
        ({ x, y } = stadiumPoint(s, (rand() - 0.5) * 20));
      } else if (kind < 0.8) {
        ({ x, y } = stadiumPoint(rand() * STADIUM_LENGTH));
      } else if (kind < 0.9) {
        x = (rand() - 0.5) * 1e7;
        y = (rand() - 0.5) * 1e7;
      } else {
        x = [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308][Math.floor(rand() * 4)]!;
        y = rand() * 100;
      }
      const d = pos.locate(Math.floor(rand() * 3), x, y);
      if (d === undefined) continue;
      located++;
      expect(d >= 0 && d <= STADIUM_LENGTH).toBe(true);
    }
    expect(located).toBeGreaterThan(150_000);
  });
});
