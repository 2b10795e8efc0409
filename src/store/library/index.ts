/**
 * The racecraft data library: items (tracks, cars, reference laps) addressed by sha256 and
 * versioned per key; the HTTP server and its SQLite/PostgreSQL engines; the sync client with
 * its local copy in the user's SQLite. See each module for the details.
 */
export { canonicalJson, contentId, sha256Hex, CONTENT_ID_PATTERN } from './canonical.js';
export { LibraryError, isLibraryError } from './errors.js';
export {
  ITEM_KINDS,
  LIBRARY_KEY_PATTERN,
  LIMITS,
  driverSlug,
  isLibraryKey,
  itemContent,
  itemFacts,
  itemKey,
  toKeyComponent,
  validateItem,
  validatePushBody,
  type CarItem,
  type GripEnvelope,
  type ItemKind,
  type LibraryItem,
  type PushBody,
  type ReferenceItem,
  type ShiftPoint,
  type TrackCorner,
  type TrackItem,
} from './items.js';
export { referenceItemFromGrid, referenceToTrace, type ReferenceGridInput } from './reference.js';
export { ValidationError } from './validate.js';
export type { ItemSummary, LibraryBackend, ListQuery, PushInput, PushOutcome } from './backend.js';
export { createSqliteBackend } from './sqlite-backend.js';
export { createPostgresBackend, redactUrl } from './postgres-backend.js';
export { isPostgresUrl, openBackend } from './open-backend.js';
export { createLibraryServer, startLibraryServer, DEFAULT_BODY_LIMIT, DEFAULT_PORT, type LibraryServerOptions, type RunningLibraryServer, type StartOptions } from './server.js';
export { issueToken } from './routes.js';
export { SCOPES, generateToken, hashToken, type Scope, type TokenRecord } from './tokens.js';
export { createLibraryClient, normaliseServerUrl, LibraryHttpError, type LibraryClient, type ListPage, type PushAnswer } from './client.js';
export { openLocalLibrary, openLocalLibraryFile, type LocalItem, type LocalLibrary, type LocalConflict, type LocalStatus } from './local.js';
export { pullLibrary, pushLibrary, filterKey, type PullFilter, type PullReport, type PushReport } from './sync.js';
export { createLibrarySettings, type LibraryLogin, type LibrarySettings } from './settings.js';
