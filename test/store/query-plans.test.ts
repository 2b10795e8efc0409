import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { RECOVERY_SQL } from '../../src/store/recovery.js';
import { CHUNK_SQL } from '../../src/store/repos/chunks.js';
import { LAP_SQL } from '../../src/store/repos/laps.js';
import { SESSION_SQL } from '../../src/store/repos/sessions.js';

/**
 * Pins the plans of the store's queries (Signal-Desktop's migration tests do the same): a schema
 * change that drops an index, or a query edit that stops using one, fails here instead of
 * turning into a slow session browser at 10,000 laps.
 */
const db = new Database(':memory:');
db.pragma('foreign_keys = ON');
migrate(db);
afterAll(() => db.close());

/** EXPLAIN QUERY PLAN details, every parameter bound to 1. */
function plan(sql: string): string[] {
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const named = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
  const rows = (named.length > 0
    ? statement.all(Object.fromEntries(named.map((name) => [name, 1])))
    : statement.all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1))) as { detail: string }[];
  return rows.map((row) => row.detail);
}

describe('query plans of the hot queries', () => {
  it('session browser: most recently added first straight off the rowid, lap count and best from laps indexes', () => {
    expect(plan(SESSION_SQL.list)).toEqual([
      'SCAN s',
      'CORRELATED SCALAR SUBQUERY 1',
      'SEARCH l USING COVERING INDEX laps_by_session_start (session_id=?)',
      'CORRELATED SCALAR SUBQUERY 2',
      'SEARCH l USING COVERING INDEX laps_best (session_id=?)',
    ]);
    expect(plan(SESSION_SQL.latestId)).toEqual(['SEARCH sessions']);
  });

  it('laps of a session, in time order without a sort', () => {
    expect(plan(LAP_SQL.list)).toEqual(['SEARCH laps USING INDEX laps_by_session_start (session_id=?)']);
    expect(plan(LAP_SQL.get)).toEqual(['SEARCH laps USING INDEX sqlite_autoindex_laps_1 (session_id=? AND number=?)', 'USE TEMP B-TREE FOR ORDER BY']);
  });

  it('best lap per track (and car): sessions by track_key+car_key, then the partial best-lap index', () => {
    expect(plan(LAP_SQL.bestByTrack)).toEqual([
      'SEARCH s USING INDEX sessions_by_track_car (track_key=?)',
      'SEARCH l USING INDEX laps_best (session_id=?)',
      'USE TEMP B-TREE FOR ORDER BY',
    ]);
    expect(plan(LAP_SQL.bestByTrackCar)).toEqual([
      'SEARCH s USING INDEX sessions_by_track_car (track_key=? AND car_key=?)',
      'SEARCH l USING INDEX laps_best (session_id=?)',
      'USE TEMP B-TREE FOR ORDER BY',
    ]);
  });

  it('a lap trace loads by the channel primary key', () => {
    expect(plan(LAP_SQL.channels)).toEqual(['SEARCH lap_channels USING INDEX sqlite_autoindex_lap_channels_1 (lap_id=?)']);
  });

  it('checkpointing is one insert whose seq lookup is an index search, and a lap insert deletes its chunks by index', () => {
    expect(plan(CHUNK_SQL.append)).toEqual([
      'SCALAR SUBQUERY 1',
      'SEARCH frame_chunks USING COVERING INDEX sqlite_autoindex_frame_chunks_1 (session_id=? AND lap_number=?)',
    ]);
    expect(plan(LAP_SQL.deleteChunksOfLap)).toEqual([
      'SEARCH frame_chunks USING COVERING INDEX sqlite_autoindex_frame_chunks_1 (session_id=? AND lap_number=?)',
    ]);
  });

  it('recovery reads only open sessions', () => {
    expect(plan(RECOVERY_SQL.open)).toEqual(['SCAN sessions USING INDEX sessions_open']);
  });

  it('deleting a session cascades through indexes, not table scans', () => {
    expect(plan(SESSION_SQL.delete)).toEqual([
      'SEARCH sessions USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH extra_channels USING COVERING INDEX sqlite_autoindex_extra_channels_1 (session_id=?)',
      'SEARCH frame_chunks USING COVERING INDEX sqlite_autoindex_frame_chunks_1 (session_id=?)',
      'SEARCH laps USING COVERING INDEX laps_by_session_start (session_id=?)',
    ]);
    expect(plan(LAP_SQL.deleteById)).toContain('SEARCH lap_channels USING COVERING INDEX sqlite_autoindex_lap_channels_1 (lap_id=?)');
  });

  it('no store query scans a table without an index', () => {
    const groups = { SESSION_SQL, LAP_SQL, CHUNK_SQL, RECOVERY_SQL };
    const all = Object.entries(groups).flatMap(([group, sqls]) => Object.entries(sqls).map(([name, sql]) => [`${group}.${name}`, sql] as const));
    expect(all.length).toBeGreaterThanOrEqual(29); // every query of the four groups is checked
    // The session browser lists every session, most recently added first: that walks the table's
    // own rowid B-tree backwards (no sort), which is the one scan that is the point of the query.
    const listsEverything = new Set(['SESSION_SQL.list']);
    const scans = all.flatMap(([name, sql]) =>
      plan(sql)
        .filter((detail) => detail.startsWith('SCAN') && !detail.includes(' USING ') && !listsEverything.has(name))
        .map((detail) => `${name}: ${detail}`),
    );
    expect(scans).toEqual([]);
  });
});
