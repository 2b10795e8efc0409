import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../src/engine/model/index.js';
import { openStore, type StoredTrackShape, type Store } from '../../../src/store/index.js';
import { migrate } from '../../../src/store/migrate.js';
import { SESSION_SQL } from '../../../src/store/repos/sessions.js';
import { MONZA, useTempDir } from '../helpers.js';

/** A GT7 session as the recorder stores it once the track locator named an unknown track. */
const GT7_UNKNOWN: SessionInfo = { game: 'gt7', format: 'C', trackKey: 'unknown-1', trackName: 'unknown track 1', trackLength: 7004.5, carKey: 'gt7:3394', maxRpm: 8500, gearCount: 6 };

/** A 2 km circle, enough for the shape table (its points are not what these tests are about). */
function circle(): StoredTrackShape {
  const n = 100;
  const r = 2000 / (2 * Math.PI);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    x[k] = r * Math.cos((2 * Math.PI * k) / n);
    y[k] = r * Math.sin((2 * Math.PI * k) / n);
  }
  return { length: 2000, plane: 'xz', x, y };
}

describe('store.sessions.renameTrack', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it("renames the column and the stored SessionInfo of every session of that game's track, and nothing else", () => {
    const a = store.sessions.create(GT7_UNKNOWN, { source: 'live', startedAt: 1000 });
    const b = store.sessions.create(GT7_UNKNOWN, { source: 'import', startedAt: 2000 });
    // racecraft's own keys repeat across games: Forza's unknown-1 is another track.
    const forza = store.sessions.create({ ...GT7_UNKNOWN, game: 'forza', format: 'fm8' }, { source: 'live', startedAt: 3000 });
    const other = store.sessions.create({ ...GT7_UNKNOWN, trackKey: 'unknown-2', trackName: 'unknown track 2' }, { source: 'live', startedAt: 4000 });
    const monza = store.sessions.create(MONZA, { source: 'live', startedAt: 5000 });

    expect(store.sessions.renameTrack('gt7', 'unknown-1', 'Spa-Francorchamps')).toBe(2);

    for (const id of [a, b]) {
      const s = store.sessions.get(id)!;
      expect(s.trackName).toBe('Spa-Francorchamps');
      // Every other SessionInfo field survives the JSON edit, numbers and key order included.
      expect(s.info).toEqual({ ...GT7_UNKNOWN, trackName: 'Spa-Francorchamps' });
      expect(Object.keys(s.info)).toEqual(Object.keys(GT7_UNKNOWN));
    }
    expect(store.sessions.get(forza)!.trackName).toBe('unknown track 1');
    expect(store.sessions.get(forza)!.info.trackName).toBe('unknown track 1');
    expect(store.sessions.get(other)!.info.trackName).toBe('unknown track 2');
    expect(store.sessions.get(monza)!.info).toEqual(MONZA);
    expect(store.sessions.list().map((s) => s.trackName)).toEqual(['Monza', 'unknown track 2', 'unknown track 1', 'Spa-Francorchamps', 'Spa-Francorchamps']);
  });

  it('adds the name to sessions that had none, keeps quotes and non-ASCII text, and returns 0 for no match', () => {
    const id = store.sessions.create({ game: 'gt7', trackKey: 'unknown-3' }, { source: 'live', startedAt: 1000 });
    expect(store.sessions.renameTrack('gt7', 'unknown-3', `Nürburgring "Nordschleife" 'Tourist'`)).toBe(1);
    const s = store.sessions.get(id)!;
    expect(s.trackName).toBe(`Nürburgring "Nordschleife" 'Tourist'`);
    expect(s.info).toEqual({ game: 'gt7', trackKey: 'unknown-3', trackName: `Nürburgring "Nordschleife" 'Tourist'` });
    expect(store.sessions.renameTrack('gt7', 'unknown-9', 'nowhere')).toBe(0);
    expect(store.sessions.renameTrack('forza', 'unknown-3', 'nowhere')).toBe(0);
    expect(store.sessions.get(id)!.trackName).toBe(`Nürburgring "Nordschleife" 'Tourist'`);
  });

  it('finds the sessions through the track index, not a table scan', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = (sql: string, params: Record<string, unknown> | []): string[] =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    expect(plan(SESSION_SQL.renameTrack, { game: 'gt7', trackKey: 'unknown-1', name: 'x' })).toEqual(['SEARCH sessions USING INDEX sessions_by_track_car (track_key=?)']);
    expect(plan(SESSION_SQL.trackUsage, [])).toEqual(['SEARCH sessions USING INDEX sessions_by_track_car (track_key>?)', 'USE TEMP B-TREE FOR GROUP BY']);
    db.close();
  });
});

describe('store.sessions.renameTrack on a database file', () => {
  const tempDir = useTempDir();

  it("changes all of a track's sessions or none: a damaged SessionInfo leaves the earlier rows as they were", () => {
    const path = join(tempDir(), 'atomic.db');
    const store = openStore(path);
    const first = store.sessions.create(GT7_UNKNOWN, { source: 'live', startedAt: 1000 });
    const second = store.sessions.create(GT7_UNKNOWN, { source: 'live', startedAt: 2000 });
    store.close();
    // The rows are visited in id order (the index ends in rowid): the first is updated before the
    // second's damaged JSON stops the statement.
    const raw = new Database(path);
    raw.prepare(`UPDATE sessions SET info_json = '{"game":"gt7",' WHERE id = ?`).run(second);
    raw.close();
    const again = openStore(path);
    expect(() => again.sessions.renameTrack('gt7', 'unknown-1', 'Spa-Francorchamps')).toThrow(/malformed JSON/);
    expect(again.sessions.get(first)!.trackName).toBe('unknown track 1');
    expect(again.sessions.get(first)!.info.trackName).toBe('unknown track 1');
    again.close();
    const check = new Database(path, { readonly: true });
    expect(check.prepare(`SELECT id, track_name FROM sessions ORDER BY id`).all()).toEqual([
      { id: first, track_name: 'unknown track 1' },
      { id: second, track_name: 'unknown track 1' },
    ]);
    check.close();
  });
});

describe('store.sessions.trackUsage', () => {
  it('counts the sessions per game and track key, with the newest start, name and length; sessions without a key are left out', () => {
    const store = openStore(':memory:');
    store.sessions.create(GT7_UNKNOWN, { source: 'live', startedAt: 3000 });
    store.sessions.create({ ...GT7_UNKNOWN, trackName: 'Spa', trackLength: 7004 }, { source: 'live', startedAt: 9000 });
    store.sessions.create(GT7_UNKNOWN, { source: 'live', startedAt: 5000 });
    store.sessions.create({ ...GT7_UNKNOWN, game: 'forza' }, { source: 'live', startedAt: 1000 });
    store.sessions.create({ game: 'gt7', trackKey: 'unknown-2' }, { source: 'live', startedAt: 2000 });
    store.sessions.create({ game: 'gt7' }, { source: 'live', startedAt: 8000 });
    store.sessions.create(MONZA, { source: 'import', startedAt: 7000 });
    expect(store.sessions.trackUsage()).toEqual([
      { game: 'f1', trackKey: 'f1:11', sessionCount: 1, lastStartedAt: 7000, trackName: 'Monza', trackLength: 5793 },
      { game: 'forza', trackKey: 'unknown-1', sessionCount: 1, lastStartedAt: 1000, trackName: 'unknown track 1', trackLength: 7004.5 },
      { game: 'gt7', trackKey: 'unknown-1', sessionCount: 3, lastStartedAt: 9000, trackName: 'Spa', trackLength: 7004 },
      { game: 'gt7', trackKey: 'unknown-2', sessionCount: 1, lastStartedAt: 2000 },
    ]);
    store.close();
  });
});

describe('store.tracks.listShapeSummaries', () => {
  const tempDir = useTempDir();

  it("lists every game's shapes without their points, so a damaged one does not stop the listing", () => {
    const path = join(tempDir(), 'shapes.db');
    const store = openStore(path);
    store.tracks.saveShape('gt7', 'unknown-2', undefined, circle(), 2000);
    store.tracks.saveShape('gt7', 'unknown-1', 'unknown track 1', circle(), 1000);
    store.tracks.saveShape('forza', 'unknown-1', 'Laguna Seca', { ...circle(), length: 3602 }, 3000);
    store.close();
    const raw = new Database(path);
    raw.prepare(`UPDATE track_shapes SET point_count = 7 WHERE game = 'gt7' AND track_key = 'unknown-2'`).run();
    raw.close();
    const again = openStore(path);
    expect(() => again.tracks.listShapes('gt7')).toThrow(/damaged/);
    expect(again.tracks.listShapeSummaries()).toEqual([
      { game: 'forza', trackKey: 'unknown-1', name: 'Laguna Seca', length: 3602, updatedAt: 3000 },
      { game: 'gt7', trackKey: 'unknown-1', name: 'unknown track 1', length: 2000, updatedAt: 1000 },
      { game: 'gt7', trackKey: 'unknown-2', length: 2000, updatedAt: 2000 },
    ]);
    again.close();
  });
});
