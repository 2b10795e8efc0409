/**
 * The racecraft store: one SQLite file (WAL) holding sessions, laps with one compressed BLOB per
 * channel, and the crash checkpoints of the lap being recorded. Depends on engine/model only.
 */
export { openStore, type Store, type OpenStoreOptions } from './open-store.js';
export { StoreError, isStoreError } from './store-error.js';
export { defaultDbPath } from './paths.js';
export type { RecoverOptions } from './recovery.js';
export type { SessionRepo } from './repos/sessions.js';
export type { LapRepo } from './repos/laps.js';
export type { ChunkRepo } from './repos/chunks.js';
export type { ExtraChannelRepo, ExtraChannelInfo } from './repos/extra-channels.js';
export type { TrackRepo, StoredCornerCatalog, StoredCatalogCorner, CatalogSummary, StoredTrackShape, TrackShapeRecord } from './repos/tracks.js';
export {
  SESSION_SOURCES,
  type SessionSource,
  type SessionSummary,
  type SessionDetail,
  type NewSession,
  type LapRecord,
  type RecoveryReport,
} from './types.js';
export {
  COLUMN_CODECS,
  type ColumnCodec,
  encodeF32Column,
  decodeF32Column,
  encodeF64Column,
  decodeF64Column,
  decodeColumn,
  encodeTraceChunk,
  decodeTraceChunk,
} from './codec/trace-blob.js';
