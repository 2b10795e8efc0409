import { CHANNELS, type ChannelName } from '../../engine/model/index.js';

/** A linear unit conversion into racecraft's SI unit: si = value * scale + offset. */
export type UnitConversion = { readonly scale: number; readonly offset: number };

/** Standard gravity, m/s² per g. */
export const G0 = 9.80665;

const IDENTITY: UnitConversion = { scale: 1, offset: 0 };
const linear = (scale: number, offset = 0): UnitConversion => ({ scale, offset });

/** Source unit spellings seen in MoTeC, iRacing and CSV files, per racecraft SI unit. */
const BY_SI_UNIT: Record<string, Record<string, UnitConversion>> = {
  'm/s': { 'm/s': IDENTITY, 'km/h': linear(1 / 3.6), kph: linear(1 / 3.6), kmh: linear(1 / 3.6), mph: linear(0.44704), 'ft/s': linear(0.3048) },
  rpm: { rpm: IDENTITY, '1/min': IDENTITY, 'revs/min': IDENTITY, 'rev/min': IDENTITY, 'r/min': IDENTITY },
  g: { g: IDENTITY, 'm/s2': linear(1 / G0), 'm/s^2': linear(1 / G0), 'm/s²': linear(1 / G0) },
  m: { m: IDENTITY, km: linear(1000), mm: linear(0.001), cm: linear(0.01), ft: linear(0.3048), mi: linear(1609.344) },
  s: { s: IDENTITY, sec: IDENTITY, ms: linear(0.001) },
  rad: { rad: IDENTITY, deg: linear(Math.PI / 180), '°': linear(Math.PI / 180) },
  // CHANNELS.fuel: "litres where the game sends litres" — no density is known, so both pass through.
  kg: { kg: IDENTITY, l: IDENTITY, litre: IDENTITY, litres: IDENTITY, liter: IDENTITY, liters: IDENTITY },
  degC: {
    c: IDENTITY,
    '°c': IDENTITY,
    degc: IDENTITY,
    'deg c': IDENTITY,
    '℃': IDENTITY,
    f: linear(5 / 9, -160 / 9),
    '°f': linear(5 / 9, -160 / 9),
    degf: linear(5 / 9, -160 / 9),
    k: linear(1, -273.15),
  },
  kPa: { kpa: IDENTITY, pa: linear(0.001), bar: linear(100), mbar: linear(0.1), psi: linear(6.894757293168), hg: linear(3.386389), inhg: linear(3.386389) },
  '': { '': IDENTITY, '..': IDENTITY, no: IDENTITY, '#': IDENTITY, ratio: IDENTITY, '%': linear(0.01) },
};

/** Lower-case, trimmed; anything mentioning '%' (GT6 writes 'angle%') is a percentage. */
export function normalizeUnit(unit: string): string {
  const u = unit.trim().toLowerCase();
  return u.includes('%') ? '%' : u;
}

/**
 * How to convert a source value in `sourceUnit` into racecraft's unit for `channel`, or undefined
 * when the unit is unknown or of another dimension (the caller then keeps the source channel as
 * an extra instead of guessing).
 */
export function conversionTo(channel: ChannelName, sourceUnit: string): UnitConversion | undefined {
  const table = BY_SI_UNIT[CHANNELS[channel].unit];
  if (!table) return undefined;
  const unit = normalizeUnit(sourceUnit);
  // Counts and 0..1 ratios: a percentage only makes sense for the pedal/steer ratios.
  if (CHANNELS[channel].unit === '' && unit === '%' && CHANNELS[channel].kind !== 'continuous') return undefined;
  return Object.prototype.hasOwnProperty.call(table, unit) ? table[unit] : undefined;
}

/** Apply a conversion in place-free fashion into a new Float64Array. */
export function convert(values: ArrayLike<number>, conversion: UnitConversion, extraScale = 1): Float64Array {
  const out = new Float64Array(values.length);
  const scale = conversion.scale * extraScale;
  // + 0 turns a -0 offset (0 * -1) into +0, so negated zeros come out as 0, not -0.
  const offset = conversion.offset * extraScale + 0;
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * scale + offset;
  return out;
}
