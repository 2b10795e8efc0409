import type { LibraryBackend } from './backend.js';
import { createPostgresBackend } from './postgres-backend.js';
import { createSqliteBackend } from './sqlite-backend.js';

/** Whether a --db value names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(db);
}

/** `--db FILE` → SQLite; `--db postgres://...` → PostgreSQL. */
export async function openBackend(db: string): Promise<LibraryBackend> {
  return isPostgresUrl(db) ? createPostgresBackend(db) : createSqliteBackend(db);
}
