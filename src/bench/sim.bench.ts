/**
 * The demo simulator: how fast `createDemoRun` builds a run and its frames are generated.
 * `racecraft demo --speed max` needs 5 laps in a fraction of a second of CPU.
 */
import { createDemoRun } from '../engine/sim/index.js';
import type { Bench, BenchLine } from './types.js';

const LAPS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type Timing = { buildMs: number; framesMs: number; cpuMs: number; frames: number; simulatedS: number };

function timeRun(trackId: string, seed: number): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = createDemoRun({ trackId, laps: LAPS, seed });
  const t1 = performance.now();
  let frames = 0;
  let lastT = 0;
  for (const frame of run.frames()) {
    frames++;
    lastT = frame.t;
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return { buildMs: t1 - t0, framesMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, frames, simulatedS: lastT };
}

export const bench: Bench = {
  area: 'sim',
  async run(): Promise<readonly BenchLine[]> {
    // The first run in a fresh process is what `racecraft demo` pays: JIT warm-up included.
    const cold = timeRun('kestrel', 1);
    const warm = Array.from({ length: 15 }, (_, i) => timeRun(i % 2 === 0 ? 'kestrel' : 'harbour', i + 2));
    const build = median(warm.map((r) => r.buildMs));
    const frames = median(warm.map((r) => r.framesMs));
    const perFrameUs = median(warm.map((r) => (r.framesMs * 1000) / r.frames));
    const realtime = median(warm.map((r) => r.simulatedS / ((r.buildMs + r.framesMs) / 1000)));
    return [
      { name: `demo run ${LAPS} laps, cold, wall (build + all frames)`, value: cold.buildMs + cold.framesMs, unit: 'ms', note: `${cold.frames} frames, ${cold.simulatedS.toFixed(0)} s simulated` },
      // CPU of this process (all threads, GC included): what `--speed max` costs, JIT warm-up included.
      { name: `demo run ${LAPS} laps, cold, CPU`, value: cold.cpuMs, unit: 'ms', budget: 500, budgetKind: 'max' },
      { name: `demo run ${LAPS} laps, warm median build`, value: build, unit: 'ms', budget: 100, budgetKind: 'max' },
      { name: `demo run ${LAPS} laps, warm median frames`, value: frames, unit: 'ms', budget: 100, budgetKind: 'max' },
      { name: 'frame generation', value: perFrameUs, unit: 'us/frame', budget: 2, budgetKind: 'max' },
      { name: 'simulated time per wall time (warm)', value: realtime, unit: 'x', budget: 1000, budgetKind: 'min' },
    ];
  },
};
