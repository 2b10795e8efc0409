import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src/engine/model/index.js';
import { openStore } from '../../src/store/index.js';
import { assertBuilt, BIN, collect, runCli, startCli, tempDir, type CliResult } from '../helpers/cli.js';
import { describeShared, requireSharedFile } from '../helpers/shared.js';

type NdjsonRecord = { type: string; [key: string]: unknown };
type JsonDoc = {
  schema: string;
  session: { game: string; trackName?: string };
  meta: Record<string, string>;
  channels: Record<string, { unit: string }>;
  laps: { lap: { number: number; time: number; valid: boolean; category: string; startT: number; endT: number }; samples: number; t: number[]; distance: number[] | null; channels: Record<string, (number | null)[]> }[];
  extraChannels?: Record<string, { unit: string; rate: number; t0: number; data: (number | null)[] }>;
  analysis?: { schema: string; laps: { number: number }[]; lapAnalyses: { lapNumber: number }[] } | null;
};

/** One line on stderr, nothing on stdout, exit 1: how every refusal looks. */
function expectOneLineError(r: CliResult, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(pattern);
}

describe('racecraft export of a demo session (end to end)', () => {
  const tmp = tempDir();
  let samples: number[] = [];
  let lapNumbers: number[] = [];

  beforeAll(async () => {
    assertBuilt();
    const demo = await runCli(['demo', '--laps', '1', '--speed', 'max', '--headless', '--db', tmp.db], { timeoutMs: 90_000 });
    expect(demo.code).toBe(0);
    const store = openStore(tmp.db);
    const laps = store.laps.list(1);
    store.close();
    samples = laps.map((l) => l.sampleCount);
    lapNumbers = laps.map((l) => l.number);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('`export session --format ndjson | head -3` ends cleanly: exit 0, no stack trace', async () => {
    const child = startCli(['export', 'session', '--format', 'ndjson', '--db', tmp.db]);
    child.stdin!.end();
    let received = '';
    const closed = new Promise<void>((resolve) => {
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        received += d;
        // The reader has what it wanted and goes away, as `head -3` does, while racecraft is still writing.
        if (received.split('\n').length > 3 && !child.stdout!.destroyed) {
          child.stdout!.destroy();
          resolve();
        }
      });
    });
    const result = collect(child, 60_000);
    await closed;
    const { code, signal, stderr } = await result;
    expect(stderr).toBe('');
    expect([code, signal]).toEqual([0, null]);
    const [head, lap, frame] = received.split('\n').slice(0, 3).map((l) => JSON.parse(l) as NdjsonRecord);
    expect([head!.type, lap!.type, frame!.type]).toEqual(['session', 'lap', 'frame']);
  });

  it.each(['csv', 'ndjson', 'json'])('`racecraft export session --format %s | head -3` in a real shell pipeline: racecraft exits 0, nothing on stderr', async (format) => {
    // pipefail: the pipeline's status is racecraft's whenever racecraft fails (a SIGPIPE death would be 141).
    const script = `"${process.execPath}" "${BIN}" export session --format ${format} --db "${tmp.db}" | head -3`;
    const r = await collect(spawn('bash', ['-o', 'pipefail', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] }), 60_000);
    expect([r.code, r.signal, r.stderr]).toEqual([0, null, '']);
    const lines = r.stdout.split('\n');
    if (format === 'csv') {
      expect(lines.slice(0, 2).map((l) => l.split(',').slice(0, 5).join(','))).toEqual(['t,lap,lap_time_s,lap_valid,lap_category', 's,,s,,']);
      expect(lines[2]!.split(',').slice(0, 2)).toEqual(['0', String(lapNumbers[0])]);
    } else expect(lines[0]!.startsWith('{')).toBe(true);
  });

  it('puts only data on stdout in every text format, and nothing on stderr', async () => {
    const [json, ndjson, csv] = await Promise.all(['json', 'ndjson', 'csv'].map((format) => runCli(['export', 'session', '1', '--format', format, '--db', tmp.db])));
    for (const r of [json!, ndjson!, csv!]) expect([r.code, r.stderr]).toEqual([0, '']);

    const doc = JSON.parse(json!.stdout) as JsonDoc;
    expect(doc.schema).toBe('racecraft.session/1');
    expect(doc.meta).toEqual({ sessionId: '1', source: 'demo' });
    expect(doc.laps.map((l) => [l.lap.number, l.samples])).toEqual(lapNumbers.map((n, k) => [n, samples[k]]));
    expect(doc.analysis).toMatchObject({ schema: 'racecraft.session-analysis/1' });

    const records = ndjson!.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as NdjsonRecord);
    expect(records[0]!.type).toBe('session');
    expect(records.filter((r) => r.type === 'lap').map((r) => (r['lap'] as { number: number }).number)).toEqual(lapNumbers);
    expect(records.filter((r) => r.type === 'frame')).toHaveLength(samples.reduce((a, b) => a + b, 0));
    expect(records.length).toBe(1 + lapNumbers.length + samples.reduce((a, b) => a + b, 0));
    expect(Object.keys(records[0]!['channels'] as object)).toEqual(Object.keys(doc.channels));

    const rows = csv!.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe(['t', 'lap', 'lap_time_s', 'lap_valid', 'lap_category', ...Object.keys(doc.channels)].join(','));
    expect(rows[1]!.split(',').slice(0, 7)).toEqual(['s', '', 's', '', '', 'm', 's']);
    expect(rows).toHaveLength(2 + samples.reduce((a, b) => a + b, 0));
    expect(new Set(rows.map((r) => r.split(',').length))).toEqual(new Set([5 + Object.keys(doc.channels).length]));
    // Every row carries its lap's record: the JSON's lap times to the ms.
    const lapRecords = new Map(rows.slice(2).map((r) => [r.split(',')[1], r.split(',').slice(2, 5).join(',')]));
    expect([...lapRecords]).toEqual(doc.laps.map((l) => [String(l.lap.number), [+l.lap.time.toFixed(3), l.lap.valid ? 1 : 0, l.lap.category].join(',')]));
  });

  it('--channels filters every format; an unknown channel is one line listing the valid ones', async () => {
    const pick = ['speed,rpm', 'rpm, speed'];
    const [csv, ndjson, json] = await Promise.all([
      runCli(['export', 'session', '--format', 'csv', '--channels', pick[0]!, '--db', tmp.db]),
      runCli(['export', 'session', '--format', 'ndjson', '--channels', pick[1]!, '--db', tmp.db]),
      runCli(['export', 'lap', '1', '--format', 'json', '--channels', 'speed,rpm', '--no-analysis', '--db', tmp.db]),
    ]);
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows.slice(0, 2)).toEqual(['t,lap,lap_time_s,lap_valid,lap_category,speed,rpm', 's,,s,,,m/s,rpm']);
    expect(rows).toHaveLength(2 + samples.reduce((a, b) => a + b, 0));
    const frames = ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as NdjsonRecord).filter((r) => r.type === 'frame');
    expect(new Set(frames.flatMap((f) => Object.keys(f)))).toEqual(new Set(['type', 't', 'lap', 'speed', 'rpm']));
    const doc = JSON.parse(json.stdout) as JsonDoc;
    expect(Object.keys(doc.channels)).toEqual(['speed', 'rpm']);
    expect(doc.laps).toHaveLength(1);
    expect(Object.keys(doc.laps[0]!.channels)).toEqual(['speed', 'rpm']);
    expect(doc.laps[0]!.distance).toBeNull();
    expect(doc).not.toHaveProperty('analysis');

    const unknown = await runCli(['export', 'session', '--format', 'csv', '--channels', 'speed,warp', '--db', tmp.db]);
    expectOneLineError(unknown, new RegExp(`^racecraft: unknown channel 'warp' \\(valid: ${CHANNEL_NAMES.join(', ')}\\)$`));
  });

  it('exports one lap: its rows only, and the analysis of that lap within the session', async () => {
    const lap = lapNumbers[1]!;
    const [csv, json] = await Promise.all([
      runCli(['export', 'lap', String(lap), '--format', 'csv', '--session', '1', '--db', tmp.db]),
      runCli(['export', 'lap', String(lap), '--db', tmp.db]),
    ]);
    const rows = csv.stdout.trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(samples[1]!);
    expect(new Set(rows.map((r) => r.split(',')[1]))).toEqual(new Set([String(lap)]));
    const doc = JSON.parse(json.stdout) as JsonDoc;
    expect(doc.laps.map((l) => l.lap.number)).toEqual([lap]);
    expect(doc.analysis!.laps.map((l) => l.number)).toEqual([lap]);
    expect(doc.analysis!.lapAnalyses.map((l) => l.lapNumber)).toEqual([lap]);
  });

  it('writes -o FILE instead of stdout, the same bytes', async () => {
    const file = join(tmp.dir, 'out.csv');
    const [toFile, toStdout] = await Promise.all([
      runCli(['export', 'session', '--format', 'csv', '-o', file, '--db', tmp.db]),
      runCli(['export', 'session', '--format', 'csv', '--db', tmp.db]),
    ]);
    expect([toFile.code, toFile.stdout, toFile.stderr]).toEqual([0, '', '']);
    expect(readFileSync(file, 'utf8')).toBe(toStdout.stdout);
  });

  it("never replaces a user's file silently: an existing -o file is refused (unchanged) unless --force", async () => {
    const file = join(tmp.dir, 'mine.csv');
    writeFileSync(file, 'my own notes\n');
    const refused = await runCli(['export', 'session', '--format', 'csv', '-o', file, '--db', tmp.db]);
    expectOneLineError(refused, /^racecraft: .*mine\.csv already exists: not overwritten \(add --force to replace it\)$/);
    expect(readFileSync(file, 'utf8')).toBe('my own notes\n');
    const forced = await runCli(['export', 'session', '--format', 'csv', '-o', file, '--force', '--db', tmp.db]);
    expect([forced.code, forced.stderr]).toEqual([0, '']);
    expect(readFileSync(file, 'utf8')).toMatch(/^t,lap,lap_time_s,/);

    // MoTeC writes two files: an existing .ldx alone stops the export before the .ld is written.
    const ld = join(tmp.dir, 'kept.ld');
    writeFileSync(join(tmp.dir, 'kept.ldx'), '<ldx/>');
    const motec = await runCli(['export', 'session', '--format', 'motec', '-o', ld, '--db', tmp.db]);
    expectOneLineError(motec, /^racecraft: .*kept\.ldx already exists: not overwritten \(add --force to replace it\)$/);
    expect(existsSync(ld)).toBe(false);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    const replaced = await runCli(['export', 'session', '--format', 'motec', '-o', ld, '--force', '--db', tmp.db]);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(readFileSync(join(tmp.dir, 'kept.ldx'), 'utf8')).toMatch(/<Beacons>|Marker/);
  });

  it('refuses, in one line and exit 1: MoTeC to stdout, an output not ending .ld, unknown session/lap, a bad number, an unknown format', async () => {
    const cases: [string[], RegExp][] = [
      [['export', 'session', '--format', 'motec'], /^racecraft: --format motec writes two files \(FILE\.ld and its FILE\.ldx lap markers\): give -o FILE\.ld$/],
      [['export', 'session', '--format', 'motec', '-o', '-'], /give -o FILE\.ld$/],
      [['export', 'session', '--format', 'motec', '-o', join(tmp.dir, 'x.csv')], /^racecraft: --format motec: the output must end in \.ld/],
      [['export', 'session', '99'], /^racecraft: unknown session 99 \(list them with `racecraft sessions`\)$/],
      [['export', 'lap', '42'], /^racecraft: session 1 has no lap 42 \(laps 0–\d\)$/],
      [['export', 'lap', 'two'], /^racecraft: 'two' is not a lap number/],
      [['export', 'session', '--format', 'xml'], /^racecraft: unknown export format 'xml' \(expected json, ndjson, csv, motec\)$/],
      [['export', 'session', '-o', join(tmp.dir, 'no', 'such', 'dir', 'x.json')], /^racecraft: cannot write .*x\.json: no such folder$/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli([...args, '--db', tmp.db])));
    results.forEach((r, i) => expectOneLineError(r, cases[i]![1]));
    // Bare `export` shows what it takes, on stderr (stdout stays for data), like the other command groups.
    const bare = await runCli(['export', '--db', tmp.db]);
    expect([bare.code, bare.stdout]).toEqual([0, '']);
    expect(bare.stderr).toMatch(/session \[options\] \[id\][\s\S]*lap \[options\] <n>/);
  });
});

describeShared('racecraft export of imported MoTeC logs: the extra channels (end to end)', () => {
  const tmp = tempDir();
  const acc = join(tmp.dir, 'acc.db');
  const adl = join(tmp.dir, 'adl.db');

  beforeAll(async () => {
    assertBuilt();
    const results = await Promise.all([
      runCli(['import', requireSharedFile('formats', 'motec-ld', 'acc', 'Kyalami-audi_r8_lms_evo-1-2021.12.07-17.59.12.ld'), '--db', acc]),
      runCli(['import', requireSharedFile('formats', 'motec-ld', 'motec-adl-sample', 'Sample1.ld'), '--db', adl]),
    ]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('JSON carries every channel of the file: 16 racecraft channels and 21 extras in source units; NDJSON and CSV only the racecraft ones', async () => {
    const [json, ndjson] = await Promise.all([runCli(['export', 'session', '--no-analysis', '--db', acc]), runCli(['export', 'session', '--format', 'ndjson', '--db', acc])]);
    const doc = JSON.parse(json.stdout) as JsonDoc;
    expect(Object.keys(doc.channels)).toHaveLength(16);
    expect(Object.keys(doc.extraChannels!)).toHaveLength(21);
    expect(doc.extraChannels!['SUS_TRAVEL_LF']).toMatchObject({ unit: 'mm', rate: 200, t0: 0 });
    expect(doc.extraChannels!['SUS_TRAVEL_LF']!.data).toHaveLength(32_619);
    expect(doc.meta).toMatchObject({ sessionId: '1', source: 'import', sourceFile: expect.stringMatching(/Kyalami-audi_r8_lms_evo-1-2021\.12\.07-17\.59\.12\.ld$/) });
    const head = JSON.parse(ndjson.stdout.slice(0, ndjson.stdout.indexOf('\n'))) as NdjsonRecord;
    expect(Object.keys(head['channels'] as object)).toEqual(Object.keys(doc.channels));
    expect(ndjson.stdout).not.toContain('SUS_TRAVEL_LF');
  });

  it('--channels takes extra channel names for JSON only', async () => {
    const json = await runCli(['export', 'session', '--channels', 'speed,SUS_TRAVEL_LF', '--no-analysis', '--db', acc]);
    const doc = JSON.parse(json.stdout) as JsonDoc;
    expect(Object.keys(doc.channels)).toEqual(['speed']);
    expect(Object.keys(doc.extraChannels!)).toEqual(['SUS_TRAVEL_LF']);
    const csv = await runCli(['export', 'session', '--format', 'csv', '--channels', 'speed,SUS_TRAVEL_LF', '--db', acc]);
    expectOneLineError(csv, /^racecraft: 'SUS_TRAVEL_LF' is a channel of the imported file with no racecraft equivalent; only --format json exports those$/);
  });

  it('a one-lap JSON export cuts every extra channel to the lap', async () => {
    const json = await runCli(['export', 'lap', '2', '--no-analysis', '--db', adl]);
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as JsonDoc;
    const { startT, endT, time } = doc.laps[0]!.lap;
    expect(time).toBeCloseTo(63.68, 6);
    const extras = Object.entries(doc.extraChannels!);
    expect(extras).toHaveLength(61);
    for (const [name, e] of extras) {
      expect(e.t0, name).toBeGreaterThanOrEqual(startT - 1e-9);
      expect(e.t0, name).toBeLessThan(startT + 1 / e.rate);
      expect(e.t0 + (e.data.length - 1) / e.rate, name).toBeLessThan(endT);
      expect(e.t0 + e.data.length / e.rate, name).toBeGreaterThanOrEqual(endT - 1e-9);
    }
    // The lap runs between its crossings (159.31 s and 222.99 s, from the logger's running lap
    // time); its 1 Hz Lap Number steps to 1 only at 162 s, late.
    expect([+startT.toFixed(2), +endT.toFixed(2)]).toEqual([159.31, 222.99]);
    const lapNumber = doc.extraChannels!['Lap Number']!;
    expect(lapNumber.data.map((v, i) => [lapNumber.t0 + i < 162 ? 'before' : 'after', v]).filter(([when, v]) => (when === 'before' ? v !== 0 : v !== 1))).toEqual([]);
  });
});
