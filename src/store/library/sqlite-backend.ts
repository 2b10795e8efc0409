import Database from 'better-sqlite3';
import { decidePush, likePattern, type ItemSummary, type LibraryBackend, type ListQuery, type NewToken, type PushInput, type PushOutcome, type StoredBody } from './backend.js';
import { LibraryError } from './errors.js';
import type { ItemKind } from './items.js';
import { summaryFromRow, tokenFromRow, VERSION_COLUMNS, type TokenRow, type VersionRow } from './rows.js';

/**
 * The library server's SQLite engine. Its tables are prefixed `lib_` and versioned by its own
 * `lib_meta` row (not PRAGMA user_version, which belongs to the racecraft store), so the server
 * may share a file with nothing else or with a user's racecraft.db without either touching the
 * other. One writer at a time is SQLite's nature; seq is AUTOINCREMENT, so it only grows.
 */
const SCHEMA: readonly string[] = [
  // 1: bodies by content id, every version of every key, hashed tokens.
  `
  CREATE TABLE lib_bodies (
    id   TEXT PRIMARY KEY,          -- sha256 hex of the canonical JSON
    kind TEXT NOT NULL,
    body TEXT NOT NULL              -- canonical JSON
  ) WITHOUT ROWID;
  CREATE TABLE lib_versions (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,  -- the pull cursor: grows in commit order
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    id         TEXT    NOT NULL REFERENCES lib_bodies (id),
    head       INTEGER NOT NULL CHECK (head IN (0, 1)),
    game       TEXT    NOT NULL,
    track      TEXT,
    name       TEXT    NOT NULL,
    lap_time   REAL,                -- s, reference laps
    author     TEXT    NOT NULL,
    created_at TEXT    NOT NULL,    -- ISO 8601 UTC, as the API shows it (no conversion per listed row)
    size       INTEGER NOT NULL,    -- bytes of canonical JSON
    UNIQUE (kind, key, version)
  );
  CREATE INDEX lib_versions_heads_by_seq ON lib_versions (seq) WHERE head = 1;
  CREATE UNIQUE INDEX lib_versions_one_head ON lib_versions (kind, key) WHERE head = 1;
  CREATE TABLE lib_tokens (
    hash       TEXT PRIMARY KEY,    -- sha256 hex of the token; the token itself is never stored
    scope      TEXT    NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) WITHOUT ROWID;
  `,
];

/** 'RCLB' in the SQLite header of a file the library server created. */
const LIBRARY_APPLICATION_ID = 0x52434c42;
/** 'RCFT': a user's racecraft.db; the lib_ tables may live beside the store's. */
const STORE_APPLICATION_ID = 0x52434654;

/** A listed row in VERSION_COLUMNS order. */
type RawVersionRow = [number, string, ItemKind, string, number, string, string | null, string, number | null, string, string, number];

function summaryFromRaw(row: RawVersionRow): ItemSummary {
  return { seq: row[0], id: row[1], kind: row[2], key: row[3], version: row[4], game: row[5], track: row[6], name: row[7], lapTime: row[8], author: row[9], createdAt: row[10], size: row[11] };
}

function migrate(db: Database.Database, path: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId !== 0 && applicationId !== LIBRARY_APPLICATION_ID && applicationId !== STORE_APPLICATION_ID) {
    throw new LibraryError(`${path} is an SQLite database of another program, not a racecraft library`);
  }
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS lib_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
    const row = db.prepare(`SELECT value FROM lib_meta WHERE name = 'schema'`).get() as { value: string } | undefined;
    const current = row ? Number(row.value) : 0;
    if (current > SCHEMA.length) {
      throw new LibraryError(`${path} was written by a newer racecraft library server (schema ${current}, this version knows ${SCHEMA.length})`, 'upgrade racecraft');
    }
    for (let version = current + 1; version <= SCHEMA.length; version++) db.exec(SCHEMA[version - 1]!);
    db.prepare(`INSERT INTO lib_meta (name, value) VALUES ('schema', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`).run(String(SCHEMA.length));
    if (applicationId === 0 && (db.pragma('user_version', { simple: true }) as number) === 0) db.pragma(`application_id = ${LIBRARY_APPLICATION_ID}`);
  }).immediate();
}

/** Opens (creating when needed) a library server database in an SQLite file. */
export function createSqliteBackend(path: string): LibraryBackend {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // `serve token create` may write while the server runs: wait for the lock rather than fail.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
  } catch (error) {
    db.close();
    throw error;
  }

  const listStatements = new Map<string, Database.Statement>();
  function listStatement(query: ListQuery, columns = VERSION_COLUMNS): { statement: Database.Statement; params: unknown[] } {
    const where = ['head = 1', 'seq > ?'];
    const params: unknown[] = [query.since];
    if (query.kind !== undefined) (where.push('kind = ?'), params.push(query.kind));
    if (query.game !== undefined) (where.push('game = ?'), params.push(query.game));
    if (query.track !== undefined) (where.push('track = ?'), params.push(query.track));
    if (query.q !== undefined) {
      const pattern = likePattern(query.q);
      where.push(`(key LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')`);
      params.push(pattern, pattern);
    }
    params.push(query.limit);
    // Only the filter combination shapes the SQL (at most 16 shapes); values are always bound.
    const sql = `SELECT ${columns} FROM lib_versions WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`;
    let statement = listStatements.get(sql);
    // Raw rows (arrays): listing is the hot path of every pull, and building one object per row
    // instead of two halves its cost.
    if (!statement) listStatements.set(sql, (statement = db.prepare(sql).raw(true)));
    return { statement, params };
  }

  const headOf = db.prepare(`SELECT ${VERSION_COLUMNS} FROM lib_versions WHERE kind = ? AND key = ? AND head = 1`);
  const versionOf = db.prepare(`SELECT ${VERSION_COLUMNS} FROM lib_versions WHERE kind = ? AND key = ? AND version = ?`);
  const historyOf = db.prepare(`SELECT ${VERSION_COLUMNS} FROM lib_versions WHERE kind = ? AND key = ? ORDER BY version DESC`);
  const bySeq = db.prepare(`SELECT ${VERSION_COLUMNS} FROM lib_versions WHERE seq = ?`);
  const bySeqs = db.prepare(`SELECT ${VERSION_COLUMNS} FROM lib_versions WHERE seq IN (SELECT value FROM json_each(?))`).raw(true);
  const bodyOf = db.prepare('SELECT id, kind, body FROM lib_bodies WHERE id = ?');
  const insertBody = db.prepare('INSERT INTO lib_bodies (id, kind, body) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING');
  const retireHead = db.prepare('UPDATE lib_versions SET head = 0 WHERE kind = ? AND key = ? AND head = 1');
  const insertVersion = db.prepare(
    `INSERT INTO lib_versions (kind, key, version, id, head, game, track, name, lap_time, author, created_at, size)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const statsQuery = db.prepare(
    `SELECT (SELECT count(*) FROM lib_versions WHERE head = 1) AS keys, (SELECT count(*) FROM lib_versions) AS versions,
            (SELECT coalesce(max(seq), 0) FROM lib_versions) AS cursor`,
  );
  const insertToken = db.prepare('INSERT INTO lib_tokens (hash, scope, name, created_at) VALUES (?, ?, ?, ?)');
  const tokenByHash = db.prepare('SELECT hash, scope, name, created_at, revoked_at FROM lib_tokens WHERE hash = ?');
  const allTokens = db.prepare('SELECT hash, scope, name, created_at, revoked_at FROM lib_tokens ORDER BY created_at, hash');
  const revoke = db.prepare('UPDATE lib_tokens SET revoked_at = ? WHERE substr(hash, 1, 12) = ? AND revoked_at IS NULL');

  const pushTransaction = db.transaction((input: PushInput): PushOutcome => {
    const head = headOf.get(input.kind, input.key) as VersionRow | undefined;
    const afterBase = versionOf.get(input.kind, input.key, input.baseVersion + 1) as VersionRow | undefined;
    const decision = decidePush(input, head && summaryFromRow(head), afterBase && summaryFromRow(afterBase));
    if (decision.action === 'unchanged') return { status: 'unchanged', summary: decision.summary };
    if (decision.action === 'conflict') return { status: 'conflict', current: decision.current };
    insertBody.run(input.id, input.kind, input.body);
    retireHead.run(input.kind, input.key);
    const result = insertVersion.run(
      input.kind,
      input.key,
      decision.version,
      input.id,
      input.game,
      input.track,
      input.name,
      input.lapTime,
      input.author,
      new Date().toISOString(),
      Buffer.byteLength(input.body, 'utf8'),
    );
    return { status: 'created', summary: summaryFromRow(bySeq.get(result.lastInsertRowid) as VersionRow) };
  });

  return {
    engine: 'sqlite',
    async stats() {
      const row = statsQuery.get() as { keys: number; versions: number; cursor: number };
      return { keys: Number(row.keys), versions: Number(row.versions), cursor: Number(row.cursor) };
    },
    async list(query) {
      const { statement, params } = listStatement(query);
      return (statement.all(...params) as RawVersionRow[]).map(summaryFromRaw);
    },
    async listSeqs(query) {
      const { statement, params } = listStatement(query, 'seq');
      return (statement.all(...params) as [number][]).map((row) => row[0]);
    },
    async summaries(seqs) {
      return (bySeqs.all(JSON.stringify(seqs)) as RawVersionRow[]).map(summaryFromRaw);
    },
    async getBody(id): Promise<StoredBody | undefined> {
      return bodyOf.get(id) as StoredBody | undefined;
    },
    async history(kind, key) {
      return (historyOf.all(kind, key) as VersionRow[]).map(summaryFromRow);
    },
    async push(input) {
      return pushTransaction.immediate(input);
    },
    async createToken(token: NewToken) {
      insertToken.run(token.hash, token.scope, token.name, token.createdAt);
    },
    async findToken(hash) {
      const row = tokenByHash.get(hash) as TokenRow | undefined;
      return row && tokenFromRow(row);
    },
    async listTokens() {
      return (allTokens.all() as TokenRow[]).map(tokenFromRow);
    },
    async revokeToken(id) {
      return revoke.run(Date.now(), id).changes;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
