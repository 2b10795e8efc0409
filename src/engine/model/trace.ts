import { CHANNEL_NAMES, type ChannelName } from './channels.js';
import type { TelemetryFrame } from './frame.js';

/**
 * Columnar samples: what analysis runs on. `t` and `distance` are Float64 (a 1 h session in µs
 * and a 7 km lap in mm need the precision); channels are Float32. A channel no sample carried is
 * absent from `channels`; a single missing sample inside a present channel is NaN.
 */
export type Trace = {
  readonly length: number;
  /** s, session time. */
  readonly t: Float64Array;
  /** m, lap distance from the game (NaN where the game sent none). */
  readonly distance: Float64Array;
  readonly channels: Partial<Record<ChannelName, Float32Array>>;
};

/** The single conversion point from frames to columns. */
export function toTrace(frames: readonly TelemetryFrame[]): Trace {
  const n = frames.length;
  const t = new Float64Array(n);
  const distance = new Float64Array(n);
  const present = new Set<ChannelName>();
  for (let i = 0; i < n; i++) {
    const f = frames[i]!;
    t[i] = f.t;
    distance[i] = f.lapDistance ?? Number.NaN;
  }
  for (const name of CHANNEL_NAMES) {
    for (let i = 0; i < n; i++) {
      if (frames[i]![name] !== undefined) {
        present.add(name);
        break;
      }
    }
  }
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const name of present) {
    const col = new Float32Array(n);
    for (let i = 0; i < n; i++) col[i] = frames[i]![name] ?? Number.NaN;
    channels[name] = col;
  }
  return { length: n, t, distance, channels };
}

/** Rebuild frames from columns (for exports and re-encoding). `lap` is supplied by the caller. */
export function traceToFrames(trace: Trace, lap: number): TelemetryFrame[] {
  const out: TelemetryFrame[] = [];
  const names = Object.keys(trace.channels) as ChannelName[];
  for (let i = 0; i < trace.length; i++) {
    const frame: Record<string, number> = { t: trace.t[i]!, lap };
    for (const name of names) {
      const v = trace.channels[name]![i]!;
      if (!Number.isNaN(v)) frame[name] = v;
    }
    const d = trace.distance[i]!;
    if (!Number.isNaN(d)) frame['lapDistance'] = d;
    out.push(frame as unknown as TelemetryFrame);
  }
  return out;
}

/** Samples [start, end) as a new trace sharing no memory with the source. */
export function sliceTrace(trace: Trace, start: number, end: number): Trace {
  const s = Math.max(0, start);
  const e = Math.min(trace.length, end);
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const [name, col] of Object.entries(trace.channels) as [ChannelName, Float32Array][]) {
    channels[name] = col.slice(s, e);
  }
  return { length: Math.max(0, e - s), t: trace.t.slice(s, e), distance: trace.distance.slice(s, e), channels };
}

/** Concatenate traces in order (e.g. checkpointed chunks of one lap). */
export function concatTraces(traces: readonly Trace[]): Trace {
  const n = traces.reduce((sum, tr) => sum + tr.length, 0);
  const t = new Float64Array(n);
  const distance = new Float64Array(n);
  const names = new Set<ChannelName>();
  for (const tr of traces) for (const name of Object.keys(tr.channels) as ChannelName[]) names.add(name);
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const name of names) channels[name] = new Float32Array(n).fill(Number.NaN);
  let offset = 0;
  for (const tr of traces) {
    t.set(tr.t, offset);
    distance.set(tr.distance, offset);
    for (const name of names) {
      const col = tr.channels[name];
      if (col) channels[name]!.set(col, offset);
    }
    offset += tr.length;
  }
  return { length: n, t, distance, channels };
}
