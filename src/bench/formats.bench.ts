/**
 * Text export of a long session: NDJSON (and CSV) of a one-hour 60 Hz session — 216,000 frames,
 * 20 channels — streamed line by line into a null sink. Measures throughput and whether memory
 * stays flat while streaming (peak RSS growth over the pre-export baseline; budget 50 MB: the
 * exporters must never build the whole text).
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { ChannelName, Lap, Trace } from '../engine/model/index.js';
import { csvLines } from '../store/formats/csv/write.js';
import { ndjsonLines } from '../store/formats/json/ndjson.js';
import type { ImportedLap, ImportedSession } from '../store/formats/types.js';
import type { Bench, BenchLine } from './types.js';

const RATE = 60;
const LAP_S = 90;
const FRAMES = 3600 * RATE;
const CHANNELS: ChannelName[] = [
  'lapDistance', 'lapTime', 'speed', 'rpm', 'gear', 'throttle', 'brake', 'clutch', 'steer', 'gLat',
  'gLon', 'gVert', 'posX', 'posY', 'posZ', 'yaw', 'fuel', 'engineTemp', 'tyreTempFL', 'tyreTempFR',
];
const MB = 1024 * 1024;

/** A full GC between phases, so RSS/heap figures compare like with like. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

function hourSession(): ImportedSession {
  const laps: ImportedLap[] = [];
  const perLap = LAP_S * RATE;
  for (let start = 0, number = 1; start < FRAMES; start += perLap, number++) {
    const n = Math.min(perLap, FRAMES - start);
    const t = new Float64Array(n);
    const distance = new Float64Array(n);
    const channels: Partial<Record<ChannelName, Float32Array>> = {};
    for (const name of CHANNELS) channels[name] = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const x = (start + i) / RATE;
      t[i] = x;
      distance[i] = (i / perLap) * 4000;
      CHANNELS.forEach((name, c) => {
        channels[name]![i] = 100 * Math.sin(x * (0.1 + c * 0.01)) + c;
      });
    }
    const trace: Trace = { length: n, t, distance, channels };
    const lap: Lap = { number, time: n / RATE, timeSource: 'game', valid: true, category: 'flying', sectors: [], startT: t[0]!, endT: t[0]! + n / RATE };
    laps.push({ lap, trace });
  }
  return { session: { game: 'demo', trackName: 'Bench Ring' }, laps, warnings: [] };
}

/** Drain a line generator into a null sink, sampling memory every 5,000 lines. */
function drain(lines: Iterable<string>): { seconds: number; lines: number; bytes: number; peakRss: number; peakHeap: number } {
  let count = 0;
  let bytes = 0;
  let peakRss = 0;
  let peakHeap = 0;
  const start = process.hrtime.bigint();
  for (const line of lines) {
    bytes += line.length;
    if (++count % 5000 === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const m = process.memoryUsage();
  return { seconds, lines: count, bytes, peakRss: Math.max(peakRss, m.rss), peakHeap: Math.max(peakHeap, m.heapUsed) };
}

function measure(label: string, lines: () => Iterable<string>): BenchLine[] {
  collectGarbage();
  const before = process.memoryUsage();
  const r = drain(lines());
  const frames = FRAMES;
  return [
    { name: `${label} export, 1 h at 60 Hz (${CHANNELS.length} ch)`, value: frames / r.seconds, unit: 'frames/s', note: `${r.lines.toLocaleString('en-US')} lines, ${(r.bytes / MB).toFixed(0)} MB in ${r.seconds.toFixed(2)} s` },
    { name: `${label} export throughput`, value: r.bytes / MB / r.seconds, unit: 'MB/s' },
    {
      name: `${label} export peak RSS growth`,
      value: (r.peakRss - before.rss) / MB,
      unit: 'MB',
      budget: 50,
      budgetKind: 'max',
      note: `RSS ${(before.rss / MB).toFixed(0)} → peak ${(r.peakRss / MB).toFixed(0)} MB; heap ${(before.heapUsed / MB).toFixed(0)} → peak ${(r.peakHeap / MB).toFixed(0)} MB`,
    },
  ];
}

export const bench: Bench = {
  area: 'formats',
  async run() {
    const session = hourSession();
    return [...measure('NDJSON', () => ndjsonLines(session)), ...measure('CSV', () => csvLines(session.laps))];
  },
};
