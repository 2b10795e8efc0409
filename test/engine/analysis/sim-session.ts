/**
 * Turn a demo-simulator run into analysis input the way the recorder will: frames split by the
 * game's lap counter, one Lap per timed lap with the sim's exact line crossings (test-only).
 */
import { createDemoRun, type DemoRun, type DemoRunOptions } from '../../../src/engine/sim/index.js';
import type { Lap } from '../../../src/engine/model/lap.js';
import type { TelemetryFrame } from '../../../src/engine/model/frame.js';
import { toTrace } from '../../../src/engine/model/trace.js';
import type { LapInput, SessionInput } from '../../../src/engine/analysis/index.js';

export function simLaps(run: DemoRun): LapInput[] {
  const byLap = new Map<number, TelemetryFrame[]>();
  for (const f of run.frames()) {
    const list = byLap.get(f.lap) ?? [];
    list.push(f);
    byLap.set(f.lap, list);
  }
  const gt = run.groundTruth;
  const out: LapInput[] = [];
  for (const [number, frames] of [...byLap.entries()].sort((a, b) => a[0] - b[0])) {
    const timed = number >= 1 && number <= gt.lapTimes.length;
    const first = frames[0]!.t;
    const last = frames[frames.length - 1]!.t;
    const lap: Lap = timed
      ? {
          number,
          time: gt.lapTimes[number - 1]!,
          timeSource: 'game',
          valid: true,
          category: 'flying',
          sectors: [...gt.sectorTimes[number - 1]!],
          startT: gt.lineTimes[number - 1]!,
          endT: gt.lineTimes[number]!,
        }
      : { number, time: last - first, timeSource: 'interpolated', valid: false, category: 'incomplete', sectors: [], startT: first, endT: last };
    out.push({ lap, trace: toTrace(frames) });
  }
  return out;
}

export function simSession(options: DemoRunOptions): { run: DemoRun; input: SessionInput } {
  const run = createDemoRun(options);
  return { run, input: { laps: simLaps(run), session: run.session } };
}
