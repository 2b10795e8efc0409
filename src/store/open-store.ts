import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { checkCompatible, latestVersion, migrate, readMigrations } from './migrate.js';
import { createRecovery, type RecoverOptions } from './recovery.js';
import { createChunkRepo, type ChunkRepo } from './repos/chunks.js';
import { createExtraChannelRepo, type ExtraChannelRepo } from './repos/extra-channels.js';
import { createLapRepo, type LapRepo } from './repos/laps.js';
import { createSessionRepo, type SessionRepo } from './repos/sessions.js';
import { createTrackRepo, type TrackRepo } from './repos/tracks.js';
import { StoreError } from './store-error.js';
import type { RecoveryReport } from './types.js';

/** The open database, with repositories whose statements were prepared once at open. */
export type Store = {
  /** Absolute path of the database file, or ':memory:'. */
  readonly path: string;
  readonly readonly: boolean;
  readonly sessions: SessionRepo;
  readonly laps: LapRepo;
  readonly chunks: ChunkRepo;
  /** Per-track corner catalogs, so corner numbers stay stable across sessions. */
  readonly tracks: TrackRepo;
  /** Channels of imported files that racecraft has no channel for, in the source's units. */
  readonly extraChannels: ExtraChannelRepo;
  /** See recovery.ts: salvages sessions left open by a process that died. `now` is unix ms. */
  recoverOpenSessions(now: number, opts?: RecoverOptions): RecoveryReport[];
  /** `PRAGMA integrity_check` rows joined by newlines: 'ok' when the file is sound. */
  integrityCheck(): string;
  close(): void;
};

export type OpenStoreOptions = {
  /** Open without writing anything (no migration, no WAL switch). The file must exist and be current. */
  readonly readonly?: boolean;
};

/** ms a writer waits for another process's write lock before SQLITE_BUSY (recorder + CLI at once). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating it and its parent folders if needed) the racecraft database at `path`, applies
 * pending migrations and prepares the repositories. ':memory:' gives a private in-memory store.
 * Throws StoreError when the file is not a racecraft database or is newer than this code.
 */
export function openStore(path: string, opts: OpenStoreOptions = {}): Store {
  const readonly = opts.readonly ?? false;
  const inMemory = path === ':memory:' || path === '';
  const label = inMemory ? ':memory:' : resolve(path);
  if (inMemory && readonly) throw new Error('an in-memory store cannot be read-only');
  if (!inMemory && readonly && !existsSync(label)) throw new StoreError(`${label} does not exist`);
  const db = openConnection(inMemory ? ':memory:' : label, readonly);
  try {
    prepareDatabase(db, label, readonly);
    return assemble(db, label, readonly);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Creates the folder and opens the file; a path that cannot hold a database is the user's to fix. */
function openConnection(file: string, readonly: boolean): Database.Database {
  try {
    if (file !== ':memory:' && !readonly) mkdirSync(dirname(file), { recursive: true });
    return new Database(file, { readonly, fileMustExist: readonly });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'ENOTDIR' || code === 'EEXIST' || code === 'EROFS') {
      throw new StoreError(`cannot open ${file}: ${(error as Error).message}`);
    }
    throw error;
  }
}

function prepareDatabase(db: Database.Database, label: string, readonly: boolean): void {
  const migrations = readMigrations();
  const known = latestVersion(migrations);
  try {
    // The first real read of the file: an invalid header fails here with SQLITE_NOTADB.
    const version = checkCompatible(db, label, known);
    if (readonly && version < known) {
      throw new StoreError(`${label} needs upgrading (schema ${version} → ${known}); open it once read-write to upgrade it`);
    }
    configureConnection(db, readonly);
    if (!readonly) migrate(db, migrations);
  } catch (error) {
    throw asStoreError(error, label);
  }
}

/**
 * Per-connection settings. WAL: readers never block the recorder, and a commit is one sequential
 * append. synchronous=NORMAL: a commit survives a process crash (the case that matters while
 * recording); an OS crash may lose the last commits but never corrupts the file. busy_timeout:
 * the CLI and a recorder may write at once. A read-only connection cannot switch journal mode.
 */
export function configureConnection(db: Database.Database, readonly: boolean): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  if (readonly) return;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/** SQLite's words for "this is not a database file" become one user-facing line. */
function asStoreError(error: unknown, label: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StoreError(`${label} is not a racecraft database (${(error as Error).message})`);
  }
  return error;
}

function assemble(db: Database.Database, label: string, readonly: boolean): Store {
  const laps = createLapRepo(db);
  const chunks = createChunkRepo(db);
  const recovery = createRecovery(db, laps, chunks);
  const sessions = createSessionRepo(db, recovery.salvageCheckpoints);
  return {
    path: label,
    readonly,
    sessions,
    laps,
    chunks,
    tracks: createTrackRepo(db),
    extraChannels: createExtraChannelRepo(db),
    recoverOpenSessions: recovery.recoverOpenSessions,
    integrityCheck: () => (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('\n'),
    close: () => db.close(),
  };
}
