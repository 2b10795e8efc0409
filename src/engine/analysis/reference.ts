import { CHANNELS, isChannelName, type ChannelName } from '../model/channels.js';
import { sameGrid, type DistanceGrid } from './grid.js';
import type { ResampledLap } from './resample.js';

/**
 * A reference lap as stored in the library or passed in from another session: resampled
 * channels on a distance grid, plain arrays so it survives JSON. `t[k]` is s since the line at
 * k·length/cells; the last point is the lap time.
 */
export type ReferenceLap = {
  readonly label?: string;
  readonly lapNumber?: number;
  readonly lapTime: number;
  readonly grid: { readonly length: number; readonly cells: number };
  readonly t: ArrayLike<number>;
  /** Per channel; null where the channel had no value (JSON has no NaN). */
  readonly channels: Partial<Record<ChannelName, ArrayLike<number | null>>>;
};

/** A resampled lap as a JSON-safe reference (typed arrays become number arrays). */
export function toReferenceLap(lap: ResampledLap, label?: string): ReferenceLap & { readonly t: number[]; readonly channels: Partial<Record<ChannelName, (number | null)[]>> } {
  const channels: Partial<Record<ChannelName, (number | null)[]>> = {};
  for (const [name, col] of Object.entries(lap.channels) as [ChannelName, Float32Array][]) channels[name] = Array.from(col, (v) => (Number.isNaN(v) ? null : v));
  const base = { lapNumber: lap.lapNumber, lapTime: lap.lapTime, grid: { length: lap.grid.length, cells: lap.grid.cells }, t: Array.from(lap.t), channels };
  return label === undefined ? base : { ...base, label };
}

/**
 * The reference on this session's grid. Same grid: copied. Another length (another game build,
 * another source): matched by lap fraction, so the line maps to the line and t(L) stays the
 * reference lap time. Unknown channel names are ignored; discrete channels hold.
 */
export function alignReference(ref: ReferenceLap, grid: DistanceGrid): ResampledLap {
  const src: DistanceGrid = { length: ref.grid.length, cells: ref.grid.cells, step: ref.grid.length / ref.grid.cells };
  const same = sameGrid(src, grid);
  const map = (raw: ArrayLike<number | null>, hold: boolean, out: Float64Array | Float32Array): void => {
    const values = (i: number): number => raw[i] ?? Number.NaN;
    if (same) {
      for (let k = 0; k <= grid.cells; k++) out[k] = values(k);
      return;
    }
    const ratio = src.cells / grid.cells;
    for (let k = 0; k <= grid.cells; k++) {
      const x = k * ratio;
      const i = Math.min(Math.floor(x), src.cells - 1);
      const f = x - i;
      out[k] = hold ? values(f < 1 ? i : i + 1) : values(i) + f * (values(i + 1) - values(i));
    }
    out[grid.cells] = values(src.cells);
  };
  const t = new Float64Array(grid.cells + 1);
  map(ref.t, false, t);
  t[0] = 0;
  t[grid.cells] = ref.lapTime;
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const [name, values] of Object.entries(ref.channels)) {
    if (!isChannelName(name) || values === undefined) continue;
    const col = new Float32Array(grid.cells + 1);
    map(values, CHANNELS[name].kind === 'discrete', col);
    channels[name] = col;
  }
  return {
    lapNumber: ref.lapNumber ?? 0,
    lapTime: ref.lapTime,
    grid,
    t,
    channels,
    quality: { coverage: 1, maxGapM: grid.step, maxGapS: 0, droppedSamples: 0, rewound: false, teleport: false },
  };
}
