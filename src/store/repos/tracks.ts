import type Database from 'better-sqlite3';
import { decodeF32Column, encodeF32Column, F32_CODEC } from '../codec/trace-blob.js';
import { StoreError } from '../store-error.js';

/**
 * One corner of a track's stored catalog. The same shape as the analysis engine's CatalogCorner
 * (the store depends on engine/model only, so it is restated here). Distances are m along the
 * lap; entry may be < 0 and exit > length for a corner spanning the line.
 */
export type StoredCatalogCorner = {
  /** The stable corner number (T1 = 1), never reused for another corner. */
  readonly number: number;
  /** 'L' left, 'R' right (the engine's CornerDirection). */
  readonly direction: 'L' | 'R';
  readonly entry: number;
  readonly apex: number;
  readonly exit: number;
  /** Optional human name ("Parabolica"). */
  readonly name?: string;
};

/** A track's corner catalog: the lap length (m) the distances were measured on, and the corners. */
export type StoredCornerCatalog = {
  readonly length: number;
  readonly corners: readonly StoredCatalogCorner[];
};

/** A row of `racecraft corners`-style listings: which tracks have a catalog. */
export type CatalogSummary = {
  readonly game: string;
  readonly trackKey: string;
  /** m */
  readonly length: number;
  readonly cornerCount: number;
  /** unix ms */
  readonly updatedAt: number;
};

/**
 * A track's shape as stored: its driven line in the game's world coordinates (the engine's
 * TrackShape, restated because the store depends on engine/model only). Point k lies k·length/n
 * metres from the start/finish line along the lap.
 */
export type StoredTrackShape = {
  /** m */
  readonly length: number;
  /** 'xz': x = posX, y = posZ (Y up); 'xy': y = posY (Z up). */
  readonly plane: 'xz' | 'xy';
  readonly x: Float32Array;
  readonly y: Float32Array;
};

/** A stored shape with its identity. */
export type TrackShapeRecord = {
  readonly game: string;
  readonly trackKey: string;
  /** Display name ("unknown track 2", or one the user gave); undefined when none is known. */
  readonly name?: string;
  readonly shape: StoredTrackShape;
  /** unix ms */
  readonly createdAt: number;
  readonly updatedAt: number;
};

/** A stored shape without its points: what a listing of tracks needs. */
export type TrackShapeSummary = {
  readonly game: string;
  readonly trackKey: string;
  /** Display name; undefined when none is known. */
  readonly name?: string;
  /** m */
  readonly length: number;
  /** unix ms */
  readonly updatedAt: number;
};

/** Track queries; exported so tests can pin their plans. */
export const TRACK_SQL = {
  get: `SELECT length, corners_json FROM track_catalogs WHERE game = ? AND track_key = ?`,
  upsert: `INSERT INTO track_catalogs (game, track_key, length, corners_json, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (game, track_key) DO UPDATE SET length = excluded.length, corners_json = excluded.corners_json,
             updated_at = excluded.updated_at`,
  list: `SELECT game, track_key, length, corners_json, updated_at FROM track_catalogs ORDER BY game, track_key`,
  delete: `DELETE FROM track_catalogs WHERE game = ? AND track_key = ?`,
  shapesOfGame: `SELECT game, track_key, name, length, plane, point_count, codec, data, created_at, updated_at
                 FROM track_shapes WHERE game = ? ORDER BY track_key`,
  shapeGet: `SELECT game, track_key, name, length, plane, point_count, codec, data, created_at, updated_at
             FROM track_shapes WHERE game = ? AND track_key = ?`,
  shapeUpsert: `INSERT INTO track_shapes (game, track_key, name, length, plane, point_count, codec, data, created_at, updated_at)
                VALUES (@game, @trackKey, @name, @length, @plane, @pointCount, @codec, @data, @now, @now)
                ON CONFLICT (game, track_key) DO UPDATE SET name = coalesce(excluded.name, track_shapes.name),
                  length = excluded.length, plane = excluded.plane, point_count = excluded.point_count, codec = excluded.codec,
                  data = excluded.data, updated_at = excluded.updated_at`,
  shapeRename: `UPDATE track_shapes SET name = ?, updated_at = ? WHERE game = ? AND track_key = ?`,
  shapeDelete: `DELETE FROM track_shapes WHERE game = ? AND track_key = ?`,
  shapeSummaries: `SELECT game, track_key, name, length, updated_at FROM track_shapes ORDER BY game, track_key`,
} as const;

export type TrackRepo = {
  /** The stored corner catalog of a track, or undefined when none was stored yet. */
  getCatalog(game: string, trackKey: string): StoredCornerCatalog | undefined;
  /**
   * Stores the catalog (validated; corners sorted by number). Writes only when it differs from the
   * stored one, so reading reports does not take the write lock for nothing. Returns whether it
   * wrote. `now` is unix ms.
   */
  saveCatalog(game: string, trackKey: string, catalog: StoredCornerCatalog, now?: number): boolean;
  /** Every stored catalog, by game then track key. */
  listCatalogs(): CatalogSummary[];
  /** Forgets a track's catalog (the next analysis numbers its corners afresh). Returns whether one existed. */
  deleteCatalog(game: string, trackKey: string): boolean;
  /** Every stored shape of a game, by track key. */
  listShapes(game: string): TrackShapeRecord[];
  /** One track's stored shape, or undefined. */
  getShape(game: string, trackKey: string): TrackShapeRecord | undefined;
  /**
   * Stores (or replaces) a track's shape. A `name` of undefined keeps the stored name (a name the
   * user gave survives a re-learned shape). `now` is unix ms.
   */
  saveShape(game: string, trackKey: string, name: string | undefined, shape: StoredTrackShape, now?: number): void;
  /** Gives a stored track a display name. Returns whether the track exists. */
  renameShape(game: string, trackKey: string, name: string, now?: number): boolean;
  /** Forgets a track's shape. Returns whether one existed. */
  deleteShape(game: string, trackKey: string): boolean;
  /**
   * Every stored shape of every game, by game then track key, without the points (a listing
   * neither pays for decoding them nor fails on a damaged one).
   */
  listShapeSummaries(): TrackShapeSummary[];
};

type CatalogRow = { length: number; corners_json: string };
type ShapeRow = {
  game: string;
  track_key: string;
  name: string | null;
  length: number;
  plane: string;
  point_count: number;
  codec: string;
  data: Uint8Array;
  created_at: number;
  updated_at: number;
};

export function createTrackRepo(db: Database.Database): TrackRepo {
  const get = db.prepare<[string, string], CatalogRow>(TRACK_SQL.get);
  const upsert = db.prepare(TRACK_SQL.upsert);
  const list = db.prepare<[], CatalogRow & { game: string; track_key: string; updated_at: number }>(TRACK_SQL.list);
  const remove = db.prepare(TRACK_SQL.delete);
  const shapesOfGame = db.prepare<[string], ShapeRow>(TRACK_SQL.shapesOfGame);
  const shapeGet = db.prepare<[string, string], ShapeRow>(TRACK_SQL.shapeGet);
  const shapeUpsert = db.prepare(TRACK_SQL.shapeUpsert);
  const shapeRename = db.prepare(TRACK_SQL.shapeRename);
  const shapeDelete = db.prepare(TRACK_SQL.shapeDelete);
  const shapeSummaries = db.prepare<[], { game: string; track_key: string; name: string | null; length: number; updated_at: number }>(TRACK_SQL.shapeSummaries);

  const read = (game: string, trackKey: string): StoredCornerCatalog | undefined => {
    const row = get.get(game, trackKey);
    return row && parseCatalog(row, `${game} ${trackKey}`);
  };

  return {
    getCatalog: read,
    saveCatalog(game, trackKey, catalog, now = Date.now()) {
      const clean = normaliseCatalog(catalog);
      const json = JSON.stringify(clean.corners);
      return db.transaction(() => {
        const row = get.get(game, trackKey);
        if (row && row.length === clean.length && row.corners_json === json) return false;
        upsert.run(game, trackKey, clean.length, json, now);
        return true;
      }).immediate();
    },
    listCatalogs: () =>
      list.all().map((row) => ({
        game: row.game,
        trackKey: row.track_key,
        length: row.length,
        cornerCount: parseCatalog(row, `${row.game} ${row.track_key}`).corners.length,
        updatedAt: row.updated_at,
      })),
    deleteCatalog: (game, trackKey) => remove.run(game, trackKey).changes > 0,
    listShapes: (game) => shapesOfGame.all(game).map(parseShape),
    getShape: (game, trackKey) => {
      const row = shapeGet.get(game, trackKey);
      return row && parseShape(row);
    },
    saveShape(game, trackKey, name, shape, now = Date.now()) {
      const n = shape.x.length;
      if (!(shape.length > 0) || !Number.isFinite(shape.length)) throw new TypeError(`track shape length must be a positive number of metres, got ${shape.length}`);
      if (n < 3 || shape.y.length !== n) throw new TypeError(`track shape needs matching x and y of at least 3 points, got ${n} and ${shape.y.length}`);
      if (shape.plane !== 'xz' && shape.plane !== 'xy') throw new TypeError(`track shape plane must be 'xz' or 'xy', got ${String(shape.plane)}`);
      const both = new Float32Array(2 * n);
      both.set(shape.x, 0);
      both.set(shape.y, n);
      shapeUpsert.run({ game, trackKey, name: name ?? null, length: shape.length, plane: shape.plane, pointCount: n, codec: F32_CODEC, data: encodeF32Column(both), now });
    },
    renameShape: (game, trackKey, name, now = Date.now()) => shapeRename.run(name, now, game, trackKey).changes > 0,
    deleteShape: (game, trackKey) => shapeDelete.run(game, trackKey).changes > 0,
    listShapeSummaries: () =>
      shapeSummaries.all().map((row) => {
        const base = { game: row.game, trackKey: row.track_key, length: row.length, updatedAt: row.updated_at };
        return row.name === null ? base : { ...base, name: row.name };
      }),
  };
}

/** A stored shape row back to points; a row that does not decode is damage, reported in one line. */
function parseShape(row: ShapeRow): TrackShapeRecord {
  const label = `${row.game} ${row.track_key}`;
  let both: Float32Array | undefined;
  try {
    both = row.codec === F32_CODEC ? decodeF32Column(row.data) : undefined;
  } catch {
    both = undefined;
  }
  const n = row.point_count;
  if (both === undefined || both.length !== 2 * n || n < 3 || !(row.length > 0) || (row.plane !== 'xz' && row.plane !== 'xy')) {
    throw new StoreError(`the stored track shape of ${label} is damaged; delete it and drive a lap to learn it again`);
  }
  const shape: StoredTrackShape = { length: row.length, plane: row.plane, x: both.slice(0, n), y: both.slice(n) };
  const base = { game: row.game, trackKey: row.track_key, shape, createdAt: row.created_at, updatedAt: row.updated_at };
  return row.name === null ? base : { ...base, name: row.name };
}

/** Validates a catalog about to be stored (a bad one is a programming error) and fixes key order. */
function normaliseCatalog(catalog: StoredCornerCatalog): StoredCornerCatalog {
  if (!(catalog.length > 0) || !Number.isFinite(catalog.length)) throw new TypeError(`corner catalog length must be a positive number of metres, got ${catalog.length}`);
  const seen = new Set<number>();
  const corners = catalog.corners.map((c) => {
    const problem = cornerProblem(c);
    if (problem !== undefined) throw new TypeError(`corner catalog: ${problem}`);
    if (seen.has(c.number)) throw new TypeError(`corner catalog: corner number ${c.number} appears twice`);
    seen.add(c.number);
    const base = { number: c.number, direction: c.direction, entry: c.entry, apex: c.apex, exit: c.exit };
    return c.name === undefined ? base : { ...base, name: c.name };
  });
  corners.sort((a, b) => a.number - b.number);
  return { length: catalog.length, corners };
}

function cornerProblem(c: unknown): string | undefined {
  if (typeof c !== 'object' || c === null) return 'a corner is not an object';
  const o = c as Record<string, unknown>;
  if (!Number.isInteger(o['number']) || (o['number'] as number) < 1) return `corner number must be a whole number >= 1, got ${String(o['number'])}`;
  if (o['direction'] !== 'L' && o['direction'] !== 'R') return `corner ${String(o['number'])}: direction must be L or R`;
  for (const key of ['entry', 'apex', 'exit']) {
    if (typeof o[key] !== 'number' || !Number.isFinite(o[key])) return `corner ${String(o['number'])}: ${key} must be a finite number of metres`;
  }
  if (o['name'] !== undefined && typeof o['name'] !== 'string') return `corner ${String(o['number'])}: name must be text`;
  return undefined;
}

/** A stored row back to a catalog; a row that does not parse is damage, reported in one line. */
function parseCatalog(row: CatalogRow, label: string): StoredCornerCatalog {
  let corners: unknown;
  try {
    corners = JSON.parse(row.corners_json);
  } catch {
    corners = undefined;
  }
  const problem = !Array.isArray(corners) ? 'not a list' : corners.map(cornerProblem).find((p) => p !== undefined);
  if (problem !== undefined || !(row.length > 0)) {
    throw new StoreError(`the stored corner list of ${label} is damaged (${problem ?? 'bad length'}); delete it with \`racecraft corners --reset\``);
  }
  return { length: row.length, corners: corners as StoredCatalogCorner[] };
}
