/**
 * Library server budget (issue 7): pulls from a 1,000-item library on loopback sustain at least
 * 1,000 requests/s with p99 under 50 ms and no errors, on the 2-core machine.
 *
 * The server runs in a worker thread (its own event loop, as a separate `racecraft serve`
 * process would) on an SQLite library of 1,000 items: 450 tracks (200-point centerlines),
 * 450 car profiles and 100 reference laps (3,000 one-metre samples of 4 channels). It logs
 * every request at info level (to /dev/null) and gzips, as in production. The load generator
 * is real HTTP over 127.0.0.1 with 16 keep-alive connections sending Accept-Encoding: gzip,
 * like the sync client: (1) pull pages, GET /v1/items?since=<random cursor>&limit=100;
 * (2) body downloads, GET /v1/items/<random id>. Each phase runs 3 s (bounded by count too).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { issueToken } from '../store/library/routes.js';
import { itemContent, itemFacts, itemKey, type CarItem, type ItemKind, type LibraryItem, type ReferenceItem, type TrackItem } from '../store/library/items.js';
import { createLibraryServer } from '../store/library/server.js';
import { createSqliteBackend } from '../store/library/sqlite-backend.js';
import type { Bench, BenchLine } from './types.js';

const ITEMS = { track: 450, car: 450, reference: 100 } as const;
const CONCURRENCY = 16;
const PHASE_MS = 3000;
const MAX_REQUESTS_PER_PHASE = 200_000;
const WORKER_ROLE = 'racecraft-library-bench-server';

function track(i: number): TrackItem {
  const radius = 300 + i;
  const length = Math.round(2 * Math.PI * radius * 100) / 100;
  const n = 200;
  const s: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < n; k++) {
    const d = (k * length) / n;
    s.push(Math.round(d * 100) / 100);
    x.push(Math.round(radius * Math.cos(d / radius) * 100) / 100);
    y.push(Math.round(radius * Math.sin(d / radius) * 100) / 100);
  }
  return { game: 'demo', key: `track-${i}`, name: `Bench track ${i}`, length, centerline: { s, x, y }, sectors: [Math.round(length / 3), Math.round((2 * length) / 3)], corners: [{ number: 1, direction: 'left', start: 10, apex: 50, end: 90 }] };
}

function car(i: number): CarItem {
  return {
    game: 'demo',
    key: `car-${i}`,
    name: `Bench car ${i}`,
    gears: 6,
    maxRpm: 8000 + i,
    shiftPoints: [1, 2, 3, 4, 5].map((gear) => ({ gear, rpm: 7600 + gear * 10 + (i % 50) })),
    gripEnvelope: { percentile: 95, speedEdges: [0, 20, 40, 60, 80], angleBins: 8, g: [0, 1, 2, 3].map((r) => Array.from({ length: 8 }, (_, a) => Math.round((1 + 0.1 * r + 0.01 * a + 0.001 * (i % 10)) * 1000) / 1000)) },
  };
}

function reference(i: number): ReferenceItem {
  const n = 3000;
  const speed: number[] = [];
  const lapTime: number[] = [];
  const throttle: number[] = [];
  const brake: number[] = [];
  let t = 0;
  for (let d = 0; d < n; d++) {
    const v = 40 + 15 * Math.sin(d / 120 + i);
    speed.push(Math.round(v * 1000) / 1000);
    lapTime.push(Math.round(t * 1000) / 1000);
    throttle.push(Math.round(Math.max(0, Math.cos(d / 120 + i)) * 1000) / 1000);
    brake.push(Math.round(Math.max(0, -Math.cos(d / 120 + i)) * 1000) / 1000);
    t += 1 / v;
  }
  return { game: 'demo', track: `track-${i % 450}`, car: `car-${i % 450}`, driver: `Driver ${i}`, lapTime: Math.round(t * 1000) / 1000, channels: { speed, lapTime, throttle, brake } };
}

/** Builds the 1,000-item library and a read token; returns the item ids. */
async function seed(path: string): Promise<{ ids: string[]; token: string; cursor: number }> {
  const backend = createSqliteBackend(path);
  const ids: string[] = [];
  const add = async (kind: ItemKind, item: LibraryItem): Promise<void> => {
    const { id, body } = itemContent(item);
    await backend.push({ kind, key: itemKey(kind, item), baseVersion: 0, id, body, author: 'bench', ...itemFacts(kind, item) });
    ids.push(id);
  };
  for (let i = 0; i < ITEMS.track; i++) await add('track', track(i));
  for (let i = 0; i < ITEMS.car; i++) await add('car', car(i));
  for (let i = 0; i < ITEMS.reference; i++) await add('reference', reference(i));
  const { token } = await issueToken(backend, 'read', 'bench');
  const { cursor } = await backend.stats();
  await backend.close();
  return { ids, token, cursor };
}

/** Worker side: serve the library until told to stop. */
async function runServerWorker(db: string): Promise<void> {
  const backend = createSqliteBackend(db);
  const app = createLibraryServer({ backend, logger: { level: 'info', file: '/dev/null' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  parentPort!.postMessage({ port: typeof address === 'object' && address ? address.port : 0 });
  parentPort!.once('message', () => {
    void app.close().then(() => backend.close()).then(() => parentPort!.postMessage({ closed: true }));
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  await runServerWorker((workerData as { db: string }).db);
}

type PhaseResult = { requests: number; errors: number; seconds: number; p50: number; p99: number; bytes: number };

/** `CONCURRENCY` clients each sending one request after another until the phase ends. */
async function phase(port: number, token: string, nextPath: () => string): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const start = performance.now();
  const deadline = start + PHASE_MS;
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const began = performance.now();
      const req = request({ host: '127.0.0.1', port, path: nextPath(), agent, headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } }, (res) => {
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          latencies.push(performance.now() - began);
          resolve();
        });
        res.on('error', () => (errors++, resolve()));
      });
      req.on('error', () => (errors++, resolve()));
      req.end();
    });
  const client = async (): Promise<void> => {
    while (performance.now() < deadline && latencies.length + errors < MAX_REQUESTS_PER_PHASE) await once();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { requests: latencies.length, errors, seconds, p50: at(0.5), p99: at(0.99), bytes };
}

/** Deterministic pseudo-random picks (the bench must not depend on Math.random luck). */
function picker(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

export const bench: Bench = {
  area: 'library',
  async run(): Promise<BenchLine[]> {
    const dir = mkdtempSync(join(tmpdir(), 'racecraft-library-bench-'));
    const db = join(dir, 'library.db');
    try {
      const { ids, token, cursor } = await seed(db);
      const worker = new Worker(new URL(import.meta.url), { workerData: { role: WORKER_ROLE, db } });
      const port = await new Promise<number>((resolve, reject) => {
        worker.once('message', (m: { port: number }) => resolve(m.port));
        worker.once('error', reject);
      });
      try {
        const pick = picker(7);
        // Warm-up: JIT, statement cache, page cache.
        await phase(port, token, () => `/v1/items?since=${pick(cursor)}&limit=100`);
        const pages = await phase(port, token, () => `/v1/items?since=${pick(cursor)}&limit=100`);
        const bodies = await phase(port, token, () => `/v1/items/${ids[pick(ids.length)]}`);
        const lines = (label: string, r: PhaseResult): BenchLine[] => [
          { name: `${label}: requests/s (16 connections)`, value: r.requests / r.seconds, unit: 'req/s', budget: 1000, budgetKind: 'min', note: `${r.requests} in ${r.seconds.toFixed(1)} s, ${((r.bytes / r.seconds) / 1e6).toFixed(1)} MB/s gzip` },
          { name: `${label}: p99 latency`, value: r.p99, unit: 'ms', budget: 50, budgetKind: 'max', note: `p50 ${r.p50.toFixed(2)} ms` },
          { name: `${label}: errors`, value: r.errors, unit: 'requests', budget: 0, budgetKind: 'max' },
        ];
        return [...lines('pull pages (limit 100)', pages), ...lines('item downloads', bodies)];
      } finally {
        worker.postMessage('stop');
        await new Promise((resolve) => worker.once('message', resolve));
        await worker.terminate();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
