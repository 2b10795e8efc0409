import type { ItemSummary } from './backend.js';
import { canonicalJson, CONTENT_ID_PATTERN, sha256Hex } from './canonical.js';
import { LibraryError } from './errors.js';
import { ITEM_KINDS, validateItem, type ItemKind, type LibraryItem } from './items.js';
import { ValidationError } from './validate.js';

/**
 * HTTP client for a racecraft library server (fetch-based; gzip is undone by fetch itself).
 * Every failure becomes a LibraryError with one printable line: unreachable server, refused
 * token, invalid request. A stale-base push is not an error but an answer (`status: 'conflict'`).
 * Pulled items are checked: their sha256 must match the id asked for and they must pass the
 * schema, so a broken or hostile server cannot plant garbage in the local library.
 */

export type Health = { status: 'ok'; api: number; engine: 'sqlite' | 'postgres'; keys: number; versions: number; cursor: string };
export type ListPage = { items: ItemSummary[]; cursor: string; more: boolean };
export type ListParams = { kind?: ItemKind; game?: string; track?: string; q?: string; since?: string; limit?: number };
export type FetchedItem = { id: string; kind: ItemKind; item: LibraryItem };
export type PushAnswer =
  | { status: 'created' | 'unchanged'; summary: ItemSummary }
  | { status: 'conflict'; message: string; currentVersion: number; currentId: string | null; baseVersion: number };

/** A refusal from the server, with its HTTP status and error code. */
export class LibraryHttpError extends LibraryError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    hint?: string,
  ) {
    super(message, hint);
  }
}

export type LibraryClientOptions = {
  /** Base URL, e.g. http://127.0.0.1:8787 (a trailing slash or /v1 is tolerated). */
  readonly url: string;
  readonly token?: string;
  /** Injected for tests (e.g. to fail after n calls); default global fetch. */
  readonly fetch?: typeof fetch;
  /** Per request (default 30 s). */
  readonly timeoutMs?: number;
};

export type LibraryClient = {
  readonly url: string;
  health(): Promise<Health>;
  list(params?: ListParams): Promise<ListPage>;
  getItem(id: string): Promise<FetchedItem>;
  history(kind: ItemKind, key: string): Promise<ItemSummary[]>;
  push(body: { kind: ItemKind; key: string; baseVersion: number; item: LibraryItem }): Promise<PushAnswer>;
  createToken(scope: 'read' | 'write' | 'admin', name: string): Promise<{ token: string; id: string; scope: string; name: string }>;
};

/** Normalises a server URL: http(s) only, no trailing slash, no /v1 suffix. */
export function normaliseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LibraryError(`'${raw}' is not a URL`, 'give the server as http://host:port, e.g. http://127.0.0.1:8787');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LibraryError(`'${raw}' is not an http(s) URL`);
  if (url.username || url.password) throw new LibraryError('put the token in --token, not in the URL');
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${url.origin}${path}`;
}

/** Errors of a connection that died under a request (not of a server that cannot be reached). */
const STALE_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

export function createLibraryClient(options: LibraryClientOptions): LibraryClient {
  const base = normaliseServerUrl(options.url);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    for (let attempt = 1; ; attempt++) {
      try {
        response = await doFetch(`${base}${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        break;
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        // A kept-alive connection the server closed (it restarted) fails the next request on it;
        // a GET is safe to send again once, and a push is too (pushes are idempotent).
        if (attempt === 1 && STALE_CONNECTION.has(cause?.code ?? '')) continue;
        const reason = cause?.message ?? cause?.code ?? (error instanceof Error ? error.message : String(error));
        throw new LibraryError(`cannot reach the library at ${base}: ${reason}`, 'check that the server runs (`racecraft serve`) and the URL (`racecraft library login URL`)');
      }
    }
    let json: Record<string, unknown>;
    try {
      json = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      // A connection cut mid-body lands here too: report it as the network failure it is.
      const reason = error instanceof Error ? error.message : String(error);
      throw new LibraryError(`the library at ${base} sent an unreadable answer to ${method} ${path} (HTTP ${response.status}): ${reason}`);
    }
    if (response.status >= 400 && !(response.status === 409 && method === 'POST')) {
      const code = typeof json['error'] === 'string' ? json['error'] : 'error';
      const message = typeof json['message'] === 'string' ? json['message'] : `HTTP ${response.status}`;
      const hint =
        response.status === 401
          ? 'log in with a valid token: `racecraft library login URL --token rc_...`'
          : response.status === 403
            ? 'ask the server admin for a token with a larger scope (`racecraft serve token create --scope write`)'
            : undefined;
      throw new LibraryHttpError(`library ${method} ${path}: ${message}`, response.status, code, hint);
    }
    return { status: response.status, json };
  }

  return {
    url: base,
    async health() {
      return (await request('GET', '/v1/health')).json as Health;
    },
    async list(params = {}) {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
      const text = query.toString();
      return (await request('GET', `/v1/items${text ? `?${text}` : ''}`)).json as ListPage;
    },
    async getItem(id) {
      if (!CONTENT_ID_PATTERN.test(id)) throw new LibraryError(`'${id}' is not an item id`);
      const { json } = await request('GET', `/v1/items/${id}`);
      const kind = json['kind'] as ItemKind;
      if (!ITEM_KINDS.includes(kind)) throw new LibraryError(`the library sent item ${id} with unknown kind ${JSON.stringify(kind)}`);
      if (sha256Hex(canonicalJson(json['item'])) !== id) throw new LibraryError(`the library sent item ${id} whose content does not match its id (corrupt server or proxy)`);
      try {
        return { id, kind, item: validateItem(kind, json['item']) };
      } catch (error) {
        if (error instanceof ValidationError) throw new LibraryError(`the library sent item ${id} that this racecraft cannot read: ${error.message}`, 'upgrade racecraft');
        throw error;
      }
    },
    async history(kind, key) {
      const { json } = await request('GET', `/v1/history/${kind}/${key.split('/').map(encodeURIComponent).join('/')}`);
      return json['versions'] as ItemSummary[];
    },
    async push(body) {
      const { status, json } = await request('POST', '/v1/items', body);
      if (status === 409) {
        return {
          status: 'conflict',
          message: String(json['message'] ?? 'conflict'),
          currentVersion: Number(json['currentVersion'] ?? 0),
          currentId: typeof json['currentId'] === 'string' ? json['currentId'] : null,
          baseVersion: body.baseVersion,
        };
      }
      const { status: outcome, ...summary } = json as { status: 'created' | 'unchanged' } & ItemSummary;
      return { status: outcome, summary: summary as ItemSummary };
    },
    async createToken(scope, name) {
      return (await request('POST', '/v1/tokens', { scope, name })).json as { token: string; id: string; scope: string; name: string };
    },
  };
}

/**
 * Every version the server lists for `params`, following its cursor page by page from the
 * start (`since` 0) until it says there is no more: the whole listing, however many items the
 * server holds, not only its first page. `pageSize` ≤ the server's largest page (500).
 */
export async function listAll(client: LibraryClient, params: Omit<ListParams, 'since' | 'limit'> = {}, pageSize = 500): Promise<ItemSummary[]> {
  const all: ItemSummary[] = [];
  let since: string | undefined;
  for (;;) {
    const page = await client.list({ ...params, ...(since !== undefined ? { since } : {}), limit: pageSize });
    all.push(...page.items);
    // A server that answers "more" without moving its cursor would loop forever: stop there.
    if (!page.more || page.items.length === 0 || page.cursor === since) return all;
    since = page.cursor;
  }
}
