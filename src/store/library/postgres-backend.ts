import { redactUrl } from './db-url.js';

export { redactUrl };
import pg from 'pg';
import { decidePush, likePattern, type LibraryBackend, type ListQuery, type PushInput, type PushOutcome, type StoredBody } from './backend.js';
import { LibraryError } from './errors.js';
import { summaryFromRow, tokenFromRow, VERSION_COLUMNS, type TokenRow, type VersionRow } from './rows.js';

/**
 * The library server's PostgreSQL engine, for a community that outgrows one machine (several
 * server processes may share one database). Same tables and rules as the SQLite engine.
 *
 * Why an advisory lock around every push: BIGSERIAL hands out numbers at INSERT time, not at
 * COMMIT, so two concurrent pushes could commit seq 11 before seq 10, and a puller that saw 11
 * would never see 10. Taking one transaction-scoped lock before the insert makes seq order
 * equal commit order. Pushes are rare and short; pulls take no lock.
 */
const PUSH_LOCK = 0x52434c42; // 'RCLB'
const MIGRATION_LOCK = 0x52434c43;

const SCHEMA: readonly string[] = [
  `
  CREATE TABLE lib_bodies (
    id   TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    body TEXT NOT NULL            -- canonical JSON, kept byte for byte (jsonb would reorder it)
  );
  CREATE TABLE lib_versions (
    seq        BIGSERIAL PRIMARY KEY,
    kind       TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    id         TEXT    NOT NULL REFERENCES lib_bodies (id),
    head       BOOLEAN NOT NULL,
    game       TEXT    NOT NULL,
    track      TEXT,
    name       TEXT    NOT NULL,
    lap_time   DOUBLE PRECISION,
    author     TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    size       INTEGER NOT NULL,
    UNIQUE (kind, key, version)
  );
  CREATE INDEX lib_versions_heads_by_seq ON lib_versions (seq) WHERE head;
  CREATE UNIQUE INDEX lib_versions_one_head ON lib_versions (kind, key) WHERE head;
  CREATE TABLE lib_tokens (
    hash       TEXT PRIMARY KEY,
    scope      TEXT   NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
  );
  `,
];

/** The listing query for `query`: only the filter combination shapes the SQL; values are bound. */
function listSql(query: ListQuery, columns: string): { sql: string; params: unknown[] } {
  const where = ['head', 'seq > $1'];
  const params: unknown[] = [query.since];
  const add = (clause: (n: string) => string, value: unknown): void => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (query.kind !== undefined) add((p) => `kind = ${p}`, query.kind);
  if (query.game !== undefined) add((p) => `game = ${p}`, query.game);
  if (query.track !== undefined) add((p) => `track = ${p}`, query.track);
  if (query.q !== undefined) add((p) => `(key ILIKE ${p} ESCAPE '\\' OR name ILIKE ${p} ESCAPE '\\')`, likePattern(query.q));
  params.push(query.limit);
  return { sql: `SELECT ${columns} FROM lib_versions WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`, params };
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function migrate(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS lib_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM lib_meta WHERE name = 'schema'`);
    const current = rows[0] ? Number(rows[0].value) : 0;
    if (current > SCHEMA.length) {
      throw new LibraryError(`the PostgreSQL library database was written by a newer racecraft (schema ${current}, this version knows ${SCHEMA.length})`, 'upgrade racecraft');
    }
    for (let version = current + 1; version <= SCHEMA.length; version++) await client.query(SCHEMA[version - 1]!);
    await client.query(`INSERT INTO lib_meta (name, value) VALUES ('schema', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, [String(SCHEMA.length)]);
  });
}


export type PostgresBackendOptions = {
  /** Pool size (default 10). */
  readonly max?: number;
};

/** Connects to PostgreSQL at `url` (postgres://user:pass@host:port/db), creating the schema when needed. */
export async function createPostgresBackend(url: string, options: PostgresBackendOptions = {}): Promise<LibraryBackend> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof LibraryError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LibraryError(`cannot use PostgreSQL at ${redactUrl(url)}: ${reason}`, 'check the URL, that the server runs, and that the user may create tables');
  }

  const columns = VERSION_COLUMNS;
  async function one<R extends pg.QueryResultRow>(client: pg.Pool | pg.PoolClient, sql: string, params: unknown[]): Promise<R | undefined> {
    const { rows } = await client.query<R>(sql, params);
    return rows[0];
  }

  return {
    engine: 'postgres',
    async stats() {
      const row = await one<{ keys: string; versions: string; cursor: string }>(
        pool,
        `SELECT (SELECT count(*) FROM lib_versions WHERE head) AS keys, (SELECT count(*) FROM lib_versions) AS versions,
                (SELECT coalesce(max(seq), 0) FROM lib_versions) AS cursor`,
        [],
      );
      return { keys: Number(row!.keys), versions: Number(row!.versions), cursor: Number(row!.cursor) };
    },
    async list(query: ListQuery) {
      const { sql, params } = listSql(query, columns);
      const { rows } = await pool.query<VersionRow>(sql, params);
      return rows.map(summaryFromRow);
    },
    async listSeqs(query: ListQuery) {
      const { sql, params } = listSql(query, 'seq');
      const { rows } = await pool.query<{ seq: string }>(sql, params);
      return rows.map((row) => Number(row.seq));
    },
    async summaries(seqs) {
      const { rows } = await pool.query<VersionRow>(`SELECT ${columns} FROM lib_versions WHERE seq = ANY($1::bigint[])`, [seqs]);
      return rows.map(summaryFromRow);
    },
    async getBody(id): Promise<StoredBody | undefined> {
      return one<StoredBody>(pool, 'SELECT id, kind, body FROM lib_bodies WHERE id = $1', [id]);
    },
    async history(kind, key) {
      const { rows } = await pool.query<VersionRow>(`SELECT ${columns} FROM lib_versions WHERE kind = $1 AND key = $2 ORDER BY version DESC`, [kind, key]);
      return rows.map(summaryFromRow);
    },
    async push(input: PushInput): Promise<PushOutcome> {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
        const head = await one<VersionRow>(client, `SELECT ${columns} FROM lib_versions WHERE kind = $1 AND key = $2 AND head`, [input.kind, input.key]);
        const afterBase = await one<VersionRow>(client, `SELECT ${columns} FROM lib_versions WHERE kind = $1 AND key = $2 AND version = $3`, [
          input.kind,
          input.key,
          input.baseVersion + 1,
        ]);
        const decision = decidePush(input, head && summaryFromRow(head), afterBase && summaryFromRow(afterBase));
        if (decision.action === 'unchanged') return { status: 'unchanged', summary: decision.summary };
        if (decision.action === 'conflict') return { status: 'conflict', current: decision.current };
        await client.query('INSERT INTO lib_bodies (id, kind, body) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [input.id, input.kind, input.body]);
        await client.query('UPDATE lib_versions SET head = false WHERE kind = $1 AND key = $2 AND head', [input.kind, input.key]);
        const created = await one<VersionRow>(
          client,
          `INSERT INTO lib_versions (kind, key, version, id, head, game, track, name, lap_time, author, created_at, size)
           VALUES ($1, $2, $3, $4, true, $5, $6, $7, $8, $9, $10, $11) RETURNING ${columns}`,
          [input.kind, input.key, decision.version, input.id, input.game, input.track, input.name, input.lapTime, input.author, Date.now(), Buffer.byteLength(input.body, 'utf8')],
        );
        return { status: 'created', summary: summaryFromRow(created!) };
      });
    },
    async createToken(token) {
      await pool.query('INSERT INTO lib_tokens (hash, scope, name, created_at) VALUES ($1, $2, $3, $4)', [token.hash, token.scope, token.name, token.createdAt]);
    },
    async findToken(hash) {
      const row = await one<TokenRow>(pool, 'SELECT hash, scope, name, created_at, revoked_at FROM lib_tokens WHERE hash = $1', [hash]);
      return row && tokenFromRow(row);
    },
    async listTokens() {
      const { rows } = await pool.query<TokenRow>('SELECT hash, scope, name, created_at, revoked_at FROM lib_tokens ORDER BY created_at, hash');
      return rows.map(tokenFromRow);
    },
    async revokeToken(id) {
      const result = await pool.query('UPDATE lib_tokens SET revoked_at = $1 WHERE substr(hash, 1, 12) = $2 AND revoked_at IS NULL', [Date.now(), id]);
      return result.rowCount ?? 0;
    },
    async close() {
      await pool.end();
    },
  };
}
