import type Database from 'better-sqlite3';
import { isChannelName, type ChannelName, type Lap, type LapCategory, type Trace } from '../../engine/model/index.js';
import { decodeColumn, encodeF32Column, encodeF64Column, F32_CODEC, F64_CODEC } from '../codec/trace-blob.js';
import { StoreError } from '../store-error.js';
import type { LapRecord } from '../types.js';

/** Lap queries; exported so test/store/query-plans.test.ts can pin their plans. */
export const LAP_SQL = {
  findSame: `SELECT id FROM laps WHERE session_id = ? AND number = ? AND start_t = ?`,
  deleteById: `DELETE FROM laps WHERE id = ?`,
  insert: `INSERT INTO laps (session_id, number, time_s, time_source, valid, category, sectors_json, start_t, end_t, sample_count, outlier)
           VALUES (@sessionId, @number, @time, @timeSource, @valid, @category, @sectorsJson, @startT, @endT, @sampleCount, @outlier)`,
  insertChannel: `INSERT INTO lap_channels (lap_id, channel, codec, data) VALUES (?, ?, ?, ?)`,
  deleteChunksOfLap: `DELETE FROM frame_chunks WHERE session_id = ? AND lap_number = ?`,
  list: `SELECT * FROM laps WHERE session_id = ? ORDER BY start_t, id`,
  /** A flashback can leave a rewound and a re-driven lap N: prefer the one that counts, then the latest. */
  get: `SELECT * FROM laps WHERE session_id = ? AND number = ? ORDER BY category = 'rewound', start_t DESC LIMIT 1`,
  byId: `SELECT * FROM laps WHERE id = ?`,
  channels: `SELECT channel, codec, data FROM lap_channels WHERE lap_id = ?`,
  bestByTrack: `SELECT l.* FROM sessions s JOIN laps l ON l.session_id = s.id
                WHERE s.game = ? AND s.track_key = ? AND l.valid = 1 AND l.category = 'flying'
                ORDER BY l.time_s, s.started_at, l.id LIMIT 1`,
  bestByTrackCar: `SELECT l.* FROM sessions s JOIN laps l ON l.session_id = s.id
                   WHERE s.game = ? AND s.track_key = ? AND s.car_key = ? AND l.valid = 1 AND l.category = 'flying'
                   ORDER BY l.time_s, s.started_at, l.id LIMIT 1`,
  markRewoundAfter: `UPDATE laps SET category = 'rewound', valid = 0 WHERE session_id = ? AND end_t > ? AND category != 'rewound'`,
} as const;

export type LapRepo = {
  /**
   * Stores a completed lap and its trace in ONE transaction that also deletes the session's
   * checkpoint chunks of lap `checkpointLap` (default `lap.number`: the recorder checkpoints
   * under the game's lap counter, which a run-up to the line shares with the lap after it), so
   * checkpoints and stored laps never double count.
   * A stored lap with the same (number, startT) is replaced (see 0001-init.sql). Returns the lap id.
   */
  insert(sessionId: number, lap: Lap, trace: Trace, checkpointLap?: number): number;
  /** The session's laps in time order (by startT). */
  list(sessionId: number): LapRecord[];
  /** Lap `number` of the session; when a flashback left several, the latest one not rewound. */
  get(sessionId: number, number: number): LapRecord | undefined;
  /** Exactly the trace that was stored (bit for bit). Throws StoreError for an unknown lap. */
  /**
   * A lap's samples. `only` limits the decoded channels (time and distance always come): a report
   * that reads ten of forty channels should not inflate the other thirty.
   */
  loadTrace(lapId: number, only?: readonly ChannelName[]): Trace;
  /**
   * The fastest valid flying lap on a track (optionally in one car) across all sessions of a
   * game. The game is part of the key: racecraft's own names ('unknown-1') repeat across games.
   */
  bestByTrack(game: string, trackKey: string, carKey?: string): LapRecord | undefined;
  /**
   * F1 flashback to session time `t`: laps that ended after `t` did not happen in the game's
   * final timeline; they stay stored as category 'rewound', valid false. Returns how many.
   */
  markRewoundAfter(sessionId: number, t: number): number;
};

type LapRow = {
  id: number;
  session_id: number;
  number: number;
  time_s: number;
  time_source: string;
  valid: number;
  category: string;
  sectors_json: string;
  start_t: number;
  end_t: number;
  sample_count: number;
  outlier: number;
};

export function createLapRepo(db: Database.Database): LapRepo {
  const findSame = db.prepare<[number, number, number], { id: number }>(LAP_SQL.findSame);
  const deleteById = db.prepare(LAP_SQL.deleteById);
  const insertLap = db.prepare(LAP_SQL.insert);
  const insertChannel = db.prepare(LAP_SQL.insertChannel);
  const deleteChunks = db.prepare(LAP_SQL.deleteChunksOfLap);
  const list = db.prepare<[number], LapRow>(LAP_SQL.list);
  const get = db.prepare<[number, number], LapRow>(LAP_SQL.get);
  const byId = db.prepare<[number], LapRow>(LAP_SQL.byId);
  const channels = db.prepare<[number], { channel: string; codec: string; data: Uint8Array }>(LAP_SQL.channels);
  const best = db.prepare<[string, string], LapRow>(LAP_SQL.bestByTrack);
  const bestCar = db.prepare<[string, string, string], LapRow>(LAP_SQL.bestByTrackCar);
  const markRewound = db.prepare(LAP_SQL.markRewoundAfter);

  const write = db.transaction((sessionId: number, lap: Lap, trace: Trace, columns: readonly EncodedColumn[], checkpointLap: number): number => {
    const same = findSame.get(sessionId, lap.number, lap.startT);
    if (same) deleteById.run(same.id);
    const lapId = Number(insertLap.run(lapParams(sessionId, lap, trace.length)).lastInsertRowid);
    for (const column of columns) insertChannel.run(lapId, column.channel, column.codec, column.data);
    deleteChunks.run(sessionId, checkpointLap);
    return lapId;
  });

  return {
    // Compress before taking the write lock: encoding is the slow part and needs no database.
    insert: (sessionId, lap, trace, checkpointLap = lap.number) => write(sessionId, lap, trace, encodeColumns(trace), checkpointLap),
    list: (sessionId) => list.all(sessionId).map(toLapRecord),
    get(sessionId, number) {
      const row = get.get(sessionId, number);
      return row ? toLapRecord(row) : undefined;
    },
    loadTrace(lapId, only) {
      const row = byId.get(lapId);
      if (!row) throw new StoreError(`lap ${lapId} not found`);
      const rows = channels.all(lapId);
      const wanted = only === undefined ? undefined : new Set<string>(['t', 'distance', ...only]);
      return decodeColumns(lapId, row.sample_count, wanted === undefined ? rows : rows.filter((r) => wanted.has(r.channel)));
    },
    bestByTrack(game, trackKey, carKey) {
      const row = carKey === undefined ? best.get(game, trackKey) : bestCar.get(game, trackKey, carKey);
      return row ? toLapRecord(row) : undefined;
    },
    markRewoundAfter: (sessionId, t) => markRewound.run(sessionId, t).changes,
  };
}

type EncodedColumn = { readonly channel: string; readonly codec: string; readonly data: Uint8Array };

function encodeColumns(trace: Trace): EncodedColumn[] {
  checkTrace(trace);
  const columns: EncodedColumn[] = [
    { channel: 't', codec: F64_CODEC, data: encodeF64Column(trace.t) },
    { channel: 'distance', codec: F64_CODEC, data: encodeF64Column(trace.distance) },
  ];
  for (const [name, values] of Object.entries(trace.channels) as [ChannelName, Float32Array][]) {
    columns.push({ channel: name, codec: F32_CODEC, data: encodeF32Column(values) });
  }
  return columns;
}

/** A trace whose columns disagree on length is a caller bug; storing it would corrupt the lap. */
export function checkTrace(trace: Trace): void {
  const bad = [['t', trace.t] as const, ['distance', trace.distance] as const, ...Object.entries(trace.channels)].find(
    ([, column]) => column === undefined || column.length !== trace.length,
  );
  if (bad) throw new Error(`trace column '${bad[0]}' has ${bad[1]?.length} samples, trace.length is ${trace.length}`);
}

function decodeColumns(lapId: number, sampleCount: number, rows: readonly { channel: string; codec: string; data: Uint8Array }[]): Trace {
  let t: Float64Array | undefined;
  let distance: Float64Array | undefined;
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const row of rows) {
    const values = decodeColumn(row.codec, row.data);
    if (values.length !== sampleCount) {
      throw new StoreError(`corrupt lap ${lapId}: channel '${row.channel}' has ${values.length} samples, expected ${sampleCount}`);
    }
    if (row.channel === 't' && values instanceof Float64Array) t = values;
    else if (row.channel === 'distance' && values instanceof Float64Array) distance = values;
    // A channel this version does not know (written by a newer racecraft) is skipped, not fatal.
    else if (isChannelName(row.channel) && values instanceof Float32Array) channels[row.channel] = values;
  }
  if (!t || !distance) throw new StoreError(`corrupt lap ${lapId}: time or distance column missing`);
  return { length: sampleCount, t, distance, channels };
}

function lapParams(sessionId: number, lap: Lap, sampleCount: number): Record<string, string | number> {
  // SQLite stores NaN as NULL; say which field was wrong instead of "NOT NULL constraint failed".
  for (const key of ['number', 'time', 'startT', 'endT'] as const) {
    if (!Number.isFinite(lap[key])) throw new Error(`lap ${lap.number}: ${key} must be a finite number, got ${lap[key]}`);
  }
  return {
    sessionId,
    number: lap.number,
    time: lap.time,
    timeSource: lap.timeSource,
    valid: lap.valid ? 1 : 0,
    category: lap.category,
    sectorsJson: JSON.stringify(lap.sectors),
    startT: lap.startT,
    endT: lap.endT,
    sampleCount,
    outlier: lap.outlier ? 1 : 0,
  };
}

function toLapRecord(row: LapRow): LapRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    number: row.number,
    time: row.time_s,
    timeSource: row.time_source as Lap['timeSource'],
    valid: row.valid === 1,
    category: row.category as LapCategory,
    sectors: JSON.parse(row.sectors_json) as number[],
    startT: row.start_t,
    endT: row.end_t,
    sampleCount: row.sample_count,
    outlier: row.outlier === 1,
  };
}
