/**
 * Stored laps as the format writers want them: the Lap record without store ids, the trace cut
 * down to the channels asked for, and (for CSV) padded so every lap has the same columns.
 */
import { CHANNEL_NAMES, type ChannelName, type Lap, type Trace } from '../../engine/model/index.js';
import { presentChannels } from '../../store/formats/columns.js';
import type { ImportedLap } from '../../store/formats/index.js';
import type { LapRecord, Store } from '../../store/index.js';

/** The lap as the interchange formats write it: engine/model Lap fields only. */
export function lapOf(record: LapRecord): Lap {
  const lap: Lap = {
    number: record.number,
    time: record.time,
    timeSource: record.timeSource,
    valid: record.valid,
    category: record.category,
    sectors: record.sectors,
    startT: record.startT,
    endT: record.endT,
  };
  return record.outlier ? { ...lap, outlier: true } : lap;
}

/**
 * The trace with only `wanted` channels (undefined: all). Lap distance is a channel to the
 * writers (the `lapDistance` column falls back to `trace.distance`), so when it is not wanted
 * the distance is blanked too.
 */
export function selectChannels(trace: Trace, wanted: ReadonlySet<ChannelName> | undefined): Trace {
  if (wanted === undefined) return trace;
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const [name, values] of Object.entries(trace.channels) as [ChannelName, Float32Array][]) if (wanted.has(name)) channels[name] = values;
  const distance = wanted.has('lapDistance') ? trace.distance : new Float64Array(trace.length).fill(Number.NaN);
  return { length: trace.length, t: trace.t, distance, channels };
}

/**
 * The trace with a column for each of `names` (NaN where the lap has none), so that a writer
 * called lap by lap (CSV) puts the same columns in every lap's rows.
 */
export function padChannels(trace: Trace, names: readonly ChannelName[]): Trace {
  const channels: Partial<Record<ChannelName, Float32Array>> = { ...trace.channels };
  for (const name of names) {
    if (channels[name] !== undefined) continue;
    // lapDistance falls back to trace.distance; pad it only when the lap has no distance at all.
    if (name === 'lapDistance' && trace.distance.some((d) => !Number.isNaN(d))) continue;
    channels[name] = new Float32Array(trace.length).fill(Number.NaN);
  }
  return { length: trace.length, t: trace.t, distance: trace.distance, channels };
}

/** One stored lap ready for a writer. */
export function loadLap(store: Store, record: LapRecord, wanted: ReadonlySet<ChannelName> | undefined): ImportedLap {
  return { lap: lapOf(record), trace: selectChannels(store.laps.loadTrace(record.id), wanted) };
}

/**
 * The channels the laps carry (registry order, as the writers order them), reading one lap at
 * a time so memory stays at one lap. The text formats need the list before their first line.
 */
export function channelUnion(store: Store, records: readonly LapRecord[], wanted: ReadonlySet<ChannelName> | undefined): ChannelName[] {
  const present = new Set<ChannelName>();
  for (const record of records) for (const name of presentChannels([loadLap(store, record, wanted)])) present.add(name);
  return CHANNEL_NAMES.filter((name) => present.has(name));
}
