import { describe, expect, it } from 'vitest';
import { lapsFromCounter } from '../../../src/store/formats/laps.js';
import { conversionTo } from '../../../src/store/formats/units.js';

const times = (n: number, rate: number, t0 = 0): Float64Array => Float64Array.from({ length: n }, (_, i) => t0 + i / rate);

describe('laps from a lap counter', () => {
  it('takes the game time from the last-lap channel even when it updates late (iRacing)', () => {
    const t = times(200, 1);
    const counter = t.map((x) => (x < 20 ? 0 : x < 80 ? 1 : x < 150 ? 2 : 3));
    const last = t.map((x) => (x < 82 ? 0 : x < 153 ? 59.8765 : 70.001));
    const inPit = t.map((x) => (x < 10 ? 1 : 0));
    const { laps, warnings } = lapsFromCounter({ t, counter, semantics: 'started', lastLapTime: last, inPit });
    expect(laps.map((l) => [l.number, l.category, l.time, l.timeSource, l.valid])).toEqual([
      [0, 'out', 20, 'interpolated', false],
      [1, 'flying', 59.8765, 'game', true],
      [2, 'flying', 70.001, 'game', true],
      [3, 'incomplete', 49, 'interpolated', false],
    ]);
    expect(warnings).toEqual([]);
  });

  it('reports counter jumps and leaves those laps untimed', () => {
    const t = times(100, 1);
    const counter = t.map((x) => (x < 30 ? 5 : x < 60 ? 7 : 6));
    const { laps, warnings } = lapsFromCounter({ t, counter, semantics: 'started' });
    expect(laps.map((l) => [l.number, l.category, l.valid])).toEqual([
      [5, 'out', false],
      [7, 'incomplete', false],
      [6, 'incomplete', false],
    ]);
    expect(warnings).toEqual(['lap counter jumps from 5 to 7 at t=30.000 s', 'lap counter jumps from 7 to 6 at t=60.000 s']);
  });

  it("splits the out lap off a first segment longer than the game's lap time (MoTeC Lap Number)", () => {
    const t = times(300, 2);
    const counter = t.map((x) => (x < 100 ? 0 : 1));
    const last = t.map((x) => (x < 100 ? 0 : 61.5));
    const { laps } = lapsFromCounter({ t, counter, semantics: 'completed', lastLapTime: last });
    expect(laps.map((l) => [l.number, l.category, l.startT, l.endT])).toEqual([
      [0, 'out', 0, 38.5],
      [1, 'flying', 38.5, 100],
      [2, 'incomplete', 100, 149.5],
    ]);
  });
});

describe('unit conversions into SI', () => {
  it('converts the units real files use and refuses other dimensions', () => {
    const apply = (c: { scale: number; offset: number } | undefined, v: number): number => v * c!.scale + c!.offset;
    expect(apply(conversionTo('speed', 'km/h'), 36)).toBeCloseTo(10, 12);
    expect(apply(conversionTo('speed', 'mph'), 100)).toBeCloseTo(44.704, 9);
    expect(apply(conversionTo('tyreTempFL', '°F'), 212)).toBeCloseTo(100, 9);
    expect(apply(conversionTo('tyrePressFL', 'psi'), 26.7)).toBeCloseTo(184.09, 2);
    expect(apply(conversionTo('tyrePressFL', 'bar'), 1.8)).toBeCloseTo(180, 9);
    expect(apply(conversionTo('gLat', 'm/s^2'), 9.80665)).toBeCloseTo(1, 12);
    expect(apply(conversionTo('throttle', 'angle%'), 50)).toBe(0.5);
    expect(apply(conversionTo('yaw', 'deg'), 180)).toBeCloseTo(Math.PI, 12);
    expect(conversionTo('speed', 'rpm')).toBeUndefined();
    expect(conversionTo('gear', '%')).toBeUndefined();
    expect(conversionTo('brakeTempFL', 'bar')).toBeUndefined();
  });
});
