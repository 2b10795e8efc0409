import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { assertBuilt, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { describeShared, requireSharedFile } from '../helpers/shared.js';

/** Deterministic bytes (xorshift32), so a failure reproduces. */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const TSUKUBA = requireSharedFileLazy('formats', 'ibt', 'formulavee_tsukuba 1kouter 2025-01-30 17-09-29.ibt');
const GT6 = requireSharedFileLazy('formats', 'motec-ld', 'gt6', '20230404_1316.ld');
const BLAKELY_1HZ = requireSharedFileLazy('formats', 'csv', 'motec-i2-export', 'gt6', 'blakely1hz.csv');

/** requireSharedFile at test time (the suite is skipped, not failed, when ../shared is absent). */
function requireSharedFileLazy(...parts: string[]): () => Uint8Array {
  return () => readFileSync(requireSharedFile(...parts));
}

/** A racecraft JSON document with one lap, as `export` writes it. */
function racecraftJson(lap: Record<string, unknown>): string {
  return JSON.stringify({
    schema: 'racecraft.session/1',
    session: { game: 'demo' },
    warnings: [],
    channels: { speed: { unit: 'm/s', kind: 'continuous', decimals: 3 } },
    laps: [{ lap: { number: 1, time: 2, timeSource: 'game', valid: true, category: 'flying', sectors: [], startT: 0, endT: 2, ...lap }, samples: 2, t: [0, 1], distance: null, channels: { speed: [10, 11] } }],
  });
}

/** Corrupt, truncated and mislabelled files, each with the line `racecraft import` must answer. */
const CASES: { name: string; bytes: () => Uint8Array | string; message: RegExp }[] = [
  { name: 'text.ld', bytes: () => 'not a log, just text\n'.repeat(200), message: /^racecraft: text\.ld: not a MoTeC \.ld file \(marker 0x20746f6e at offset 0, expected 0x40\)$/ },
  { name: 'short-text.ld', bytes: () => 'hello\n', message: /^racecraft: short-text\.ld: truncated MoTeC file \(header needs 1762 bytes, file has 6\)$/ },
  { name: 'cut-in-channel-data.ld', bytes: () => GT6().subarray(0, 12_000), message: /^racecraft: cut-in-channel-data\.ld: truncated MoTeC file \(channel 'Vehicle Speed' data needs bytes up to 33180, file has 12000\)$/ },
  { name: 'random.ld', bytes: () => randomBytes(5000, 7), message: /^racecraft: random\.ld: not a MoTeC \.ld file/ },
  { name: 'truncated.ibt', bytes: () => TSUKUBA().subarray(0, 20_000), message: /^racecraft: truncated\.ibt: truncated iRacing \.ibt file \(270 variable headers needs bytes 144\.\.39024, file has 20000\)$/ },
  { name: 'header-only.ibt', bytes: () => TSUKUBA().subarray(0, 100), message: /^racecraft: header-only\.ibt: truncated iRacing \.ibt file \(headers need 144 bytes, file has 100\)$/ },
  { name: 'csv-named.ibt', bytes: () => BLAKELY_1HZ(), message: /^racecraft: csv-named\.ibt: not an iRacing \.ibt file \(header version \d+, expected 1 or 2\)$/ },
  { name: 'random.csv', bytes: () => randomBytes(5000, 42), message: /^racecraft: random\.csv: not a telemetry CSV \(no 't' or 'time' column in the header row\)$/ },
  { name: 'ibt-named.csv', bytes: () => TSUKUBA().subarray(0, 50_000), message: /^racecraft: ibt-named\.csv: not a telemetry CSV \(no 't' or 'time' column in the header row\)$/ },
  { name: 'cut.json', bytes: () => racecraftJson({}).slice(0, 120), message: /^racecraft: cut\.json: not valid JSON \(/ },
  { name: 'lap-time-null.json', bytes: () => racecraftJson({ time: null }), message: /^racecraft: .*lap-time-null\.json: lap 1 has no time \(NaN\); nothing imported$/ },
  { name: 'wrong-schema.json', bytes: () => racecraftJson({}).replace('racecraft.session/1', 'other/9'), message: /^racecraft: wrong-schema\.json: invalid racecraft session JSON: \$\.schema is "other\/9"/ },
  { name: 'random.bin', bytes: () => randomBytes(3000, 3), message: /^racecraft: random\.bin: unknown file format \(expected a \.pcap\/\.pcapng capture, MoTeC \.ld, iRacing \.ibt, \.csv, \.json or \.ndjson\)$/ },
  { name: 'empty.csv', bytes: () => '', message: /^racecraft: .*empty\.csv is empty$/ },
];

describeShared('racecraft import of corrupt, truncated and mislabelled files: one line, exit 1, nothing stored (end to end)', () => {
  const tmp = tempDir();
  const results = new Map<string, CliResult>();

  beforeAll(async () => {
    assertBuilt();
    await Promise.all(
      CASES.map(async (c, i) => {
        const file = join(tmp.dir, c.name);
        writeFileSync(file, c.bytes());
        results.set(c.name, await runCli(['import', file, '--db', join(tmp.dir, `${i}.db`)]));
      }),
    );
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (name, c, i) => {
    const r = results.get(name)!;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(c.message);
    const store = openStore(join(tmp.dir, `${i}.db`));
    try {
      expect(store.sessions.list()).toEqual([]);
    } finally {
      store.close();
    }
  });
});
