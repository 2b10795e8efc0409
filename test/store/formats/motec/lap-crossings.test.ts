import { describe, expect, it } from 'vitest';
import type { Lap } from '../../../../src/engine/model/index.js';
import { crossingsFromRunningTime } from '../../../../src/store/formats/motec/lap-crossings.js';

const lap = (number: number, category: Lap['category'], startT: number, endT: number, time = endT - startT): Lap => ({
  number,
  time,
  timeSource: category === 'flying' ? 'game' : 'interpolated',
  valid: category === 'flying',
  category,
  sectors: [],
  startT,
  endT,
});

describe('crossingsFromRunningTime: lap bounds from the logger running lap time', () => {
  // 1 Hz running lap time of a 30 s log with crossings at 4.5 s and 24.5 s (a 20 s lap).
  const data = Float64Array.from({ length: 30 }, (_, s) => (s < 4.5 ? s + 10 : s < 24.5 ? s - 4.5 : s - 24.5));

  it('moves each boundary a late lap counter put at 7 s and 27 s back to the crossing; re-times the laps around the timed one', () => {
    const laps = [lap(0, 'out', 0, 7), lap(1, 'flying', 7, 27, 20), lap(2, 'incomplete', 27, 30)];
    expect(crossingsFromRunningTime(laps, { data, rate: 1 }).map((l) => [l.number, l.startT, l.endT, l.time])).toEqual([
      [0, 0, 4.5, 4.5],
      [1, 4.5, 24.5, 20],
      [2, 24.5, 30, 5.5],
    ]);
  });

  it('keeps a boundary the running time does not explain: a value still counting the previous lap, or more than 10 s back', () => {
    const stale = Float64Array.from(data, (v, s) => (s === 7 ? 30 : v));
    const laps = [lap(0, 'out', 0, 7), lap(1, 'flying', 7, 27, 20)];
    expect(crossingsFromRunningTime(laps, { data: stale, rate: 1 }).map((l) => [l.startT, l.endT])).toEqual([
      [0, 7],
      [7, 27],
    ]);
    const far = Float64Array.from(data, (v, s) => (s === 27 ? 12 : v));
    expect(crossingsFromRunningTime([lap(1, 'flying', 4.5, 27, 20), lap(2, 'incomplete', 27, 30)], { data: far, rate: 1 })[0]!.endT).toBe(27);
  });
});
