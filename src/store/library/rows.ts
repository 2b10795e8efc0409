import type { ItemSummary } from './backend.js';
import type { ItemKind } from './items.js';
import { tokenId, type Scope, type TokenRecord } from './tokens.js';

/**
 * Rows as both engines return them, and their conversion to API shapes. PostgreSQL returns
 * BIGINT columns as strings (they may exceed 2^53); seq and times stay far below that, so
 * Number() is exact here.
 */
export type VersionRow = {
  seq: number | string;
  id: string;
  kind: ItemKind;
  key: string;
  version: number | string;
  game: string;
  track: string | null;
  name: string;
  lap_time: number | string | null;
  author: string;
  created_at: number | string;
  size: number | string;
};

export const VERSION_COLUMNS = 'seq, id, kind, key, version, game, track, name, lap_time, author, created_at, size';

export function summaryFromRow(row: VersionRow): ItemSummary {
  return {
    seq: Number(row.seq),
    id: row.id,
    kind: row.kind,
    key: row.key,
    version: Number(row.version),
    game: row.game,
    track: row.track,
    name: row.name,
    lapTime: row.lap_time === null ? null : Number(row.lap_time),
    author: row.author,
    // SQLite stores the ISO text; PostgreSQL unix ms (BIGINT, a string from pg).
    createdAt: typeof row.created_at === 'string' && row.created_at.includes('T') ? row.created_at : new Date(Number(row.created_at)).toISOString(),
    size: Number(row.size),
  };
}

export type TokenRow = { hash: string; scope: Scope; name: string; created_at: number | string; revoked_at: number | string | null };

export function tokenFromRow(row: TokenRow): TokenRecord {
  return {
    hash: row.hash,
    id: tokenId(row.hash),
    scope: row.scope,
    name: row.name,
    createdAt: Number(row.created_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

