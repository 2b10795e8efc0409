import { CHANNELS, CHANNEL_NAMES, type ChannelName, type Lap, type SessionInfo } from '../../../engine/model/index.js';
import { fillGaps, medianInterval, resampleIrregular } from '../resample.js';
import type { ImportedLap } from '../types.js';
import { motecEncoding } from './channel-map.js';
import { encodeLd, type LdWriteChannel } from './ld-write.js';
import { encodeLdx } from './ldx.js';
import { identityNote } from './identity-note.js';

export type WriteLdOptions = {
  /** Hz, integer. Default: the laps' median sample rate, rounded (60 for 60 Hz game data). */
  readonly rate?: number;
  /** Local start of the log, 'YYYY-MM-DDTHH:MM:SS'. Default: now. */
  readonly startedAt?: string;
  /** Header short comment (64 chars max). */
  readonly comment?: string;
};

const INT16_MAX = 32767;
const INT32_MAX = 2147483647;

/**
 * A MoTeC `.ld` of the laps, for i2: all channels on one integer-rate grid from the first sample,
 * so every channel spans the same duration (see `ldGrid`: a uniformly sampled session gives one
 * .ld sample per source sample, its exact value; other times are interpolated for continuous
 * channels, held for discrete ones, gaps held); each written as int16 (int32 when the range
 * needs it) with decimal places so i2 displays them at racecraft's precision
 * (CHANNELS[c].decimals in SI; see motecEncoding). Also writes `Lap Number` (laps completed,
 * MoTeC logger semantics) and `Lap Time` (the last lap's time) so the laps survive even without
 * the .ldx.
 */
export function writeLd(session: SessionInfo, laps: readonly ImportedLap[], options: WriteLdOptions = {}): Uint8Array {
  return ldBytes(session, laps, ldGrid(laps, options.rate), options);
}

function ldBytes(session: SessionInfo, laps: readonly ImportedLap[], grid: LdGrid, options: WriteLdOptions): Uint8Array {
  const { flat, rate } = grid;
  const channels: LdWriteChannel[] = [];
  for (const name of CHANNEL_NAMES) {
    const source = flat.channels.get(name);
    if (!source) continue;
    const values = resampleIrregular(flat.t, source, grid.times, { kind: CHANNELS[name].kind, wraps: name === 'lapDistance' }, grid.snap);
    if (!fillGaps(values)) continue;
    const enc = motecEncoding(name);
    channels.push(integerChannel(enc.name, enc.unit, rate, enc.dec, values, enc.factor));
  }
  const { lapNumber, lastLapTime } = lapChannels(laps, crossings(grid, laps), grid.times.length, rate);
  channels.push(integerChannel('Lap Number', '', rate, 0, lapNumber, 1));
  channels.push(integerChannel('Lap Time', 's', rate, 3, lastLapTime, 1));

  const started = splitIso(options.startedAt ?? localIsoNow());
  return encodeLd({
    date: started.date,
    time: started.time,
    driver: session.driver ?? '',
    vehicle: session.carName ?? session.carKey ?? '',
    venue: session.trackName ?? session.trackKey ?? '',
    session: session.sessionType ?? '',
    shortComment: options.comment ?? 'racecraft',
    event: { name: session.sessionType ?? 'Session', session: session.gameSessionId ?? '', comment: identityNote(session) },
    channels,
  });
}

/**
 * The `.ldx` to go with `writeLd` of the same laps (same `rate` option): one beacon per
 * start/finish crossing, in µs from the log's first sample. A lap that starts at the line (not an
 * out or pit lap, and not an incomplete first lap) puts a marker at its start; a lap that ends at
 * the line (not in/pit/incomplete) at its end. Each marker sits between the .ld samples that
 * carry the last sample before the crossing and the first after it, so the reader cuts the
 * same samples into each lap as the source had.
 */
export function writeLdx(laps: readonly ImportedLap[], options: Pick<WriteLdOptions, 'rate'> = {}): string {
  return ldxText(laps, ldGrid(laps, options.rate));
}

function ldxText(laps: readonly ImportedLap[], grid: LdGrid): string {
  const at = crossings(grid, laps);
  const markers: number[] = [];
  laps.forEach(({ lap }, k) => {
    if (lap.category !== 'out' && lap.category !== 'pit' && !(k === 0 && lap.category === 'incomplete')) markers.push(at[k]!.start);
    if (lap.category !== 'in' && lap.category !== 'incomplete' && lap.category !== 'pit') markers.push(at[k]!.end);
  });
  return encodeLdx(markers.map((m) => Math.max(0, m)));
}

/** `writeLd` and `writeLdx` together. */
export function writeMotec(session: SessionInfo, laps: readonly ImportedLap[], options: WriteLdOptions = {}): { ld: Uint8Array; ldx: string } {
  const grid = ldGrid(laps, options.rate);
  return { ld: ldBytes(session, laps, grid, options), ldx: ldxText(laps, grid) };
}

/**
 * s: how far a source sample time may sit from an .ld grid point and still be that point's
 * sample. Game clocks are often float32 (F1 `sessionTime`): a time t is off by up to half an ulp,
 * ≤ 2^-24·t (8.5 µs at 284 s, 0.24 ms after 68 min), and so is the first sample the grid starts
 * from; 2^-22·t covers both with margin. At least 1 % of a period (a float64 clock with µs
 * jitter snaps too; the value moves by at most 1 % of a step), at most a quarter (each source
 * sample is then near at most one grid point).
 */
export function gridSnap(tMaxAbs: number, rate: number): number {
  return Math.min(0.25 / rate, Math.max(0.01 / rate, Math.abs(tMaxAbs) * 2 ** -22));
}

/**
 * The .ld time base of some laps. Sample j is at session time `t0 + j / rate`, t0 the first source
 * sample. The game's clock is read as evenly spaced with rounding noise (see `gridSnap`): a grid
 * point within `snap` of a source sample carries that sample, and the grid runs until the point
 * that carries the last sample. Flooring the unsnapped sample count instead dropped the last
 * sample whenever float32 rounding put it a few µs before its whole period, and grid points a
 * few µs past a sample blended in a sliver of the next one.
 */
type LdGrid = {
  readonly flat: Flat;
  /** Hz, integer. */
  readonly rate: number;
  /** s, session time of .ld sample 0. */
  readonly t0: number;
  /** s. */
  readonly snap: number;
  /** Session time of every .ld sample. */
  readonly times: Float64Array;
};

function ldGrid(laps: readonly ImportedLap[], requestedRate: number | undefined): LdGrid {
  const flat = flatten(laps);
  const interval = medianInterval(flat.t);
  const rate = Math.min(1000, Math.max(1, Math.round(requestedRate ?? (Number.isFinite(interval) && interval > 0 ? 1 / interval : 60))));
  const count = flat.t.length;
  const t0 = count > 0 ? flat.t[0]! : 0;
  const tLast = count > 0 ? flat.t[count - 1]! : 0;
  const snap = gridSnap(Math.max(Math.abs(t0), Math.abs(tLast)), rate);
  const n = count > 0 ? Math.floor((tLast - t0 + snap) * rate) + 1 : 0;
  const times = new Float64Array(n);
  for (let j = 0; j < n; j++) times[j] = t0 + j / rate;
  return { flat, rate, t0, snap, times };
}

/** s since .ld sample 0 of the .ld sample that carries source time `t` (its own offset when none does). */
function gridTimeOf(grid: LdGrid, t: number): number {
  const j = Math.round((t - grid.t0) * grid.rate);
  return Math.abs(grid.t0 + j / grid.rate - t) <= grid.snap ? j / grid.rate : t - grid.t0;
}

/**
 * Per lap, its start and end crossings in s since .ld sample 0: the lap's own crossing times,
 * moved (by at most `snap`) so that they fall after the .ld sample carrying the last source
 * sample before the crossing and at or before the one carrying the first sample after it. The
 * reader puts a sample in a lap when it is at or after the lap's start marker.
 */
function crossings(grid: LdGrid, laps: readonly ImportedLap[]): { start: number; end: number }[] {
  const { t } = grid.flat;
  const place = (crossingT: number, split: number): number => {
    const rel = crossingT - grid.t0;
    const before = split > 0 ? gridTimeOf(grid, t[split - 1]!) : -Infinity;
    const after = split < t.length ? gridTimeOf(grid, t[split]!) : Infinity;
    if (!(before < after)) return rel;
    return Math.min(after, Math.max(before + Math.min(1e-6, (after - before) / 2), rel));
  };
  return laps.map(({ lap }, k) => {
    const span = grid.flat.spans[k]!;
    return { start: place(lap.startT, span.start), end: place(lap.endT, span.end) };
  });
}

function integerChannel(name: string, unit: string, rate: number, dec: number, values: ArrayLike<number>, factor: number): LdWriteChannel {
  const k = factor * 10 ** dec;
  let max = 0;
  const raw = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    raw[i] = Math.round(values[i]! * k);
    max = Math.max(max, Math.abs(raw[i]!));
  }
  if (max <= INT16_MAX) return { name, unit, rate, dec, type: 'int16', raw };
  if (max <= INT32_MAX) return { name, unit, rate, dec, type: 'int32', raw };
  // Out of any integer range: float32 of the unit value (i2 then shows 0 decimals, §1.6 item 8).
  const floats = Float64Array.from(values, (v) => v * factor);
  return { name, unit, rate, dec: 0, type: 'float32', raw: floats };
}

/** All laps' samples as one series in time order, and where each lap's samples went in it. */
type Flat = {
  readonly t: Float64Array;
  readonly channels: Map<ChannelName, Float32Array>;
  /** Per lap: index of its first sample in `t` and one past its last (start = end when it kept none). */
  readonly spans: readonly { start: number; end: number }[];
};

/** Later samples that go back in time (a rewind, an overlap between laps) are dropped. */
function flatten(laps: readonly ImportedLap[]): Flat {
  const names = new Set<ChannelName>();
  let total = 0;
  let anyDistance = false;
  for (const { trace } of laps) {
    total += trace.length;
    for (const name of Object.keys(trace.channels) as ChannelName[]) names.add(name);
    if (!anyDistance) anyDistance = trace.distance.some((d) => !Number.isNaN(d));
  }
  if (anyDistance) names.add('lapDistance');
  const t = new Float64Array(total);
  const channels = new Map<ChannelName, Float32Array>([...names].map((name) => [name, new Float32Array(total).fill(Number.NaN)]));
  const spans: { start: number; end: number }[] = [];
  let n = 0;
  for (const { trace } of laps) {
    const start = n;
    for (let i = 0; i < trace.length; i++) {
      const ti = trace.t[i]!;
      if (n > 0 && !(ti > t[n - 1]!)) continue;
      t[n] = ti;
      for (const [name, col] of channels) {
        const source = trace.channels[name];
        col[n] = source ? source[i]! : name === 'lapDistance' ? trace.distance[i]! : Number.NaN;
      }
      n++;
    }
    spans.push({ start, end: n });
  }
  return { t: t.slice(0, n), channels: new Map([...channels].map(([name, col]) => [name, col.slice(0, n)])), spans };
}

/**
 * Per .ld sample: laps completed before it (i2's Lap Number) and the last complete lap's time.
 * A lap begins at its start crossing (`crossings`), so the counter steps on the same sample the
 * .ldx marker puts the lap's first sample.
 */
function lapChannels(laps: readonly ImportedLap[], at: readonly { start: number }[], n: number, rate: number): { lapNumber: Float64Array; lastLapTime: Float64Array } {
  const lapNumber = new Float64Array(n);
  const lastLapTime = new Float64Array(n);
  const ordered = laps.map((l, k) => ({ lap: l.lap, start: at[k]!.start })).sort((a, b) => a.start - b.start);
  let k = 0;
  let last = 0;
  for (let j = 0; j < n; j++) {
    while (k + 1 < ordered.length && j / rate >= ordered[k + 1]!.start - 1e-9) {
      if (completes(ordered[k]!.lap)) last = ordered[k]!.lap.time;
      k++;
    }
    lapNumber[j] = Math.max(0, (ordered[k]?.lap.number ?? 1) - 1);
    lastLapTime[j] = last;
  }
  return { lapNumber, lastLapTime };
}

const completes = (lap: Lap): boolean => lap.category !== 'out' && lap.category !== 'in' && lap.category !== 'incomplete' && lap.category !== 'pit';

function splitIso(iso: string): { date: string; time: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(iso);
  if (!m) return { date: '01/01/1970', time: '00:00:00' };
  return { date: `${m[3]}/${m[2]}/${m[1]}`, time: `${m[4]}:${m[5]}:${m[6] ?? '00'}` };
}

function localIsoNow(): string {
  const d = new Date();
  const p = (v: number): string => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
