import { statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { sliceTrace, type Trace } from '../../src/engine/model/index.js';
import { openStore } from '../../src/store/index.js';
import { describeShared, requireSharedFile } from '../helpers/shared.js';
import { expectSameTrace, useTempDir } from './helpers.js';
import { ibtTrace } from './ibt-trace.js';

const TSUKUBA = ['formats', 'ibt', 'formulavee_tsukuba 1kouter 2025-01-30 17-09-29.ibt'] as const;

/** Splits a trace where the game's lap number changes. */
function splitByLap(trace: Trace, lap: Float64Array): { number: number; trace: Trace }[] {
  const laps: { number: number; trace: Trace }[] = [];
  let start = 0;
  for (let i = 1; i <= trace.length; i++) {
    if (i === trace.length || lap[i] !== lap[start]) {
      laps.push({ number: lap[start]!, trace: sliceTrace(trace, start, i) });
      start = i;
    }
  }
  return laps;
}

describeShared('store on real 60 Hz telemetry: iRacing Formula Vee at Tsukuba (.ibt, 25 channels)', () => {
  const tempDir = useTempDir();

  it('stores every lap and loads it back bit for bit, well inside 25 MB per hour', () => {
    const { trace, lap } = ibtTrace(requireSharedFile(...TSUKUBA));
    const laps = splitByLap(trace, lap);
    const seconds = trace.length / 60;
    const dir = tempDir();
    const path = join(dir, 'real.db');
    const store = openStore(path);
    store.close();
    const emptyBytes = statSync(path).size;
    const reopened = openStore(path);
    const session = reopened.sessions.create({ game: 'iracing', trackKey: 'tsukuba 1kouter', carKey: 'formulavee' }, { source: 'import', startedAt: 1738256969000 });
    for (const { number, trace: lapTrace } of laps) {
      const t = lapTrace.t;
      const id = reopened.laps.insert(session, { number, time: t[t.length - 1]! - t[0]!, timeSource: 'interpolated', valid: true, category: 'flying', sectors: [], startT: t[0]!, endT: t[t.length - 1]! }, lapTrace);
      expectSameTrace(reopened.laps.loadTrace(id), lapTrace);
    }
    reopened.close();
    const fileBytes = statSync(path).size - emptyBytes;
    const raw = new Database(path, { readonly: true });
    const blobBytes = raw.prepare('SELECT sum(length(data)) FROM lap_channels').pluck().get() as number;
    raw.close();
    const naive = [trace.t, trace.distance, ...Object.values(trace.channels)].reduce(
      (sum, column) => sum + deflateRawSync(new Uint8Array(column!.buffer, column!.byteOffset, column!.byteLength), { level: 6 }).length,
      0,
    );
    const perHour = (bytes: number) => (bytes * 3600) / seconds / 1e6;

    expect(trace.length).toBe(3429);
    // Lap 0 is the pit exit, laps 1 and 2 complete (25.9 s, 24.0 s), lap 3 partial: as PROVENANCE.md says.
    expect(laps.map((l) => [l.number, l.trace.length])).toEqual([[0, 214], [1, 1555], [2, 1439], [3, 221]]);
    // 25 channels + time + distance of genuine floats: 25.1 MB/h raw; the column BLOBs take 7.1 MB/h
    // and the whole database file (pages, rows, indexes) 8.8 MB/h, against a 25 MB/h budget.
    expect(perHour(blobBytes)).toBeGreaterThan(6.5);
    expect(perHour(blobBytes)).toBeLessThan(7.5);
    expect(perHour(fileBytes)).toBeGreaterThan(7.5);
    expect(perHour(fileBytes)).toBeLessThan(10);
    // The bit-delta byte planes earn their keep: plain deflate of the same columns is 13.0 MB/h.
    expect(blobBytes / naive).toBeLessThan(0.6);
  });

  it('checkpoints the file in one-second chunks and recovers every lap bit for bit', () => {
    const { trace, lap } = ibtTrace(requireSharedFile(...TSUKUBA));
    const store = openStore(':memory:');
    const session = store.sessions.create({ game: 'iracing' }, { source: 'live', startedAt: 1738256969000 });
    const laps = splitByLap(trace, lap);
    for (const { number, trace: lapTrace } of laps) {
      for (let i = 0; i < lapTrace.length; i += 60) store.chunks.append(session, number, sliceTrace(lapTrace, i, i + 60));
    }
    const reports = store.recoverOpenSessions(1738256969000 + 3_600_000, { isOwnerAlive: () => false });
    expect(reports).toEqual([{ sessionId: session, lapsRecovered: 4, samples: 3429 }]);
    const stored = store.laps.list(session);
    stored.forEach((record, k) => expectSameTrace(store.laps.loadTrace(record.id), laps[k]!.trace));
    // SessionTime 187.03 → 244.18 s: the session ends 57.15 s after it started.
    expect(store.sessions.get(session)!.endedAt! - 1738256969000).toBe(Math.round((trace.t[3428]! - trace.t[0]!) * 1000));
    expect(store.sessions.get(session)!.endedAt! - 1738256969000).toBe(57150);
    store.close();
  });
});
