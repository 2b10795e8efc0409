import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalLibrary } from '../../../src/store/library/local.js';
import { createSqliteBackend } from '../../../src/store/library/sqlite-backend.js';

/** The library's own tables: created once, never on top of a newer schema or another program's file. */
describe('library table versioning', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'racecraft-schema-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('marks a new server file as racecraft library and reopens it idempotently', async () => {
    const path = join(dir, 'server.db');
    await (createSqliteBackend(path)).close();
    await (createSqliteBackend(path)).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(0x52434c42);
    expect(db.prepare(`SELECT value FROM lib_meta WHERE name = 'schema'`).get()).toEqual({ value: '1' });
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });

  it('refuses a server file from a newer racecraft, and another program’s SQLite file', () => {
    const newer = join(dir, 'newer.db');
    const db = new Database(newer);
    db.exec(`CREATE TABLE lib_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO lib_meta VALUES ('schema', '99')`);
    db.close();
    expect(() => createSqliteBackend(newer)).toThrow(`${newer} was written by a newer racecraft library server (schema 99, this version knows 1)`);
    const foreign = join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.pragma('application_id = 1234');
    other.close();
    expect(() => createSqliteBackend(foreign)).toThrow(`${foreign} is an SQLite database of another program, not a racecraft library`);
  });

  it('creates the local tables beside the store’s without touching user_version, and refuses newer ones', () => {
    const db = new Database(join(dir, 'racecraft.db'));
    db.pragma('user_version = 3');
    openLocalLibrary(db);
    openLocalLibrary(db);
    const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'library_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['library_conflicts', 'library_cursors', 'library_items', 'library_meta', 'library_references']);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.prepare(`UPDATE library_meta SET value = '2' WHERE name = 'schema'`).run();
    expect(() => openLocalLibrary(db)).toThrow('the local library tables were written by a newer racecraft (schema 2, this version knows 1)');
    db.close();
  });
});

describe('local edits during a push', () => {
  it('an item edited again while its push was under way stays dirty, based on the pushed version', async () => {
    const { circleTrack } = await import('./fixtures.js');
    const { itemContent } = await import('../../../src/store/library/items.js');
    const db = new Database(':memory:');
    const local = openLocalLibrary(db);
    local.stage('track', circleTrack('ring', { name: 'first' }));
    const pushed = itemContent(circleTrack('ring', { name: 'first' }));
    local.stage('track', circleTrack('ring', { name: 'second' }));
    local.markPushed({ seq: 1, id: pushed.id, kind: 'track', key: 'demo/ring', version: 1, game: 'demo', track: 'ring', name: 'first', lapTime: null, author: 'me', createdAt: '2025-01-01T00:00:00.000Z', size: pushed.body.length }, 'http://x');
    expect(local.get('track', 'demo/ring')).toMatchObject({ dirty: true, baseVersion: 1, status: 'modified' });
    expect(local.item('track', 'demo/ring')?.name).toBe('second');
    db.close();
  });
});

describe('reference lap for a track', () => {
  it('is the chosen one, else the fastest held locally', async () => {
    const { constantSpeedReference } = await import('./fixtures.js');
    const db = new Database(':memory:');
    const local = openLocalLibrary(db);
    local.stage('reference', constantSpeedReference('ring', 'Slow Sam', 1257, 40));
    local.stage('reference', constantSpeedReference('ring', 'Quick Quinn', 1257, 50));
    expect(local.referenceFor('demo', 'ring')).toMatchObject({ key: 'demo/ring/gt3/quick-quinn', chosen: false });
    expect(local.referenceFor('demo', 'ring')?.item.lapTime).toBe(25.14);
    local.useReference('demo/ring/gt3/slow-sam');
    expect(local.referenceFor('demo', 'ring')).toMatchObject({ key: 'demo/ring/gt3/slow-sam', chosen: true });
    expect(local.references()).toEqual([{ game: 'demo', track: 'ring', key: 'demo/ring/gt3/slow-sam' }]);
    db.close();
  });
});
