/**
 * `racecraft report lap N` wall time, process start included (DESIGN.md: ≤ 400 ms on a 20-lap,
 * 60 Hz session). Records a 20-lap demo session into a temporary database the way `racecraft
 * demo` does (simulator frames → Recorder → store), then spawns the built binary several times
 * and reports the median, with the CPU time of the child (less sensitive to a busy machine) and a
 * `racecraft laps` run on the same database as the start-up baseline every command pays.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Recorder } from '../engine/capture/recorder.js';
import { createDemoRun, type PlantedError } from '../engine/sim/index.js';
import { storeSink } from '../cli/live-session.js';
import { demoPinnedInfo } from '../cli/commands/demo-run.js';
import type { Store } from '../store/index.js';
import { openStore } from '../store/index.js';
import { waitedChildrenCpuMs } from './proc-cpu.js';
import type { Bench, BenchLine } from './types.js';

export type DemoSessionOptions = {
  readonly trackId?: string;
  /** Timed flying laps. */
  readonly laps: number;
  readonly seed?: number;
  /** Frames per second. Default 60. */
  readonly hz?: number;
  readonly plantedErrors?: readonly PlantedError[];
};

/**
 * Records a demo run into `store` as `racecraft demo` would, minus the UDP round trip: the
 * simulator's frames go through the same Recorder (lap tracker, checkpoints, lap inserts) into
 * the store. Returns the session id.
 */
export function recordDemoSession(store: Store, options: DemoSessionOptions): number {
  const run = createDemoRun({ trackId: options.trackId ?? 'kestrel', laps: options.laps, seed: options.seed ?? 1, ...(options.hz === undefined ? {} : { hz: options.hz }), plantedErrors: options.plantedErrors ?? [] });
  // A fixed clock: no crash checkpoints are due, which changes nothing that is stored (a lap's
  // checkpoints are deleted when the lap is inserted) and keeps the fixture fast.
  const now = (): number => 1_700_000_000_000;
  const recorder = new Recorder(storeSink(store, 'demo'), undefined, { game: 'demo', now, session: run.session, pinned: demoPinnedInfo(run.session) });
  for (const frame of run.frames()) recorder.handle({ kind: 'frame', frame });
  const summary = recorder.stop();
  const id = summary.sessionIds[0];
  if (id === undefined) throw new Error('the demo run recorded no session');
  return id;
}

const BIN = fileURLToPath(new URL('../../bin/racecraft.js', import.meta.url));
const RUNS = 7;
const LAPS = 20;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type Timing = { wallMs: number; cpuMs: number | undefined };

/** One spawn of the binary: wall clock around the whole process, and the child's CPU time. */
function timeCli(args: readonly string[]): Timing {
  return timeNode([BIN, ...args]);
}

function timeNode(args: readonly string[]): Timing {
  const cpu0 = waitedChildrenCpuMs();
  const t0 = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  const cpu1 = waitedChildrenCpuMs();
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { wallMs, cpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}

function cpuLine(name: string, timings: readonly Timing[]): BenchLine[] {
  const cpu = timings.map((t) => t.cpuMs).filter((v): v is number => v !== undefined);
  return cpu.length === timings.length ? [{ name, value: median(cpu), unit: 'ms', note: 'user+system CPU of the child (10 ms ticks): less sensitive to a busy machine' }] : [];
}

export const bench: Bench = {
  area: 'report',
  async run(): Promise<readonly BenchLine[]> {
    const dir = mkdtempSync(join(tmpdir(), 'racecraft-bench-report-'));
    try {
      const db = join(dir, 'bench.db');
      const store = openStore(db);
      const t0 = performance.now();
      recordDemoSession(store, { laps: LAPS, seed: 7 });
      const recordMs = performance.now() - t0;
      store.close();
      const args = ['report', 'lap', '10', '--db', db];
      timeCli(args); // warm the OS file cache and store the track's corner catalog once
      const report = Array.from({ length: RUNS }, () => timeCli(args));
      const json = Array.from({ length: RUNS }, () => timeCli([...args, '--json']));
      const laps = Array.from({ length: RUNS }, () => timeCli(['laps', '--db', db]));
      const node = Array.from({ length: RUNS }, () => timeNode(['-e', '0']));
      return [
        { name: `report lap 10 (20 laps, 60 Hz), wall, median of ${RUNS}`, value: median(report.map((r) => r.wallMs)), unit: 'ms', budget: 400, budgetKind: 'max', note: 'process start included' },
        ...cpuLine('report lap 10, CPU, median', report),
        { name: 'report lap 10 --json, wall, median', value: median(json.map((r) => r.wallMs)), unit: 'ms' },
        { name: 'laps (start-up baseline), wall, median', value: median(laps.map((r) => r.wallMs)), unit: 'ms' },
        ...cpuLine('laps (start-up baseline), CPU, median', laps),
        { name: 'node -e 0 (the machine\'s process start), wall, median', value: median(node.map((r) => r.wallMs)), unit: 'ms' },
        { name: 'recording the 20-lap demo session in-process', value: recordMs, unit: 'ms' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
