import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelName, type Trace } from '../../src/engine/model/index.js';
import { motecEncoding } from '../../src/store/formats/motec/channel-map.js';
import { gridSnap } from '../../src/store/formats/motec/export.js';
import { openStore, type LapRecord } from '../../src/store/index.js';
import { assertBuilt, collect, runCli, startCli, tempDir, type CliResult } from '../helpers/cli.js';
import { lowerBound } from '../../src/store/formats/laps.js';

type Loaded = { laps: LapRecord[]; traces: Trace[]; info: Record<string, unknown> };

function load(db: string): Loaded {
  const store = openStore(db);
  try {
    const laps = store.laps.list(1);
    return { laps, traces: laps.map((l) => store.laps.loadTrace(l.id)), info: store.sessions.get(1)!.info as Record<string, unknown> };
  } finally {
    store.close();
  }
}

/** Half the last written digit in SI: what a value may move by when written with `dec` decimals in `factor`·SI units. */
const halfStep = (dec: number, factor = 1): number => 0.5 / (Math.abs(factor) * 10 ** dec);
/** Both sides are float32: a few units in the last place of the value. */
const f32 = (v: number): number => Math.abs(v) * 2.5e-7;

/**
 * Compares every channel sample of `back` with the original at the same time (`shift` maps
 * back's clock onto the original's). A text format wrote each sample's own time (rounded to µs):
 * it is compared with the nearest original sample. MoTeC's fixed-rate grid (`snap` > 0) carries
 * the original sample within `snap` of a grid point exactly (the game's float32 times sit µs off
 * j/60); a grid point with none (a frame lost on loopback) is compared with what resampling puts
 * there: continuous channels interpolated between the neighbours, discrete ones held. Returns the
 * worst |difference| − tolerance per channel (≤ 0: within the written precision), how many samples
 * were compared, how many fell between original samples, and how many distinct original samples
 * were matched.
 */
function compare(
  original: Loaded,
  back: Loaded,
  shift: number,
  snap: number,
  tolerance: (name: ChannelName, v: number) => number,
): { worst: Map<ChannelName, number>; compared: number; between: number; matched: number } {
  const t = original.traces.flatMap((trace) => Array.from(trace.t));
  const column = (name: ChannelName): number[] => original.traces.flatMap((trace) => Array.from(trace.channels[name] ?? (name === 'lapDistance' ? trace.distance : new Float32Array(trace.length).fill(Number.NaN))));
  const columns = new Map<ChannelName, number[]>();
  const worst = new Map<ChannelName, number>();
  const matched = new Set<number>();
  let compared = 0;
  let between = 0;
  for (const trace of back.traces) {
    for (let i = 0; i < trace.length; i++) {
      const at = trace.t[i]! + shift;
      // The original sample at or just before `at`, and how far towards the next one `at` lies.
      const k = Math.max(0, Math.min(t.length - 1, lowerBound(t, at + 1e-9) - 1));
      let frac = k + 1 < t.length && at > t[k]! ? Math.min(1, (at - t[k]!) / (t[k + 1]! - t[k]!)) : 0;
      const near = frac > 0.5 ? k + 1 : k;
      const exact = snap > 0 ? Math.abs(t[near]! - at) <= snap : Math.abs(t[near]! - at) <= 1e-5;
      // A text format wrote the sample's own time; the grid carries the sample it snapped to.
      if (snap === 0 || exact) frac = near === k ? 0 : 1;
      if (exact) matched.add(near);
      else between++;
      compared++;
      for (const [name, values] of Object.entries(trace.channels) as [ChannelName, Float32Array][]) {
        if (!columns.has(name)) columns.set(name, column(name));
        const o = columns.get(name)!;
        const a = o[k]!;
        const b = o[Math.min(k + 1, o.length - 1)]!;
        const expected = frac === 1 ? b : frac === 0 || CHANNELS[name].kind === 'discrete' || Number.isNaN(b) || (name === 'lapDistance' && b < a) ? a : a + (b - a) * frac;
        const v = values[i]!;
        const excess = Number.isNaN(expected) && Number.isNaN(v) ? -1 : Math.abs(v - expected) - tolerance(name, expected);
        worst.set(name, Math.max(worst.get(name) ?? -Infinity, Number.isNaN(excess) ? Infinity : excess));
      }
    }
  }
  return { worst, compared, between, matched: matched.size };
}

describe('interchange round trips of a demo session through racecraft export and import (end to end)', () => {
  const tmp = tempDir();
  const files = { ld: join(tmp.dir, 'x.ld'), json: join(tmp.dir, 'x.json'), csv: join(tmp.dir, 'x.csv') };
  const dbs = { motec: join(tmp.dir, 'motec.db'), json: join(tmp.dir, 'json.db'), csv: join(tmp.dir, 'csv.db') };
  const exports: Record<string, CliResult> = {};
  const imports: Record<string, CliResult> = {};
  let original: Loaded;

  beforeAll(async () => {
    assertBuilt();
    const demo = await runCli(['demo', '--laps', '2', '--speed', 'max', '--headless', '--db', tmp.db], { timeoutMs: 90_000 });
    expect(demo.code).toBe(0);
    original = load(tmp.db);
    const [motec, json, csv] = await Promise.all([
      runCli(['export', 'session', '--format', 'motec', '-o', files.ld, '--db', tmp.db]),
      runCli(['export', 'session', '--format', 'json', '-o', files.json, '--db', tmp.db]),
      runCli(['export', 'session', '1', '--format', 'csv', '-o', files.csv, '--db', tmp.db]),
    ]);
    Object.assign(exports, { motec, json, csv });
    const [motecBack, jsonBack, csvBack] = await Promise.all([
      runCli(['import', files.ld, '--json', '--db', dbs.motec]),
      runCli(['import', files.json, '--json', '--db', dbs.json]),
      runCli(['import', files.csv, '--json', '--db', dbs.csv]),
    ]);
    Object.assign(imports, { motec: motecBack, json: jsonBack, csv: csvBack });
  }, 150_000);
  afterAll(() => tmp.cleanup());

  it('exports to files with nothing on stdout and imports each back', () => {
    for (const [format, r] of Object.entries(exports)) {
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      expect(r.stdout, format).toBe('');
    }
    expect(exports['motec']!.stderr).toMatch(/^wrote .*x\.ld and .*x\.ldx \(4 laps\)\n$/);
    expect(readFileSync(files.ld.replace(/\.ld$/, '.ldx'), 'utf8')).toMatch(/<MarkerGroup Name="Beacons"/);
    for (const [format, r] of Object.entries(imports)) expect(r.code, `${format}: ${r.stderr}`).toBe(0);
    expect(original.laps.map((l) => [l.number, l.category])).toEqual([[0, 'out'], [1, 'flying'], [2, 'flying'], [3, 'incomplete']]);
  });

  it('MoTeC .ld + .ldx: the same laps (times within 1 ms) and every channel within the written precision', () => {
    const back = load(dbs.motec);
    // The event comment carries the session's identity (identity-note.ts): the same game, track
    // and car come back, so personal bests and corner numbers carry over.
    const identity = ['game', 'trackKey', 'trackName', 'trackLength', 'sectorStarts', 'carKey', 'carName', 'sessionType'] as const;
    expect(original.info['game']).toBe('demo');
    expect(original.info['sectorStarts']).toHaveLength(2);
    expect(back.info).toMatchObject({ format: 'ld', ...Object.fromEntries(identity.map((k) => [k, original.info[k]])) });
    expect(back.laps.map((l) => [l.number, l.category, l.valid])).toEqual(original.laps.map((l) => [l.number, l.category, l.valid]));
    back.laps.forEach((l, k) => {
      const o = original.laps[k]!;
      // Every lap, the partial last one included, has the samples it had: the .ld grid carries
      // each recorded sample, the last one too, and the .ldx cuts them into the same laps.
      expect(l.sampleCount, `lap ${o.number}`).toBe(o.sampleCount);
      expect(Math.abs(l.time - o.time), `lap ${o.number}`).toBeLessThanOrEqual(0.001);
      // A flying lap's time is the Lap Time channel's: the game's own, to the written ms.
      if (o.category === 'flying') expect(l.time, `lap ${o.number}`).toBeCloseTo(+o.time.toFixed(3), 9);
    });
    // The .ld clock starts at the first sample; the demo's at session time 0.
    const shift = original.traces[0]!.t[0]!;
    const t = original.traces.flatMap((trace) => Array.from(trace.t));
    const snap = gridSnap(Math.max(Math.abs(t[0]!), Math.abs(t[t.length - 1]!)), 60);
    const recorded = original.laps.reduce((s, l) => s + l.sampleCount, 0);
    const { worst, compared, between, matched } = compare(original, back, shift, snap, (name, v) => halfStep(motecEncoding(name).dec, motecEncoding(name).factor) + f32(v));
    expect(compared).toBe(back.laps.reduce((s, l) => s + l.sampleCount, 0));
    // Each recorded sample is exactly one .ld sample; the rest fill frames lost on loopback (a few at most).
    expect(matched).toBe(recorded);
    expect(compared).toBe(recorded + between);
    expect(between).toBeLessThanOrEqual(compared * 0.01);
    expect([...worst.keys()].sort()).toEqual(Object.keys(original.traces[1]!.channels).sort());
    for (const [name, excess] of worst) expect(excess, name).toBeLessThanOrEqual(0);
  });

  it('JSON: the same session, laps (exactly) and channels within the written decimals; exporting again gives the same data', async () => {
    const back = load(dbs.json);
    expect(back.info).toEqual(original.info);
    expect(back.laps.map(({ id: _id, sessionId: _s, ...lap }) => lap)).toEqual(original.laps.map(({ id: _id, sessionId: _s, ...lap }) => lap));
    const { worst, compared, between } = compare(original, back, 0, 0, (name, v) => halfStep(CHANNELS[name].decimals) + f32(v));
    expect(compared).toBe(original.laps.reduce((s, l) => s + l.sampleCount, 0));
    expect(between).toBe(0);
    expect([...worst.keys()].sort()).toEqual(Object.keys(original.traces[1]!.channels).sort());
    for (const [name, excess] of worst) expect(excess, name).toBeLessThanOrEqual(0);

    const again = await runCli(['export', 'session', '--no-analysis', '--db', dbs.json]);
    expect(again.code).toBe(0);
    const first = JSON.parse(readFileSync(files.json, 'utf8')) as Record<string, unknown>;
    const second = JSON.parse(again.stdout) as Record<string, unknown>;
    for (const key of ['schema', 'session', 'channels', 'laps']) expect(second[key], key).toEqual(first[key]);
    expect(second['meta']).toEqual({ sessionId: '1', source: 'import', sourceFile: files.json });
    expect(first['analysis']).toMatchObject({ schema: 'racecraft.session-analysis/1', bestLap: { number: expect.any(Number) } });
    expect(second).not.toHaveProperty('analysis');
  });

  it('CSV: the same laps (numbers, categories, validity, times within 1 ms from the lap columns) and samples, channels within the written decimals', () => {
    const back = load(dbs.csv);
    expect(back.info).toMatchObject({ game: 'csv', format: 'csv' });
    expect(back.laps.map((l) => [l.number, l.category, l.valid, l.timeSource, l.sampleCount])).toEqual(original.laps.map((l) => [l.number, l.category, l.valid, l.timeSource, l.sampleCount]));
    // lap_time_s carries each lap's recorded time with 3 decimals: the game's own to the ms.
    back.laps.forEach((l, k) => expect(Math.abs(l.time - original.laps[k]!.time), `lap ${l.number}`).toBeLessThanOrEqual(0.0005 + 1e-9));
    // Exact to the written decimals.
    for (const [k, l] of original.laps.entries()) expect(back.laps[k]!.time, `lap ${l.number}`).toBe(+l.time.toFixed(3));
    const { worst, compared, between } = compare(original, back, 0, 0, (name, v) => halfStep(CHANNELS[name].decimals) + f32(v));
    expect(compared).toBe(original.laps.reduce((s, l) => s + l.sampleCount, 0));
    expect(between).toBe(0);
    expect([...worst.keys()].sort()).toEqual(Object.keys(original.traces[1]!.channels).sort());
    for (const [name, excess] of worst) expect(excess, name).toBeLessThanOrEqual(0);
  });

  it('importing the same recording again stores nothing and says which session it is (by name, stdin, or another name); --again imports it anyway', async () => {
    const ldCopy = join(tmp.dir, 'renamed.ld');
    copyFileSync(files.ld, ldCopy);
    copyFileSync(files.ld.replace(/\.ld$/, '.ldx'), ldCopy.replace(/\.ld$/, '.ldx'));
    const [again, renamed, csvAgain] = await Promise.all([
      runCli(['import', files.ld, '--db', dbs.motec]),
      runCli(['import', ldCopy, '--json', '--db', dbs.motec]),
      runCli(['import', files.csv, '--db', dbs.csv]),
    ]);
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(again.stdout).toBe(`${files.ld} is already imported as session 1 (the same recording); nothing imported (--again imports it once more)\n`);
    expect(JSON.parse(renamed.stdout)).toMatchObject({ schema: 'racecraft.import/1', format: 'ld', sessions: [1], alreadyImported: true, laps: 4 });
    // A racecraft CSV states no start time: its laps alone (bounds, times, sample counts) say it is the same.
    expect(csvAgain.stdout).toMatch(/is already imported as session 1 \(the same recording\)/);
    const stdin = startCli(['import', '-', '--db', dbs.csv]);
    stdin.stdin!.end(readFileSync(files.csv));
    expect((await collect(stdin, 60_000)).stdout).toMatch(/^- is already imported as session 1 /);
    const forced = await runCli(['import', files.csv, '--again', '--db', dbs.csv]);
    expect(forced.stdout).toMatch(/^imported .* as session 2: 4 lap\(s\)/);
    for (const [db, count] of [[dbs.motec, 1], [dbs.csv, 2]] as const) {
      const store = openStore(db);
      expect(store.sessions.list()).toHaveLength(count);
      store.close();
    }
  });
});
