import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { useTempDir } from './helpers.js';

/**
 * A recorder killed with SIGKILL mid-lap loses at most the frames since its last checkpoint.
 * The child is real node running the BUILT store (dist/store), because a SIGKILL must hit a real
 * process with its own SQLite connection; `npm test` builds first. When dist is missing or older
 * than src/store this suite is skipped, saying so, rather than testing stale code.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST_STORE = join(ROOT, 'dist/store/index.js');

function staleReason(): string | undefined {
  if (!existsSync(DIST_STORE)) return 'dist/store is not built (run `npm run build`)';
  const srcDir = join(ROOT, 'src/store');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of walk(srcDir).filter((f) => /\.(ts|sql)$/.test(f) && !/\/(formats|library)\//.test(f))) {
    const built = join(ROOT, 'dist/store', relative(srcDir, file).replace(/\.ts$/, '.js'));
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(file).mtimeMs) return `dist is older than ${relative(ROOT, file)} (run \`npm run build\`)`;
  }
  return undefined;
}

const LAP_SAMPLES = 90;
const CHUNK_SAMPLES = 6;

/**
 * The child: a recorder at 60 Hz that checkpoints every 6 samples (every 50 ms here, 100 ms of
 * game time) and stores each completed 90-sample lap; it prints a line after each commit.
 * Sample i is a pure function of i, so the parent can check every recovered value.
 */
const CHILD = `
import { openStore } from ${JSON.stringify(pathToFileURL(DIST_STORE).href)};
const sample = (i) => ({ t: 100 + i / 60, distance: (i % ${LAP_SAMPLES}) * 2.5, speed: 50 + 10 * Math.sin(i / 20), gear: 1 + Math.floor(i / 60) % 7 });
const trace = (from, to) => {
  const n = to - from, t = new Float64Array(n), distance = new Float64Array(n), speed = new Float32Array(n), gear = new Float32Array(n);
  for (let k = 0; k < n; k++) { const s = sample(from + k); t[k] = s.t; distance[k] = s.distance; speed[k] = s.speed; gear[k] = s.gear; }
  return { length: n, t, distance, channels: { speed, gear } };
};
const store = openStore(process.argv[1]);
const session = store.sessions.create({ game: 'demo', trackKey: 'crash-test' }, { source: 'demo', startedAt: Date.now() });
console.log(JSON.stringify({ event: 'session', session }));
let next = 0;
setInterval(() => {
  const lap = 1 + Math.floor(next / ${LAP_SAMPLES});
  const lapStart = (lap - 1) * ${LAP_SAMPLES};
  store.chunks.append(session, lap, trace(next, next + ${CHUNK_SAMPLES}));
  next += ${CHUNK_SAMPLES};
  console.log(JSON.stringify({ event: 'chunk', lap, samplesInLap: next - lapStart }));
  if (next - lapStart === ${LAP_SAMPLES}) {
    const tr = trace(lapStart, next);
    store.laps.insert(session, { number: lap, time: tr.t[tr.length - 1] - tr.t[0], timeSource: 'interpolated', valid: true,
      category: 'flying', sectors: [], startT: tr.t[0], endT: tr.t[tr.length - 1] }, tr);
    console.log(JSON.stringify({ event: 'lap', lap }));
  }
}, 50);
`;

type ChildLine = { event: 'session'; session: number } | { event: 'chunk'; lap: number; samplesInLap: number } | { event: 'lap'; lap: number };

/** Runs the child until `shouldKill` says so, SIGKILLs it, and resolves once it is reaped. */
function runAndKill(dbPath: string, shouldKill: (line: ChildLine, seen: readonly ChildLine[]) => boolean): Promise<ChildLine[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    const seen: ChildLine[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as ChildLine;
      seen.push(line);
      if (shouldKill(line, seen)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`child exited ${code}: ${stderr}`))));
    child.on('error', reject);
  });
}

const reason = staleReason();
const suite = reason ? describe.skip : describe;
if (reason) console.warn(`\n*** test/store/crash-safety.test.ts SKIPPED: ${reason} ***\n`);

suite(`crash safety (child process, SIGKILL mid-lap)${reason ? ` — SKIPPED: ${reason}` : ''}`, () => {
  const tempDir = useTempDir();

  it('keeps every committed lap and checkpoint; recovery rebuilds the partial lap', async () => {
    const dbPath = join(tempDir(), 'racecraft.db');
    // Kill two laps and five checkpoints in: lap 3 is 30 samples (0.5 s) into its 1.5 s.
    const seen = await runAndKill(dbPath, (line, all) => line.event === 'chunk' && line.lap === 3 && all.filter((l) => l.event === 'lap').length === 2 && line.samplesInLap >= 30);
    const session = (seen[0] as Extract<ChildLine, { event: 'session' }>).session;
    const lastChunk = seen.filter((l): l is Extract<ChildLine, { event: 'chunk' }> => l.event === 'chunk').at(-1)!;

    const store = openStore(dbPath);
    try {
      expect(store.integrityCheck()).toBe('ok');
      expect(store.sessions.get(session)!.recording).toBe(true);
      const [report] = store.recoverOpenSessions(Date.now());
      // Everything the child reported committed is there; at most the one append in flight more.
      expect(report!.sessionId).toBe(session);
      expect(report!.lapsRecovered).toBe(1);
      expect(report!.samples).toBeGreaterThanOrEqual(lastChunk.samplesInLap);
      expect(report!.samples).toBeLessThanOrEqual(lastChunk.samplesInLap + CHUNK_SAMPLES);

      const laps = store.laps.list(session);
      expect(laps.map((l) => [l.number, l.category, l.valid, l.sampleCount])).toEqual([
        [1, 'flying', true, LAP_SAMPLES],
        [2, 'flying', true, LAP_SAMPLES],
        [3, 'incomplete', false, report!.samples],
      ]);
      for (const lap of laps) {
        const trace = store.laps.loadTrace(lap.id);
        const first = (lap.number - 1) * LAP_SAMPLES;
        for (let k = 0; k < trace.length; k++) {
          const i = first + k;
          expect(trace.t[k]).toBe(100 + i / 60);
          expect(trace.distance[k]).toBe((i % LAP_SAMPLES) * 2.5);
          expect(trace.channels.speed![k]).toBe(Math.fround(50 + 10 * Math.sin(i / 20)));
          expect(trace.channels.gear![k]).toBe(1 + (Math.floor(i / 60) % 7));
        }
      }
      // The partial lap's last sample is within one checkpoint (0.1 s of game time) of the kill.
      const partial = laps[2]!;
      expect(partial.endT).toBeGreaterThanOrEqual(100 + (2 * LAP_SAMPLES + lastChunk.samplesInLap - 1) / 60);
      expect(store.chunks.forSession(session)).toEqual([]);
      expect(store.sessions.get(session)).toMatchObject({ recovered: true, recording: false, lapCount: 3 });
      expect(store.integrityCheck()).toBe('ok');
    } finally {
      store.close();
    }
  });
});
