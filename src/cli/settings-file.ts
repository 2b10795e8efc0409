import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import envPaths from 'env-paths';

/**
 * Where the settings file is, and a read-only look at it without loading conf. conf (with its
 * JSON-schema validator) costs ~110 ms to import, which is a quarter of `racecraft report lap`'s
 * whole budget; commands that only need to know the user's units read the file here. Writing
 * (`racecraft config set`, `library login`) still goes through conf in settings.ts, and a test
 * checks that both name the same file.
 */
export function settingsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['RACECRAFT_CONFIG_DIR'] || envPaths('racecraft', { suffix: 'nodejs' }).config;
  return resolve(dir, 'config.json');
}

/**
 * The stored settings object, or {} when the file is missing or unreadable. Lenient on purpose:
 * callers validate each value they use, and a broken file is reported by `racecraft config`.
 */
export function readSettingsFile(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(settingsFilePath(env), 'utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
