/**
 * The channel registry: every per-sample numeric channel racecraft knows, with its SI unit and
 * how it behaves between samples. Resampling, storage and export are all driven by this table,
 * so a new channel is added here and nowhere else.
 *
 * - `continuous` channels interpolate linearly between samples (speed, pedals, positions).
 * - `discrete` channels hold the previous value (gear, sector, flags); interpolating a gear
 *   would invent 3.5th gear.
 */
export type ChannelKind = 'continuous' | 'discrete';

export type ChannelSpec = {
  /** SI unit (or '' for dimensionless / counts). */
  readonly unit: string;
  readonly kind: ChannelKind;
  /** One line for help, CSV headers and export schemas. */
  readonly description: string;
  /** Decimal places worth keeping when a format stores scaled integers (MoTeC). */
  readonly decimals: number;
};

export const CHANNELS = {
  lapDistance: { unit: 'm', kind: 'continuous', description: 'distance from the start/finish line along the lap, from the game', decimals: 2 },
  lapFraction: { unit: '', kind: 'continuous', description: 'position along the lap 0..1 from the game (AC carPositionNormalized), kept so a lap length can be estimated when the game names none', decimals: 5 },
  lapTime: { unit: 's', kind: 'continuous', description: 'current lap time, from the game', decimals: 3 },
  speed: { unit: 'm/s', kind: 'continuous', description: 'ground speed', decimals: 3 },
  rpm: { unit: 'rpm', kind: 'continuous', description: 'engine speed', decimals: 0 },
  gear: { unit: '', kind: 'discrete', description: 'gear: -1 reverse, 0 neutral, 1.. forward', decimals: 0 },
  throttle: { unit: '', kind: 'continuous', description: 'throttle pedal 0..1', decimals: 3 },
  brake: { unit: '', kind: 'continuous', description: 'brake pedal 0..1', decimals: 3 },
  clutch: { unit: '', kind: 'continuous', description: 'clutch pedal 0..1 (1 = fully pressed)', decimals: 3 },
  steer: { unit: '', kind: 'continuous', description: 'steering -1 (full left) .. 1 (full right)', decimals: 3 },
  gLat: { unit: 'g', kind: 'continuous', description: 'lateral acceleration, positive to the right', decimals: 3 },
  gLon: { unit: 'g', kind: 'continuous', description: 'longitudinal acceleration, positive forward', decimals: 3 },
  gVert: { unit: 'g', kind: 'continuous', description: 'vertical acceleration', decimals: 3 },
  posX: { unit: 'm', kind: 'continuous', description: 'world position X', decimals: 2 },
  posY: { unit: 'm', kind: 'continuous', description: 'world position Y (up in most games)', decimals: 2 },
  posZ: { unit: 'm', kind: 'continuous', description: 'world position Z', decimals: 2 },
  yaw: { unit: 'rad', kind: 'continuous', description: 'heading', decimals: 4 },
  pitch: { unit: 'rad', kind: 'continuous', description: 'pitch', decimals: 4 },
  roll: { unit: 'rad', kind: 'continuous', description: 'roll', decimals: 4 },
  fuel: { unit: 'kg', kind: 'continuous', description: 'fuel in tank (litres where the game sends litres)', decimals: 2 },
  drs: { unit: '', kind: 'discrete', description: 'DRS / rear wing open (1) or closed (0)', decimals: 0 },
  sector: { unit: '', kind: 'discrete', description: 'current sector index, 0-based', decimals: 0 },
  engineTemp: { unit: 'degC', kind: 'continuous', description: 'engine / water temperature', decimals: 1 },
  tyreTempFL: { unit: 'degC', kind: 'continuous', description: 'tyre surface temperature front left', decimals: 1 },
  tyreTempFR: { unit: 'degC', kind: 'continuous', description: 'tyre surface temperature front right', decimals: 1 },
  tyreTempRL: { unit: 'degC', kind: 'continuous', description: 'tyre surface temperature rear left', decimals: 1 },
  tyreTempRR: { unit: 'degC', kind: 'continuous', description: 'tyre surface temperature rear right', decimals: 1 },
  tyrePressFL: { unit: 'kPa', kind: 'continuous', description: 'tyre pressure front left', decimals: 1 },
  tyrePressFR: { unit: 'kPa', kind: 'continuous', description: 'tyre pressure front right', decimals: 1 },
  tyrePressRL: { unit: 'kPa', kind: 'continuous', description: 'tyre pressure rear left', decimals: 1 },
  tyrePressRR: { unit: 'kPa', kind: 'continuous', description: 'tyre pressure rear right', decimals: 1 },
  brakeTempFL: { unit: 'degC', kind: 'continuous', description: 'brake temperature front left', decimals: 1 },
  brakeTempFR: { unit: 'degC', kind: 'continuous', description: 'brake temperature front right', decimals: 1 },
  brakeTempRL: { unit: 'degC', kind: 'continuous', description: 'brake temperature rear left', decimals: 1 },
  brakeTempRR: { unit: 'degC', kind: 'continuous', description: 'brake temperature rear right', decimals: 1 },
} as const satisfies Record<string, ChannelSpec>;

export type ChannelName = keyof typeof CHANNELS;

/** Every channel name, in registry order (the stable column order for exports). */
export const CHANNEL_NAMES = Object.keys(CHANNELS) as readonly ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(CHANNELS, name);
}
