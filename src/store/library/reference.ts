import { CHANNELS, type ChannelName } from '../../engine/model/channels.js';
import type { Trace } from '../../engine/model/trace.js';
import { toKeyComponent, validateReference, type ReferenceItem } from './items.js';

/** What a reference lap is made from: columns on the 1 m grid (sample i at i metres). */
export type ReferenceGridInput = {
  readonly game: string;
  /** The game's track and car keys; made into key components here. */
  readonly track: string;
  readonly car: string;
  readonly driver: string;
  /** s */
  readonly lapTime: number;
  readonly trackName?: string;
  readonly carName?: string;
  /** ms since the epoch when the lap was driven. */
  readonly recordedAt?: number;
  /** Columns of equal length; NaN where a sample is missing. Must include lapTime and speed. */
  readonly channels: Partial<Record<ChannelName, ArrayLike<number>>>;
};

/**
 * Round to the precision the channel registry says is worth keeping, so a Float32 artefact
 * (12.300000190734863) does not become part of the content hash; -0 becomes 0.
 */
function roundChannel(value: number, decimals: number): number | null {
  if (!Number.isFinite(value)) return null;
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded;
}

/** Builds (and validates) a reference item from resampled columns. */
export function referenceItemFromGrid(input: ReferenceGridInput): ReferenceItem {
  const channels: Partial<Record<ChannelName, (number | null)[]>> = {};
  for (const [name, column] of Object.entries(input.channels) as [ChannelName, ArrayLike<number>][]) {
    const decimals = CHANNELS[name].decimals;
    channels[name] = Array.from(column, (v) => roundChannel(v, decimals));
  }
  const item: ReferenceItem = {
    game: input.game,
    track: toKeyComponent(input.track),
    car: toKeyComponent(input.car),
    driver: input.driver,
    lapTime: Math.round(input.lapTime * 1000) / 1000,
    ...(input.trackName !== undefined ? { trackName: input.trackName } : {}),
    ...(input.carName !== undefined ? { carName: input.carName } : {}),
    ...(input.recordedAt !== undefined ? { recordedAt: new Date(input.recordedAt).toISOString() } : {}),
    channels,
  };
  return validateReference(item);
}

/**
 * A reference lap as a columnar Trace for analysis (delta, compare): `distance` is the 1 m grid
 * (0, 1, 2, ... m), `t` is the reference's time along the lap (s, from its lapTime channel), every
 * other channel a Float32Array with NaN where the item has null.
 */
export function referenceToTrace(item: ReferenceItem): Trace {
  const time = item.channels.lapTime ?? [];
  const n = time.length;
  const t = new Float64Array(n);
  const distance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = time[i] ?? Number.NaN;
    distance[i] = i;
  }
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const [name, column] of Object.entries(item.channels) as [ChannelName, readonly (number | null)[]][]) {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = column[i] ?? Number.NaN;
    channels[name] = out;
  }
  return { length: n, t, distance, channels };
}
