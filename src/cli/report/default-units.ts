import { readSettingsFile } from '../settings-file.js';
import { UNIT_SYSTEMS, type UnitSystem } from './units.js';

/**
 * The user's display units: the `units` setting (`racecraft config set units imperial`), metric
 * when unset or unreadable. `--units` on a command overrides it. Reads the file directly rather
 * than through conf, which would cost ~110 ms of start-up.
 */
export async function defaultUnitSystem(env: NodeJS.ProcessEnv = process.env): Promise<UnitSystem> {
  const units = readSettingsFile(env)['units'];
  return (UNIT_SYSTEMS as readonly unknown[]).includes(units) ? (units as UnitSystem) : 'metric';
}
