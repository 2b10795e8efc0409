import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeSessionInfo } from '../../src/engine/model/index.js';
import { openStore, StoreError, type Store } from '../../src/store/index.js';
import { makeLap, makeTrace, MONZA, useTempDir } from './helpers.js';

describe('store.sessions', () => {
  const tempDir = useTempDir();
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('creates a recording session and reads it back with its full SessionInfo', () => {
    const id = store.sessions.create(MONZA, { source: 'live', startedAt: 1_700_000_000_000 });
    expect(store.sessions.get(id)).toEqual({
      id,
      game: 'f1',
      trackKey: 'f1:11',
      trackName: 'Monza',
      carKey: 'f1:0',
      carName: 'Mercedes',
      driver: 'HAMILTON',
      sessionType: 'time-trial',
      startedAt: 1_700_000_000_000,
      recovered: false,
      source: 'live',
      lapCount: 0,
      recording: true,
      info: MONZA,
    });
  });

  it('leaves unknown fields absent, not null', () => {
    const id = store.sessions.create({ game: 'forza' }, { source: 'import', startedAt: 10, sourceFile: '/tmp/lap.csv' });
    const summary = store.sessions.list()[0]!;
    expect(summary).toEqual({ id, game: 'forza', startedAt: 10, recovered: false, source: 'import', sourceFile: '/tmp/lap.csv', lapCount: 0, recording: true });
    expect(Object.values(summary)).not.toContain(null);
  });

  it('updates the info as the game reveals more, and finishes the session', () => {
    const id = store.sessions.create({ game: 'f1', format: '2024' }, { source: 'live', startedAt: 1000 });
    store.sessions.updateInfo(id, mergeSessionInfo({ game: 'f1', format: '2024' }, { trackKey: 'f1:11', trackName: 'Monza' }));
    store.sessions.finish(id, 61_000);
    const got = store.sessions.get(id)!;
    expect(got.trackName).toBe('Monza');
    expect(got.info).toEqual({ game: 'f1', format: '2024', trackKey: 'f1:11', trackName: 'Monza' });
    expect(got.endedAt).toBe(61_000);
    expect(got.recording).toBe(false);
    expect(() => store.sessions.finish(id + 100, 1)).toThrow(new StoreError(`session ${id + 100} not found`));
    expect(() => store.sessions.updateInfo(id + 100, MONZA)).toThrow(StoreError);
  });

  it('finishing turns the leftover checkpoints of the lap in progress into an incomplete lap', () => {
    const id = store.sessions.create(MONZA, { source: 'live', startedAt: 1000 });
    const done = makeTrace(60, 100);
    store.laps.insert(id, makeLap(1, done), done);
    const partial = makeTrace(45, 101);
    store.chunks.append(id, 2, partial);
    store.sessions.finish(id, 9000);
    expect(store.laps.list(id).map((l) => [l.number, l.category, l.valid, l.sampleCount])).toEqual([
      [1, 'flying', true, 60],
      [2, 'incomplete', false, 45],
    ]);
    expect(store.chunks.forSession(id)).toEqual([]);
    expect(store.sessions.get(id)).toMatchObject({ endedAt: 9000, recovered: false, lapCount: 2 });
  });

  it('lists the most recently added first, with lap count and best valid flying lap', () => {
    const older = store.sessions.create(MONZA, { source: 'live', startedAt: 1000 });
    const newer = store.sessions.create(MONZA, { source: 'demo', startedAt: 2000 });
    const sameTime = store.sessions.create(MONZA, { source: 'replay', startedAt: 2000 });
    const trace = makeTrace(10);
    store.laps.insert(older, makeLap(0, trace, { category: 'out', time: 50 }), trace);
    store.laps.insert(older, makeLap(1, makeTrace(10, 200), { time: 81.5 }), makeTrace(10, 200));
    store.laps.insert(older, makeLap(2, makeTrace(10, 300), { time: 80.1, valid: false }), makeTrace(10, 300));
    store.laps.insert(older, makeLap(3, makeTrace(10, 400), { time: 81.2 }), makeTrace(10, 400));
    const list = store.sessions.list();
    expect(list.map((s) => s.id)).toEqual([sameTime, newer, older]);
    expect(list[2]).toMatchObject({ lapCount: 4, bestLapTime: 81.2 });
    expect(list[0]!.bestLapTime).toBeUndefined();
    expect(store.sessions.latestId()).toBe(sameTime);
  });

  it('takes the session added last as the latest, even when it started long before (an old file imported today)', () => {
    const recorded = store.sessions.create(MONZA, { source: 'live', startedAt: Date.UTC(2026, 11, 6) });
    const imported = store.sessions.create(MONZA, { source: 'import', startedAt: Date.UTC(2025, 0, 30) });
    expect(store.sessions.list().map((s) => s.id)).toEqual([imported, recorded]);
    expect(store.sessions.latestId()).toBe(imported);
  });

  it('has no latest session when empty', () => {
    expect(store.sessions.latestId()).toBeUndefined();
    expect(store.sessions.get(1)).toBeUndefined();
  });

  it('deletes a session with its laps, channels and checkpoints, only when asked', () => {
    store.close();
    const path = join(tempDir(), 'delete.db');
    store = openStore(path);
    const id = store.sessions.create(MONZA, { source: 'live', startedAt: 1 });
    const keep = store.sessions.create(MONZA, { source: 'live', startedAt: 2 });
    const trace = makeTrace(30);
    const lapId = store.laps.insert(id, makeLap(1, trace), trace);
    store.laps.insert(keep, makeLap(1, trace), trace);
    store.chunks.append(id, 2, makeTrace(5, 300));
    expect(store.sessions.delete(id)).toBe(true);
    expect(store.sessions.delete(id)).toBe(false);
    expect(store.sessions.get(id)).toBeUndefined();
    expect(store.laps.list(id)).toEqual([]);
    expect(() => store.laps.loadTrace(lapId)).toThrow(new StoreError(`lap ${lapId} not found`));
    expect(store.chunks.forSession(id)).toEqual([]);
    expect(store.laps.list(keep)).toHaveLength(1);
    expect(store.integrityCheck()).toBe('ok');
    // Ids are never reused: a user's "session 1" cannot silently become another session.
    expect(store.sessions.create(MONZA, { source: 'live', startedAt: 3 })).toBe(keep + 1);
    store.sessions.delete(keep + 1);
    expect(store.sessions.create(MONZA, { source: 'live', startedAt: 4 })).toBe(keep + 2);
    const raw = new Database(path, { readonly: true });
    // Only the kept session's lap remains: its t, distance and four channels.
    expect(raw.prepare('SELECT count(*) FROM lap_channels').pluck().get()).toBe(6);
    expect(raw.prepare('SELECT count(*) FROM frame_chunks').pluck().get()).toBe(0);
    raw.close();
  });
});
