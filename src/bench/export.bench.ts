/**
 * `racecraft export` of a one-hour session, process start included: a 60 Hz, 20-channel session
 * of 40 laps (216,000 frames) in a temporary database, exported by the built CLI as NDJSON and
 * CSV to /dev/null and through a pipe, and as JSON for comparison. The child's peak RSS
 * (getrusage maxRSS, reported by a preloaded exit hook) is set against the same export of a
 * two-hour session: NDJSON and CSV stream lap by lap, so twice the session must not take more
 * memory. Budget 15 MB of growth: run-to-run noise is a few MB, while keeping an hour's traces
 * would add 20 MB (216,000 frames × 96 B) and an hour's NDJSON text 72 MB.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChannelName, Lap, Trace } from '../engine/model/index.js';
import { openStore } from '../store/index.js';
import type { Bench, BenchLine } from './types.js';

const RATE = 60;
const LAP_S = 90;
const HOUR_LAPS = 40;
const CHANNELS: ChannelName[] = [
  'lapDistance', 'lapTime', 'speed', 'rpm', 'gear', 'throttle', 'brake', 'clutch', 'steer', 'gLat',
  'gLon', 'gVert', 'posX', 'posY', 'posZ', 'yaw', 'fuel', 'engineTemp', 'tyreTempFL', 'tyreTempFR',
];
const MB = 1024 * 1024;
const BIN = fileURLToPath(new URL('../../bin/racecraft.js', import.meta.url));
/** Preloaded into the child: its peak RSS (KiB) on stderr as the last line, however it exits. */
const MAXRSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss='+process.resourceUsage().maxRSS+'\\n'))`;

/** A session of `laps` laps of 90 s at 60 Hz with 20 smoothly varying channels. */
function makeSession(db: string, laps: number): void {
  const store = openStore(db);
  try {
    const id = store.sessions.create({ game: 'demo', trackName: 'Bench Ring', trackLength: 4000 }, { source: 'demo', startedAt: Date.UTC(2025, 0, 1) });
    const n = LAP_S * RATE;
    for (let k = 0; k < laps; k++) {
      const t = new Float64Array(n);
      const distance = new Float64Array(n);
      const channels: Partial<Record<ChannelName, Float32Array>> = {};
      for (const name of CHANNELS) channels[name] = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const x = k * LAP_S + i / RATE;
        t[i] = x;
        distance[i] = (i / n) * 4000;
        CHANNELS.forEach((name, c) => {
          channels[name]![i] = 100 * Math.sin(x * (0.1 + c * 0.01)) + c;
        });
      }
      channels.lapDistance = Float32Array.from(distance);
      const trace: Trace = { length: n, t, distance, channels };
      const lap: Lap = { number: k + 1, time: LAP_S, timeSource: 'game', valid: true, category: 'flying', sectors: [], startT: t[0]!, endT: t[0]! + LAP_S };
      store.laps.insert(id, lap, trace);
    }
    store.sessions.finish(id, Date.UTC(2025, 0, 1) + laps * LAP_S * 1000);
  } finally {
    store.close();
  }
}

type Run = { seconds: number; maxRssMb: number; bytes: number };

/** Runs the CLI with stdout to /dev/null ('null') or into a pipe this process drains ('pipe'). */
function exportRun(args: readonly string[], stdout: 'null' | 'pipe'): Promise<Run> {
  const devNull = stdout === 'null' ? openSync('/dev/null', 'w') : undefined;
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', MAXRSS_HOOK, BIN, ...args], { stdio: ['ignore', devNull ?? 'pipe', 'pipe'] });
  let bytes = 0;
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (bytes += d.length));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (devNull !== undefined) closeSync(devNull);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const rss = /maxrss=(\d+)/.exec(stderr);
      if (code !== 0 || !rss) reject(new Error(`racecraft ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ seconds, maxRssMb: Number(rss[1]) / 1024, bytes });
    });
  });
}

export const bench: Bench = {
  area: 'export',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'racecraft-export-bench-'));
    try {
      const dbs = { lap: join(dir, 'lap.db'), hour: join(dir, 'hour.db'), twoHours: join(dir, 'two-hours.db') };
      makeSession(dbs.lap, 1);
      makeSession(dbs.hour, HOUR_LAPS);
      makeSession(dbs.twoHours, 2 * HOUR_LAPS);
      const frames = HOUR_LAPS * LAP_S * RATE;
      const lines: BenchLine[] = [];
      for (const format of ['ndjson', 'csv'] as const) {
        const args = (db: string): string[] => ['export', 'session', '--format', format, '--db', db];
        const lap = await exportRun(args(dbs.lap), 'null');
        const hour = await exportRun(args(dbs.hour), 'null');
        const twoHours = await exportRun(args(dbs.twoHours), 'null');
        const piped = await exportRun(args(dbs.hour), 'pipe');
        lines.push(
          { name: `export ${format}, 1 h at 60 Hz to /dev/null (${CHANNELS.length} ch)`, value: hour.seconds, unit: 's', note: `${(frames / hour.seconds).toFixed(0)} frames/s, process start included` },
          { name: `export ${format}, 1 h through a pipe`, value: piped.seconds, unit: 's', note: `${(piped.bytes / MB).toFixed(0)} MB read by the parent; peak RSS ${piped.maxRssMb.toFixed(0)} MB` },
          {
            name: `export ${format} peak RSS, 1 h`,
            value: hour.maxRssMb,
            unit: 'MB',
            note: `1 lap ${lap.maxRssMb.toFixed(0)} MB, 2 h ${twoHours.maxRssMb.toFixed(0)} MB (1 lap → 1 h is the garbage collector's working room, mostly the young generation; it stops growing, see 2 h)`,
          },
          // Flat: twice the session, the same memory.
          { name: `export ${format} peak RSS growth, 1 h → 2 h`, value: twoHours.maxRssMb - hour.maxRssMb, unit: 'MB', budget: 15, budgetKind: 'max' },
        );
      }
      // JSON holds the whole session (the analysis needs every lap): shown for comparison, no budget.
      const json = await exportRun(['export', 'session', '--format', 'json', '--db', dbs.hour], 'null');
      lines.push({ name: 'export json (with analysis), 1 h, peak RSS', value: json.maxRssMb, unit: 'MB', note: `${json.seconds.toFixed(2)} s` });
      return lines;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
