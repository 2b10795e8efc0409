import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storeSink } from '../../../src/cli/live-session.js';
import { openStore, StoreError, type StoredTrackShape } from '../../../src/store/index.js';
import { migrate, readMigrations } from '../../../src/store/migrate.js';
import { TRACK_SQL } from '../../../src/store/repos/tracks.js';
import { useTempDir } from '../helpers.js';

/** A 2 km circle, a point every 2 m, in GT7-like world coordinates (hundreds of metres from the origin). */
function circle(cx: number): StoredTrackShape {
  const n = 1000;
  const r = 2000 / (2 * Math.PI);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    x[k] = cx + r * Math.cos((2 * Math.PI * k) / n);
    y[k] = -700 + r * Math.sin((2 * Math.PI * k) / n);
  }
  return { length: 2000, plane: 'xz', x, y };
}

describe('store.tracks: track shapes (migration 0004)', () => {
  const tempDir = useTempDir();

  it('stores a shape per (game, track) and reads back every coordinate bit-exact, compressed', () => {
    const store = openStore(':memory:');
    const shape = circle(-373.7);
    store.tracks.saveShape('gt7', 'unknown-1', 'unknown track 1', shape, 1000);
    const got = store.tracks.getShape('gt7', 'unknown-1')!;
    expect(got).toMatchObject({ game: 'gt7', trackKey: 'unknown-1', name: 'unknown track 1', createdAt: 1000, updatedAt: 1000 });
    expect(got.shape.length).toBe(2000);
    expect(got.shape.plane).toBe('xz');
    expect(Array.from(got.shape.x)).toEqual(Array.from(shape.x));
    expect(Array.from(got.shape.y)).toEqual(Array.from(shape.y));
    expect(store.tracks.getShape('forza', 'unknown-1')).toBeUndefined();
    expect(store.tracks.listShapes('gt7').map((r) => r.trackKey)).toEqual(['unknown-1']);
    expect(store.tracks.listShapes('forza')).toEqual([]);
    store.close();
  });

  it('compresses the points: a 2 km shape (8,000 bytes of float32) takes less than 6,000 bytes', () => {
    const path = join(tempDir(), 'size.db');
    const store = openStore(path);
    store.tracks.saveShape('gt7', 'unknown-1', 'unknown track 1', circle(-373.7));
    store.close();
    const db = new Database(path, { readonly: true });
    const row = db.prepare(`SELECT codec, point_count, length(data) AS bytes FROM track_shapes`).get() as { codec: string; point_count: number; bytes: number };
    db.close();
    expect(row.codec).toBe('f32-delta-planes-deflate');
    expect(row.point_count).toBe(1000);
    expect(row.bytes).toBeLessThan(6000);
  });

  it('keeps a name the user gave when the shape is learned again, and renames', () => {
    const store = openStore(':memory:');
    store.tracks.saveShape('gt7', 'unknown-2', 'unknown track 2', circle(0), 1000);
    expect(store.tracks.renameShape('gt7', 'unknown-2', 'Brands Hatch GP', 2000)).toBe(true);
    expect(store.tracks.renameShape('gt7', 'unknown-9', 'nowhere', 2000)).toBe(false);
    store.tracks.saveShape('gt7', 'unknown-2', undefined, circle(10), 3000);
    const got = store.tracks.getShape('gt7', 'unknown-2')!;
    expect(got).toMatchObject({ name: 'Brands Hatch GP', createdAt: 1000, updatedAt: 3000 });
    expect(got.shape.x[0]).toBeCloseTo(10 + 2000 / (2 * Math.PI), 3);
    expect(store.tracks.deleteShape('gt7', 'unknown-2')).toBe(true);
    expect(store.tracks.deleteShape('gt7', 'unknown-2')).toBe(false);
    store.close();
  });

  it('refuses a malformed shape (a programming error)', () => {
    const store = openStore(':memory:');
    const bad = (s: Partial<StoredTrackShape>): StoredTrackShape => ({ ...circle(0), ...s });
    expect(() => store.tracks.saveShape('gt7', 'x', undefined, bad({ length: 0 }))).toThrow(/positive number of metres/);
    expect(() => store.tracks.saveShape('gt7', 'x', undefined, bad({ y: new Float32Array(3) }))).toThrow(/matching x and y/);
    expect(() => store.tracks.saveShape('gt7', 'x', undefined, bad({ plane: 'yz' as 'xz' }))).toThrow(/plane/);
    expect(store.tracks.listShapes('gt7')).toEqual([]);
    store.close();
  });

  it('reports a damaged row in one line instead of returning garbage', () => {
    const path = join(tempDir(), 'damaged.db');
    const store = openStore(path);
    store.tracks.saveShape('gt7', 'unknown-1', 'unknown track 1', circle(0));
    store.close();
    const db = new Database(path);
    db.prepare(`UPDATE track_shapes SET point_count = 7`).run();
    db.close();
    const again = openStore(path);
    expect(() => again.tracks.listShapes('gt7')).toThrow(StoreError);
    expect(() => again.tracks.listShapes('gt7')).toThrow(/track shape of gt7 unknown-1 is damaged/);
    again.close();
  });

  it('migrates a schema-3 database, keeping its sessions', () => {
    const path = join(tempDir(), 'v3.db');
    const db = new Database(path);
    migrate(db, readMigrations().filter((m) => m.version <= 3));
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
    const store = openStore(path);
    store.tracks.saveShape('forza', 'forza:110', undefined, circle(0));
    expect(store.tracks.getShape('forza', 'forza:110')?.name).toBeUndefined();
    store.close();
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
    check.close();
  });

  it('reads the shapes of a game through the primary key (no table scan)', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (sql: string, params: unknown[]): string[] =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    expect(plan(TRACK_SQL.shapesOfGame, ['gt7'])).toEqual(['SEARCH track_shapes USING PRIMARY KEY (game=?)']);
    expect(plan(TRACK_SQL.shapeGet, ['gt7', 'unknown-1'])).toEqual(['SEARCH track_shapes USING PRIMARY KEY (game=? AND track_key=?)']);
    db.close();
  });

  it('is what the recorder sink lists and saves', () => {
    const store = openStore(':memory:');
    const sink = storeSink(store, 'live');
    sink.saveTrackShape!('gt7', 'unknown-1', 'unknown track 1', circle(0));
    sink.saveTrackShape!('gt7', 'unknown-2', undefined, circle(5000));
    const listed = sink.trackShapes!('gt7');
    expect(listed.map((k) => [k.trackKey, k.name])).toEqual([['unknown-1', 'unknown track 1'], ['unknown-2', undefined]]);
    expect(listed[1]!.shape.x[0]).toBeCloseTo(5000 + 2000 / (2 * Math.PI), 2);
    store.close();
  });
});
