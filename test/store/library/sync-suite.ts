import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { LibraryBackend } from '../../../src/store/library/backend.js';
import { createLibraryClient } from '../../../src/store/library/client.js';
import { LibraryError } from '../../../src/store/library/errors.js';
import { itemContent, itemFacts, itemKey } from '../../../src/store/library/items.js';
import { openLocalLibraryFile } from '../../../src/store/library/local.js';
import { referenceToTrace } from '../../../src/store/library/reference.js';
import { pullLibrary, pushLibrary } from '../../../src/store/library/sync.js';
import { circleTrack, constantSpeedReference, sampleCar } from './fixtures.js';
import { serve, tokens, type BackendEnv, type BackendFactory, type TestServer } from './harness.js';

/** Clients and server together: sync, conflicts and a server killed mid-pull, against one backend. */
export function defineSyncSuite(factory: () => BackendFactory): void {
  let env: BackendEnv;
  let backend: LibraryBackend;
  let server: TestServer;
  let t: Awaited<ReturnType<typeof tokens>>;
  let dir: string;
  const opened: { close(): void }[] = [];

  beforeEach(async () => {
    env = await factory().create();
    backend = env.backend;
    server = await serve(backend);
    t = await tokens(backend);
    dir = mkdtempSync(join(tmpdir(), 'racecraft-client-'));
  });
  afterEach(async () => {
    for (const lib of opened.splice(0)) lib.close();
    await server.close();
    await backend.close();
    await env.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  function local(name: string) {
    const lib = openLocalLibraryFile(join(dir, `${name}.db`));
    opened.push(lib);
    return lib;
  }

  it('two clients, one server: A pushes a track map and a reference lap, B pulls them and uses the reference offline', async () => {
    const a = local('a');
    const clientA = createLibraryClient({ url: `${server.url}/`, token: t.write });
    expect(a.stage('reference', constantSpeedReference('ring', 'Alice Example'))).toMatchObject({ key: 'demo/ring/gt3/alice-example', changed: true });
    expect(a.stage('track', circleTrack('ring'))).toMatchObject({ key: 'demo/ring', changed: true });
    expect(a.list().map((i) => `${i.kind}:${i.status}`)).toEqual(['reference:new', 'track:new']);
    const pushed = await pushLibrary(a, clientA);
    expect(pushed.created).toEqual([
      { kind: 'track', key: 'demo/ring', version: 1 },
      { kind: 'reference', key: 'demo/ring/gt3/alice-example', version: 1 },
    ]);
    expect(pushed.conflicts).toEqual([]);
    expect(a.list().map((i) => `${i.kind}:${i.status}:${i.version}:${i.author}`)).toEqual(['reference:synced:1:alice', 'track:synced:1:alice']);
    // Pushing again sends nothing: there are no local edits left.
    expect(await pushLibrary(a, clientA)).toEqual({ created: [], unchanged: [], conflicts: [] });

    const b = local('b');
    const clientB = createLibraryClient({ url: server.url, token: t.read });
    const pulled = await pullLibrary(b, clientB);
    expect(pulled).toMatchObject({ pages: 1, added: 2, updated: 0, unchanged: 0, conflicts: [], cursor: '2' });
    expect(b.item('track', 'demo/ring')).toEqual(circleTrack('ring'));
    expect(b.get('track', 'demo/ring')).toMatchObject({ id: itemContent(circleTrack('ring')).id, version: 1, status: 'synced', author: 'alice', server: server.url });
    // Before any choice, the fastest local reference lap of the track serves.
    expect(b.referenceFor('demo', 'ring')).toMatchObject({ key: 'demo/ring/gt3/alice-example', chosen: false });
    expect(b.referenceFor('demo', 'elsewhere')).toBeUndefined();
    expect(b.useReference('demo/ring/gt3/alice-example')).toEqual({ game: 'demo', track: 'ring', key: 'demo/ring/gt3/alice-example' });
    expect(b.referenceFor('demo', 'ring')).toMatchObject({ key: 'demo/ring/gt3/alice-example', chosen: true });
    expect(() => b.useReference('demo/ring/gt3/nobody')).toThrow("no reference lap 'demo/ring/gt3/nobody' in the local library");
    expect((await pullLibrary(b, clientB))).toMatchObject({ pages: 1, added: 0, updated: 0, unchanged: 0, cursor: '2' });

    // Offline: the server is gone, the pulled items and the reference choice still work.
    await server.close();
    const chosen = b.chosenReference('demo', 'ring');
    expect(chosen?.key).toBe('demo/ring/gt3/alice-example');
    const trace = referenceToTrace(chosen!.item);
    expect(trace.length).toBe(1257);
    expect(trace.t[1256]).toBeCloseTo(1256 / 40, 3);
    expect(trace.channels.speed![100]).toBe(40);
    await expect(pullLibrary(b, clientB)).rejects.toThrow(/^cannot reach the library at http:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });

  it('refuses a push on a stale base with a clear conflict, keeps both copies, and resolves either way', async () => {
    const a = local('a');
    const b = local('b');
    const clientA = createLibraryClient({ url: server.url, token: t.write });
    const clientB = createLibraryClient({ url: server.url, token: t.writer2 });
    a.stage('track', circleTrack('ring', { name: 'Ring' }));
    await pushLibrary(a, clientA);
    await pullLibrary(b, clientB);
    a.stage('track', circleTrack('ring', { name: 'Ring by Alice' }));
    expect((await pushLibrary(a, clientA)).created).toEqual([{ kind: 'track', key: 'demo/ring', version: 2 }]);

    b.stage('track', circleTrack('ring', { name: 'Ring by Bob' }));
    expect(b.get('track', 'demo/ring')).toMatchObject({ status: 'modified', baseVersion: 1 });
    const refused = await pushLibrary(b, clientB);
    expect(refused.created).toEqual([]);
    expect(refused.conflicts).toEqual([
      {
        kind: 'track',
        key: 'demo/ring',
        baseVersion: 1,
        currentVersion: 2,
        message: 'track demo/ring is at version 2 (by alice); your copy is based on version 1: pull, merge, then push again',
      },
    ]);
    expect(b.get('track', 'demo/ring')?.status).toBe('conflict');
    expect(b.conflicts()).toEqual([
      { kind: 'track', key: 'demo/ring', localId: itemContent(circleTrack('ring', { name: 'Ring by Bob' })).id, baseVersion: 1, remoteId: itemContent(circleTrack('ring', { name: 'Ring by Alice' })).id, remoteVersion: 2, remoteAuthor: 'alice' },
    ]);
    // Pulling does not overwrite the unpushed edit either.
    const pulled = await pullLibrary(b, clientB);
    expect(pulled.conflicts.map((c) => `${c.key}@${c.remoteVersion}`)).toEqual(['demo/ring@2']);
    expect(b.item('track', 'demo/ring')?.name).toBe('Ring by Bob');

    b.resolve('track', 'demo/ring', 'mine');
    expect(b.get('track', 'demo/ring')).toMatchObject({ status: 'modified', baseVersion: 2 });
    expect((await pushLibrary(b, clientB)).created).toEqual([{ kind: 'track', key: 'demo/ring', version: 3 }]);
    expect((await clientA.history('track', 'demo/ring')).map((v) => `${v.version}:${v.author}:${v.name}`)).toEqual(['3:bob:Ring by Bob', '2:alice:Ring by Alice', '1:alice:Ring']);
    expect((await pullLibrary(a, clientA)).updated).toBe(1);
    expect(a.item('track', 'demo/ring')?.name).toBe('Ring by Bob');

    // The other way: A edits locally while B pushes again; A takes B's version.
    a.stage('track', circleTrack('ring', { name: 'Ring, Alice again' }));
    b.stage('track', circleTrack('ring', { name: 'Ring, Bob again' }));
    await pushLibrary(b, clientB);
    expect((await pullLibrary(a, clientA)).conflicts).toHaveLength(1);
    expect(a.item('track', 'demo/ring')?.name).toBe('Ring, Alice again');
    a.resolve('track', 'demo/ring', 'theirs');
    expect(a.get('track', 'demo/ring')).toMatchObject({ status: 'synced', version: 4, dirty: false });
    expect(a.item('track', 'demo/ring')?.name).toBe('Ring, Bob again');
    expect(a.dirty()).toEqual([]);
    expect(() => a.resolve('track', 'demo/ring', 'mine')).toThrow(LibraryError);
  });

  it('resumes a pull after the server is killed mid-pull: nothing duplicated, nothing lost', async () => {
    const total = 130;
    for (let i = 0; i < total; i++) {
      const item = sampleCar(`car${String(i).padStart(3, '0')}`);
      const { id, body } = itemContent(item);
      await backend.push({ kind: 'car', key: itemKey('car', item), baseVersion: 0, id, body, author: 'seed', ...itemFacts('car', item) });
    }
    // The first server dies on the 60th body download, in the middle of the third page of 25.
    await server.close();
    let bodies = 0;
    server = await serve(backend, {
      beforeListen(app) {
        app.addHook('onRequest', async (request) => {
          if (!/^\/v1\/items\/[0-9a-f]{64}$/.test(request.url)) return;
          if (++bodies === 60) {
            request.raw.socket.destroy();
            void app.close();
          }
        });
      },
    });
    const port = server.port;
    const b = local('b');
    const client = createLibraryClient({ url: server.url, token: t.read });
    await expect(pullLibrary(b, client, {}, { pageSize: 25 })).rejects.toThrow(LibraryError);
    expect(b.list()).toHaveLength(50);
    expect(b.cursor(client.url, '{}')).toBe('50');

    // Restart on the same database and port. This one dies while writing the second listing it
    // serves: headers and half the JSON, then the connection drops.
    await server.close();
    await backend.close();
    backend = await env.reopen();
    let listings = 0;
    server = await serve(backend, {
      port,
      beforeListen(app) {
        app.addHook('onRequest', async (request) => {
          if (!request.url.startsWith('/v1/items?') || ++listings !== 2) return;
          const page = JSON.stringify(await backend.list({ since: 75, limit: 25 }));
          request.raw.socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${page.length}\r\n\r\n${page.slice(0, page.length / 2)}`);
          void app.close();
        });
      },
    });
    await expect(pullLibrary(b, client, {}, { pageSize: 25 })).rejects.toThrow(/unreadable answer|cannot reach/);
    expect(b.list()).toHaveLength(75);
    expect(b.cursor(client.url, '{}')).toBe('75');

    // The third server stays up, counting what the resumed pull downloads.
    await server.close();
    await backend.close();
    backend = await env.reopen();
    let resumedBodies = 0;
    server = await serve(backend, {
      port,
      beforeListen(app) {
        app.addHook('onRequest', async (request) => {
          if (/^\/v1\/items\/[0-9a-f]{64}$/.test(request.url)) resumedBodies++;
        });
      },
    });
    const resumed = await pullLibrary(b, client, {}, { pageSize: 25 });
    expect(resumed).toMatchObject({ pages: 3, added: 55, updated: 0, unchanged: 0, conflicts: [], cursor: String(total) });
    expect(resumedBodies).toBe(55);
    const localItems = b.list();
    expect(localItems).toHaveLength(total);
    expect(new Set(localItems.map((i) => i.key)).size).toBe(total);
    const heads = await backend.list({ since: 0, limit: 500 });
    expect(localItems.map((i) => `${i.key}@${i.id}`).sort()).toEqual(heads.map((h) => `${h.key}@${h.id}`).sort());
    expect(await pullLibrary(b, client, {}, { pageSize: 25 })).toMatchObject({ pages: 1, added: 0 });
  });
}
