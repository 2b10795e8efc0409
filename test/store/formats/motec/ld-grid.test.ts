import { describe, expect, it } from 'vitest';
import type { ChannelName, Lap, Trace } from '../../../../src/engine/model/index.js';
import { gridSnap, writeMotec } from '../../../../src/store/formats/motec/export.js';
import { motecEncoding } from '../../../../src/store/formats/motec/channel-map.js';
import { readLd } from '../../../../src/store/formats/motec/import.js';
import { parseLd } from '../../../../src/store/formats/motec/ld-read.js';
import { resampleIrregular } from '../../../../src/store/formats/resample.js';
import type { ImportedLap } from '../../../../src/store/formats/types.js';
import { mulberry32 } from '../../../helpers/prng.js';

type Case = { t0: number; rate: number; frames: number };

/**
 * `frames` samples at `rate` Hz from session time `t0`, times rounded to float32 as a game clock
 * like F1's sessionTime gives them (the store keeps them as those doubles), cut into an out lap,
 * flying laps and an incomplete last lap whose crossings fall between samples. gLon is noise
 * (every sample a new value up to ±2 g), so a grid point that blended in a sliver of a neighbour
 * instead of carrying its own sample would show; gear steps every few samples.
 */
function session({ t0, rate, frames }: Case, seed: number): ImportedLap[] {
  const random = mulberry32(seed);
  const t = Float64Array.from({ length: frames }, (_, i) => Math.fround(t0 + i / rate));
  const gLon = Float32Array.from({ length: frames }, () => 4 * random() - 2);
  const speed = Float32Array.from({ length: frames }, (_, i) => 40 + 20 * Math.sin(i / 50) + random());
  const gear = Float32Array.from({ length: frames }, (_, i) => 1 + (Math.floor(i / 7) % 6));
  // Crossings a third of a period after a sample: out lap, two flying laps, then incomplete.
  const cutAt = [0, Math.floor(frames * 0.1), Math.floor(frames * 0.5), Math.floor(frames * 0.9), frames];
  const laps: ImportedLap[] = [];
  for (let k = 0; k + 1 < cutAt.length; k++) {
    const i0 = cutAt[k]!;
    const i1 = cutAt[k + 1]!;
    const startT = k === 0 ? t[0]! : t[i0 - 1]! + 2 / (3 * rate);
    const endT = i1 < frames ? t[i1 - 1]! + 2 / (3 * rate) : t[frames - 1]!;
    const category: Lap['category'] = k === 0 ? 'out' : i1 === frames ? 'incomplete' : 'flying';
    const lap: Lap = { number: k, time: endT - startT, timeSource: 'interpolated', valid: category === 'flying', category, sectors: [], startT, endT };
    const trace: Trace = {
      length: i1 - i0,
      t: t.slice(i0, i1),
      distance: new Float64Array(i1 - i0).fill(Number.NaN),
      channels: { gLon: gLon.slice(i0, i1), speed: speed.slice(i0, i1), gear: gear.slice(i0, i1) },
    };
    laps.push({ lap, trace });
  }
  return laps;
}

/** The .ld's value of a source SI value: the scaled integer it is written as, read back. */
function written(name: ChannelName, v: number): number {
  const { dec, factor } = motecEncoding(name);
  return Math.round(v * factor * 10 ** dec) / 10 ** dec / factor;
}

const CASES: Case[] = [
  { t0: 1234.5678, rate: 60, frames: 6003 },
  { t0: 1234.5678, rate: 60, frames: 3918 },
  { t0: 0, rate: 60, frames: 17080 },
  { t0: 3600.3, rate: 100, frames: 5009 },
  { t0: 7.25, rate: 20, frames: 1203 },
  { t0: 5000.123, rate: 50, frames: 2999 },
  { t0: 1234.5678, rate: 60, frames: 6001 },
];

describe('MoTeC .ld grid: one .ld sample per source sample of a uniformly sampled session', () => {
  it.each(CASES)('t0 = $t0 s, $rate Hz, $frames float32 frames: every channel has exactly that many samples, each the source sample', (c) => {
    const laps = session(c, c.frames);
    const { ld, ldx } = writeMotec({ game: 'demo' }, laps, { startedAt: '2024-01-01T00:00:00' });
    const file = parseLd(ld);
    for (const channel of file.channels) {
      expect([channel.name, channel.rate, channel.data.length]).toEqual([channel.name, c.rate, c.frames]);
    }
    const source = laps.flatMap((l) => ({ gLon: Array.from(l.trace.channels.gLon!), speed: Array.from(l.trace.channels.speed!), gear: Array.from(l.trace.channels.gear!) }));
    for (const name of ['gLon', 'speed', 'gear'] as const) {
      const column = source.flatMap((s) => s[name]);
      const data = file.channels.find((ch) => ch.name === motecEncoding(name).name)!.data;
      let worst = 0;
      for (let i = 0; i < c.frames; i++) worst = Math.max(worst, Math.abs(data[i]! / motecEncoding(name).factor - written(name, column[i]!)));
      // Equal up to the float arithmetic of scaling back (1e-9), not within an interpolation's reach.
      expect(worst, name).toBeLessThan(1e-9);
    }

    // The .ldx markers put the same samples into each lap as the source laps had.
    const back = readLd(ld, { ldx });
    expect(back.laps.map((l) => [l.lap.number, l.lap.category, l.trace.length])).toEqual(laps.map((l) => [l.lap.number, l.lap.category, l.trace.length]));
    back.laps.forEach((l, k) => {
      const o = laps[k]!.lap;
      // Flying laps: the Lap Time channel's value (the lap's time to the written ms); the others
      // span their markers, each moved by at most the snap tolerance.
      if (o.category === 'flying') expect(l.lap.time, `lap ${k}`).toBeCloseTo(+o.time.toFixed(3), 9);
      else expect(Math.abs(l.lap.time - o.time), `lap ${k}`).toBeLessThanOrEqual(2 * gridSnap(c.t0 + c.frames / c.rate, c.rate));
    });
    // Without the .ldx, the Lap Number channel steps on the same samples: lap 2 runs from step to
    // step. (Lap 1 shares counter value 0 with the out lap and is split off by its Lap Time, so
    // its start is only known to the sample.)
    const counted = readLd(ld);
    expect(counted.laps.map((l) => [l.lap.number, l.lap.category])).toEqual(laps.map((l) => [l.lap.number, l.lap.category]));
    expect(counted.laps[2]!.trace.length).toBe(laps[2]!.trace.length);
  });

  it('the float32 clock really sits off the grid in these cases (else the test above proves nothing)', () => {
    // The old sample count, floor((tLast - t0)·rate + 1e-6) + 1, lost the last sample on all but the last case.
    const lost = CASES.filter(({ t0, rate, frames }) => {
      const first = Math.fround(t0);
      const last = Math.fround(t0 + (frames - 1) / rate);
      return Math.floor((last - first) * rate + 1e-6) + 1 < frames;
    });
    expect(lost).toEqual(CASES.slice(0, -1));
    // And plain interpolation onto t0 + j/rate (no snapping) blends neighbours of the noise channel.
    const laps = session(CASES[0]!, 1);
    const t = Float64Array.from(laps.flatMap((l) => Array.from(l.trace.t)));
    const gLon = Float32Array.from(laps.flatMap((l) => Array.from(l.trace.channels.gLon!)));
    const grid = Float64Array.from({ length: t.length - 1 }, (_, j) => t[0]! + j / 60);
    const blended = resampleIrregular(t, gLon, grid, { kind: 'continuous' });
    const snapped = resampleIrregular(t, gLon, grid, { kind: 'continuous' }, gridSnap(t[t.length - 1]!, 60));
    let worstBlend = 0;
    for (let j = 0; j < grid.length; j++) {
      worstBlend = Math.max(worstBlend, Math.abs(blended[j]! - gLon[j]!));
      expect(snapped[j]).toBe(gLon[j]);
    }
    expect(worstBlend).toBeGreaterThan(0.0005);
  });

  it('snap tolerance: a float32 rounding at the session time, between 1 % and 25 % of a period', () => {
    expect(gridSnap(284.65, 60)).toBeCloseTo(0.01 / 60, 12);
    expect(gridSnap(10_800, 60)).toBeCloseTo(10_800 * 2 ** -22, 12);
    expect(gridSnap(1e6, 60)).toBeCloseTo(0.25 / 60, 12);
    // Two float32 roundings (the sample's and the first sample's) stay inside it at 60 Hz for half a day.
    for (const t of [1, 284.65, 1234.5678, 4095.9, 4096.1, 9000, 43_000]) {
      expect(2 * Math.abs(Math.fround(t) - t)).toBeLessThanOrEqual(gridSnap(t, 60));
    }
  });
});
