import type { LibraryBackend } from './backend.js';
import { isPostgresUrl } from './db-url.js';
import { createPostgresBackend } from './postgres-backend.js';
import { createSqliteBackend } from './sqlite-backend.js';

export { isPostgresUrl };

/** `--db FILE` → SQLite; `--db postgres://...` → PostgreSQL. */
export async function openBackend(db: string): Promise<LibraryBackend> {
  return isPostgresUrl(db) ? createPostgresBackend(db) : createSqliteBackend(db);
}
