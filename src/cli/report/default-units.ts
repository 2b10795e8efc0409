import type { UnitSystem } from './units.js';

/** The user's preferred display units; metric until settings provide a choice. */
export async function defaultUnitSystem(): Promise<UnitSystem> {
  return 'metric';
}
