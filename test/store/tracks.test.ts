import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError, type StoredCornerCatalog } from '../../src/store/index.js';
import { migrate, readMigrations } from '../../src/store/migrate.js';
import { TRACK_SQL } from '../../src/store/repos/tracks.js';
import { MONZA, useTempDir } from './helpers.js';

const CATALOG: StoredCornerCatalog = {
  length: 5793,
  corners: [
    { number: 2, direction: 'R', entry: 400, apex: 450, exit: 520 },
    { number: 1, direction: 'L', entry: 250, apex: 300, exit: 380, name: 'Variante del Rettifilo' },
    { number: 3, direction: 'L', entry: -20, apex: 5710, exit: 5800 },
  ],
};

describe('store.tracks: per-track corner catalogs', () => {
  const tempDir = useTempDir();

  it('stores a catalog per (game, track) and reads it back sorted by corner number, names kept', () => {
    const store = openStore(':memory:');
    expect(store.tracks.getCatalog('f1', 'f1:11')).toBeUndefined();
    expect(store.tracks.saveCatalog('f1', 'f1:11', CATALOG, 1000)).toBe(true);
    const got = store.tracks.getCatalog('f1', 'f1:11')!;
    expect(got.length).toBe(5793);
    expect(got.corners.map((c) => c.number)).toEqual([1, 2, 3]);
    expect(got.corners[0]).toEqual({ number: 1, direction: 'L', entry: 250, apex: 300, exit: 380, name: 'Variante del Rettifilo' });
    expect(got.corners[2]).toEqual({ number: 3, direction: 'L', entry: -20, apex: 5710, exit: 5800 });
    // The same track key in another game is another track.
    expect(store.tracks.getCatalog('ac', 'f1:11')).toBeUndefined();
    store.close();
  });

  it('writes only when the catalog changed, and replaces it when it did', () => {
    const store = openStore(':memory:');
    expect(store.tracks.saveCatalog('f1', 'f1:11', CATALOG, 1000)).toBe(true);
    expect(store.tracks.saveCatalog('f1', 'f1:11', { ...CATALOG, corners: [...CATALOG.corners].reverse() }, 2000)).toBe(false);
    expect(store.tracks.listCatalogs()).toEqual([{ game: 'f1', trackKey: 'f1:11', length: 5793, cornerCount: 3, updatedAt: 1000 }]);
    const grown = { ...CATALOG, corners: [...CATALOG.corners, { number: 4, direction: 'R' as const, entry: 900, apex: 950, exit: 1000 }] };
    expect(store.tracks.saveCatalog('f1', 'f1:11', grown, 3000)).toBe(true);
    expect(store.tracks.listCatalogs()).toEqual([{ game: 'f1', trackKey: 'f1:11', length: 5793, cornerCount: 4, updatedAt: 3000 }]);
    expect(store.tracks.deleteCatalog('f1', 'f1:11')).toBe(true);
    expect(store.tracks.deleteCatalog('f1', 'f1:11')).toBe(false);
    expect(store.tracks.getCatalog('f1', 'f1:11')).toBeUndefined();
    store.close();
  });

  it('refuses a malformed catalog (a programming error) without writing anything', () => {
    const store = openStore(':memory:');
    const bad = (corners: unknown[], length = 100): StoredCornerCatalog => ({ length, corners: corners as StoredCornerCatalog['corners'] });
    expect(() => store.tracks.saveCatalog('f1', 'x', bad([], 0))).toThrow(/length must be a positive number/);
    expect(() => store.tracks.saveCatalog('f1', 'x', bad([{ number: 0, direction: 'L', entry: 1, apex: 2, exit: 3 }]))).toThrow(/whole number >= 1/);
    expect(() => store.tracks.saveCatalog('f1', 'x', bad([{ number: 1, direction: 'left', entry: 1, apex: 2, exit: 3 }]))).toThrow(/direction must be L or R/);
    expect(() => store.tracks.saveCatalog('f1', 'x', bad([{ number: 1, direction: 'L', entry: 1, apex: Number.NaN, exit: 3 }]))).toThrow(/apex must be a finite number/);
    expect(() => store.tracks.saveCatalog('f1', 'x', bad([{ number: 1, direction: 'L', entry: 1, apex: 2, exit: 3 }, { number: 1, direction: 'R', entry: 5, apex: 6, exit: 7 }]))).toThrow(/appears twice/);
    expect(store.tracks.listCatalogs()).toEqual([]);
    store.close();
  });

  it('reports a damaged stored row as one StoreError line naming the track', () => {
    const path = join(tempDir(), 'damaged.db');
    const store = openStore(path);
    store.tracks.saveCatalog('ac', 'ks_monza', CATALOG, 1);
    store.close();
    const db = new Database(path);
    db.prepare(`UPDATE track_catalogs SET corners_json = '{"not":"a list"}'`).run();
    db.close();
    const again = openStore(path);
    expect(() => again.tracks.getCatalog('ac', 'ks_monza')).toThrow(StoreError);
    expect(() => again.tracks.getCatalog('ac', 'ks_monza')).toThrow('the stored corner list of ac ks_monza is damaged (not a list); delete it with `racecraft corners --reset`');
    again.close();
  });

  it('upgrades a schema-1 database in place, keeping its sessions', () => {
    const path = join(tempDir(), 'v1.db');
    const v1 = new Database(path);
    migrate(v1, readMigrations().filter((m) => m.version === 1));
    v1.close();
    const old = openStore(path);
    const id = old.sessions.create(MONZA, { source: 'live', startedAt: 5 });
    old.close();
    // Opening it as a store applied 0002 on top, in place.
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'track_catalogs'`).pluck().get()).toBe(1);
    db.close();
    const store = openStore(path);
    expect(store.sessions.get(id)?.trackKey).toBe('f1:11');
    expect(store.tracks.saveCatalog('f1', 'f1:11', CATALOG)).toBe(true);
    store.close();
  });

  it('reads and writes a catalog through its primary key (no table scan)', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (sql: string, params: unknown[]): string[] =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    expect(plan(TRACK_SQL.get, ['f1', 'f1:11'])).toEqual(['SEARCH track_catalogs USING PRIMARY KEY (game=? AND track_key=?)']);
    expect(plan(TRACK_SQL.delete, ['f1', 'f1:11'])).toEqual(['SEARCH track_catalogs USING PRIMARY KEY (game=? AND track_key=?)']);
    db.close();
  });
});
