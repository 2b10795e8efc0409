import { CHANNELS, type ChannelName } from '../../../engine/model/index.js';
import { conversionTo, normalizeUnit, type UnitConversion } from '../units.js';

/**
 * MoTeC channel names ↔ racecraft channels, shared by the .ld and i2-CSV readers and the .ld
 * writer. Names match case-insensitively; the first listed name a file has wins, the others stay
 * extras. Evidence for the non-obvious entries:
 * - Lateral G is positive in LEFT-hand corners in MoTeC (MoTeC's own sanity check, quoted in
 *   shared/research/analysis-algorithms.md; Sample1's `Gyro Yaw Velocity` agrees, and ACC's
 *   G_LAT integrates with ROTY to +1.86 turns on anticlockwise Imola). racecraft's gLat is
 *   positive to the right, so it is negated both ways.
 * - ACC declares G_LAT/G_LON in 'm/s2' but writes g: G_LAT = 0.984·ROTY·SPEED/9.81 (r = 0.97) on
 *   the Imola log, and 2.95 m/s² would be 0.3 g for a GT3 car. Its TYRE_PRESS_* ('..') are psi
 *   (26.4–27.3, ACC's hot-pressure window).
 * - 'Lap Time' is the LAST lap's time on MoTeC loggers (Sample1); the running time is
 *   'Running Lap Time'. Both are read for laps; racecraft's lapTime is the running one.
 */
type Entry = {
  readonly channel: ChannelName;
  readonly names: readonly string[];
  /** Multiply the SI value by this (−1 for MoTeC's left-positive lateral g). */
  readonly sign?: number;
  /** Per-name unit overrides where a producer's declared unit is wrong. */
  readonly unitOverride?: Readonly<Record<string, string>>;
};

const WHEELS = [
  ['FL', 'LF'],
  ['FR', 'RF'],
  ['RL', 'LR'],
  ['RR', 'RR'],
] as const;

const ENTRIES: readonly Entry[] = [
  { channel: 'lapDistance', names: ['Lap Distance', 'Lap Dist'] },
  // No logger we have seen records it; the name is the one racecraft writes, so it reads back.
  { channel: 'lapFraction', names: ['Lap Fraction'] },
  { channel: 'lapTime', names: ['Running Lap Time', 'Lap Time Running', 'Current Lap Time'] },
  { channel: 'speed', names: ['Ground Speed', 'Vehicle Speed', 'Speed', 'GPS Speed', 'Corr Speed', 'Drive Speed'] },
  { channel: 'rpm', names: ['Engine RPM', 'RPM', 'RPMS', 'Engine Speed'] },
  { channel: 'gear', names: ['Gear', 'Gear Position'] },
  { channel: 'throttle', names: ['Throttle Pos', 'Throttle Pedal', 'Throttle', 'Throttle Position'] },
  { channel: 'brake', names: ['Brake Pos', 'Brake Pedal', 'Brake', 'Brake Position'] },
  { channel: 'clutch', names: ['Clutch Pos', 'Clutch Pedal', 'Clutch', 'Clutch Position'] },
  { channel: 'steer', names: ['Steer Pos'] },
  { channel: 'gLat', names: ['G Force Lat', 'G_LAT', 'CG Accel Lateral', 'Lateral G'], sign: -1, unitOverride: { g_lat: 'G' } },
  { channel: 'gLon', names: ['G Force Long', 'G_LON', 'CG Accel Longitudinal', 'Longitudinal G'], unitOverride: { g_lon: 'G' } },
  { channel: 'gVert', names: ['G Force Vert', 'G_VERT', 'CG Accel Vertical', 'Vertical G'], unitOverride: { g_vert: 'G' } },
  { channel: 'posX', names: ['Position X', 'Pos X'] },
  { channel: 'posY', names: ['Position Y', 'Pos Y'] },
  { channel: 'posZ', names: ['Position Z', 'Pos Z'] },
  { channel: 'yaw', names: ['Yaw', 'Yaw Angle', 'Heading'] },
  { channel: 'pitch', names: ['Pitch', 'Pitch Angle'] },
  { channel: 'roll', names: ['Roll', 'Roll Angle'] },
  { channel: 'fuel', names: ['Fuel Level', 'Fuel'] },
  { channel: 'drs', names: ['DRS'] },
  { channel: 'sector', names: ['Sector'] },
  { channel: 'engineTemp', names: ['Engine Temp', 'Water Temp', 'Coolant Temp'] },
  ...WHEELS.flatMap(([w, acc]) => [
    { channel: `tyreTemp${w}` as ChannelName, names: [`Tyre Temp ${w}`, `Tire Temp ${w}`, `Tyre Temp ${w} Centre`, `Tyre Temp ${w} Center`, `Tire Temp ${w} Center`] },
    {
      channel: `tyrePress${w}` as ChannelName,
      names: [`Tyre Pres ${w}`, `Tire Pres ${w}`, `Tyre Pressure ${w}`, `Tire Pressure ${w}`, `TYRE_PRESS_${acc}`],
      unitOverride: { [`tyre_press_${acc.toLowerCase()}`]: 'psi' },
    },
    { channel: `brakeTemp${w}` as ChannelName, names: [`Brake Temp ${w}`, `BRAKE_TEMP_${acc}`] },
  ]),
];

export type MappedSource = { readonly channel: ChannelName; readonly conversion: UnitConversion; readonly sign: number };

export type ChannelMapping = {
  /** Source channel index → racecraft channel, for the sources that were mapped. */
  readonly mapped: Map<number, MappedSource>;
  readonly warnings: string[];
};

/**
 * Pick a source for each racecraft channel among the file's channels (name + unit). A name that
 * matches but whose unit racecraft cannot convert stays an extra, with a warning.
 */
export function mapMotecChannels(sources: readonly { name: string; unit: string }[]): ChannelMapping {
  const byName = new Map<string, number>();
  sources.forEach((s, i) => {
    const key = s.name.trim().toLowerCase();
    if (!byName.has(key)) byName.set(key, i);
  });
  const mapped = new Map<number, MappedSource>();
  const warnings: string[] = [];
  for (const entry of ENTRIES) {
    for (const name of entry.names) {
      const key = name.toLowerCase();
      const index = byName.get(key);
      if (index === undefined || mapped.has(index)) continue;
      const unit = entry.unitOverride?.[key] ?? sources[index]!.unit;
      const conversion = conversionTo(entry.channel, unit);
      if (!conversion) {
        warnings.push(`channel '${sources[index]!.name}' has unit '${sources[index]!.unit}', not convertible to ${entry.channel} (${CHANNELS[entry.channel].unit || 'ratio'}); kept as extra`);
        continue;
      }
      mapped.set(index, { channel: entry.channel, conversion, sign: entry.sign ?? 1 });
      break;
    }
  }
  return { mapped, warnings };
}

/** How the writer stores one racecraft channel: MoTeC name, unit, SI→unit factor and decimals. */
export type MotecEncoding = { readonly name: string; readonly unit: string; readonly factor: number; readonly dec: number };

const WRITE_UNITS: Partial<Record<ChannelName, { unit: string; factor: number }>> = {
  speed: { unit: 'km/h', factor: 3.6 },
  throttle: { unit: '%', factor: 100 },
  brake: { unit: '%', factor: 100 },
  clutch: { unit: '%', factor: 100 },
  steer: { unit: '%', factor: 100 },
  gLat: { unit: 'G', factor: -1 },
  gLon: { unit: 'G', factor: 1 },
  gVert: { unit: 'G', factor: 1 },
  engineTemp: { unit: 'C', factor: 1 },
};

/**
 * The writer's choice per channel: the first (standard) MoTeC name of the map above, i2's usual
 * display unit, and decimals so the written resolution is at least CHANNELS[c].decimals in SI
 * (dec = decimals − floor(log10 |factor|)).
 */
export function motecEncoding(channel: ChannelName): MotecEncoding {
  const entry = ENTRIES.find((e) => e.channel === channel);
  const name = entry?.names[0] ?? channel;
  const special = WRITE_UNITS[channel];
  const si = CHANNELS[channel].unit;
  const unit = special?.unit ?? (si === 'degC' ? 'C' : si);
  const factor = special?.factor ?? 1;
  const dec = CHANNELS[channel].decimals - Math.floor(Math.log10(Math.abs(factor)));
  return { name, unit: normalizeUnit(unit) === '' ? '' : unit, factor, dec };
}
