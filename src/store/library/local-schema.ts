import type Database from 'better-sqlite3';
import { LibraryError } from './errors.js';

/**
 * The local library's tables in the user's SQLite file, all prefixed library_ and versioned by
 * the `schema` row of library_meta (never by PRAGMA user_version, which the store's migrations
 * own). Each entry of SCHEMA brings the tables one version forward; a file from a newer
 * racecraft is refused, never touched.
 */
const SCHEMA: readonly string[] = [
  `
  CREATE TABLE library_items (
    kind         TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    id           TEXT    NOT NULL,            -- sha256 of body
    body         TEXT    NOT NULL,            -- canonical JSON
    version      INTEGER,                     -- the server version this copy is; NULL if never synced
    base_version INTEGER NOT NULL DEFAULT 0,  -- dirty rows: the server version the edit started from
    dirty        INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1)),
    game         TEXT    NOT NULL,
    track        TEXT,
    name         TEXT    NOT NULL,
    lap_time     REAL,
    author       TEXT,
    server       TEXT,                        -- where it was last pulled from or pushed to
    updated_at   INTEGER NOT NULL,            -- unix ms
    PRIMARY KEY (kind, key)
  ) WITHOUT ROWID;
  CREATE TABLE library_conflicts (
    kind           TEXT    NOT NULL,
    key            TEXT    NOT NULL,
    remote_id      TEXT    NOT NULL,
    remote_version INTEGER NOT NULL,
    remote_body    TEXT    NOT NULL,
    remote_author  TEXT,
    detected_at    INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
  ) WITHOUT ROWID;
  CREATE TABLE library_cursors (
    server     TEXT    NOT NULL,
    filter     TEXT    NOT NULL,              -- canonical JSON of the pull filter
    cursor     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (server, filter)
  ) WITHOUT ROWID;
  CREATE TABLE library_references (
    game      TEXT    NOT NULL,
    track     TEXT    NOT NULL,
    key       TEXT    NOT NULL,               -- the chosen reference lap's library key
    chosen_at INTEGER NOT NULL,
    PRIMARY KEY (game, track)
  ) WITHOUT ROWID;
  `,
];

/** Creates or upgrades the library tables in one transaction. */
export function ensureLocalSchema(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS library_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
    const row = db.prepare(`SELECT value FROM library_meta WHERE name = 'schema'`).get() as { value: string } | undefined;
    const current = row ? Number(row.value) : 0;
    if (current > SCHEMA.length) {
      throw new LibraryError(`the local library tables were written by a newer racecraft (schema ${current}, this version knows ${SCHEMA.length})`, 'upgrade racecraft');
    }
    for (let v = current + 1; v <= SCHEMA.length; v++) db.exec(SCHEMA[v - 1]!);
    db.prepare(`INSERT INTO library_meta (name, value) VALUES ('schema', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`).run(String(SCHEMA.length));
  }).immediate();
}
