import { UserError } from '../errors.js';

/**
 * Display units of the human reports. JSON output is always SI (m, m/s, s); only the text a
 * person reads is converted, here and in the engine's formatTip.
 */
export type UnitSystem = 'metric' | 'imperial';

export const UNIT_SYSTEMS: readonly UnitSystem[] = ['metric', 'imperial'];

/** Conversions and labels for one unit system. */
export type Units = {
  readonly system: UnitSystem;
  /** 'km/h' or 'mph'. */
  readonly speedUnit: string;
  /** 'm' or 'ft'. */
  readonly distanceUnit: string;
  /** m/s → the display speed unit. */
  speed(metresPerSecond: number): number;
  /** m → the display distance unit. */
  distance(metres: number): number;
};

const KMH_PER_MS = 3.6;
const MPH_PER_MS = 2.2369362920544;
const FT_PER_M = 3.280839895013123;

export function unitsOf(system: UnitSystem): Units {
  return system === 'imperial'
    ? { system, speedUnit: 'mph', distanceUnit: 'ft', speed: (v) => v * MPH_PER_MS, distance: (m) => m * FT_PER_M }
    : { system, speedUnit: 'km/h', distanceUnit: 'm', speed: (v) => v * KMH_PER_MS, distance: (m) => m };
}

/** The --units option: metric or imperial (case-insensitive); absent → the given default. */
export function parseUnitSystem(value: string | undefined, fallback: UnitSystem = 'metric'): UnitSystem {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (v === 'metric' || v === 'imperial') return v;
  throw new UserError(`--units must be metric or imperial, got '${value}'`);
}

/** A speed in display units, rounded to whole units ("142"); null → "–". */
export function fmtSpeed(units: Units, v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : units.speed(v).toFixed(0);
}

/** A lap position in display units, whole units ("1466"); null → "–". */
export function fmtDistance(units: Units, m: number | null | undefined): string {
  return m === null || m === undefined || !Number.isFinite(m) ? '–' : units.distance(m).toFixed(0);
}

/** A signed distance difference ("+18", "-6"); null → "". */
export function fmtDistanceDiff(units: Units, m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '';
  const d = Math.round(units.distance(m));
  return d === 0 ? '0' : `${d > 0 ? '+' : '-'}${Math.abs(d)}`;
}

/** A signed time in s with 3 decimals ("+0.213"); null → "". */
export function fmtSigned(seconds: number | null | undefined, digits = 3): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const r = Number(seconds.toFixed(digits));
  return `${r < 0 ? '-' : '+'}${Math.abs(r).toFixed(digits)}`;
}
