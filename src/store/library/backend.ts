import type { ItemKind } from './items.js';
import type { Scope, TokenRecord } from './tokens.js';

/**
 * What the library server stores, behind one interface with two engines: SQLite (one file, the
 * default) and PostgreSQL (for a community that outgrows one machine). Both keep every version
 * of every key (history), bodies addressed by content id, and a server-wide sequence number
 * (`seq`) that only grows in commit order: it is the pull cursor.
 */

/** One version of one key, as listings and pushes report it. */
export type ItemSummary = {
  /** Server sequence number of this version: the cursor a pull resumes after. */
  readonly seq: number;
  /** sha256 of the item's canonical JSON. */
  readonly id: string;
  readonly kind: ItemKind;
  readonly key: string;
  /** 1, 2, ... per key. */
  readonly version: number;
  readonly game: string;
  readonly track: string | null;
  readonly name: string;
  /** s, for reference laps. */
  readonly lapTime: number | null;
  /** Name of the token that pushed it. */
  readonly author: string;
  /** ISO 8601 time the server stored it. */
  readonly createdAt: string;
  /** Bytes of canonical JSON. */
  readonly size: number;
};

export type ListQuery = {
  readonly kind?: ItemKind;
  readonly game?: string;
  readonly track?: string;
  /** Case-insensitive substring of key or name. */
  readonly q?: string;
  /** Only versions with seq greater than this. */
  readonly since: number;
  readonly limit: number;
};

export type PushInput = {
  readonly kind: ItemKind;
  readonly key: string;
  /** The version the pusher's copy was based on; 0 when the key is new to them. */
  readonly baseVersion: number;
  readonly id: string;
  /** Canonical JSON of the item. */
  readonly body: string;
  readonly author: string;
  readonly game: string;
  readonly track: string | null;
  readonly name: string;
  readonly lapTime: number | null;
};

export type PushOutcome =
  | { readonly status: 'created'; readonly summary: ItemSummary }
  /** The same content was already stored for this push: a retry, or nothing changed. */
  | { readonly status: 'unchanged'; readonly summary: ItemSummary }
  /** The pusher's base version is not the current one: refuse rather than overwrite silently. */
  | { readonly status: 'conflict'; readonly current: ItemSummary | undefined };

export type StoredBody = { readonly id: string; readonly kind: ItemKind; readonly body: string };

export type NewToken = { readonly hash: string; readonly scope: Scope; readonly name: string; readonly createdAt: number };

export interface LibraryBackend {
  readonly engine: 'sqlite' | 'postgres';
  /** Number of keys and the newest seq. */
  stats(): Promise<{ keys: number; versions: number; cursor: number }>;
  /** Current versions (the head of each key) with seq > since, in seq order, at most `limit`. */
  list(query: ListQuery): Promise<ItemSummary[]>;
  /** The seqs `list` would return, only (the server builds pages from cached summaries). */
  listSeqs(query: ListQuery): Promise<number[]>;
  /** The versions with these seqs, in any order. A version's summary never changes. */
  summaries(seqs: readonly number[]): Promise<ItemSummary[]>;
  getBody(id: string): Promise<StoredBody | undefined>;
  /** Every version of a key, newest first. */
  history(kind: ItemKind, key: string): Promise<ItemSummary[]>;
  push(input: PushInput): Promise<PushOutcome>;
  createToken(token: NewToken): Promise<void>;
  findToken(hash: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenRecord[]>;
  /** Revokes tokens whose id (hash prefix) is `id`; returns how many. */
  revokeToken(id: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The push rule both engines apply inside their write transaction, given the key's current
 * head and the version right after the pusher's base:
 * - same content as the head → unchanged (idempotent);
 * - the version after the base already holds this content → unchanged (a retried push whose
 *   answer was lost, even if others pushed since);
 * - base is the head's version (or 0 for a key that does not exist) → create head + 1;
 * - anything else → conflict, with the current head.
 */
export type PushDecision =
  | { readonly action: 'unchanged'; readonly summary: ItemSummary }
  | { readonly action: 'conflict'; readonly current: ItemSummary | undefined }
  | { readonly action: 'insert'; readonly version: number };

export function decidePush(input: Pick<PushInput, 'id' | 'baseVersion'>, head: ItemSummary | undefined, afterBase: ItemSummary | undefined): PushDecision {
  if (head && head.id === input.id) return { action: 'unchanged', summary: head };
  if (afterBase && afterBase.id === input.id) return { action: 'unchanged', summary: afterBase };
  const current = head?.version ?? 0;
  if (input.baseVersion !== current) return { action: 'conflict', current: head };
  return { action: 'insert', version: current + 1 };
}

/** `%`, `_` and `\` in a search text are literal characters, not LIKE wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
