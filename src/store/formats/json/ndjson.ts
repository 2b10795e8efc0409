import { CHANNELS, isChannelName, type ChannelName } from '../../../engine/model/index.js';
import { columnOf, presentChannels } from '../columns.js';
import { FormatError } from '../format-error.js';
import { TIME_DECIMALS, formatFixed } from '../number-format.js';
import type { ImportedLap, ImportedSession } from '../types.js';
import { parseJsonText, parseLap, parseSessionInfo, validating } from './read.js';
import { SESSION_SCHEMA } from './schema.js';

/**
 * racecraft NDJSON: one JSON object per line, constant memory to write and to consume.
 *   {"type":"session","schema":"racecraft.session/1","session":{...},"channels":{...},"warnings":[...]}
 *   {"type":"lap","lap":{...Lap}}                          before each lap's frames
 *   {"type":"frame","t":190.6,"lap":1,"lapDistance":0.12,"speed":12.345,...}
 * Frames are TelemetryFrame-shaped: SI units, registry decimals, a missing value is an absent
 * key (never null, never 0). Extra (unmapped) source channels are not streamed: use JSON.
 */
export function* ndjsonLines(imported: Pick<ImportedSession, 'session' | 'laps' | 'warnings'> & Partial<ImportedSession>): Generator<string> {
  const names = presentChannels(imported.laps);
  const head: Record<string, unknown> = { type: 'session', schema: SESSION_SCHEMA, session: imported.session };
  if (imported.startedAt) head['startedAt'] = imported.startedAt;
  if (imported.meta) head['meta'] = imported.meta;
  head['channels'] = Object.fromEntries(names.map((n) => [n, { unit: CHANNELS[n].unit, kind: CHANNELS[n].kind, decimals: CHANNELS[n].decimals }]));
  head['warnings'] = imported.warnings;
  yield JSON.stringify(head) + '\n';
  const keys = names.map((n) => `,"${n}":`);
  const decimals = names.map((n) => CHANNELS[n].decimals);
  for (const item of imported.laps) yield* lapLines(item, names, keys, decimals);
}

function* lapLines(item: ImportedLap, names: readonly ChannelName[], keys: readonly string[], decimals: readonly number[]): Generator<string> {
  const { lap, trace } = item;
  yield `{"type":"lap","lap":${JSON.stringify(lap)}}\n`;
  const cols = names.map((n) => columnOf(trace, n));
  const prefix = `,"lap":${lap.number}`;
  for (let i = 0; i < trace.length; i++) {
    let line = '{"type":"frame","t":' + formatFixed(trace.t[i]!, TIME_DECIMALS, 'null') + prefix;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c];
      if (!col) continue;
      const v = col[i]!;
      if (Number.isFinite(v)) line += keys[c]! + formatFixed(v, decimals[c]!);
    }
    yield line + '}\n';
  }
}

/** Read racecraft NDJSON back (laps from the lap lines, traces from the frames that follow each). */
export function readNdjson(text: string, options: { file?: string } = {}): ImportedSession {
  const file = options.file;
  const lines = text.split('\n');
  let session: ImportedSession | undefined;
  let current: { lap: ImportedLap['lap']; t: number[]; values: Map<ChannelName, number[]> } | undefined;
  const laps: ImportedLap[] = [];
  const finish = (): void => {
    if (!current) return;
    const n = current.t.length;
    const channels: Partial<Record<ChannelName, Float32Array>> = {};
    for (const [name, values] of current.values) channels[name] = Float32Array.from(values);
    const distance = channels.lapDistance ? Float64Array.from(channels.lapDistance) : new Float64Array(n).fill(Number.NaN);
    laps.push({ lap: current.lap, trace: { length: n, t: Float64Array.from(current.t), distance, channels } });
    current = undefined;
  };
  return validating(file, 'racecraft NDJSON', () => {
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const where = `line ${index + 1}`;
      const o = parseJsonText(line, file, `NDJSON (${where})`);
      if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new FormatError(`invalid racecraft NDJSON: ${where} is not an object`, file);
      const rec = o as Record<string, unknown>;
      if (!session) {
        if (rec['type'] !== 'session' || rec['schema'] !== SESSION_SCHEMA) throw new FormatError(`not racecraft NDJSON (${where} is not a "${SESSION_SCHEMA}" session line)`, file);
        const warnings = Array.isArray(rec['warnings']) ? rec['warnings'].filter((w): w is string => typeof w === 'string') : [];
        session = { session: parseSessionInfo(rec['session'], `${where}.session`), laps, warnings };
        if (typeof rec['startedAt'] === 'string') session.startedAt = rec['startedAt'];
        return;
      }
      if (rec['type'] === 'lap') {
        finish();
        current = { lap: parseLap(rec['lap'], `${where}.lap`), t: [], values: new Map() };
        return;
      }
      if (rec['type'] !== 'frame') return; // unknown record types are for newer readers
      if (!current) throw new FormatError(`invalid racecraft NDJSON: frame on ${where} before any lap line`, file);
      const t = rec['t'];
      if (typeof t !== 'number') throw new FormatError(`invalid racecraft NDJSON: ${where}.t is not a number`, file);
      const i = current.t.length;
      current.t.push(t);
      for (const column of current.values.values()) column.push(Number.NaN);
      for (const [key, value] of Object.entries(rec)) {
        if (!isChannelName(key)) continue;
        if (typeof value !== 'number') throw new FormatError(`invalid racecraft NDJSON: ${where}.${key} is not a number`, file);
        let column = current.values.get(key);
        if (!column) current.values.set(key, (column = new Array<number>(i + 1).fill(Number.NaN)));
        column[i] = value;
      }
    });
    finish();
    if (!session) throw new FormatError('empty NDJSON (no session line)', file);
    return session;
  });
}
