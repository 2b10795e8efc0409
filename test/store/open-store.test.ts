import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src/store/index.js';
import { APPLICATION_ID, latestVersion, readMigrations } from '../../src/store/migrate.js';
import { configureConnection } from '../../src/store/open-store.js';
import { MONZA, useTempDir } from './helpers.js';

const KNOWN = latestVersion(readMigrations());

describe('openStore', () => {
  const tempDir = useTempDir();

  it('creates parent folders, the schema, WAL and the pragmas the recorder relies on', () => {
    const path = join(tempDir(), 'a', 'b', 'racecraft.db');
    const store = openStore(path);
    expect(store.path).toBe(path);
    expect(store.integrityCheck()).toBe('ok');
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(KNOWN);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['extra_channels', 'frame_chunks', 'lap_channels', 'laps', 'sessions', 'track_catalogs', 'track_shapes']);
    db.close();
  });

  it('configures each connection: busy timeout, foreign keys, WAL, synchronous NORMAL', () => {
    const path = join(tempDir(), 'pragmas.db');
    const db = new Database(path);
    configureConnection(db, false);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    db.close();
    // And the store's own connection enforces foreign keys.
    const store = openStore(':memory:');
    const lap = { number: 1, time: 1, timeSource: 'game', valid: true, category: 'flying', sectors: [], startT: 0, endT: 1 } as const;
    expect(() => store.laps.insert(999, lap, emptyTrace())).toThrow(/FOREIGN KEY constraint failed/);
    store.close();
  });

  it('reopens an existing database without re-applying migrations and keeps its data', () => {
    const path = join(tempDir(), 'r.db');
    const first = openStore(path);
    const id = first.sessions.create(MONZA, { source: 'live', startedAt: 1_700_000_000_000 });
    first.close();
    const second = openStore(path);
    expect(second.sessions.get(id)?.trackName).toBe('Monza');
    second.close();
  });

  it('refuses a file that is not a database with a one-line message', () => {
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, 'these are my lap notes, not a database. '.repeat(50));
    const error = catchError(() => openStore(path));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(`${path} is not a racecraft database (file is not a database)`);
  });

  it('refuses a database written by a newer racecraft and leaves it untouched', () => {
    const path = join(tempDir(), 'future.db');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${KNOWN + 41}`);
    db.exec('CREATE TABLE future_table (x)');
    db.close();
    expect(() => openStore(path)).toThrow(
      new StoreError(`${path} was written by a newer racecraft (schema ${KNOWN + 41}, this version knows ${KNOWN}); upgrade racecraft`),
    );
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(KNOWN + 41);
    expect(after.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'sessions'`).pluck().get()).toBe(0);
    after.close();
  });

  it("refuses another program's SQLite database instead of adding tables to it", () => {
    const path = join(tempDir(), 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    expect(() => openStore(path)).toThrow(`${path} is not a racecraft database (it is an SQLite database of another program)`);
    const versioned = join(tempDir(), 'other2.db');
    const db2 = new Database(versioned);
    db2.pragma('user_version = 1');
    db2.close();
    expect(() => openStore(versioned)).toThrow(/is not a racecraft database/);
  });

  it('opens read-only without writing, and refuses a missing file', () => {
    const path = join(tempDir(), 'ro.db');
    const writer = openStore(path);
    writer.sessions.create(MONZA, { source: 'demo', startedAt: 5 });
    writer.close();
    const reader = openStore(path, { readonly: true });
    expect(reader.readonly).toBe(true);
    expect(reader.sessions.list().map((s) => s.source)).toEqual(['demo']);
    expect(() => reader.sessions.create(MONZA, { source: 'demo', startedAt: 6 })).toThrow(/readonly/);
    reader.close();
    const missing = join(tempDir(), 'nope', 'missing.db');
    expect(() => openStore(missing, { readonly: true })).toThrow(new StoreError(`${missing} does not exist`));
    expect(existsSync(join(missing, '..'))).toBe(false);
  });

  it('says so in one line when the path cannot hold a database', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => openStore(join(dir, 'file', 'racecraft.db'))).toThrow(StoreError);
    expect(() => openStore(dir)).toThrow(new RegExp(`^cannot open ${dir}`));
  });

  it('works in memory for tests', () => {
    const store = openStore(':memory:');
    expect(store.path).toBe(':memory:');
    expect(store.sessions.list()).toEqual([]);
    expect(store.integrityCheck()).toBe('ok');
    store.close();
  });
});

function emptyTrace() {
  return { length: 0, t: new Float64Array(0), distance: new Float64Array(0), channels: {} };
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
