-- racecraft schema 1: sessions, laps with one compressed BLOB per channel, crash checkpoints.
-- Applied by src/store/migrate.ts inside one transaction that also sets PRAGMA user_version = 1.
-- Times: *_at are unix milliseconds (wall clock); *_t and time_s are seconds of the game's clock.

-- Marks the file as racecraft's ('RCFT'), so another program's SQLite file is refused, not migrated.
PRAGMA application_id = 1380140628;

-- Session and lap ids are shown to users and kept by the TUI: AUTOINCREMENT so a deleted or
-- replaced row's id is never handed to a different row.
CREATE TABLE sessions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  game            TEXT    NOT NULL,
  format          TEXT,
  game_session_id TEXT,
  track_key       TEXT,
  track_name      TEXT,
  track_length    REAL,              -- m
  car_key         TEXT,
  car_name        TEXT,
  driver          TEXT,
  session_type    TEXT,
  info_json       TEXT    NOT NULL,  -- the full SessionInfo; the columns above are copies for queries
  started_at      INTEGER NOT NULL,
  ended_at        INTEGER,           -- NULL while recording (or until a crashed session is recovered)
  recovered       INTEGER NOT NULL DEFAULT 0 CHECK (recovered IN (0, 1)),
  source          TEXT    NOT NULL,  -- 'live' | 'demo' | 'import' | 'replay'
  source_file     TEXT,
  owner_pid       INTEGER,           -- the recording process while ended_at IS NULL; see recovery.ts
  created_at      INTEGER NOT NULL
);

-- Session browser, newest first (rowid is the implicit last key, so ORDER BY started_at, id uses it).
CREATE INDEX sessions_by_started_at ON sessions (started_at);
-- Best lap per track and car.
CREATE INDEX sessions_by_track_car ON sessions (track_key, car_key);
-- Recovery looks only at sessions still open.
CREATE INDEX sessions_open ON sessions (id) WHERE ended_at IS NULL;

-- A lap is identified by its session, number and the session time it started. Inserting the same
-- identity again REPLACES the stored lap (an F1 flashback re-drove it; the game's final version
-- wins). Laps rewound past their end are kept as category 'rewound' (LapRepo.markRewoundAfter).
CREATE TABLE laps (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id   INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  number       INTEGER NOT NULL,
  time_s       REAL    NOT NULL,
  time_source  TEXT    NOT NULL,     -- 'game' | 'interpolated'
  valid        INTEGER NOT NULL CHECK (valid IN (0, 1)),
  category     TEXT    NOT NULL,     -- LapCategory
  sectors_json TEXT    NOT NULL DEFAULT '[]',
  start_t      REAL    NOT NULL,
  end_t        REAL    NOT NULL,
  sample_count INTEGER NOT NULL,
  outlier      INTEGER NOT NULL DEFAULT 0 CHECK (outlier IN (0, 1)),
  UNIQUE (session_id, number, start_t)
);

-- Laps of a session in time order.
CREATE INDEX laps_by_session_start ON laps (session_id, start_t);
-- Best lap: only valid flying laps are candidates, so the partial index stays small.
CREATE INDEX laps_best ON laps (session_id, time_s) WHERE valid = 1 AND category = 'flying';

-- One row per stored column of a lap: 't', 'distance' or a ChannelName. Absent channels have no row.
CREATE TABLE lap_channels (
  lap_id  INTEGER NOT NULL REFERENCES laps (id) ON DELETE CASCADE,
  channel TEXT    NOT NULL,
  codec   TEXT    NOT NULL,          -- see src/store/codec/trace-blob.ts COLUMN_CODECS
  data    BLOB    NOT NULL,
  PRIMARY KEY (lap_id, channel)
);

-- Crash checkpoints: the frames of the lap in progress, appended at least once a second and
-- deleted in the same transaction that stores the completed lap.
CREATE TABLE frame_chunks (
  id           INTEGER PRIMARY KEY,
  session_id   INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  lap_number   INTEGER NOT NULL,
  seq          INTEGER NOT NULL,     -- 0, 1, ... within (session_id, lap_number)
  t_first      REAL,                 -- s, first and last sample time (NULL for an empty chunk)
  t_last       REAL,
  sample_count INTEGER NOT NULL,
  data         BLOB    NOT NULL,     -- encodeTraceChunk
  created_at   INTEGER NOT NULL,
  UNIQUE (session_id, lap_number, seq)
);
