import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LibraryBackend } from './backend.js';
import { HttpError } from './http-errors.js';
import { bearerToken, hashToken, sameHash, scopeAllows, type Scope, type TokenRecord } from './tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a route needs; absent = public. */
    scope?: Scope;
  }
  interface FastifyRequest {
    /** The token the request authenticated with, when it sent one. */
    token?: TokenRecord;
  }
}

export type AuthOptions = {
  /** Serve reads without a token (a public library); pushes still need a write token. */
  readonly publicRead?: boolean;
  /** How long a looked-up token is trusted before the database is asked again (default 5 s). */
  readonly cacheMs?: number;
};

/**
 * Bearer-token checks, run on onRequest, before the body is read: a request without the right
 * token costs a hash and a lookup, never a parse. 401 when the token is missing, malformed,
 * unknown or revoked; 403 when it is valid but its scope is too small. Lookups are cached for a
 * few seconds (a revocation takes effect within `cacheMs`) so pulls do not each hit the database.
 */
export function registerAuth(app: FastifyInstance, backend: LibraryBackend, options: AuthOptions = {}): void {
  const cacheMs = options.cacheMs ?? 5000;
  const cache = new Map<string, { record: TokenRecord | undefined; until: number }>();

  async function lookup(hash: string): Promise<TokenRecord | undefined> {
    const now = Date.now();
    const hit = cache.get(hash);
    if (hit && hit.until > now) return hit.record;
    const record = await backend.findToken(hash);
    // Bounded: unknown hashes are cached too (so guessing costs no queries), oldest dropped first.
    if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
    cache.set(hash, { record, until: now + cacheMs });
    return record;
  }

  app.decorateRequest('token', undefined);
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const needed = request.routeOptions.config.scope;
    if (needed === undefined) return;
    if (needed === 'read' && options.publicRead) return;
    const header = request.headers.authorization;
    const token = bearerToken(header);
    if (token === undefined) {
      reply.header('www-authenticate', 'Bearer realm="racecraft-library"');
      throw new HttpError(401, 'unauthorized', header === undefined ? `this needs a ${needed} token (Authorization: Bearer rc_...)` : 'the Authorization header is not a racecraft bearer token');
    }
    const hash = hashToken(token);
    const record = await lookup(hash);
    if (!record || !sameHash(record.hash, hash) || record.revokedAt !== null) {
      reply.header('www-authenticate', 'Bearer realm="racecraft-library", error="invalid_token"');
      throw new HttpError(401, 'unauthorized', 'unknown or revoked token');
    }
    if (!scopeAllows(record.scope, needed)) {
      throw new HttpError(403, 'forbidden', `this needs a ${needed} token; yours has scope ${record.scope}`);
    }
    request.token = record;
  });
}
