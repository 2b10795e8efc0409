import { CHANNELS, type ChannelName, type SessionInfo } from '../../../engine/model/index.js';
import { convert } from '../units.js';
import { lapDistances } from '../speed-distance.js';
import { cutLaps, lapsFromCounter, lapsFromMarkers, wholeLogLap, type LapSpan } from '../laps.js';
import { resampleEven } from '../resample.js';
import type { ExtraChannel, ImportedSession, SourceChannel } from '../types.js';
import { parseLd, type LdChannel, type LdFile } from './ld-read.js';
import { isFormatError } from '../format-error.js';
import { readLdx } from './ldx.js';
import { readIdentityNote } from './identity-note.js';
import { mapMotecChannels } from './channel-map.js';
import { crossingsFromRunningTime, numbersFromLapCounter, startFromRunningTime } from './lap-crossings.js';

export type ReadLdOptions = {
  /** File name, for error messages. */
  readonly file?: string;
  /** The text of the matching .ldx sidecar, when there is one: its beacons are the laps. */
  readonly ldx?: string;
};

/**
 * Import a MoTeC `.ld` log (+ optional `.ldx`). Mapped channels are converted to SI and resampled
 * onto one time base at the fastest mapped channel's rate (t = 0 at the first sample; a channel
 * already at that rate keeps its exact values); every other channel is kept in `extraChannels`.
 * Laps: the .ldx beacons when given; else the `Lap Number` channel (with `Lap Time`, the last
 * lap's time); else the whole log is one lap.
 */
export function readLd(bytes: Uint8Array, options: ReadLdOptions = {}): ImportedSession {
  const ld = parseLd(bytes, options.file);
  const ldx = options.ldx === undefined ? undefined : sidecar(options.ldx, options.file ? options.file.replace(/\.ld$/i, '.ldx') : undefined);
  return importLd(ld, ldx?.markers, [...(ldx?.warnings ?? [])]);
}

/**
 * The .ldx beside the log. An unreadable one costs its lap markers, not the log: refusing would
 * leave no way to import a good .ld short of deleting the sidecar, so it is said and set aside.
 */
function sidecar(text: string, file: string | undefined): { markers?: number[]; warnings: string[] } {
  try {
    return readLdx(text, file);
  } catch (error) {
    if (!isFormatError(error)) throw error;
    return { warnings: [`${error.message}: its lap markers are ignored`] };
  }
}

function importLd(ld: LdFile, markers: number[] | undefined, warnings: string[]): ImportedSession {
  warnings.unshift(...ld.warnings);
  const mapping = mapMotecChannels(ld.channels);
  warnings.push(...mapping.warnings);
  const mappedChannels = [...mapping.mapped.keys()].map((i) => ld.channels[i]!);
  const timed = mappedChannels.length > 0 ? mappedChannels : ld.channels;
  const rate = Math.max(1, ...timed.map((c) => c.rate));
  // The grid spans the fastest channels; slower ones may end up to one of their periods later
  // (ACC: G_LAT at 20 Hz covers 245.10 s, SPEED at 60 Hz 245.067 s) and are held to the end.
  const n = Math.max(0, ...timed.filter((c) => c.rate === rate).map((c) => c.data.length));
  const t = new Float64Array(n);
  for (let j = 0; j < n; j++) t[j] = j / rate;

  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const [index, m] of mapping.mapped) {
    const source = ld.channels[index]!;
    const si = convert(source.data, m.conversion, m.sign);
    channels[m.channel] = resampleEven(si, source.rate, 0, t, { kind: CHANNELS[m.channel].kind, wraps: m.channel === 'lapDistance' });
  }
  const tEnd = n > 0 ? t[n - 1]! : 0;
  const spans = lapSpans(ld, markers, tEnd, warnings);
  const rateOf = (channel: ChannelName): number | undefined => {
    for (const [index, m] of mapping.mapped) if (m.channel === channel) return ld.channels[index]!.rate;
    return undefined;
  };
  const lapDistanceRate = rateOf('lapDistance');
  const speedRate = rateOf('speed');
  const distance = lapDistances(t, channels, spans, warnings, { ...(lapDistanceRate !== undefined ? { lapDistance: lapDistanceRate } : {}), ...(speedRate !== undefined ? { speed: speedRate } : {}) });
  const extraChannels: Record<string, ExtraChannel> = {};
  const sourceChannels: SourceChannel[] = ld.channels.map((c, i) => {
    const m = mapping.mapped.get(i);
    if (!m) extraChannels[uniqueName(extraChannels, c.name)] = { unit: c.unit, rate: c.rate, t0: 0, data: c.data };
    return { name: c.name, unit: c.unit, rate: c.rate, samples: c.data.length, ...(m ? { mappedTo: m.channel } : {}) };
  });
  const extras = Object.keys(extraChannels);
  if (extras.length > 0) warnings.push(`${extras.length} channel(s) have no racecraft equivalent, kept as extras: ${extras.join(', ')}`);

  const result: ImportedSession = {
    session: sessionInfo(ld),
    laps: cutLaps(t, distance, channels, spans),
    warnings,
    meta: meta(ld),
    sourceChannels,
    extraChannels,
  };
  const startedAt = isoFromMotec(ld.header.date, ld.header.time);
  if (startedAt) result.startedAt = startedAt;
  return result;
}

function lapSpans(ld: LdFile, markers: number[] | undefined, tEnd: number, warnings: string[]): LapSpan[] {
  if (markers !== undefined && markers.length > 0) {
    const { laps: beaconLaps, warnings: w } = lapsFromMarkers(markers, 0, tEnd);
    warnings.push(...w);
    const running = find(ld, 'Running Lap Time');
    const counter = find(ld, 'Lap Number');
    let laps = running ? startFromRunningTime(beaconLaps, running) : beaconLaps;
    if (counter) laps = numbersFromLapCounter(laps, counter);
    const lapTime = find(ld, 'Lap Time');
    return lapTime ? withLoggedTimes(laps, lapTime) : laps;
  }
  const lapNumber = find(ld, 'Lap Number');
  if (lapNumber && lapNumber.data.length > 1) {
    const times = new Float64Array(lapNumber.data.length);
    for (let k = 0; k < times.length; k++) times[k] = k / lapNumber.rate;
    const lapTime = find(ld, 'Lap Time');
    const last = lapTime ? resampleEven(lapTime.data, lapTime.rate, 0, times, { kind: 'discrete' }, new Float64Array(times.length)) : undefined;
    const { laps, warnings: w } = lapsFromCounter({ t: times, counter: lapNumber.data, semantics: 'completed', ...(last ? { lastLapTime: last } : {}) });
    warnings.push(...w);
    // The counter's own clock may stop a little before the other channels' end.
    const final = laps[laps.length - 1];
    if (final && final.endT < tEnd) laps[laps.length - 1] = { ...final, endT: tEnd, time: final.category === 'flying' ? final.time : tEnd - final.startT };
    const running = find(ld, 'Running Lap Time');
    return running ? startFromRunningTime(crossingsFromRunningTime(laps, running), running) : laps;
  }
  warnings.push('no lap markers (.ldx) and no Lap Number channel: the whole log is one lap');
  return [wholeLogLap(0, tEnd)];
}

/** s: how far the logger's lap time may be from the beacon-to-beacon time and still be that lap's. */
const LOGGED_TIME_TOLERANCE_S = 0.25;

/**
 * Beacon-timed laps take the logger's own time from its `Lap Time` channel (the last lap's time,
 * MoTeC logger semantics; racecraft writes the game's official time there to the ms) when it
 * agrees with the beacons: the value the channel holds from the lap's end marker on (the first
 * new value within 10 s, for loggers that update a few samples late).
 */
function withLoggedTimes(laps: LapSpan[], lapTime: LdChannel): LapSpan[] {
  const { data, rate } = lapTime;
  return laps.map((lap) => {
    if (lap.category !== 'flying' || data.length === 0) return lap;
    const from = Math.min(data.length - 1, Math.max(0, Math.ceil(lap.endT * rate - 1e-6)));
    const before = from > 0 ? data[from - 1]! : Number.NaN;
    let logged = data[from]!;
    for (let i = from; i < data.length && i <= from + 10 * rate; i++) {
      if (data[i] !== before) {
        logged = data[i]!;
        break;
      }
    }
    return Number.isFinite(logged) && logged > 0 && Math.abs(logged - lap.time) <= LOGGED_TIME_TOLERANCE_S ? { ...lap, time: logged } : lap;
  });
}

function find(ld: LdFile, name: string): LdChannel | undefined {
  const key = name.toLowerCase();
  return ld.channels.find((c) => c.name.trim().toLowerCase() === key);
}

function uniqueName(taken: Record<string, unknown>, name: string): string {
  if (!(name in taken)) return name;
  for (let k = 2; ; k++) if (!(`${name} (${k})` in taken)) return `${name} (${k})`;
}

function sessionInfo(ld: LdFile): SessionInfo {
  const h = ld.header;
  const track = h.venue || ld.venue?.name || ld.event?.name || '';
  const car = h.vehicleId || ld.vehicle?.id || '';
  return {
    game: 'motec',
    format: 'ld',
    ...(track ? { trackName: track } : {}),
    ...(car ? { carName: car } : {}),
    ...(h.driver ? { driver: h.driver } : {}),
    // A log racecraft exported names its game, track and car (identity-note.ts).
    ...readIdentityNote(ld.event?.comment),
  };
}

function meta(ld: LdFile): Record<string, string> {
  const out: Record<string, string> = {
    device: `${ld.header.deviceType} #${ld.header.deviceSerial} v${ld.header.deviceVersion}`,
  };
  const put = (key: string, value: string | undefined): void => {
    if (value) out[key] = value;
  };
  put('event', ld.event?.name);
  put('eventSession', ld.event?.session);
  put('eventComment', ld.event?.comment);
  put('session', ld.header.session);
  put('comment', ld.header.shortComment);
  put('vehicleType', ld.vehicle?.type);
  put('vehicleComment', ld.vehicle?.comment);
  if (ld.vehicle?.weight) out['vehicleWeight'] = String(ld.vehicle.weight);
  return out;
}

/** 'DD/MM/YYYY' + 'HH:MM[:SS]' → '2023-04-04T13:16:25', or undefined when either is malformed. */
export function isoFromMotec(date: string, time: string): string | undefined {
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
  if (!d || !t) return undefined;
  const p = (s: string | undefined): string => (s ?? '00').padStart(2, '0');
  return `${d[3]}-${p(d[2])}-${p(d[1])}T${p(t[1])}:${p(t[2])}:${p(t[3])}`;
}
