import type { ChannelName, SessionInfo } from '../../../engine/model/index.js';
import { cutLaps, lapsFromCounter, wholeLogLap } from '../laps.js';
import type { ExtraChannel, ImportedSession, SourceChannel } from '../types.js';
import { G0 } from '../units.js';
import { parseIbt, type IbtFile, type IbtVar } from './read.js';
import { parseSessionYaml, yamlGet, yamlString, type YamlMap } from './session-yaml.js';

export type ReadIbtOptions = { readonly file?: string };

type Columns = (name: string) => Float64Array | undefined;

/**
 * iRacing var → racecraft channel. Conventions checked on the Tsukuba file against its own GPS
 * track (Lat/Lon): LatAccel and SteeringWheelAngle are positive to the LEFT (racecraft: right),
 * LongAccel positive accelerating; accelerations are m/s² including gravity. Throttle/Brake are
 * 0..1 despite their '%' unit. `Clutch` is 1 when ENGAGED (pedal up) — racecraft's clutch is the
 * pedal (1 = pressed). Tyre surface temperature is the middle of the three (L/M/R) readings.
 */
const MAP: readonly { channel: ChannelName; source: string; value: (v: number, i: number, col: Columns) => number }[] = [
  { channel: 'lapDistance', source: 'LapDist', value: (v) => v },
  // irsdk: "Percentage distance around lap", 0..1 despite the name.
  { channel: 'lapFraction', source: 'LapDistPct', value: (v) => v },
  { channel: 'lapTime', source: 'LapCurrentLapTime', value: (v) => v },
  { channel: 'speed', source: 'Speed', value: (v) => v },
  { channel: 'rpm', source: 'RPM', value: (v) => v },
  { channel: 'gear', source: 'Gear', value: (v) => v },
  { channel: 'throttle', source: 'Throttle', value: (v) => v },
  { channel: 'brake', source: 'Brake', value: (v) => v },
  { channel: 'clutch', source: 'Clutch', value: (v) => 1 - v },
  {
    channel: 'steer',
    source: 'SteeringWheelAngle',
    value: (v, i, col) => {
      const max = col('SteeringWheelAngleMax')?.[i];
      return max !== undefined && max > 0 ? -v / max : Number.NaN;
    },
  },
  { channel: 'gLat', source: 'LatAccel', value: (v) => -v / G0 },
  { channel: 'gLon', source: 'LongAccel', value: (v) => v / G0 },
  { channel: 'gVert', source: 'VertAccel', value: (v) => v / G0 },
  { channel: 'yaw', source: 'Yaw', value: (v) => v },
  { channel: 'pitch', source: 'Pitch', value: (v) => v },
  { channel: 'roll', source: 'Roll', value: (v) => v },
  { channel: 'fuel', source: 'FuelLevel', value: (v) => v },
  { channel: 'engineTemp', source: 'WaterTemp', value: (v) => v },
  { channel: 'tyreTempFL', source: 'LFtempM', value: (v) => v },
  { channel: 'tyreTempFR', source: 'RFtempM', value: (v) => v },
  { channel: 'tyreTempRL', source: 'LRtempM', value: (v) => v },
  { channel: 'tyreTempRR', source: 'RRtempM', value: (v) => v },
  { channel: 'tyrePressFL', source: 'LFpressure', value: (v) => v },
  { channel: 'tyrePressFR', source: 'RFpressure', value: (v) => v },
  { channel: 'tyrePressRL', source: 'LRpressure', value: (v) => v },
  { channel: 'tyrePressRR', source: 'RRpressure', value: (v) => v },
];

/**
 * Import an iRacing `.ibt`. Time base: the records (tickRate, 60 Hz) on iRacing's SessionTime
 * clock. Laps from the `Lap` counter (laps started; +1 at the line), lap times from
 * `LapLastLapTime` (it updates a few ticks after the crossing), out/in/pit from `OnPitRoad`.
 * Every var not mapped to a racecraft channel is kept in `extraChannels` (arrays: one channel
 * per element, or one channel at tickRate×count for `_ST` sub-sampled arrays).
 */
export function readIbt(bytes: Uint8Array, options: ReadIbtOptions = {}): ImportedSession {
  const ibt = parseIbt(bytes, options.file);
  const warnings = [...ibt.warnings];
  const byName = new Map<string, IbtVar>();
  for (const v of ibt.vars) if (!byName.has(v.name)) byName.set(v.name, v);
  const cache = new Map<string, Float64Array>();
  const col: Columns = (name) => {
    const v = byName.get(name);
    if (!v || v.count !== 1) return undefined;
    let c = cache.get(name);
    if (!c) cache.set(name, (c = ibt.column(v)));
    return c;
  };

  const n = ibt.recordCount;
  const sessionTime = col('SessionTime');
  const t = sessionTime ? Float64Array.from(sessionTime) : Float64Array.from({ length: n }, (_, i) => ibt.startTime + i / ibt.tickRate);
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  const mappedFrom = new Map<string, ChannelName>();
  for (const m of MAP) {
    const source = col(m.source);
    if (!source) continue;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = m.value(source[i]!, i, col);
    channels[m.channel] = out;
    mappedFrom.set(m.source, m.channel);
  }
  const distance = channels.lapDistance ? Float64Array.from(channels.lapDistance) : new Float64Array(n).fill(Number.NaN);

  const counter = col('Lap');
  let laps;
  if (counter) {
    const lastLapTime = col('LapLastLapTime');
    const inPit = col('OnPitRoad');
    const result = lapsFromCounter({ t, counter, semantics: 'started', ...(lastLapTime ? { lastLapTime } : {}), ...(inPit ? { inPit } : {}) });
    warnings.push(...result.warnings);
    laps = result.laps;
  } else {
    warnings.push('no Lap variable: the whole file is one lap');
    laps = [wholeLogLap(t[0]!, t[n - 1]!)];
  }

  const { extraChannels, sourceChannels } = extras(ibt, mappedFrom, t[0]!);
  const unmapped = Object.keys(extraChannels).length;
  if (unmapped > 0) warnings.push(`${unmapped} iRacing variable(s) have no racecraft channel; kept with the session (export --format json lists them under extraChannels)`);
  const yaml = parseSessionYaml(ibt.sessionInfo);
  const sessionNum = col('SessionNum')?.[0];
  const result: ImportedSession = {
    session: sessionInfo(yaml, sessionNum),
    laps: cutLaps(t, distance, channels, laps),
    warnings,
    meta: meta(yaml, ibt),
    sourceChannels,
    extraChannels,
  };
  if (Number.isFinite(ibt.startDate) && Math.abs(ibt.startDate) < 1e11 && ibt.startDate > 0) {
    result.startedAt = new Date(ibt.startDate * 1000).toISOString().slice(0, 19) + 'Z';
  }
  return result;
}

function extras(ibt: IbtFile, mappedFrom: Map<string, ChannelName>, t0: number): { extraChannels: Record<string, ExtraChannel>; sourceChannels: SourceChannel[] } {
  const extraChannels: Record<string, ExtraChannel> = {};
  const sourceChannels: SourceChannel[] = [];
  for (const v of ibt.vars) {
    const mapped = v.count === 1 ? mappedFrom.get(v.name) : undefined;
    const rate = v.countAsTime ? ibt.tickRate * v.count : ibt.tickRate;
    sourceChannels.push({ name: v.name, unit: v.unit, rate, samples: ibt.recordCount * (v.countAsTime ? v.count : 1), ...(mapped ? { mappedTo: mapped } : {}) });
    if (mapped || v.name in extraChannels) continue;
    const description = v.description;
    if (v.count === 1) {
      extraChannels[v.name] = { unit: v.unit, rate, t0, data: ibt.column(v), description };
    } else if (v.countAsTime) {
      const data = new Float64Array(ibt.recordCount * v.count);
      for (let e = 0; e < v.count; e++) {
        const c = ibt.column(v, e);
        for (let i = 0; i < c.length; i++) data[i * v.count + e] = c[i]!;
      }
      extraChannels[v.name] = { unit: v.unit, rate, t0, data, description };
    } else {
      for (let e = 0; e < v.count; e++) extraChannels[`${v.name}[${e}]`] = { unit: v.unit, rate, t0, data: ibt.column(v, e), description };
    }
  }
  return { extraChannels, sourceChannels };
}

function sessionInfo(yaml: YamlMap, sessionNum: number | undefined): SessionInfo {
  const weekend = yamlGet(yaml, 'WeekendInfo');
  const driverIdx = Number(yamlString(yaml, 'DriverInfo', 'DriverCarIdx') ?? Number.NaN);
  const drivers = yamlGet(yaml, 'DriverInfo', 'Drivers');
  const me = Array.isArray(drivers) ? drivers.find((d) => yamlString(d, 'CarIdx') === String(driverIdx)) ?? drivers[0] : undefined;
  const sessions = yamlGet(yaml, 'SessionInfo', 'Sessions');
  const current = Array.isArray(sessions) ? sessions.find((s) => yamlString(s, 'SessionNum') === String(sessionNum)) ?? sessions[0] : undefined;
  const length = parseLength(yamlString(weekend, 'TrackLength'));
  const redline = Number(yamlString(yaml, 'DriverInfo', 'DriverCarRedLine'));
  const gears = Number(yamlString(yaml, 'DriverInfo', 'DriverCarGearNumForward'));
  const type = yamlString(current, 'SessionType');
  const fields: Record<string, unknown> = {
    game: 'iracing',
    format: 'ibt',
    trackKey: yamlString(weekend, 'TrackName'),
    trackName: yamlString(weekend, 'TrackDisplayName') ?? yamlString(weekend, 'TrackName'),
    trackLength: length,
    carKey: yamlString(me, 'CarPath'),
    carName: yamlString(me, 'CarScreenName'),
    driver: yamlString(me, 'UserName'),
    sessionType: type ? normalizeSessionType(type) : undefined,
    gameSessionId: nonZero(yamlString(weekend, 'SubSessionID')) ?? nonZero(yamlString(weekend, 'SessionID')),
    maxRpm: redline > 0 ? redline : undefined,
    gearCount: gears > 0 ? gears : undefined,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined || fields[key] === '') delete fields[key];
  return fields as SessionInfo;
}

function meta(yaml: YamlMap, ibt: IbtFile): Record<string, string> {
  const out: Record<string, string> = { records: String(ibt.recordCount), tickRate: String(ibt.tickRate) };
  const put = (key: string, value: string | undefined): void => {
    if (value) out[key] = value;
  };
  put('build', yamlString(yaml, 'WeekendInfo', 'BuildVersion'));
  put('trackConfig', yamlString(yaml, 'WeekendInfo', 'TrackConfigName'));
  put('eventType', yamlString(yaml, 'WeekendInfo', 'EventType'));
  const sessions = yamlGet(yaml, 'SessionInfo', 'Sessions');
  if (Array.isArray(sessions)) put('sessionType', yamlString(sessions[0], 'SessionType'));
  return out;
}

const nonZero = (v: string | undefined): string | undefined => (v && v !== '0' ? v : undefined);

/** 'x.xx km' (or mi / m) → m. */
function parseLength(text: string | undefined): number | undefined {
  const m = /^\s*([\d.]+)\s*(km|mi|m)\s*$/i.exec(text ?? '');
  if (!m) return undefined;
  const v = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const meters = unit === 'km' ? v * 1000 : unit === 'mi' ? v * 1609.344 : v;
  return Number.isFinite(meters) && meters > 0 ? meters : undefined;
}

/** iRacing's 'Offline Testing', 'Lone Qualify', 'Race'... onto racecraft's usual words. */
function normalizeSessionType(type: string): string {
  if (/race/i.test(type)) return 'race';
  if (/qualif/i.test(type)) return 'qualifying';
  if (/practice|testing|warmup/i.test(type)) return 'practice';
  return type.trim().toLowerCase().replace(/\s+/g, '-');
}
