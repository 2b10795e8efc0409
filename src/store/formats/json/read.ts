import { GAME_IDS, LAP_CATEGORIES, isChannelName, type ChannelName, type Lap, type SessionInfo } from '../../../engine/model/index.js';
import { FormatError } from '../format-error.js';
import type { ExtraChannel, ImportedLap, ImportedSession, SourceChannel } from '../types.js';
import { SESSION_SCHEMA } from './schema.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Thrown inside the validators; becomes a FormatError naming the JSON path. */
class Invalid extends Error {}

const num = (v: unknown, path: string): number => {
  if (v === null) return Number.NaN;
  if (typeof v !== 'number') throw new Invalid(`${path} is not a number`);
  return v;
};
const str = (v: unknown, path: string): string => {
  if (typeof v !== 'string') throw new Invalid(`${path} is not a string`);
  return v;
};
const obj = (v: unknown, path: string): Obj => {
  if (!isObj(v)) throw new Invalid(`${path} is not an object`);
  return v;
};
const arr = (v: unknown, path: string): unknown[] => {
  if (!Array.isArray(v)) throw new Invalid(`${path} is not an array`);
  return v;
};

/** A numeric array (null = missing) of exactly `length` values. */
function column<T extends Float32Array | Float64Array>(make: new (n: number) => T, v: unknown, length: number, path: string): T {
  const a = arr(v, path);
  if (a.length !== length) throw new Invalid(`${path} has ${a.length} values, expected ${length}`);
  const out = new make(length);
  for (let i = 0; i < length; i++) out[i] = num(a[i], `${path}[${i}]`);
  return out;
}

/** Validate a Lap record (the exported fields of engine/model Lap). */
export function parseLap(v: unknown, path: string): Lap {
  const o = obj(v, path);
  const timeSource = str(o['timeSource'], `${path}.timeSource`);
  const category = str(o['category'], `${path}.category`);
  if (timeSource !== 'game' && timeSource !== 'interpolated') throw new Invalid(`${path}.timeSource '${timeSource}' is not game|interpolated`);
  if (!(LAP_CATEGORIES as readonly string[]).includes(category)) throw new Invalid(`${path}.category '${category}' is unknown`);
  if (typeof o['valid'] !== 'boolean') throw new Invalid(`${path}.valid is not a boolean`);
  const lap: Lap = {
    number: num(o['number'], `${path}.number`),
    time: num(o['time'], `${path}.time`),
    timeSource,
    valid: o['valid'],
    category: category as Lap['category'],
    sectors: arr(o['sectors'] ?? [], `${path}.sectors`).map((s, i) => num(s, `${path}.sectors[${i}]`)),
    startT: num(o['startT'], `${path}.startT`),
    endT: num(o['endT'], `${path}.endT`),
    ...(o['outlier'] === true ? { outlier: true } : {}),
  };
  return lap;
}

/** Validate SessionInfo: a known game id, and only string/number fields. */
export function parseSessionInfo(v: unknown, path: string): SessionInfo {
  const o = obj(v, path);
  const game = str(o['game'], `${path}.game`);
  if (!(GAME_IDS as readonly string[]).includes(game)) throw new Invalid(`${path}.game '${game}' is not a known game id`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) {
    if (key === 'sectorStarts') out[key] = arr(value, `${path}.${key}`).map((x, i) => num(x, `${path}.${key}[${i}]`));
    else if (typeof value === 'string' || typeof value === 'number') out[key] = value;
    else if (value !== null && value !== undefined) throw new Invalid(`${path}.${key} has an unexpected type`);
  }
  return out as SessionInfo;
}

function parseLapEntry(v: unknown, path: string, warnings: string[]): ImportedLap {
  const o = obj(v, path);
  const lap = parseLap(o['lap'], `${path}.lap`);
  const samples = num(o['samples'], `${path}.samples`);
  if (!Number.isInteger(samples) || samples < 0) throw new Invalid(`${path}.samples is not a count`);
  const t = column(Float64Array, o['t'], samples, `${path}.t`);
  const distance = o['distance'] === null || o['distance'] === undefined ? new Float64Array(samples).fill(Number.NaN) : column(Float64Array, o['distance'], samples, `${path}.distance`);
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const [name, values] of Object.entries(obj(o['channels'] ?? {}, `${path}.channels`))) {
    if (!isChannelName(name)) {
      warnings.push(`${path}.channels.${name}: not a racecraft channel; ignored`);
      continue;
    }
    channels[name] = column(Float32Array, values, samples, `${path}.channels.${name}`);
  }
  return { lap, trace: { length: samples, t, distance, channels } };
}

function parseExtras(v: unknown, path: string): Record<string, ExtraChannel> {
  const out: Record<string, ExtraChannel> = {};
  for (const [name, value] of Object.entries(obj(v, path))) {
    const e = obj(value, `${path}.${name}`);
    const data = arr(e['data'], `${path}.${name}.data`);
    out[name] = {
      unit: str(e['unit'], `${path}.${name}.unit`),
      rate: num(e['rate'], `${path}.${name}.rate`),
      t0: num(e['t0'], `${path}.${name}.t0`),
      data: column(Float64Array, data, data.length, `${path}.${name}.data`),
      ...(typeof e['description'] === 'string' ? { description: e['description'] } : {}),
    };
  }
  return out;
}

function parseSources(v: unknown, path: string): SourceChannel[] {
  return arr(v, path).map((item, i) => {
    const o = obj(item, `${path}[${i}]`);
    const mapped = o['mappedTo'];
    if (mapped !== undefined && (typeof mapped !== 'string' || !isChannelName(mapped))) throw new Invalid(`${path}[${i}].mappedTo is not a racecraft channel`);
    return {
      name: str(o['name'], `${path}[${i}].name`),
      unit: str(o['unit'], `${path}[${i}].unit`),
      rate: num(o['rate'], `${path}[${i}].rate`),
      samples: num(o['samples'], `${path}[${i}].samples`),
      ...(mapped !== undefined ? { mappedTo: mapped as ChannelName } : {}),
    };
  });
}

/** Run a validator, turning Invalid into a FormatError. */
export function validating<T>(file: string | undefined, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Invalid) throw new FormatError(`invalid ${what}: ${error.message}`, file);
    throw error;
  }
}

/** Parse JSON text, turning a syntax error into a FormatError. */
export function parseJsonText(text: string, file: string | undefined, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FormatError(`not valid ${what} (${error instanceof Error ? error.message : String(error)})`, file);
  }
}

/** Read a `racecraft.session/1` document (see schema.ts) back into an ImportedSession. */
export function readJson(text: string, options: { file?: string } = {}): ImportedSession {
  const doc = parseJsonText(text, options.file, 'JSON');
  return validating(options.file, 'racecraft session JSON', () => {
    const o = obj(doc, '$');
    if (o['schema'] !== SESSION_SCHEMA) throw new Invalid(`$.schema is ${JSON.stringify(o['schema'])}, expected "${SESSION_SCHEMA}"`);
    const warnings = arr(o['warnings'] ?? [], '$.warnings').map((w, i) => str(w, `$.warnings[${i}]`));
    const laps = arr(o['laps'], '$.laps').map((l, i) => parseLapEntry(l, `$.laps[${i}]`, warnings));
    const result: ImportedSession = { session: parseSessionInfo(o['session'], '$.session'), laps, warnings };
    if (typeof o['startedAt'] === 'string') result.startedAt = o['startedAt'];
    if (o['meta'] !== undefined) result.meta = Object.fromEntries(Object.entries(obj(o['meta'], '$.meta')).map(([k, v]) => [k, str(v, `$.meta.${k}`)]));
    if (o['sourceChannels'] !== undefined) result.sourceChannels = parseSources(o['sourceChannels'], '$.sourceChannels');
    if (o['extraChannels'] !== undefined) result.extraChannels = parseExtras(o['extraChannels'], '$.extraChannels');
    return result;
  });
}
