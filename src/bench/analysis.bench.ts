/**
 * Analysis engine benchmark: the full `analyzeSession` on demo-simulator sessions (DESIGN.md
 * budget: ≤ 60 ms for a 20-lap 60 Hz session of ~72k frames, in-process), plus its main
 * kernels. Input is built once from the sim the way the recorder will: frames split by the
 * game's lap counter into columnar traces.
 */
import {
  analyzeSession, analyzeShifts, buildTrackModel, createLiveDelta, gripEnvelope, makeGrid, resampleLap, type LapInput, type SessionInput,
} from '../engine/analysis/index.js';
import type { Lap, TelemetryFrame } from '../engine/model/index.js';
import { toTrace } from '../engine/model/index.js';
import { createDemoRun } from '../engine/sim/index.js';
import type { Bench, BenchLine } from './types.js';

function sessionInput(trackId: string, laps: number): { input: SessionInput; frames: number } {
  const run = createDemoRun({ trackId, laps, seed: 42 });
  const byLap = new Map<number, TelemetryFrame[]>();
  let frames = 0;
  for (const f of run.frames()) {
    const list = byLap.get(f.lap) ?? [];
    list.push(f);
    byLap.set(f.lap, list);
    frames++;
  }
  const gt = run.groundTruth;
  const inputs: LapInput[] = [...byLap.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([number, list]) => {
      const timed = number >= 1 && number <= laps;
      const first = list[0]!.t;
      const last = list[list.length - 1]!.t;
      const lap: Lap = timed
        ? { number, time: gt.lapTimes[number - 1]!, timeSource: 'game', valid: true, category: 'flying', sectors: [...gt.sectorTimes[number - 1]!], startT: gt.lineTimes[number - 1]!, endT: gt.lineTimes[number]! }
        : { number, time: last - first, timeSource: 'interpolated', valid: false, category: 'incomplete', sectors: [], startT: first, endT: last };
      return { lap, trace: toTrace(list) };
    });
  return { input: { laps: inputs, session: run.session }, frames };
}

/** ms per call: median (and minimum) of `runs` timed calls after `warm` untimed ones. */
function time(fn: () => unknown, runs = 21, warm = 5): { median: number; min: number } {
  for (let i = 0; i < warm; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1]!, min: samples[0]! };
}

export const bench: Bench = {
  area: 'analysis',
  async run(): Promise<readonly BenchLine[]> {
    const lines: BenchLine[] = [];
    // ~72k frames: 13 laps of the 88 s harbour track; and 20 laps of the 92 s kestrel track (~111k).
    const sessions = (
      [
        ['harbour', 13],
        ['kestrel', 20],
      ] as const
    ).map(([trackId, laps]) => ({ trackId, laps, ...sessionInput(trackId, laps) }));
    // Warm the JIT on both before timing either (the first timed call otherwise pays for tier-up).
    for (let i = 0; i < 10; i++) for (const s of sessions) analyzeSession(s.input);
    for (const { trackId, laps, input, frames } of sessions) {
      const t = time(() => analyzeSession(input));
      // DESIGN.md: ≤ 60 ms for ~72k frames; the longer session's budget scales with its frames.
      const budget = Math.max(60, Math.round((60 * frames) / 72_000));
      lines.push({
        name: `analyzeSession ${trackId} ${laps} laps (${Math.round(frames / 1000)}k frames)`,
        value: t.median,
        unit: 'ms',
        budget,
        budgetKind: 'max',
        note: `median of 21; min ${t.min.toFixed(1)} ms${budget > 60 ? '; budget scaled from 60 ms per 72k frames' : ''}`,
      });
    }

    const { input } = sessions[1]!;
    const length = input.session.trackLength!;
    const grid = makeGrid(length);
    const timed = input.laps.filter((l) => l.lap.category === 'flying');
    const resampled = timed.map((l) => resampleLap(l.trace, l.lap, grid));
    const kernels: [string, () => unknown][] = [
      ['resample 20 laps × 10 channels, 1 m grid', () => timed.map((l) => resampleLap(l.trace, l.lap, grid))],
      ['track model (median, smoothing, curvature)', () => buildTrackModel(resampled)],
      ['grip envelope (P98 histograms, 20 laps)', () => gripEnvelope(timed.map((l) => l.trace))],
      ['shift points (torque-shape fit, 20 laps)', () => analyzeShifts(timed.map((l) => l.trace))],
    ];
    for (const [name, fn] of kernels) {
      const t = time(fn);
      lines.push({ name, value: t.median, unit: 'ms', note: `min ${t.min.toFixed(2)} ms` });
    }

    const live = createLiveDelta(resampled[0]!);
    const calls = 1_000_000;
    const t = time(() => {
      let acc = 0;
      for (let i = 0; i < calls; i++) acc += live((i * 0.37) % length, 50) ?? 0;
      return acc;
    }, 5, 1);
    lines.push({ name: 'live delta lookup', value: (t.median * 1e6) / calls, unit: 'ns/call', budget: 1000, budgetKind: 'max', note: 'research target < 1 µs per frame' });
    return lines;
  },
};
