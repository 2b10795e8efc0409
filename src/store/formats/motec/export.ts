import { CHANNELS, CHANNEL_NAMES, type ChannelName, type Lap, type SessionInfo } from '../../../engine/model/index.js';
import { fillGaps, medianInterval, resampleIrregular } from '../resample.js';
import type { ImportedLap } from '../types.js';
import { motecEncoding } from './channel-map.js';
import { encodeLd, type LdWriteChannel } from './ld-write.js';
import { encodeLdx } from './ldx.js';

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
 * A MoTeC `.ld` of the laps, for i2: all channels resampled onto one integer-rate grid from the
 * first sample (continuous channels interpolated, discrete ones held, gaps held), so every
 * channel spans the same duration; each written as int16 (int32 when the range needs it) with
 * decimal places so i2 displays them at racecraft's precision (CHANNELS[c].decimals in SI; see
 * motecEncoding). Also writes `Lap Number` (laps completed, MoTeC logger semantics) and
 * `Lap Time` (the last lap's time) so the laps survive even without the .ldx.
 */
export function writeLd(session: SessionInfo, laps: readonly ImportedLap[], options: WriteLdOptions = {}): Uint8Array {
  const flat = flatten(laps);
  const interval = medianInterval(flat.t);
  const rate = Math.min(1000, Math.max(1, Math.round(options.rate ?? (Number.isFinite(interval) && interval > 0 ? 1 / interval : 60))));
  const t0 = flat.t.length > 0 ? flat.t[0]! : 0;
  const n = flat.t.length > 0 ? Math.floor((flat.t[flat.t.length - 1]! - t0) * rate + 1e-6) + 1 : 0;
  const grid = new Float64Array(n);
  for (let j = 0; j < n; j++) grid[j] = t0 + j / rate;

  const channels: LdWriteChannel[] = [];
  for (const name of CHANNEL_NAMES) {
    const source = flat.channels.get(name);
    if (!source) continue;
    const values = resampleIrregular(flat.t, source, grid, { kind: CHANNELS[name].kind, wraps: name === 'lapDistance' });
    if (!fillGaps(values)) continue;
    const enc = motecEncoding(name);
    channels.push(integerChannel(enc.name, enc.unit, rate, enc.dec, values, enc.factor));
  }
  const { lapNumber, lastLapTime } = lapChannels(laps, grid);
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
    event: { name: session.sessionType ?? 'Session', session: session.gameSessionId ?? '', comment: `exported by racecraft from ${session.game}` },
    channels,
  });
}

/**
 * The `.ldx` to go with `writeLd` of the same laps: one beacon per start/finish crossing, in µs
 * from the log's first sample. A lap that starts at the line (not an out or pit lap, and not an
 * incomplete first lap) puts a marker at its start; a lap that ends at the line (not in/pit/
 * incomplete) at its end.
 */
export function writeLdx(laps: readonly ImportedLap[]): string {
  const t0 = flatten(laps).t[0] ?? 0;
  const markers: number[] = [];
  laps.forEach(({ lap }, k) => {
    if (lap.category !== 'out' && lap.category !== 'pit' && !(k === 0 && lap.category === 'incomplete')) markers.push(lap.startT - t0);
    if (lap.category !== 'in' && lap.category !== 'incomplete' && lap.category !== 'pit') markers.push(lap.endT - t0);
  });
  return encodeLdx(markers.map((m) => Math.max(0, m)));
}

/** `writeLd` and `writeLdx` together. */
export function writeMotec(session: SessionInfo, laps: readonly ImportedLap[], options: WriteLdOptions = {}): { ld: Uint8Array; ldx: string } {
  return { ld: writeLd(session, laps, options), ldx: writeLdx(laps) };
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

/** All laps' samples as one series in time order (later samples that go back in time are dropped). */
function flatten(laps: readonly ImportedLap[]): { t: Float64Array; channels: Map<ChannelName, Float32Array> } {
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
  let n = 0;
  for (const { trace } of laps) {
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
  }
  return { t: t.slice(0, n), channels: new Map([...channels].map(([name, col]) => [name, col.slice(0, n)])) };
}

/** Per grid sample: laps completed before it (i2's Lap Number) and the last complete lap's time. */
function lapChannels(laps: readonly ImportedLap[], grid: Float64Array): { lapNumber: Float64Array; lastLapTime: Float64Array } {
  const lapNumber = new Float64Array(grid.length);
  const lastLapTime = new Float64Array(grid.length);
  const ordered = laps.map((l) => l.lap).sort((a, b) => a.startT - b.startT);
  let k = 0;
  let last = 0;
  for (let j = 0; j < grid.length; j++) {
    while (k + 1 < ordered.length && grid[j]! >= ordered[k + 1]!.startT - 1e-9) {
      if (completes(ordered[k]!)) last = ordered[k]!.time;
      k++;
    }
    lapNumber[j] = Math.max(0, (ordered[k]?.number ?? 1) - 1);
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
