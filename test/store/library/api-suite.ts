import { afterEach, beforeEach, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../src/store/library/canonical.js';
import { itemContent, itemFacts, type ItemKind, type LibraryItem } from '../../../src/store/library/items.js';
import { circleTrack, constantSpeedReference, sampleCar } from './fixtures.js';
import { call, serve, tokens, type BackendEnv, type BackendFactory, type TestServer } from './harness.js';

/**
 * The library HTTP API, end to end over loopback, against one backend. The same suite runs for
 * SQLite and for PostgreSQL (api.sqlite.test.ts, api.postgres.test.ts).
 */
export function defineApiSuite(factory: () => BackendFactory): void {
  let env: BackendEnv;
  let server: TestServer;
  let t: Awaited<ReturnType<typeof tokens>>;

  beforeEach(async () => {
    env = await factory().create();
    server = await serve(env.backend, { bodyLimit: 256 * 1024 });
    t = await tokens(env.backend);
  });
  afterEach(async () => {
    await server.close();
    await env.backend.close();
    await env.cleanup();
  });

  const push = (token: string | undefined, kind: ItemKind, item: LibraryItem, baseVersion?: number) =>
    call(server.url, 'POST', '/v1/items', { ...(token ? { token } : {}), body: { kind, item, ...(baseVersion !== undefined ? { baseVersion } : {}) } });

  it('answers health without a token', async () => {
    const answer = await call(server.url, 'GET', '/v1/health');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'ok', api: 1, engine: factory().name, keys: 0, versions: 0, cursor: '0' });
  });

  it('refuses pushes without a write token (401/403) and stores nothing', async () => {
    const track = circleTrack();
    expect((await push(undefined, 'track', track)).status).toBe(401);
    expect((await push(t.read, 'track', track)).json).toEqual({ error: 'forbidden', message: 'this needs a write token; yours has scope read' });
    expect((await push(`rc_${'A'.repeat(43)}`, 'track', track)).json).toEqual({ error: 'unauthorized', message: 'unknown or revoked token' });
    expect((await call(server.url, 'POST', '/v1/items', { headers: { authorization: 'Basic dXNlcjpwYXNz' }, body: { kind: 'track', item: track } })).status).toBe(401);
    const revoked = t.writer2;
    const [record] = (await env.backend.listTokens()).filter((r) => r.name === 'bob');
    expect(await env.backend.revokeToken(record!.id)).toBe(1);
    expect((await push(revoked, 'track', track)).status).toBe(401);
    expect((await call(server.url, 'GET', '/v1/items')).status).toBe(401);
    expect(await env.backend.stats()).toEqual({ keys: 0, versions: 0, cursor: 0 });
  });

  it('stores an item under its sha256, serves it byte for byte, and answers a repeated push 200 unchanged', async () => {
    const track = circleTrack();
    const { id, body } = itemContent(track);
    const created = await push(t.write, 'track', track);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'created', id, kind: 'track', key: 'demo/ring', version: 1, author: 'alice', game: 'demo', track: 'ring', name: 'Ring ring', size: body.length, seq: 1 });
    const fetched = await call(server.url, 'GET', `/v1/items/${id}`, { token: t.read });
    expect(fetched.status).toBe(200);
    expect(fetched.text).toBe(`{"id":"${id}","kind":"track","item":${body}}`);
    expect(sha256Hex(canonicalJson(fetched.json.item))).toBe(id);
    expect(fetched.headers['etag']).toBe(`"${id}"`);
    expect((await call(server.url, 'GET', `/v1/items/${id}`, { token: t.read, headers: { 'if-none-match': `"${id}"` } })).status).toBe(304);
    const again = await push(t.write, 'track', JSON.parse(JSON.stringify(track)));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'unchanged', version: 1, seq: 1 });
    expect(await env.backend.stats()).toEqual({ keys: 1, versions: 1, cursor: 1 });
  });

  it('keeps a version per key with history, refuses a stale base with 409, and treats a retried push as done', async () => {
    const v1 = circleTrack('ring', { name: 'Ring' });
    const v2 = circleTrack('ring', { name: 'Ring (v2)' });
    const v3 = circleTrack('ring', { name: 'Ring (v3 by bob)' });
    expect((await push(t.write, 'track', v1)).json.version).toBe(1);
    expect((await push(t.write, 'track', v2, 1)).json).toMatchObject({ status: 'created', version: 2 });
    // bob still holds v1 and pushes his edit on top of it: refused, not silently overwritten.
    const stale = await push(t.writer2, 'track', v3, 1);
    expect(stale.status).toBe(409);
    expect(stale.json).toEqual({
      error: 'conflict',
      message: 'track demo/ring is at version 2 (by alice); your copy is based on version 1: pull, merge, then push again',
      currentVersion: 2,
      currentId: itemContent(v2).id,
      baseVersion: 1,
    });
    // A new key claimed as new when it exists is a conflict too.
    expect((await push(t.writer2, 'track', v3)).status).toBe(409);
    // alice's v2 push is retried (its answer was lost): same content after base 1 → done, no v3.
    expect((await push(t.write, 'track', v2, 1)).json).toMatchObject({ status: 'unchanged', version: 2 });
    expect((await push(t.writer2, 'track', v3, 2)).json).toMatchObject({ status: 'created', version: 3, author: 'bob' });
    const history = await call(server.url, 'GET', '/v1/history/track/demo/ring', { token: t.read });
    expect(history.status).toBe(200);
    expect(history.json.versions.map((v: { version: number; author: string; name: string }) => [v.version, v.author, v.name])).toEqual([
      [3, 'bob', 'Ring (v3 by bob)'],
      [2, 'alice', 'Ring (v2)'],
      [1, 'alice', 'Ring'],
    ]);
    // Old versions stay fetchable by id.
    expect((await call(server.url, 'GET', `/v1/items/${itemContent(v1).id}`, { token: t.read })).json.item.name).toBe('Ring');
    expect((await call(server.url, 'GET', '/v1/history/track/demo/nowhere', { token: t.read })).status).toBe(404);
  });

  it('lets exactly one of many concurrent pushes to a new key win, and numbers concurrent versions without gaps', async () => {
    const racing = await Promise.all(Array.from({ length: 8 }, (_, i) => push(i % 2 ? t.write : t.writer2, 'track', circleTrack('ring', { name: `Ring ${i}` }))));
    expect(racing.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const many = await Promise.all(Array.from({ length: 10 }, (_, i) => push(t.write, 'track', circleTrack(`k${i}`))));
    expect(many.map((a) => a.json.seq as number).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(await env.backend.stats()).toEqual({ keys: 11, versions: 11, cursor: 11 });
  });

  it('pulls current versions after a cursor, page by page, in sequence order', async () => {
    for (const key of ['a', 'b', 'c', 'd', 'e']) expect((await push(t.write, 'track', circleTrack(key))).status).toBe(201);
    const page1 = await call(server.url, 'GET', '/v1/items?limit=2', { token: t.read });
    expect(page1.json.items.map((i: { key: string }) => i.key)).toEqual(['demo/a', 'demo/b']);
    expect(page1.json).toMatchObject({ cursor: '2', more: true });
    const page2 = await call(server.url, 'GET', `/v1/items?limit=2&since=${page1.json.cursor}`, { token: t.read });
    expect(page2.json.items.map((i: { key: string }) => i.key)).toEqual(['demo/c', 'demo/d']);
    // b changes between pages: its new version comes later; its old one is no longer current.
    expect((await push(t.write, 'track', circleTrack('b', { name: 'B2' }), 1)).json.seq).toBe(6);
    const page3 = await call(server.url, 'GET', `/v1/items?limit=2&since=${page2.json.cursor}`, { token: t.read });
    expect(page3.json.items.map((i: { key: string; version: number }) => `${i.key}@${i.version}`)).toEqual(['demo/e@1', 'demo/b@2']);
    const page4 = await call(server.url, 'GET', `/v1/items?limit=2&since=${page3.json.cursor}`, { token: t.read });
    expect(page4.json).toEqual({ items: [], cursor: '6', more: false });
    const all = await call(server.url, 'GET', '/v1/items', { token: t.read });
    expect(all.json.items.map((i: { key: string; version: number }) => `${i.key}@${i.version}`)).toEqual(['demo/a@1', 'demo/c@1', 'demo/d@1', 'demo/e@1', 'demo/b@2']);
  });

  it('filters by kind, game and track, and searches key and name with literal text', async () => {
    await push(t.write, 'track', circleTrack('ring', { name: 'Ring 100% flat_out' }));
    await push(t.write, 'track', circleTrack('oval', { game: 'f1', name: 'Oval' }));
    await push(t.write, 'car', sampleCar('gt3'));
    await push(t.write, 'reference', constantSpeedReference('ring', 'Alice'));
    const keys = async (query: string): Promise<string[]> => (await call(server.url, 'GET', `/v1/items?${query}`, { token: t.read })).json.items.map((i: { kind: string; key: string }) => `${i.kind}:${i.key}`);
    expect(await keys('kind=track')).toEqual(['track:demo/ring', 'track:f1/oval']);
    expect(await keys('game=f1')).toEqual(['track:f1/oval']);
    expect(await keys('track=ring')).toEqual(['track:demo/ring', 'reference:demo/ring/gt3/alice']);
    expect(await keys('q=OVAL')).toEqual(['track:f1/oval']);
    expect(await keys(`q=${encodeURIComponent('100%')}`)).toEqual(['track:demo/ring']);
    expect(await keys(`q=${encodeURIComponent('%')}`)).toEqual(['track:demo/ring']);
    expect(await keys('q=t_o')).toEqual(['track:demo/ring']);
    expect(await keys(`q=${encodeURIComponent("' OR '1'='1")}`)).toEqual([]);
    const ref = (await call(server.url, 'GET', '/v1/items?kind=reference', { token: t.read })).json.items[0];
    expect(ref).toMatchObject({ name: 'Alice (Demo GT3)', lapTime: 31.425, track: 'ring' });
  });

  it('gives malformed, oversized, mistyped, path-tricking and SQL-looking requests one clear 4xx and stores nothing', async () => {
    const track = circleTrack();
    const post = (raw: string | Buffer, headers: Record<string, string> = {}) => call(server.url, 'POST', '/v1/items', { token: t.write, raw, headers });
    const expectError = async (answer: Promise<{ status: number; json: any }>, status: number, error: string, message?: string | RegExp) => {
      const a = await answer;
      expect(a.status).toBe(status);
      expect(a.json.error).toBe(error);
      if (message !== undefined) expect(a.json.message).toMatch(message);
    };
    await expectError(post('{"kind":"track","item":'), 400, 'malformed_json', 'the body is not valid JSON');
    await expectError(post(''), 400, 'malformed_json', 'the body is empty');
    await expectError(post(JSON.stringify({ kind: 'track', item: track }), { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    const huge = JSON.stringify({ kind: 'track', item: { ...track, name: 'x'.repeat(300 * 1024) } });
    await expectError(post(huge), 413, 'too_large', 'the body is larger than the limit of 262144 bytes');
    await expectError(post(JSON.stringify({ kind: 'track', item: { ...track, length: '1256' } })), 400, 'invalid', 'body.item.length: expected a finite number, got the string "1256"');
    await expectError(post(JSON.stringify({ kind: 'track', item: { ...track, corners: {} } })), 400, 'invalid', 'body.item.corners: expected an array, got a object');
    await expectError(post(JSON.stringify([{ kind: 'track', item: track }])), 400, 'invalid', 'body: expected an object, got an array');
    await expectError(post('{"kind":"track","item":{},"__proto__":{"admin":true}}'), 400, 'malformed_json');
    await expectError(post(JSON.stringify({ kind: 'track', item: { ...track, length: 1e400 } }).replace('"length":null', '"length":1e400')), 400, 'invalid', /body\.item\.length: expected a finite number/);
    // Path tricks, in keys and in URLs.
    await expectError(post(JSON.stringify({ kind: 'track', item: { ...track, key: '../../etc/passwd' } })), 400, 'invalid', /^body\.item\.key: "\.\.\/\.\.\/etc\/passwd" is not allowed here/);
    await expectError(post(JSON.stringify({ kind: 'track', key: 'demo/../../x', item: track })), 400, 'invalid', /^body\.key:/);
    await expectError(call(server.url, 'GET', '/v1/items/..%2F..%2Fetc%2Fpasswd', { token: t.read }), 400, 'invalid');
    await expectError(call(server.url, 'GET', '/v1/history/track/demo/../../etc/passwd', { token: t.read }), 400, 'invalid', /is not a library key/);
    await expectError(call(server.url, 'GET', '/v1/history/track/demo%2F..%2F..%2Fx', { token: t.read }), 400, 'invalid');
    await expectError(call(server.url, 'GET', '/v1/history/../../etc/passwd', { token: t.read }), 400, 'invalid', /^path\.kind: expected one of/);
    // SQL-looking strings where the API expects identifiers, ids or numbers.
    await expectError(post(JSON.stringify({ kind: "track' OR 1=1 --", item: track })), 400, 'invalid', /^body\.kind: expected one of/);
    await expectError(post(JSON.stringify({ kind: 'track', item: { ...track, game: "demo'; DROP TABLE lib_versions; --" } })), 400, 'invalid', /^body\.item\.game:/);
    await expectError(post(JSON.stringify({ kind: 'track', baseVersion: '1; DELETE FROM lib_tokens', item: track })), 400, 'invalid', /^body\.baseVersion: expected a finite number/);
    await expectError(call(server.url, 'GET', `/v1/items?since=${encodeURIComponent('0 OR 1=1')}`, { token: t.read }), 400, 'invalid', /^query\.since:/);
    await expectError(call(server.url, 'GET', `/v1/items?kind=${encodeURIComponent("track' --")}`, { token: t.read }), 400, 'invalid', /^query\.kind:/);
    await expectError(call(server.url, 'GET', `/v1/items?game=${encodeURIComponent("x' UNION SELECT hash FROM lib_tokens --")}`, { token: t.read }), 400, 'invalid', /^query\.game:/);
    await expectError(call(server.url, 'GET', `/v1/items/${encodeURIComponent("' OR 1=1 --")}`, { token: t.read }), 400, 'invalid');
    await expectError(call(server.url, 'GET', '/v1/items?limit=100000', { token: t.read }), 400, 'invalid', 'query.limit: must be a whole number from 1 to 500');
    await expectError(call(server.url, 'GET', '/v1/items?kind=track&kind=car', { token: t.read }), 400, 'invalid', 'query.kind: give it once, as a single value');
    await expectError(call(server.url, 'GET', '/v1/items?drop=1', { token: t.read }), 400, 'invalid', /^query\.drop: unknown parameter/);
    await expectError(call(server.url, 'GET', `/v1/items?q=${encodeURIComponent('a\u0000b')}`, { token: t.read }), 400, 'invalid', 'query.q: must not contain control characters');
    await expectError(call(server.url, 'DELETE', '/v1/items', { token: t.admin }), 404, 'not_found');
    expect(await env.backend.stats()).toEqual({ keys: 0, versions: 0, cursor: 0 });
    // Every refusal was an answer, not a crash: nothing logged at error level.
    expect(server.logs.map((l) => JSON.parse(l)).filter((l) => l.level >= 50)).toEqual([]);
  });

  it('stores SQL-looking free text as data, verbatim, with every table intact', async () => {
    const name = "Robert'); DROP TABLE lib_versions; -- \"quoted\" \\ back";
    const track = circleTrack('ring', { name });
    expect((await push(t.write, 'track', track)).status).toBe(201);
    const listed = await call(server.url, 'GET', `/v1/items?q=${encodeURIComponent('DROP TABLE')}`, { token: t.read });
    expect(listed.json.items).toHaveLength(1);
    expect(listed.json.items[0].name).toBe(name);
    expect((await call(server.url, 'GET', `/v1/items/${itemContent(track).id}`, { token: t.read })).json.item.name).toBe(name);
    expect(await env.backend.stats()).toEqual({ keys: 1, versions: 1, cursor: 1 });
    expect((await env.backend.listTokens()).length).toBe(4);
  });

  it('never keeps a token in clear, in the database or in the logs; admins mint tokens over HTTP', async () => {
    expect((await call(server.url, 'POST', '/v1/tokens', { token: t.write, body: { scope: 'read', name: 'carol' } })).status).toBe(403);
    const minted = await call(server.url, 'POST', '/v1/tokens', { token: t.admin, body: { scope: 'write', name: 'carol' } });
    expect(minted.status).toBe(201);
    expect(minted.json).toMatchObject({ scope: 'write', name: 'carol' });
    expect(minted.json.token).toMatch(/^rc_[A-Za-z0-9_-]{43}$/);
    expect(minted.json.id).toBe(sha256Hex(minted.json.token).slice(0, 12));
    expect((await push(minted.json.token, 'car', sampleCar())).json.author).toBe('carol');
    await push(t.write, 'track', circleTrack());
    await call(server.url, 'GET', '/v1/items', { token: t.read });
    await push(t.read, 'track', circleTrack('x'));
    const dump = await env.dump();
    const all = [t.read, t.write, t.admin, t.writer2, minted.json.token as string];
    for (const token of all) {
      expect(dump.includes(token), 'token in database').toBe(false);
      expect(dump.includes(token.slice(3, 23)), 'token fragment in database').toBe(false);
      expect(dump.includes(sha256Hex(token)), 'hash stored').toBe(true);
    }
    const log = server.logs.join('\n');
    expect(server.logs.length).toBeGreaterThanOrEqual(8);
    for (const token of all) expect(log.includes(token.slice(3, 23)), 'token in logs').toBe(false);
    const lines = server.logs.map((l) => JSON.parse(l));
    expect(lines.find((l) => l.msg === 'push' && l.push.author === 'carol')).toMatchObject({ push: { kind: 'car', key: 'demo/gt3', status: 'created' } });
    expect(lines.find((l) => l.msg === 'token created')).toMatchObject({ tokenId: minted.json.id, scope: 'write', name: 'carol', by: 'root' });
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(6);
    expect(requests.every((l) => typeof l.reqId === 'string' && typeof l.status === 'number' && typeof l.ms === 'number' && l.ip === '127.0.0.1')).toBe(true);
    expect(requests.find((l) => l.method === 'POST' && l.url === '/v1/tokens' && l.status === 201)).toMatchObject({ tokenId: (await env.backend.listTokens()).find((r) => r.name === 'root')!.id });
  });

  it('gzips large answers when the client accepts gzip, and only then', async () => {
    const track = circleTrack();
    await push(t.write, 'track', track);
    const id = itemContent(track).id;
    const zipped = await call(server.url, 'GET', `/v1/items/${id}`, { token: t.read, headers: { 'accept-encoding': 'br;q=1, gzip;q=0.8' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toBe('accept-encoding');
    expect(zipped.json.id).toBe(id);
    const plain = await call(server.url, 'GET', `/v1/items/${id}`, { token: t.read });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(zipped.text);
    // A centerline is long arrays of 2-decimal numbers: it shrinks to about half.
    expect(plain.wireBytes).toBe(Number(plain.headers['content-length']));
    expect(plain.wireBytes).toBeGreaterThan(1.8 * zipped.wireBytes);
    expect((await call(server.url, 'GET', `/v1/items/${id}`, { token: t.read, headers: { 'accept-encoding': 'gzip;q=0' } })).headers['content-encoding']).toBeUndefined();
    // Small answers are not worth it.
    expect((await call(server.url, 'GET', '/v1/health', { headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).toBeUndefined();
  });
}
