import { join } from 'node:path';
import envPaths from 'env-paths';

/**
 * Where the database lives unless the user says otherwise: $RACECRAFT_DB when set, else
 * racecraft.db in the platform's user data folder (Windows %LOCALAPPDATA%\racecraft\Data,
 * macOS ~/Library/Application Support/racecraft, Linux $XDG_DATA_HOME/racecraft or
 * ~/.local/share/racecraft). `env` is injectable for tests.
 */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['RACECRAFT_DB'];
  if (override !== undefined && override.trim() !== '') return override;
  return join(envPaths('racecraft', { suffix: '' }).data, 'racecraft.db');
}
