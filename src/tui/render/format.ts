/** Display formatting for the screens: speed in the user's units, gear letters, lap times. */
export type Units = 'metric' | 'imperial';

export function formatSpeed(metresPerSecond: number | undefined, units: Units): string {
  if (metresPerSecond === undefined) return '–';
  const value = units === 'metric' ? metresPerSecond * 3.6 : metresPerSecond * 2.236936;
  return Math.round(value).toString();
}

export function speedUnit(units: Units): string {
  return units === 'metric' ? 'km/h' : 'mph';
}

export function formatGear(gear: number | undefined): string {
  if (gear === undefined) return '–';
  if (gear < 0) return 'R';
  if (gear === 0) return 'N';
  return String(gear);
}

export function formatClock(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–:––.–––';
  const ms = Math.round(seconds * 1000);
  const m = Math.floor(ms / 60000);
  const s = ((ms % 60000) / 1000).toFixed(3).padStart(6, '0');
  return `${m}:${s}`;
}
