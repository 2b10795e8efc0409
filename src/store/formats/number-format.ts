/**
 * Fixed-decimal number text for the text exporters (CSV, JSON, NDJSON): `dec` decimals, trailing
 * zeros dropped ('12.5', not '12.500'), '-0' written as '0', NaN/±Infinity as `missing`.
 * Precision of a written value is therefore 0.5 * 10^-dec.
 *
 * Hot path of every text export (a one-hour session is millions of values), so it avoids
 * Number#toFixed (≈0.7 µs a call here): the value is scaled to an integer, printed, and the
 * decimal point put back. Values too large for exact integer scaling take the toFixed path.
 */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

export function formatFixed(value: number, dec: number, missing = ''): string {
  if (!Number.isFinite(value)) return missing;
  const scale = POW10[dec < 0 ? 0 : dec];
  if (scale === undefined || Math.abs(value) * scale > 9e15) return slowFixed(value, dec);
  // Round half away from zero, as toFixed does.
  const negative = value < 0;
  const scaled = Math.round(negative ? -value * scale : value * scale);
  if (scaled === 0) return '0';
  const whole = Math.floor(scaled / scale);
  let fraction = scaled - whole * scale;
  if (fraction === 0) return negative ? `-${whole}` : `${whole}`;
  let places = dec;
  while (fraction % 10 === 0) {
    fraction /= 10;
    places--;
  }
  let digits = `${fraction}`;
  if (digits.length < places) digits = '0'.repeat(places - digits.length) + digits;
  return `${negative ? '-' : ''}${whole}.${digits}`;
}

function slowFixed(value: number, dec: number): string {
  let s = value.toFixed(Math.min(100, Math.max(0, dec)));
  if (s.includes('.') && !s.includes('e')) s = s.replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** Decimals written for session time (µs) and lap distance (mm). */
export const TIME_DECIMALS = 6;
export const DISTANCE_DECIMALS = 3;
