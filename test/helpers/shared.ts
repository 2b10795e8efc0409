import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/**
 * The real recordings and files in ../shared are read at test time, never copied into the repo
 * (licences). When ../shared is absent these suites are skipped with the reason in their title,
 * so a missing folder is visible in the report instead of an obscure ENOENT.
 */
export const SHARED_DIR = resolve(process.env['RACECRAFT_SHARED'] ?? join(dirname(fileURLToPath(import.meta.url)), '../../../shared'));

export const hasShared = existsSync(join(SHARED_DIR, 'DESIGN.md'));

/** Absolute path of a file under ../shared. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/** `describe` that runs when ../shared is present and is skipped, saying why, when it is not. */
export function describeShared(name: string, fn: () => void): void {
  if (hasShared) describe(name, fn);
  else describe.skip(`${name} — SKIPPED: ../shared not found at ${SHARED_DIR} (set RACECRAFT_SHARED)`, fn);
}

/** Path of a file a shared-data test needs; fails loudly when ../shared exists but the file does not. */
export function requireSharedFile(...parts: string[]): string {
  const path = sharedPath(...parts);
  if (!existsSync(path)) throw new Error(`expected real data file missing: ${path}`);
  return path;
}
