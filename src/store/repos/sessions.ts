import type Database from 'better-sqlite3';
import type { GameId, SessionInfo } from '../../engine/model/index.js';
import { StoreError } from '../store-error.js';
import type { NewSession, SessionDetail, SessionSource, SessionSummary } from '../types.js';

/** Session queries; exported so test/store/query-plans.test.ts can pin their plans. */
export const SESSION_SQL = {
  insert: `INSERT INTO sessions (game, format, game_session_id, track_key, track_name, track_length, car_key, car_name, driver,
             session_type, info_json, started_at, source, source_file, owner_pid, created_at)
           VALUES (@game, @format, @gameSessionId, @trackKey, @trackName, @trackLength, @carKey, @carName, @driver,
             @sessionType, @infoJson, @startedAt, @source, @sourceFile, @ownerPid, @createdAt)`,
  updateInfo: `UPDATE sessions SET game = @game, format = @format, game_session_id = @gameSessionId, track_key = @trackKey,
                 track_name = @trackName, track_length = @trackLength, car_key = @carKey, car_name = @carName, driver = @driver,
                 session_type = @sessionType, info_json = @infoJson
               WHERE id = @id`,
  finish: `UPDATE sessions SET ended_at = ?, owner_pid = NULL WHERE id = ?`,
  /** Newest first; lap count and best valid flying lap come from the laps indexes. */
  list: `SELECT s.*,
           (SELECT count(*) FROM laps l WHERE l.session_id = s.id) AS lap_count,
           (SELECT min(l.time_s) FROM laps l WHERE l.session_id = s.id AND l.valid = 1 AND l.category = 'flying') AS best_lap_time
         FROM sessions s ORDER BY s.started_at DESC, s.id DESC`,
  get: `SELECT s.*,
          (SELECT count(*) FROM laps l WHERE l.session_id = s.id) AS lap_count,
          (SELECT min(l.time_s) FROM laps l WHERE l.session_id = s.id AND l.valid = 1 AND l.category = 'flying') AS best_lap_time
        FROM sessions s WHERE s.id = ?`,
  latestId: `SELECT id FROM sessions ORDER BY started_at DESC, id DESC LIMIT 1`,
  delete: `DELETE FROM sessions WHERE id = ?`,
} as const;

export type SessionRepo = {
  /** Opens a session owned by this process (recording until `finish`). Returns its id. */
  create(info: SessionInfo, opts: NewSession): number;
  /** Replaces the stored SessionInfo (the recorder learns more as packets arrive). */
  updateInfo(id: number, info: SessionInfo): void;
  /**
   * Closes the session at `endedAt` (unix ms). Checkpoints left over (the lap in progress when
   * recording stopped) become an 'incomplete' lap in the same transaction, as in crash recovery.
   */
  finish(id: number, endedAt: number): void;
  /** Every session, newest first (by started_at, then id). */
  list(): SessionSummary[];
  get(id: number): SessionDetail | undefined;
  /** The session list() puts first, i.e. the one `racecraft report` means by "latest". */
  latestId(): number | undefined;
  /** Deletes the session with its laps, channels and checkpoints. Only ever on explicit request. */
  delete(id: number): boolean;
};

type SessionRow = {
  id: number;
  game: string;
  track_key: string | null;
  track_name: string | null;
  car_key: string | null;
  car_name: string | null;
  driver: string | null;
  session_type: string | null;
  info_json: string;
  started_at: number;
  ended_at: number | null;
  recovered: number;
  source: string;
  source_file: string | null;
  lap_count: number;
  best_lap_time: number | null;
};

/** `salvageCheckpoints` turns a session's leftover checkpoints into laps (recovery.ts). */
export function createSessionRepo(db: Database.Database, salvageCheckpoints: (sessionId: number) => unknown): SessionRepo {
  const insert = db.prepare(SESSION_SQL.insert);
  const update = db.prepare(SESSION_SQL.updateInfo);
  const finish = db.prepare(SESSION_SQL.finish);
  const list = db.prepare<[], SessionRow>(SESSION_SQL.list);
  const get = db.prepare<[number], SessionRow>(SESSION_SQL.get);
  const latest = db.prepare<[], { id: number }>(SESSION_SQL.latestId);
  const remove = db.prepare(SESSION_SQL.delete);
  const finishWithSalvage = db.transaction((id: number, endedAt: number) => {
    if (finish.run(endedAt, id).changes === 0) throw new StoreError(`session ${id} not found`);
    salvageCheckpoints(id);
  });
  return {
    create(info, opts) {
      const params = {
        ...infoColumns(info),
        startedAt: opts.startedAt,
        source: opts.source,
        sourceFile: opts.sourceFile ?? null,
        ownerPid: process.pid,
        createdAt: Date.now(),
      };
      return Number(insert.run(params).lastInsertRowid);
    },
    updateInfo(id, info) {
      if (update.run({ ...infoColumns(info), id }).changes === 0) throw new StoreError(`session ${id} not found`);
    },
    finish: (id, endedAt) => finishWithSalvage(id, endedAt),
    list: () => list.all().map(toSummary),
    get(id) {
      const row = get.get(id);
      return row ? { ...toSummary(row), info: JSON.parse(row.info_json) as SessionInfo } : undefined;
    },
    latestId: () => latest.get()?.id,
    delete: (id) => remove.run(id).changes > 0,
  };
}

function infoColumns(info: SessionInfo): Record<string, string | number | null> {
  return {
    game: info.game,
    format: info.format ?? null,
    gameSessionId: info.gameSessionId ?? null,
    trackKey: info.trackKey ?? null,
    trackName: info.trackName ?? null,
    trackLength: info.trackLength ?? null,
    carKey: info.carKey ?? null,
    carName: info.carName ?? null,
    driver: info.driver ?? null,
    sessionType: info.sessionType ?? null,
    infoJson: JSON.stringify(info),
  };
}

function toSummary(row: SessionRow): SessionSummary {
  const summary: Record<string, unknown> = {
    id: row.id,
    game: row.game as GameId,
    startedAt: row.started_at,
    recovered: row.recovered === 1,
    source: row.source as SessionSource,
    lapCount: row.lap_count,
    recording: row.ended_at === null,
  };
  // Unknown stays absent (never null) so summaries serialise like SessionInfo does.
  const optional: [string, unknown][] = [
    ['trackKey', row.track_key],
    ['trackName', row.track_name],
    ['carKey', row.car_key],
    ['carName', row.car_name],
    ['driver', row.driver],
    ['sessionType', row.session_type],
    ['endedAt', row.ended_at],
    ['sourceFile', row.source_file],
    ['bestLapTime', row.best_lap_time],
  ];
  for (const [key, value] of optional) if (value !== null) summary[key] = value;
  return summary as SessionSummary;
}
