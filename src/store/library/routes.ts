import type { FastifyInstance } from 'fastify';
import type { LibraryBackend, ListQuery } from './backend.js';
import { CONTENT_ID_PATTERN } from './canonical.js';
import { createBodyCache } from './body-cache.js';
import { createSummaryCache } from './summary-cache.js';
import { acceptsGzip, COMPRESS_MIN_BYTES } from './compression.js';
import { HttpError } from './http-errors.js';
import { GAME_PATTERN, ITEM_KINDS, isLibraryKey, itemContent, itemFacts, KEY_COMPONENT_PATTERN, validatePushBody, type ItemKind } from './items.js';
import { generateToken, hashToken, SCOPES, tokenId, TOKEN_NAME_PATTERN } from './tokens.js';
import { expectEnum, expectObject, expectString, fail } from './validate.js';

/** Pull page size: default and ceiling. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;

const LIST_PARAMS = ['kind', 'game', 'track', 'q', 'since', 'limit'] as const;

/** One query parameter, once, as a string (a repeated parameter is an error, not an array). */
function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(`query.${name}`, 'give it once, as a single value');
  return value;
}

export function parseListQuery(raw: unknown): ListQuery {
  const query = (raw ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(query)) {
    if (!(LIST_PARAMS as readonly string[]).includes(name)) fail(`query.${name}`, `unknown parameter (known: ${LIST_PARAMS.join(', ')})`);
  }
  const kind = single(query, 'kind');
  const game = single(query, 'game');
  const track = single(query, 'track');
  const q = single(query, 'q');
  const since = single(query, 'since');
  const limit = single(query, 'limit');
  if (since !== undefined && !/^\d{1,15}$/.test(since)) fail('query.since', 'must be a cursor returned by this server (a whole number)');
  if (limit !== undefined && (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_PAGE)) fail('query.limit', `must be a whole number from 1 to ${MAX_PAGE}`);
  return {
    ...(kind !== undefined ? { kind: expectEnum(kind, 'query.kind', ITEM_KINDS) } : {}),
    ...(game !== undefined ? { game: expectString(game, 'query.game', { max: 32, pattern: GAME_PATTERN, patternHint: 'a game id' }) } : {}),
    ...(track !== undefined ? { track: expectString(track, 'query.track', { max: 64, pattern: KEY_COMPONENT_PATTERN, patternHint: 'a track key' }) } : {}),
    ...(q !== undefined ? { q: expectString(q, 'query.q', { max: 100 }) } : {}),
    since: since === undefined ? 0 : Number(since),
    limit: limit === undefined ? DEFAULT_PAGE : Number(limit),
  };
}

/** The /v1 routes. Scopes: reads need `read`, pushes `write`, token creation `admin`. */
export function registerRoutes(app: FastifyInstance, backend: LibraryBackend, options: { bodyCacheBytes?: number } = {}): void {
  const bodies = createBodyCache(options.bodyCacheBytes ?? 64 * 1024 * 1024);
  const summaryFragments = createSummaryCache(backend);
  app.get('/v1/health', async () => {
    const stats = await backend.stats();
    return { status: 'ok', api: 1, engine: backend.engine, keys: stats.keys, versions: stats.versions, cursor: String(stats.cursor) };
  });

  app.get('/v1/items', { config: { scope: 'read' } }, async (request, reply) => {
    const query = parseListQuery(request.query);
    const seqs = await backend.listSeqs(query);
    const page = await summaryFragments.page(seqs);
    const cursor = String(seqs.length > 0 ? seqs[seqs.length - 1] : query.since);
    return reply.type('application/json; charset=utf-8').send(`{"items":[${page}],"cursor":"${cursor}","more":${seqs.length === query.limit}}`);
  });

  app.get<{ Params: { id: string } }>('/v1/items/:id', { config: { scope: 'read' } }, async (request, reply) => {
    const { id } = request.params;
    if (!CONTENT_ID_PATTERN.test(id)) throw new HttpError(400, 'invalid', 'an item id is 64 lower-case hex digits (the sha256 of its canonical JSON)');
    const etag = `"${id}"`;
    // Content-addressed bodies never change: a client holding this id needs nothing more.
    reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    let cached = bodies.get(id);
    if (!cached) {
      const stored = await backend.getBody(id);
      if (!stored) throw new HttpError(404, 'not_found', `no item ${id}`);
      // The stored canonical JSON is spliced in as is: no parse and re-serialise per request.
      cached = bodies.put(id, Buffer.from(`{"id":"${stored.id}","kind":"${stored.kind}","item":${stored.body}}`, 'utf8'));
    }
    reply.type('application/json; charset=utf-8');
    if (cached.plain.length < COMPRESS_MIN_BYTES) return reply.send(cached.plain);
    reply.header('vary', 'accept-encoding');
    if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(cached.plain);
    return reply.header('content-encoding', 'gzip').send(await bodies.gzipped(id, cached));
  });

  app.get<{ Params: { kind: string; '*': string } }>('/v1/history/:kind/*', { config: { scope: 'read' } }, async (request) => {
    const kind = expectEnum(request.params.kind, 'path.kind', ITEM_KINDS) as ItemKind;
    const key = request.params['*'];
    if (!isLibraryKey(key)) throw new HttpError(400, 'invalid', `path.key: ${JSON.stringify(key.slice(0, 80))} is not a library key (game/track, game/car or game/track/car/driver)`);
    const versions = await backend.history(kind, key);
    if (versions.length === 0) throw new HttpError(404, 'not_found', `no ${kind} ${key}`);
    return { kind, key, versions };
  });

  app.post('/v1/items', { config: { scope: 'write' } }, async (request, reply) => {
    const body = validatePushBody(request.body);
    const { id, body: canonical } = itemContent(body.item);
    const facts = itemFacts(body.kind, body.item);
    const author = request.token?.name ?? 'anonymous';
    const outcome = await backend.push({ kind: body.kind, key: body.key, baseVersion: body.baseVersion, id, body: canonical, author, ...facts });
    request.log.info({ push: { kind: body.kind, key: body.key, baseVersion: body.baseVersion, status: outcome.status, author } }, 'push');
    if (outcome.status === 'conflict') {
      const current = outcome.current;
      const message = current
        ? `${body.kind} ${body.key} is at version ${current.version} (by ${current.author}); your copy is based on version ${body.baseVersion}: pull, merge, then push again`
        : `${body.kind} ${body.key} does not exist on this server, but your copy claims base version ${body.baseVersion}`;
      throw new HttpError(409, 'conflict', message, { currentVersion: current?.version ?? 0, currentId: current?.id ?? null, baseVersion: body.baseVersion });
    }
    return reply.code(outcome.status === 'created' ? 201 : 200).send({ status: outcome.status, ...outcome.summary });
  });

  app.post('/v1/tokens', { config: { scope: 'admin' } }, async (request, reply) => {
    const body = expectObject(request.body, 'body', ['scope', 'name']);
    const scope = expectEnum(body['scope'], 'body.scope', SCOPES);
    const name = expectString(body['name'], 'body.name', { max: 64, pattern: TOKEN_NAME_PATTERN, patternHint: 'letters, digits, space and . _ @ + -' });
    const created = await issueToken(backend, scope, name);
    request.log.info({ tokenId: created.id, scope, name, by: request.token?.name }, 'token created');
    return reply.code(201).send(created);
  });
}

/** Creates a token; the clear token is in the result and nowhere else (only its hash is stored). */
export async function issueToken(backend: LibraryBackend, scope: (typeof SCOPES)[number], name: string): Promise<{ token: string; id: string; scope: string; name: string }> {
  const token = generateToken();
  const hash = hashToken(token);
  await backend.createToken({ hash, scope, name, createdAt: Date.now() });
  return { token, id: tokenId(hash), scope, name };
}
