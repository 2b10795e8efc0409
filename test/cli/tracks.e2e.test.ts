import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptLapNumbering } from '../../src/cli/demo-transport.js';
import { createForzaEncoder } from '../../src/engine/games/forza/index.js';
import { createGt7Encoder } from '../../src/engine/games/gt7/index.js';
import { createDemoRun } from '../../src/engine/sim/index.js';
import { createPcapWriter } from '../../src/store/formats/index.js';
import { openStore } from '../../src/store/index.js';
import { assertBuilt, runCli, tempDir } from '../helpers/cli.js';

type TrackJson = {
  game: string;
  trackKey: string;
  name: string | null;
  length: number | null;
  cornerCount: number | null;
  sessionCount: number;
  lastDrivenAt: string | null;
  hasShape: boolean;
  hasCatalog: boolean;
};
type SessionJson = { id: number; game: string; trackKey: string | null; track: string | null; startedAt: string };

/**
 * `racecraft tracks` end to end on the built binary: a demo (which learns its track's shape), a
 * GT7 capture whose track GT7 cannot name ('unknown track 1'), listing, renaming, and the errors.
 */
describe('racecraft tracks (end to end)', () => {
  const tmp = tempDir();
  const pcap = `${tmp.dir}/gt7-harbour.pcap`;
  const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '--db', tmp.db]);
  const listTracks = async (...args: string[]): Promise<TrackJson[]> => {
    const result = await cli('tracks', ...args, '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { schema: string; tracks: TrackJson[] };
    expect(doc.schema).toBe('racecraft.tracks/1');
    return doc.tracks;
  };
  /** In the order they were stored (the capture's sessions start in 2023, before the demo's). */
  const sessions = async (): Promise<SessionJson[]> => (JSON.parse((await cli('sessions', '--json')).stdout) as { sessions: SessionJson[] }).sessions.sort((a, b) => a.id - b.id);
  const harbour = createDemoRun({ trackId: 'harbour', laps: 1, seed: 3 });

  beforeAll(async () => {
    assertBuilt();
    // GT7 packets of one lap of the harbour circuit, as the console sends them: no track id.
    const chunks: Uint8Array[] = [];
    const writer = createPcapWriter((chunk) => chunks.push(chunk));
    const encoder = createGt7Encoder();
    const session = { ...harbour.session, trackKey: undefined, trackName: undefined, trackLength: undefined };
    for (const frame of harbour.frames()) {
      for (const payload of encoder.encode(frame, session)) writer.write({ t: 1_700_000_000 + frame.t, srcAddr: '192.168.1.20', srcPort: 33739, dstAddr: '192.168.1.10', dstPort: 33740, payload });
    }
    writeFileSync(pcap, Buffer.concat(chunks));
    const demo = await runCli(['demo', '--laps', '1', '--speed', 'max', '--headless', '--game', 'gt7', '--db', tmp.db], { timeoutMs: 30_000 });
    expect(demo.code, demo.stderr).toBe(0);
    const imported = await cli('import', pcap);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('new track: unknown track 1');
  }, 40_000);
  afterAll(() => tmp.cleanup());

  it('lists every learned track with its length, sessions and last-driven time', async () => {
    const tracks = await listTracks();
    expect(tracks.map((t) => `${t.game} ${t.trackKey} ${t.name}`)).toEqual(['demo demo:kestrel Kestrel Park', 'gt7 unknown-1 unknown track 1']);
    const [kestrel, unknown] = tracks as [TrackJson, TrackJson];
    const [demo, gt7] = await sessions();
    expect(demo).toMatchObject({ id: 1, game: 'demo' });
    expect(gt7).toMatchObject({ id: 2, game: 'gt7', startedAt: '2023-11-14T22:13:20.000Z' });
    expect(kestrel).toMatchObject({ cornerCount: null, sessionCount: 1, lastDrivenAt: demo!.startedAt, hasShape: true, hasCatalog: false });
    expect(unknown).toMatchObject({ cornerCount: null, sessionCount: 1, lastDrivenAt: gt7!.startedAt, hasShape: true, hasCatalog: false });
    // The learned shapes' lengths are the driven laps' lengths: within 1 % of the simulator's tracks.
    const kestrelLength = createDemoRun({ trackId: 'kestrel', laps: 1, seed: 1 }).session.trackLength!;
    expect(Math.abs(kestrel.length! - kestrelLength) / kestrelLength).toBeLessThan(0.01);
    expect(Math.abs(unknown.length! - harbour.session.trackLength!) / harbour.session.trackLength!).toBeLessThan(0.01);
    // `tracks list` is the same listing; --game keeps one game.
    expect((await listTracks('--game', 'gt7')).map((t) => t.trackKey)).toEqual(['unknown-1']);
    const listed = await cli('tracks', 'list', '--game', 'gt7', '--json');
    expect((JSON.parse(listed.stdout) as { tracks: TrackJson[] }).tracks).toEqual([unknown]);
    expect(await listTracks('--game', 'forza')).toEqual([]);
  }, 20_000);

  it('shows the corner count once a corner list is stored, and prints an aligned table', async () => {
    const corners = await cli('corners', '--session', '2', '--json');
    expect(corners.code, corners.stderr).toBe(0);
    const cornerCount = (JSON.parse(corners.stdout) as { corners: unknown[] }).corners.length;
    expect(cornerCount).toBeGreaterThan(3);
    const unknown = (await listTracks('--game', 'gt7'))[0]!;
    expect(unknown).toMatchObject({ cornerCount, hasCatalog: true, hasShape: true });
    const human = await cli('tracks');
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^GAME\s+KEY\s+NAME\s+LENGTH\s+CORNERS\s+SESSIONS\s+LAST DRIVEN$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^demo\s+demo:kestrel\s+Kestrel Park\s+\d{4} m\s+1\s+\d{4}-\d\d-\d\d$/);
    expect(lines[2]).toMatch(new RegExp(`^gt7\\s+unknown-1\\s+unknown track 1\\s+${Math.round(unknown.length!)} m\\s+${cornerCount}\\s+1\\s+2023-11-1[45]$`));
  }, 20_000);

  it("renames the shape and every past session; a later session on the track takes the name", async () => {
    const renamed = await cli('tracks', 'rename', 'gt7', 'unknown-1', 'Spa-Francorchamps');
    expect(renamed.stderr).toBe('');
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toBe("gt7 unknown-1 is now 'Spa-Francorchamps' (1 session renamed)\n");
    expect((await listTracks()).map((t) => `${t.game} ${t.trackKey} ${t.name}`)).toEqual(['demo demo:kestrel Kestrel Park', 'gt7 unknown-1 Spa-Francorchamps']);
    expect((await sessions()).map((s) => `${s.game} ${s.trackKey} ${s.track}`)).toEqual(['demo demo:kestrel Kestrel Park', 'gt7 unknown-1 Spa-Francorchamps']);
    // The same capture again is identified by the stored shape and named by it.
    const again = await cli('import', pcap);
    expect(again.code, again.stderr).toBe(0);
    expect((await sessions()).at(-1)).toMatchObject({ game: 'gt7', trackKey: 'unknown-1', track: 'Spa-Francorchamps' });
    expect((await listTracks('--game', 'gt7'))[0]).toMatchObject({ name: 'Spa-Francorchamps', sessionCount: 2 });
    const twice = await cli('tracks', 'rename', 'gt7', 'unknown-1', '  Circuit de Spa-Francorchamps ');
    expect(twice.stdout).toBe("gt7 unknown-1 is now 'Circuit de Spa-Francorchamps' (2 sessions renamed)\n");
    expect((await sessions()).filter((s) => s.game === 'gt7').map((s) => s.track)).toEqual(['Circuit de Spa-Francorchamps', 'Circuit de Spa-Francorchamps']);
  }, 20_000);

  it('renames a track known only from sessions, and refuses one with only a corner list', async () => {
    const store = openStore(tmp.db);
    try {
      store.sessions.create({ game: 'f1', format: '2024', trackKey: 'f1:11', trackName: 'Monza', trackLength: 5793 }, { source: 'import', startedAt: Date.parse('2024-05-01T10:00:00Z') });
      store.tracks.saveCatalog('f1', 'f1:99', { length: 4300, corners: [{ number: 1, direction: 'R', entry: 100, apex: 150, exit: 200 }] });
    } finally {
      store.close();
    }
    const f1 = await listTracks('--game', 'f1');
    expect(f1).toEqual([
      { game: 'f1', trackKey: 'f1:11', name: 'Monza', length: 5793, cornerCount: null, sessionCount: 1, lastDrivenAt: '2024-05-01T10:00:00.000Z', hasShape: false, hasCatalog: false },
      { game: 'f1', trackKey: 'f1:99', name: null, length: 4300, cornerCount: 1, sessionCount: 0, lastDrivenAt: null, hasShape: false, hasCatalog: true },
    ]);
    const renamed = await cli('tracks', 'rename', 'f1', 'f1:11', 'Autodromo Nazionale Monza');
    expect(renamed.stdout).toBe("f1 f1:11 is now 'Autodromo Nazionale Monza' (1 session renamed)\n");
    expect((await sessions()).find((s) => s.game === 'f1')!.track).toBe('Autodromo Nazionale Monza');
    const catalogOnly = await cli('tracks', 'rename', 'f1', 'f1:99', 'Somewhere');
    expect(catalogOnly.code).toBe(1);
    expect(catalogOnly.stderr.split('\n')[0]).toBe('racecraft: f1 f1:99 has only a stored corner list, which keeps no name; nothing renamed');
  }, 20_000);

  it('gives one clear line and exit 1 for an unknown track, game or empty name; exit 2 for a missing argument', async () => {
    const key = await cli('tracks', 'rename', 'gt7', 'unknown-9', 'Nowhere');
    expect(key.code).toBe(1);
    expect(key.stdout).toBe('');
    expect(key.stderr).toBe('racecraft: unknown track: gt7 unknown-9\n  known gt7 tracks: unknown-1; see `racecraft tracks --game gt7`\n');
    const game = await cli('tracks', 'rename', 'gt8', 'unknown-1', 'Nowhere');
    expect(game.code).toBe(1);
    expect(game.stderr.split('\n')[0]).toBe('racecraft: unknown track: gt8 unknown-1');
    expect(game.stderr).toContain("racecraft knows no tracks of game 'gt8'");
    const empty = await cli('tracks', 'rename', 'gt7', 'unknown-1', '   ');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe('racecraft: a track name cannot be empty\n');
    const control = await cli('tracks', 'rename', 'gt7', 'unknown-1', 'two\nlines');
    expect(control.code).toBe(1);
    // Nothing was renamed by the refusals.
    expect((await listTracks('--game', 'gt7'))[0]!.name).toBe('Circuit de Spa-Francorchamps');
    const usage = await cli('tracks', 'rename', 'gt7', 'unknown-1');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing required argument 'name'/);
  }, 20_000);

  it('says "nothing recorded yet" for a fresh database', async () => {
    const fresh = tempDir();
    try {
      for (const args of [['tracks'], ['tracks', 'rename', 'gt7', 'unknown-1', 'Spa']]) {
        const result = await runCli([...args, '--db', fresh.db]);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^racecraft: nothing recorded yet/);
      }
    } finally {
      fresh.cleanup();
    }
  });
});

/**
 * Forza Motorsport (2023) numbers its tracks (TrackOrdinal) and never names them: the name a user
 * gives with `tracks rename` must name the next sessions on that ordinal too, not only past ones.
 */
describe('racecraft tracks rename: a track the game only numbers (Forza ordinal)', () => {
  const tmp = tempDir();
  const pcap = `${tmp.dir}/forza-harbour.pcap`;
  const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '--db', tmp.db]);
  const lastSession = async (): Promise<SessionJson> =>
    (JSON.parse((await cli('sessions', '--json')).stdout) as { sessions: SessionJson[] }).sessions.sort((a, b) => a.id - b.id).at(-1)!;

  beforeAll(() => {
    assertBuilt();
    const run = createDemoRun({ trackId: 'harbour', laps: 1, seed: 3 });
    const chunks: Uint8Array[] = [];
    const writer = createPcapWriter((chunk) => chunks.push(chunk));
    const encoder = createForzaEncoder({ variant: 'fm2023', trackOrdinal: 110, carOrdinal: 2471 });
    const session = { ...run.session, trackKey: undefined, trackName: undefined, trackLength: undefined, carKey: undefined };
    for (const frame of adaptLapNumbering('forza', run.frames())) {
      for (const payload of encoder.encode(frame, session)) writer.write({ t: 1_700_000_000 + frame.t, srcPort: 61_000, dstPort: 5300, payload });
    }
    writeFileSync(pcap, Buffer.concat(chunks));
  });
  afterAll(() => tmp.cleanup());

  it('names the next session on the renamed ordinal', async () => {
    const first = await cli('import', pcap);
    expect(first.code, first.stderr).toBe(0);
    expect(await lastSession()).toMatchObject({ game: 'forza', trackKey: 'forza:110' });
    const renamed = await cli('tracks', 'rename', 'forza', 'forza:110', 'Laguna Seca');
    expect(renamed.stdout).toBe("forza forza:110 is now 'Laguna Seca' (1 session renamed)\n");
    const again = await cli('import', pcap);
    expect(again.code, again.stderr).toBe(0);
    expect(await lastSession()).toMatchObject({ game: 'forza', trackKey: 'forza:110', track: 'Laguna Seca' });
  }, 30_000);
});
