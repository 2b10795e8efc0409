/** Display formatting for the screens: speed in the user's units, gear letters, lap times, deltas. */
export type Units = 'metric' | 'imperial';

const KMH_PER_MS = 3.6;
const MPH_PER_MS = 2.236936;
const FEET_PER_M = 3.28084;

/** m/s → km/h or mph (a number, for charts and tables). */
export function speedValue(metresPerSecond: number, units: Units): number {
  return units === 'metric' ? metresPerSecond * KMH_PER_MS : metresPerSecond * MPH_PER_MS;
}

/** m/s → whole km/h or mph; '–' when unknown. */
export function formatSpeed(metresPerSecond: number | undefined | null, units: Units): string {
  if (metresPerSecond === undefined || metresPerSecond === null || !Number.isFinite(metresPerSecond)) return '–';
  return Math.round(speedValue(metresPerSecond, units)).toString();
}

export function speedUnit(units: Units): string {
  return units === 'metric' ? 'km/h' : 'mph';
}

/** m → whole metres or feet, with the unit. */
export function formatDistance(metres: number | undefined | null, units: Units): string {
  if (metres === undefined || metres === null || !Number.isFinite(metres)) return '–';
  return units === 'metric' ? `${Math.round(metres)} m` : `${Math.round(metres * FEET_PER_M)} ft`;
}

/** A signed distance difference (m), e.g. "+12 m", "-30 ft". */
export function formatDistanceDiff(metres: number | undefined | null, units: Units): string {
  if (metres === undefined || metres === null || !Number.isFinite(metres)) return '–';
  const v = units === 'metric' ? Math.round(metres) : Math.round(metres * FEET_PER_M);
  return `${v > 0 ? '+' : v < 0 ? '-' : '±'}${Math.abs(v)} ${units === 'metric' ? 'm' : 'ft'}`;
}

export function formatGear(gear: number | undefined): string {
  if (gear === undefined || !Number.isFinite(gear)) return '–';
  if (gear < 0) return 'R';
  if (gear === 0) return 'N';
  return String(Math.round(gear));
}

/** s → m:ss.mmm ("1:32.681"); placeholder when unknown. */
export function formatClock(seconds: number | undefined | null): string {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds) || seconds < 0) return '–:––.–––';
  const ms = Math.round(seconds * 1000);
  const m = Math.floor(ms / 60000);
  const s = ((ms % 60000) / 1000).toFixed(3).padStart(6, '0');
  return `${m}:${s}`;
}

/** s → short sector time "34.946" or "1:04.946". */
export function formatSector(seconds: number | undefined | null): string {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds) || seconds < 0) return '––.–––';
  return seconds < 60 ? seconds.toFixed(3) : formatClock(seconds);
}

/**
 * A signed time difference, s → "+0.237" / "-0.105" (ASCII minus so it lines up in tables);
 * `digits` decimals. Unknown → "–".
 */
export function formatDelta(seconds: number | undefined | null, digits = 3): string {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds)) return '–';
  const rounded = Number(seconds.toFixed(digits));
  if (rounded === 0) return `±${(0).toFixed(digits)}`;
  return `${rounded > 0 ? '+' : '-'}${Math.abs(rounded).toFixed(digits)}`;
}

/** rpm → "7 690" style is hard to read in a bar line; plain whole rpm. */
export function formatRpm(rpm: number | undefined | null): string {
  if (rpm === undefined || rpm === null || !Number.isFinite(rpm)) return '–';
  return String(Math.round(rpm));
}

/** 0..1 → "87%". */
export function formatPercent(fraction: number | undefined | null): string {
  if (fraction === undefined || fraction === null || !Number.isFinite(fraction)) return '–';
  return `${Math.round(fraction * 100)}%`;
}

/** Fit `text` into `width` cells: cut with an ellipsis, or pad on the right. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text.padEnd(width);
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** Unix ms → local "2025-06-01 14:03" (as `racecraft sessions` prints it). */
export function formatDate(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
