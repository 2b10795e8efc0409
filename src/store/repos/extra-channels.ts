import type Database from 'better-sqlite3';
import { decodeColumn, encodeF64Column, F64_CODEC } from '../codec/trace-blob.js';
import type { ExtraChannel } from '../formats/types.js';
import { StoreError } from '../store-error.js';

/** Extra-channel queries; exported so tests can pin their plans. */
export const EXTRA_CHANNEL_SQL = {
  deleteSession: `DELETE FROM extra_channels WHERE session_id = ?`,
  insert: `INSERT INTO extra_channels (session_id, name, position, unit, rate, t0, description, sample_count, codec, data)
           VALUES (@sessionId, @name, @position, @unit, @rate, @t0, @description, @sampleCount, @codec, @data)`,
  list: `SELECT name, unit, rate, t0, description, sample_count FROM extra_channels WHERE session_id = ? ORDER BY position`,
  load: `SELECT name, unit, rate, t0, description, sample_count, codec, data FROM extra_channels WHERE session_id = ? ORDER BY position`,
  count: `SELECT count(*) AS n FROM extra_channels WHERE session_id = ?`,
} as const;

/** An extra channel without its samples: what `list` returns (cheap, no BLOB is read). */
export type ExtraChannelInfo = {
  readonly name: string;
  /** The source's unit string ('' when none). */
  readonly unit: string;
  /** Hz. */
  readonly rate: number;
  /** s, session time of sample 0. */
  readonly t0: number;
  readonly description?: string;
  readonly samples: number;
};

/**
 * The source channels of an imported session that have no racecraft channel (see
 * 0003-extra-channels.sql), in the source's units and full double precision.
 */
export type ExtraChannelRepo = {
  /**
   * Stores the session's extra channels in the record's key order (the source file's order),
   * replacing whatever was stored for the session, in one transaction. Returns how many.
   */
  save(sessionId: number, channels: Readonly<Record<string, ExtraChannel>>): number;
  /** Name, unit, rate, t0 and sample count of each stored channel, in source order. */
  list(sessionId: number): ExtraChannelInfo[];
  /**
   * The stored channels with their samples, in source order, keyed by name (only `names`, when
   * given). Bit-for-bit the arrays that were saved. Throws StoreError on a damaged row.
   */
  load(sessionId: number, names?: readonly string[]): Record<string, ExtraChannel>;
  /** How many extra channels the session has. */
  count(sessionId: number): number;
};

type InfoRow = { name: string; unit: string; rate: number; t0: number; description: string | null; sample_count: number };
type DataRow = InfoRow & { codec: string; data: Uint8Array };

export function createExtraChannelRepo(db: Database.Database): ExtraChannelRepo {
  const deleteSession = db.prepare(EXTRA_CHANNEL_SQL.deleteSession);
  const insert = db.prepare(EXTRA_CHANNEL_SQL.insert);
  const list = db.prepare<[number], InfoRow>(EXTRA_CHANNEL_SQL.list);
  const load = db.prepare<[number], DataRow>(EXTRA_CHANNEL_SQL.load);
  const count = db.prepare<[number], { n: number }>(EXTRA_CHANNEL_SQL.count);

  const write = db.transaction((sessionId: number, rows: readonly Record<string, unknown>[]) => {
    deleteSession.run(sessionId);
    for (const row of rows) insert.run(row);
  });

  return {
    save(sessionId, channels) {
      // Compress before taking the write lock: encoding is the slow part and needs no database.
      const rows = Object.entries(channels).map(([name, c], position) => {
        checkChannel(name, c);
        return {
          sessionId,
          name,
          position,
          unit: c.unit,
          rate: c.rate,
          t0: c.t0,
          description: c.description ?? null,
          sampleCount: c.data.length,
          codec: F64_CODEC,
          data: encodeF64Column(c.data),
        };
      });
      write(sessionId, rows);
      return rows.length;
    },
    list: (sessionId) => list.all(sessionId).map(toInfo),
    load(sessionId, names) {
      const wanted = names === undefined ? undefined : new Set(names);
      const out: Record<string, ExtraChannel> = {};
      for (const row of load.iterate(sessionId)) {
        if (wanted !== undefined && !wanted.has(row.name)) continue;
        const data = decodeColumn(row.codec, row.data);
        if (!(data instanceof Float64Array) || data.length !== row.sample_count) {
          throw new StoreError(`corrupt extra channel '${row.name}' of session ${sessionId}: ${data.length} samples stored, ${row.sample_count} expected`);
        }
        const info = toInfo(row);
        out[row.name] = { unit: info.unit, rate: info.rate, t0: info.t0, data, ...(info.description !== undefined ? { description: info.description } : {}) };
      }
      return out;
    },
    count: (sessionId) => count.get(sessionId)?.n ?? 0,
  };
}

/** A channel that cannot be stored faithfully is a caller bug (the readers never make one). */
function checkChannel(name: string, c: ExtraChannel): void {
  if (name === '') throw new Error('extra channel without a name');
  if (!(c.rate > 0) || !Number.isFinite(c.rate)) throw new Error(`extra channel '${name}': rate must be a positive number of Hz, got ${c.rate}`);
  if (!Number.isFinite(c.t0)) throw new Error(`extra channel '${name}': t0 must be a finite number of seconds, got ${c.t0}`);
  if (!(c.data instanceof Float64Array)) throw new Error(`extra channel '${name}': data must be a Float64Array`);
}

function toInfo(row: InfoRow): ExtraChannelInfo {
  return {
    name: row.name,
    unit: row.unit,
    rate: row.rate,
    t0: row.t0,
    ...(row.description !== null ? { description: row.description } : {}),
    samples: row.sample_count,
  };
}
