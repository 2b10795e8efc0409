import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isChannelName } from '../../src/engine/model/index.js';
import { importSessionFile } from '../../src/store/formats/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { assertBuilt, collect, runCli, startCli, tempDir, type CliResult } from '../helpers/cli.js';
import { describeShared, requireSharedFile } from '../helpers/shared.js';

/** What a real file must become: laps [number, category, time s], channels kept as racecraft channels and as extras. */
type Expected = {
  readonly path: readonly string[];
  readonly game: string;
  readonly track: string;
  readonly car: string;
  readonly laps: readonly (readonly [number, string, number])[];
  readonly channels: number;
  readonly extras: number;
};

const TSUKUBA = ['formats', 'ibt', 'formulavee_tsukuba 1kouter 2025-01-30 17-09-29.ibt'];

const FILES: readonly Expected[] = [
  {
    path: TSUKUBA,
    game: 'iracing',
    track: 'Tsukuba Circuit 1k Outer',
    car: 'Formula Vee',
    laps: [[0, 'out', 3.5667], [1, 'flying', 25.9145], [2, 'flying', 23.9797], [3, 'incomplete', 3.6667]],
    channels: 26,
    extras: 244,
  },
  { path: ['formats', 'ibt', 'valid_test_file.ibt'], game: 'iracing', track: 'Red Bull Ring', car: 'Mercedes-AMG W13 E Performance', laps: [[9, 'pit', 6.4833]], channels: 26, extras: 250 },
  // ACC: 37 channels each; laps live only in an .ldx, which these two logs do not have.
  { path: ['formats', 'motec-ld', 'acc', 'Imola-porsche_991ii_gt3_r-2-2021.12.02-21.13.58.ld'], game: 'motec', track: 'Imola', car: '991ii GT3 R EVO', laps: [[1, 'incomplete', 245.05]], channels: 16, extras: 21 },
  { path: ['formats', 'motec-ld', 'acc', 'Kyalami-audi_r8_lms_evo-1-2021.12.07-17.59.12.ld'], game: 'motec', track: 'Kyalami', car: 'R8 LMS EVO', laps: [[1, 'incomplete', 163.0833]], channels: 16, extras: 21 },
  { path: ['formats', 'motec-ld', 'gt6', '20230404_1316.ld'], game: 'motec', track: 'Grand Valley Speedway', car: "IMPREZA Sedan WRX STi spec C (Type-II) '04", laps: [[1, 'incomplete', 194.9667]], channels: 7, extras: 6 },
  {
    path: ['formats', 'motec-ld', 'motec-adl-sample', 'Sample1.ld'],
    game: 'motec',
    track: 'Calder',
    car: '11A',
    laps: [[0, 'out', 94.14], [1, 'flying', 65.15], [2, 'flying', 63.68], [3, 'flying', 65.18], [4, 'flying', 63.75], [5, 'incomplete', 102.01]],
    channels: 17,
    extras: 61,
  },
  { path: ['formats', 'csv', 'motec-i2-export', 'ac-acti', '60.2kw - Lap 1.csv'], game: 'motec', track: 'fs_uk_endurance', car: 'madformulateam_mftc3_stag_8', laps: [[1, 'flying', 57.04]], channels: 7, extras: 10 },
  {
    path: ['formats', 'csv', 'motec-i2-export', 'gt6', 'blakely1hz.csv'],
    game: 'motec',
    track: 'Grand Valley Speedway',
    car: "IMPREZA Sedan WRX STi spec C (Type-II) '04",
    laps: [[0, 'out', 24.324], [1, 'flying', 165.843], [2, 'incomplete', 3.833]],
    channels: 7,
    extras: 7,
  },
  {
    path: ['formats', 'csv', 'motec-i2-export', 'gt6', 'blakelyauto.csv'],
    game: 'motec',
    track: 'Grand Valley Speedway',
    car: "IMPREZA Sedan WRX STi spec C (Type-II) '04",
    laps: [[0, 'out', 24.324], [1, 'flying', 165.843], [2, 'incomplete', 4.8163]],
    channels: 7,
    extras: 7,
  },
];

type ImportJson = { schema: string; format: string; games: string[]; sessions: number[]; laps: number; flyingLaps: number };

/** The file format the import summary names: from the extension here, from the bytes in racecraft. */
const formatOf = (name: string): string => (name.endsWith('.ibt') ? 'ibt' : name.endsWith('.ld') ? 'ld' : 'i2-csv');

describeShared('racecraft import of every real file in ../shared/formats (end to end)', () => {
  const tmp = tempDir();
  const results = new Map<string, CliResult>();
  let store: Store;

  beforeAll(async () => {
    assertBuilt();
    // One database per file, so the imports can run side by side and each session is id 1.
    await Promise.all(
      FILES.map(async (f, i) => {
        results.set(basename(f.path.at(-1)!), await runCli(['import', requireSharedFile(...f.path), '--json', '--db', join(tmp.dir, `${i}.db`)]));
      }),
    );
  }, 120_000);
  afterAll(() => {
    store?.close();
    tmp.cleanup();
  });

  it.each(FILES.map((f, i) => [f.path.at(-1)!, f, i] as const))('%s imports with its laps, identity and every channel', (name, f, i) => {
    const result = results.get(basename(name))!;
    expect(result.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as ImportJson;
    expect(summary).toMatchObject({ schema: 'racecraft.import/1', format: formatOf(name), games: [f.game], sessions: [1], laps: f.laps.length });

    store = openStore(join(tmp.dir, `${i}.db`));
    try {
      const session = store.sessions.get(1)!;
      expect([session.game, session.trackName, session.carName, session.source]).toEqual([f.game, f.track, f.car, 'import']);
      const laps = store.laps.list(1);
      expect(laps.map((l) => [l.number, l.category])).toEqual(f.laps.map(([n, c]) => [n, c]));
      laps.forEach((l, k) => expect(Math.abs(l.time - f.laps[k]![2])).toBeLessThan(5e-5));
      // "Every channel": the mapped ones in the laps, all others in extra_channels, none lost.
      const channels = new Set(laps.flatMap((l) => Object.keys(store.laps.loadTrace(l.id).channels)));
      expect([...channels].every(isChannelName)).toBe(true);
      expect(channels.size).toBe(f.channels);
      expect(store.extraChannels.count(1)).toBe(f.extras);
      const source = importSessionFile(name, readFileSync(requireSharedFile(...f.path)));
      expect(source.sourceChannels!.length).toBe(f.channels + f.extras);
      expect(store.extraChannels.list(1).map((e) => e.name)).toEqual(Object.keys(source.extraChannels!));
    } finally {
      store.close();
    }
  });

  it('keeps the extra channels bit for bit, in the source units (ACC suspension travel in mm, iRacing doubles)', () => {
    const cases = [
      { i: 2, name: 'SUS_TRAVEL_LF', unit: 'mm', rate: 200 },
      { i: 0, name: 'Lat', unit: 'deg', rate: 60 },
      { i: 0, name: 'SteeringWheelTorque_ST', unit: 'N*m', rate: 360 },
    ];
    for (const c of cases) {
      const f = FILES[c.i]!;
      const source = importSessionFile(f.path.at(-1)!, readFileSync(requireSharedFile(...f.path))).extraChannels![c.name]!;
      store = openStore(join(tmp.dir, `${c.i}.db`));
      try {
        const stored = store.extraChannels.load(1, [c.name])[c.name]!;
        expect([stored.unit, stored.rate]).toEqual([c.unit, c.rate]);
        expect(stored.t0).toBe(source.t0);
        expect(stored.data.length).toBe(source.data.length);
        expect(Buffer.from(stored.data.buffer).equals(Buffer.from(source.data.buffer, source.data.byteOffset, source.data.byteLength))).toBe(true);
      } finally {
        store.close();
      }
    }
  });

  it('refuses the live memory-map dump named .ibt with one line, exit 1, and stores nothing', async () => {
    const db = join(tmp.dir, 'dump.db');
    const result = await runCli(['import', requireSharedFile('formats', 'ibt', 'live_test_file.memmap-dump.ibt'), '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^racecraft: live_test_file\.memmap-dump\.ibt: a dump of iRacing's live shared memory/);
    store = openStore(db);
    expect(store.sessions.list()).toEqual([]);
    store.close();
  });

  it("reads an .ibt from standard input ('import -'), recognised by its header", async () => {
    const db = join(tmp.dir, 'stdin.db');
    const child = startCli(['import', '-', '--json', '--db', db]);
    child.stdin!.end(readFileSync(requireSharedFile(...TSUKUBA)));
    const result = await collect(child, 60_000);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: 'ibt', games: ['iracing'], laps: 4, flyingLaps: 2, bestLapTime: expect.closeTo(23.9797, 4) });
    store = openStore(db);
    expect(store.laps.list(1).map((l) => +l.time.toFixed(4))).toEqual([3.5667, 25.9145, 23.9797, 3.6667]);
    expect(store.extraChannels.count(1)).toBe(244);
    store.close();
  });

  it('says in one line what it imported: the file format, car and track, laps and best, without repeating itself', async () => {
    const db = join(tmp.dir, 'human.db');
    const file = requireSharedFile(...TSUKUBA);
    const result = await runCli(['import', file, '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`imported ${file} (iRacing .ibt: Formula Vee at Tsukuba Circuit 1k Outer) as session 1: 4 lap(s), 2 timed, best 23.980\n`);
    // 270 vars, 26 of them mapped to racecraft channels: the rest are counted and said where to find.
    expect(result.stderr).toBe('warning: 244 iRacing variable(s) have no racecraft channel; kept with the session (export --format json lists them under extraChannels)\n');
  });
});
