import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPcap } from '../../src/store/formats/index.js';
import { assertBuilt, collect, runCli, startCli, tempDir } from '../helpers/cli.js';
import { freeUdpPort } from '../helpers/ports.js';

type LapsJson = { laps: { number: number; time: number; category: string }[] };

describe('record --raw, import and replay of pcap captures (end to end)', () => {
  const tmp = tempDir();
  const capture = join(tmp.dir, 'session.pcap');
  let recordedLaps: LapsJson['laps'];
  let sentCount = 0;
  let rawCount = 0;

  beforeAll(async () => {
    assertBuilt();
    const port = await freeUdpPort();
    const recorder = startCli(['record', '--game', 'f1', '--port', String(port), '--raw', capture, '--headless', '--db', join(tmp.dir, 'live.db')]);
    const done = collect(recorder, 60_000);
    await new Promise((r) => setTimeout(r, 800));
    const sent = await runCli(['demo', '--to', `127.0.0.1:${port}`, '--laps', '1', '--speed', '10'], { timeoutMs: 60_000 });
    expect(sent.code).toBe(0);
    sentCount = Number(/sent (\d+) packets/.exec(sent.stderr)![1]);
    await new Promise((r) => setTimeout(r, 500));
    recorder.kill('SIGINT');
    const result = await done;
    rawCount = Number(/raw capture: (\d+) datagrams/.exec(result.stderr)![1]);
    recordedLaps = (JSON.parse((await runCli(['laps', '--json', '--db', join(tmp.dir, 'live.db')])).stdout) as LapsJson).laps;
  }, 90_000);
  afterAll(() => tmp.cleanup());

  it('writes a standard pcap with real UDP ports that racecraft reads back', () => {
    const parsed = readPcap(readFileSync(capture));
    expect(parsed.format).toBe('pcap');
    // Every datagram the recorder received is in the file (loopback may drop a few on a loaded machine).
    expect(parsed.datagrams.length).toBe(rawCount);
    expect(rawCount).toBeGreaterThan(sentCount * 0.9);
    expect(new Set(parsed.datagrams.map((d) => d.payload.length))).toEqual(new Set([1349, 753, 1285, 1352, 1239, 1284]));
    expect(parsed.skipped).toEqual({ nonUdp: 0, truncated: 0, fragments: 0, unsupportedLink: 0 });
  });

  it('imports the capture offline to the same laps as the live recording', async () => {
    const db = join(tmp.dir, 'import.db');
    const imported = await runCli(['import', capture, '--json', '--db', db]);
    expect(imported.code).toBe(0);
    const summary = JSON.parse(imported.stdout) as { format: string; games: string[]; flyingLaps: number };
    expect(summary).toMatchObject({ format: 'pcap', games: ['f1'], flyingLaps: 1 });
    const laps = (JSON.parse((await runCli(['laps', '--json', '--db', db])).stdout) as LapsJson).laps;
    expect(laps.map((l) => [l.number, l.category])).toEqual(recordedLaps.map((l) => [l.number, l.category]));
    expect(laps.find((l) => l.category === 'flying')!.time).toBe(recordedLaps.find((l) => l.category === 'flying')!.time);

    // The same capture again: recognised by its sessions (start, laps), nothing stored twice.
    const again = await runCli(['import', capture, '--db', db]);
    expect([again.code, again.stdout, again.stderr]).toEqual([0, `${capture} is already imported as session 1 (the same recording); nothing imported (--again imports it once more)\n`, '']);
    const sessions = JSON.parse((await runCli(['sessions', '--json', '--db', db])).stdout) as { sessions: { id: number }[] };
    expect(sessions.sessions.map((x) => x.id)).toEqual([1]);
  });

  it('replays the capture into another recorder', async () => {
    const port = await freeUdpPort();
    const db = join(tmp.dir, 'replay.db');
    const recorder = startCli(['record', '--game', 'f1', '--port', String(port), '--headless', '--json', '--db', db]);
    const done = collect(recorder, 60_000);
    await new Promise((r) => setTimeout(r, 800));
    const replay = await runCli(['replay', capture, '--to', `127.0.0.1:${port}`, '--speed', '2']);
    expect(replay.code).toBe(0);
    expect(replay.stderr).toMatch(/^replayed \d+ datagrams/);
    await new Promise((r) => setTimeout(r, 500));
    recorder.kill('SIGINT');
    const result = await done;
    const flying = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { category: string; time: number }).filter((l) => l.category === 'flying');
    expect(flying.map((l) => l.time)).toEqual(recordedLaps.filter((l) => l.category === 'flying').map((l) => l.time));
  }, 60_000);

  it('never overwrites an earlier capture, and keeps no file when nothing arrived', async () => {
    const before = readFileSync(capture);
    const port = await freeUdpPort();
    const again = await runCli(['record', '--game', 'f1', '--port', String(port), '--raw', capture, '--headless', '--db', join(tmp.dir, 'x.db')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`racecraft: the raw capture ${capture} already exists\n  give --raw a new file name (racecraft never overwrites a capture)\n`);
    expect(readFileSync(capture).equals(before)).toBe(true);

    const quiet = join(tmp.dir, 'quiet.pcap');
    const recorder = startCli(['record', '--game', 'f1', '--port', String(port), '--raw', quiet, '--headless', '--db', join(tmp.dir, 'x.db')]);
    const done = collect(recorder, 30_000);
    // Stop it once it listens (its Ctrl-C handling is set up by then), however slow the machine.
    await new Promise<void>((resolve) => {
      let seen = '';
      recorder.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('listening on UDP')) resolve();
      });
    });
    recorder.kill('SIGINT');
    const result = await done;
    expect(result.stderr).toContain(`raw capture: no datagrams arrived; ${quiet} not kept`);
    expect(existsSync(quiet)).toBe(false);
  }, 40_000);

  it('refuses bad input with one line', async () => {
    const missing = await runCli(['import', join(tmp.dir, 'nope.pcap'), '--db', join(tmp.dir, 'x.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^racecraft: no such file: /);
    const empty = await runCli(['import', '-', '--db', join(tmp.dir, 'x.db')], { input: '' });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^racecraft: standard input is empty/);
    const truncated = readFileSync(capture).subarray(0, 40);
    const bad = await runCli(['import', '-', '--db', join(tmp.dir, 'x.db')], { input: truncated.toString('latin1') });
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
