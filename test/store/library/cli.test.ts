import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, expect, it, vi, describe } from 'vitest';
import { register as registerLibrary } from '../../../src/cli/commands/library.js';
import { register as registerServe } from '../../../src/cli/commands/serve.js';
import { createLibrarySettings } from '../../../src/store/library/settings.js';
import { openStore } from '../../../src/store/index.js';
import { circleTrack, constantSpeedReference } from './fixtures.js';

/**
 * The CLI wiring, end to end in-process: `serve` (stopped with a signal), `serve token create`,
 * and `library login / add / push / pull / list / search / use reference / resolve`, two users
 * with their own databases and settings files.
 */
describe('racecraft serve + racecraft library', () => {
  let dir: string;
  let stdout: string[];
  let stderr: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'racecraft-cli-'));
    stdout = [];
    stderr = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function program(user: string): Command {
    const p = new Command('racecraft').option('--db <path>').exitOverride();
    registerServe(p);
    registerLibrary(p, { settings: () => createLibrarySettings({ cwd: join(dir, `${user}-config`), env: {} }) });
    return p;
  }

  async function run(user: string, ...args: string[]): Promise<{ out: string; err: string }> {
    stdout.length = 0;
    stderr.length = 0;
    await program(user).parseAsync(args, { from: 'user' });
    return { out: stdout.join(''), err: stderr.join('') };
  }

  async function until(predicate: () => boolean): Promise<void> {
    for (let i = 0; i < 600 && !predicate(); i++) await new Promise((r) => setTimeout(r, 25));
    if (!predicate()) throw new Error('timed out');
  }

  it('serves, mints tokens, and lets two users push and pull a track and a reference lap', async () => {
    const serverDb = join(dir, 'server.db');
    const writeToken = (await run('admin', '--db', serverDb, 'serve', 'token', 'create', '--scope', 'write', '--name', 'alice')).out.trim();
    expect(writeToken).toMatch(/^rc_[A-Za-z0-9_-]{43}$/);
    const readJson = JSON.parse((await run('admin', '--db', serverDb, 'serve', 'token', 'create', '--scope', 'read', '--name', 'bob', '--json')).out);
    expect(readJson).toMatchObject({ schema: 'racecraft.token/1', scope: 'read', name: 'bob' });
    const listed = JSON.parse((await run('admin', '--db', serverDb, 'serve', 'token', 'list', '--json')).out);
    expect(listed.tokens.map((t: { name: string; scope: string }) => `${t.name}:${t.scope}`)).toEqual(expect.arrayContaining(['alice:write', 'bob:read']));
    expect(JSON.stringify(listed)).not.toContain(writeToken);

    // `serve` runs until a stop signal.
    stdout.length = 0;
    stderr.length = 0;
    const serving = program('admin').parseAsync(['--db', serverDb, 'serve', '--port', '0', '--log-level', 'warn'], { from: 'user' });
    await until(() => /library server at (http:\/\/127\.0\.0\.1:\d+)/.test(stderr.join('')));
    const url = /library server at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr.join(''))![1]!;
    try {
      const aliceDb = join(dir, 'alice.db');
      const bobDb = join(dir, 'bob.db');
      expect((await run('alice', '--db', aliceDb, 'library', 'login', url, '--token', writeToken)).err).toMatch(/^logged in to http:\/\/127\.0\.0\.1:\d+ \(sqlite, 0 items\)/);
      writeFileSync(join(dir, 'track.json'), JSON.stringify(circleTrack('ring')));
      writeFileSync(join(dir, 'ref.json'), JSON.stringify(constantSpeedReference('ring', 'Alice')));
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...circleTrack('ring'), length: -1 }));
      expect((await run('alice', '--db', aliceDb, 'library', 'add', 'track', join(dir, 'track.json'))).err).toBe('added track demo/ring; send it with `racecraft library push`\n');
      await run('alice', '--db', aliceDb, 'library', 'add', 'reference', join(dir, 'ref.json'));
      await expect(run('alice', '--db', aliceDb, 'library', 'add', 'track', join(dir, 'bad.json'))).rejects.toThrow(/bad\.json is not a valid track: item\.length: must be greater than 0, got -1$/);
      expect((await run('alice', '--db', aliceDb, 'library', 'push')).out).toBe('pushed track demo/ring as version 1\npushed reference demo/ring/gt3/alice as version 1\n');

      await expect(run('bob', '--db', bobDb, 'library', 'pull')).rejects.toThrow('not logged in to a library');
      await expect(run('bob', '--db', bobDb, 'library', 'login', url, '--token', `rc_${'x'.repeat(43)}`)).rejects.toThrow('library GET /v1/items?limit=1: unknown or revoked token');
      await run('bob', '--db', bobDb, 'library', 'login', url, '--token', readJson.token);
      expect((await run('bob', '--db', bobDb, 'library', 'pull')).out).toBe(`pulled from ${url}: 2 new, 0 updated, 0 already here\n`);
      const search = JSON.parse((await run('bob', '--db', bobDb, 'library', 'search', 'alice', '--json')).out);
      expect(search.items.map((i: { key: string }) => i.key)).toEqual(['demo/ring/gt3/alice']);
      expect((await run('bob', '--db', bobDb, 'library', 'use', 'reference', 'demo/ring/gt3/alice')).err).toBe('reference lap for demo/ring: demo/ring/gt3/alice\n');
      const list = JSON.parse((await run('bob', '--db', bobDb, 'library', 'list', '--json')).out);
      expect(list.items.map((i: { kind: string; key: string; status: string; version: number; chosenReference: boolean }) => [i.kind, i.key, i.status, i.version, i.chosenReference])).toEqual([
        ['reference', 'demo/ring/gt3/alice', 'synced', 1, true],
        ['track', 'demo/ring', 'synced', 1, false],
      ]);
      const table = (await run('bob', '--db', bobDb, 'library', 'list')).out.split('\n');
      expect(table[0]).toMatch(/^KIND\s+KEY\s+VER\s+STATUS\s+NAME\s+LAP\s+AUTHOR$/);
      expect(table[1]).toMatch(/^reference\s+demo\/ring\/gt3\/alice \*\s+1\s+synced\s+Alice \(Demo GT3\)\s+31\.425\s+alice$/);

      // A stale push is refused, exit code 1, both copies kept; resolved with --keep theirs.
      writeFileSync(join(dir, 'track2.json'), JSON.stringify(circleTrack('ring', { name: 'Ring v2' })));
      writeFileSync(join(dir, 'track3.json'), JSON.stringify(circleTrack('ring', { name: 'Ring by Bob' })));
      await run('alice', '--db', aliceDb, 'library', 'add', 'track', join(dir, 'track2.json'));
      await run('alice', '--db', aliceDb, 'library', 'push');
      await run('bob', '--db', bobDb, 'library', 'login', url, '--token', writeToken);
      await run('bob', '--db', bobDb, 'library', 'add', 'track', join(dir, 'track3.json'));
      const refused = await run('bob', '--db', bobDb, 'library', 'push');
      expect(process.exitCode).toBe(1);
      process.exitCode = undefined;
      expect(refused.err).toContain('refused: track demo/ring is at version 2 (by alice); your copy is based on version 1: pull, merge, then push again');
      await run('bob', '--db', bobDb, 'library', 'resolve', 'track', 'demo/ring', '--keep', 'theirs');
      const after = JSON.parse((await run('bob', '--db', bobDb, 'library', 'list', '--kind', 'track', '--json')).out);
      expect(after.items[0]).toMatchObject({ key: 'demo/ring', status: 'synced', version: 2, name: 'Ring v2' });
      // The user's racecraft.db still opens as the store's own, library tables and all.
      const store = openStore(bobDb);
      expect(store.integrityCheck()).toBe('ok');
      expect(store.sessions.list()).toEqual([]);
      store.close();
    } finally {
      process.emit('SIGTERM', 'SIGTERM');
      await serving;
    }
  });
});
