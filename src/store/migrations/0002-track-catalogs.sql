-- racecraft schema 2: each track's corner catalog, so corner numbers (T1, T2, ...) stay the same
-- across sessions and reports. Applied by src/store/migrate.ts in one transaction with
-- PRAGMA user_version = 2. Written by src/store/repos/tracks.ts.

-- One row per (game, track): a track key is only unique within its game ('monza' in AC is not
-- 'monza' in another game, and their lap distances differ).
CREATE TABLE track_catalogs (
  game         TEXT    NOT NULL,
  track_key    TEXT    NOT NULL,
  length       REAL    NOT NULL,     -- m, the lap length the corner distances were measured on
  corners_json TEXT    NOT NULL,     -- [{"number":1,"direction":"L"|"R","entry":m,"apex":m,"exit":m,"name"?:text}]
  updated_at   INTEGER NOT NULL,     -- unix ms of the last change
  PRIMARY KEY (game, track_key)
) WITHOUT ROWID;
