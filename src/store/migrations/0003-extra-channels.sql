-- racecraft schema 3: the channels of an imported file that racecraft has no channel for (ACC's
-- SUS_TRAVEL_LF, iRacing's LFtempCL, a MoTeC logger's Oil Pressure), kept in the file's own unit
-- so that importing a file loses nothing. Applied by src/store/migrate.ts in one transaction with
-- PRAGMA user_version = 3. Written and read by src/store/repos/extra-channels.ts.

-- One row per source channel: evenly spaced samples over the whole session (sample i is at
-- session time t0 + i / rate), one compressed BLOB, not cut into laps: the channels' rates differ
-- from the laps' time base (ACC: 20..200 Hz; iRacing _ST arrays: 360 Hz).
CREATE TABLE extra_channels (
  session_id   INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,     -- the source's channel name, unique within the session
  position     INTEGER NOT NULL,     -- 0-based order in the source file, so exports list them as the file did
  unit         TEXT    NOT NULL,     -- the source's unit string ('' when none)
  rate         REAL    NOT NULL,     -- Hz
  t0           REAL    NOT NULL,     -- s, session time of sample 0 (the laps' clock)
  description  TEXT,                 -- the source's description, when it has one (iRacing)
  sample_count INTEGER NOT NULL,
  codec        TEXT    NOT NULL,     -- see src/store/codec/trace-blob.ts COLUMN_CODECS (f64: doubles survive)
  data         BLOB    NOT NULL,
  PRIMARY KEY (session_id, name)
);
