-- racecraft schema 4: each track's shape (its driven line in the game's world coordinates), for
-- games that send positions but no lap distance or no track id (GT7, Forza): live lap distance
-- is projected onto it, and a session without a track id is identified by matching its path
-- against the stored shapes. Applied by src/store/migrate.ts in one transaction with
-- PRAGMA user_version = 4. Written and read by src/store/repos/tracks.ts.

-- One row per (game, track): coordinates are only comparable within one game. Tracks the game
-- does not name get track_key 'unknown-N' and the display name 'unknown track N' (renameable).
CREATE TABLE track_shapes (
  game        TEXT    NOT NULL,
  track_key   TEXT    NOT NULL,
  name        TEXT,                 -- display name ('unknown track 2', or one the user gave); NULL: none known
  length      REAL    NOT NULL,     -- m, lap length along the shape; point k is at k·length/point_count from the line
  plane       TEXT    NOT NULL CHECK (plane IN ('xz', 'xy')),  -- 'xz': x = posX, y = posZ (Y up); 'xy': y = posY (Z up)
  point_count INTEGER NOT NULL,
  codec       TEXT    NOT NULL,     -- see src/store/codec/trace-blob.ts COLUMN_CODECS; data = x[0..n) then y[0..n)
  data        BLOB    NOT NULL,
  created_at  INTEGER NOT NULL,     -- unix ms
  updated_at  INTEGER NOT NULL,     -- unix ms of the last change
  PRIMARY KEY (game, track_key)
) WITHOUT ROWID;
