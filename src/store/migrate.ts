import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { StoreError } from './store-error.js';

/**
 * Schema migrations: plain numbered `.sql` files applied in order by `PRAGMA user_version`, each
 * in one transaction that also sets the new version, so a crash mid-migration leaves the old
 * schema intact. No down-migrations. A database newer than the code is refused, never touched.
 *
 * The files are read at run time from the `migrations` folder next to this module: src/store/
 * under vitest, dist/store/ once built (scripts/copy-assets.js copies them).
 */
export const MIGRATIONS_DIR: URL = new URL('./migrations/', import.meta.url);

/** 'RCFT': set by 0001-init.sql in the file header, so other programs' SQLite files are recognised. */
export const APPLICATION_ID = 0x52434654;

export type Migration = {
  /** The schema version this file brings the database to. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
};

const FILE_PATTERN = /^(\d{4})-[a-z0-9-]+\.sql$/;

/** The migrations in `dir` (a path or file: URL), ordered by version. Gaps are allowed; duplicates are not. */
export function readMigrations(dir: string | URL = MIGRATIONS_DIR): Migration[] {
  const fileIn = (name: string): string | URL => (typeof dir === 'string' ? join(dir, name) : new URL(name, dir));
  const migrations = readdirSync(dir)
    .map((name) => ({ name, match: FILE_PATTERN.exec(name) }))
    .filter((entry) => entry.match !== null)
    .map(({ name, match }) => ({ version: Number(match![1]), name, sql: readFileSync(fileIn(name), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`two migrations claim version ${migrations[i]!.version}: ${migrations[i - 1]!.name}, ${migrations[i]!.name}`);
    }
  }
  if (migrations.length === 0 || migrations[0]!.version < 1) throw new Error(`no migrations (numbered from 0001) in ${dir}`);
  return migrations;
}

/** The schema version the given migrations produce (the code's schema version). */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations[migrations.length - 1]?.version ?? 0;
}

/**
 * Refuses what must not be migrated: a database from a newer racecraft, or an SQLite file that
 * belongs to another program. `label` names the file in the message (its path).
 */
export function checkCompatible(db: Database.Database, label: string, knownVersion: number): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > knownVersion) {
    throw new StoreError(`${label} was written by a newer racecraft (schema ${version}, this version knows ${knownVersion}); upgrade racecraft`);
  }
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const foreign =
    version > 0
      ? applicationId !== APPLICATION_ID
      : applicationId !== 0 || (db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'`).get() as { n: number }).n > 0;
  if (foreign) throw new StoreError(`${label} is not a racecraft database (it is an SQLite database of another program)`);
  return version;
}

/**
 * Applies every migration newer than the database's user_version, each in its own transaction.
 * Returns the versions applied. Call checkCompatible first.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = readMigrations()): number[] {
  const applied: number[] = [];
  for (const migration of migrations) {
    // Read the version inside the write transaction: another process may have migrated meanwhile.
    const didApply = db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return false;
      db.exec(migration.sql);
      // A pragma cannot take a bound parameter; the version is an integer we parsed ourselves.
      db.pragma(`user_version = ${migration.version}`);
      return true;
    }).immediate();
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
