import { CHANNEL_NAMES, type ChannelName, type Trace } from '../../engine/model/index.js';
import type { ImportedLap } from './types.js';

/**
 * The channels the text exporters write, in registry order (the stable column order): every
 * channel some lap carries, plus lapDistance when a lap has distances but no lapDistance column.
 */
export function presentChannels(laps: readonly ImportedLap[]): ChannelName[] {
  const present = new Set<ChannelName>();
  for (const { trace } of laps) {
    for (const name of Object.keys(trace.channels) as ChannelName[]) present.add(name);
    if (!present.has('lapDistance') && trace.distance.some((d) => !Number.isNaN(d))) present.add('lapDistance');
  }
  return CHANNEL_NAMES.filter((name) => present.has(name));
}

/** A channel's column in a trace; lapDistance falls back to `trace.distance`. */
export function columnOf(trace: Trace, name: ChannelName): ArrayLike<number> | undefined {
  return trace.channels[name] ?? (name === 'lapDistance' ? trace.distance : undefined);
}
