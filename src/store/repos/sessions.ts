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
  /**
   * Most recently added first (recorded or imported): an old file imported today is what the
   * user means next, so "the latest session" is the last one added, not the one that started last.
   * Lap count and best valid flying lap come from the laps indexes.
   */
  list: `SELECT s.*,
           (SELECT count(*) FROM laps l WHERE l.session_id = s.id) AS lap_count,
           (SELECT min(l.time_s) FROM laps l WHERE l.session_id = s.id AND l.valid = 1 AND l.category = 'flying') AS best_lap_time
         FROM sessions s ORDER BY s.id DESC`,
  get: `SELECT s.*,
          (SELECT count(*) FROM laps l WHERE l.session_id = s.id) AS lap_count,
          (SELECT min(l.time_s) FROM laps l WHERE l.session_id = s.id AND l.valid = 1 AND l.category = 'flying') AS best_lap_time
        FROM sessions s WHERE s.id = ?`,
  latestId: `SELECT max(id) AS id FROM sessions`,
  delete: `DELETE FROM sessions WHERE id = ?`,
  /**
   * Sessions per track: count, the newest start, and (SQLite's bare columns beside a single max())
   * that newest session's track name and length. `track_key >= ''` holds for every key (the column
   * is TEXT) but not NULL, and unlike IS NOT NULL it reads the track index, not the whole table.
   */
  trackUsage: `SELECT game, track_key, count(*) AS session_count, max(started_at) AS last_started_at, track_name, track_length
               FROM sessions WHERE track_key >= '' GROUP BY game, track_key ORDER BY game, track_key`,
  /** One statement, so the column and the SessionInfo copy in info_json change together or not at all. */
  renameTrack: `UPDATE sessions SET track_name = @name, info_json = json_set(info_json, '$.trackName', @name)
                WHERE game = @game AND track_key = @trackKey`,
} as const;

/** The sessions driven on one track (`racecraft tracks`). */
export type TrackUsage = {
  readonly game: string;
  readonly trackKey: string;
  readonly sessionCount: number;
  /** unix ms, the start of the newest session on the track. */
  readonly lastStartedAt: number;
  /** The newest session's track name, when it has one. */
  readonly trackName?: string;
  /** m, the newest session's lap length, when known. */
  readonly trackLength?: number;
};

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
  /** Every session, the most recently added (recorded or imported) first. */
  list(): SessionSummary[];
  get(id: number): SessionDetail | undefined;
  /** The session list() puts first, i.e. the one `racecraft report` means by "latest". */
  latestId(): number | undefined;
  /** Deletes the session with its laps, channels and checkpoints. Only ever on explicit request. */
  delete(id: number): boolean;
  /** Every track key that sessions were recorded on, per game, by game then key. */
  trackUsage(): TrackUsage[];
  /**
   * Gives every session of a game's track a new display name: the track_name column and
   * trackName inside the stored SessionInfo, in one transaction. Returns how many sessions changed.
   */
  renameTrack(game: string, trackKey: string, name: string): number;
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
  const latest = db.prepare<[], { id: number | null }>(SESSION_SQL.latestId);
  const remove = db.prepare(SESSION_SQL.delete);
  const trackUsage = db.prepare<[], TrackUsageRow>(SESSION_SQL.trackUsage);
  const renameTrack = db.prepare(SESSION_SQL.renameTrack);
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
    latestId: () => latest.get()?.id ?? undefined,
    delete: (id) => remove.run(id).changes > 0,
    trackUsage: () => trackUsage.all().map(toTrackUsage),
    renameTrack: (game, trackKey, name) => renameTrack.run({ game, trackKey, name }).changes,
  };
}

type TrackUsageRow = {
  game: string;
  track_key: string;
  session_count: number;
  last_started_at: number;
  track_name: string | null;
  track_length: number | null;
};

function toTrackUsage(row: TrackUsageRow): TrackUsage {
  const base = { game: row.game, trackKey: row.track_key, sessionCount: row.session_count, lastStartedAt: row.last_started_at };
  // Unknown stays absent (never null), as in SessionSummary.
  return {
    ...base,
    ...(row.track_name !== null ? { trackName: row.track_name } : {}),
    ...(row.track_length !== null ? { trackLength: row.track_length } : {}),
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
