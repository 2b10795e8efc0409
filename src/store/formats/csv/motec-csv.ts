import { MAX_LAP_TIME_S, MIN_LAP_TIME_S, type ChannelName, type SessionInfo } from '../../../engine/model/index.js';
import { FormatError, asFormatError } from '../format-error.js';
import { lapDistances } from '../speed-distance.js';
import { cutLaps, lapsFromMarkers, type LapSpan } from '../laps.js';
import { mapMotecChannels } from '../motec/channel-map.js';
import type { ExtraChannel, ImportedSession, SourceChannel } from '../types.js';
import { convert } from '../units.js';
import { csvRecords, isBlank } from './csv-parse.js';

/** A MoTeC i2 "Export → CSV" file, decoded: metadata, channel names and units, numeric columns. */
export type MotecCsv = {
  /** Key/value metadata of the header block ('Venue', 'Sample Rate', 'Beacon Markers', ...). */
  readonly header: Record<string, string>;
  readonly names: string[];
  readonly units: string[];
  /** One column per name (Time first), NaN where a cell was empty or not a number. */
  readonly columns: Float64Array[];
  readonly warnings: string[];
};

const WHAT = 'MoTeC CSV export';

/** True when the text starts like a MoTeC i2 CSV export ("Format","MoTeC CSV File"). */
export function isMotecCsv(text: string): boolean {
  return /^\uFEFF?"?Format"?\s*,\s*"?MoTeC CSV File"?/.test(text);
}

/**
 * Parse the layout of shared/research/file-formats.md §3: 12 metadata rows of two key/value
 * columns (keys in fields 0 and 4, values in 1 and 5), blank lines, the channel-name row
 * (starting "Time"), the unit row, blank lines, then one fully quoted numeric row per sample.
 */
export function parseMotecCsv(text: string, file?: string): MotecCsv {
  return asFormatError(file, WHAT, () => parse(text, file));
}

function parse(text: string, file: string | undefined): MotecCsv {
  if (!isMotecCsv(text)) throw new FormatError('not a MoTeC i2 CSV export (first line is not "Format","MoTeC CSV File")', file);
  const header: Record<string, string> = {};
  const warnings: string[] = [];
  let names: string[] | undefined;
  let units: string[] | undefined;
  const rows: string[][] = [];
  for (const record of csvRecords(text.replace(/^\uFEFF/, ''))) {
    if (!names) {
      if (record[0]?.trim() === 'Time') {
        names = record.map((f) => f.trim());
        continue;
      }
      for (const k of [0, 4]) {
        const key = record[k]?.trim();
        if (key) header[key] = (record[k + 1] ?? '').trim();
      }
      continue;
    }
    if (isBlank(record)) continue;
    if (!units) {
      units = record.map((f) => f.trim());
      continue;
    }
    rows.push(record);
  }
  if (!names) throw new FormatError(`corrupt ${WHAT} (no channel-name row starting "Time")`, file);
  if (!units) throw new FormatError(`truncated ${WHAT} (no unit row after the channel names)`, file);
  const width = names.length;
  const columns = names.map(() => new Float64Array(rows.length));
  let bad = 0;
  let kept = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length < width) {
      if (r === rows.length - 1) {
        warnings.push(`last data row has ${row.length} of ${width} fields (file cut short?); dropped`);
        break;
      }
      bad++;
    }
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      const v = cell === undefined || cell.trim() === '' ? Number.NaN : Number(cell);
      if (Number.isNaN(v) && cell !== undefined && cell.trim() !== '') bad++;
      columns[c]![kept] = v;
    }
    kept++;
  }
  if (bad > 0) warnings.push(`${bad} cell(s) were not numbers; read as missing`);
  return { header, names, units, columns: columns.map((c) => c.slice(0, kept)), warnings };
}

/**
 * Import an i2 CSV export. Time base: the rows (i2 resamples every channel to the export rate).
 * Channels map as in the .ld reader (same names); i2's own computed `Distance` is kept as an
 * extra. Laps: a range export ("Range","Lap N") is lap N, complete, timed by its Duration;
 * otherwise the "Beacon Markers" row (s, space separated) splits the outing.
 */
export function readMotecCsv(text: string, options: { file?: string } = {}): ImportedSession {
  const csv = parseMotecCsv(text, options.file);
  const warnings = [...csv.warnings];
  const timeIndex = csv.names.indexOf('Time');
  const t = exactTimes(csv.columns[timeIndex]!, Number(csv.header['Sample Rate']));
  const n = t.length;
  if (n === 0) throw new FormatError(`truncated ${WHAT} (no data rows)`, options.file);
  for (let i = 1; i < n; i++) {
    if (!(t[i]! > t[i - 1]!)) throw new FormatError(`corrupt ${WHAT} (Time goes from ${t[i - 1]} to ${t[i]} at data row ${i + 1})`, options.file);
  }
  const rate = sampleRate(csv, t);
  const sources = csv.names.map((name, i) => ({ name, unit: csv.units[i] ?? '' }));
  const candidates = sources.map((s, i) => (i === timeIndex ? { name: '', unit: '' } : s));
  const mapping = mapMotecChannels(candidates);
  warnings.push(...mapping.warnings);
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  for (const [index, m] of mapping.mapped) channels[m.channel] = Float32Array.from(convert(csv.columns[index]!, m.conversion, m.sign));

  const extraChannels: Record<string, ExtraChannel> = {};
  const sourceChannels: SourceChannel[] = [];
  sources.forEach((s, i) => {
    if (i === timeIndex) return;
    const m = mapping.mapped.get(i);
    sourceChannels.push({ name: s.name, unit: s.unit, rate, samples: n, ...(m ? { mappedTo: m.channel } : {}) });
    if (!m && !(s.name in extraChannels)) extraChannels[s.name] = { unit: s.unit, rate, t0: t[0]!, data: csv.columns[i]! };
  });
  const extras = Object.keys(extraChannels);
  if (extras.length > 0) warnings.push(`${extras.length} channel(s) have no racecraft equivalent, kept as extras: ${extras.join(', ')}`);

  const spans = lapSpans(csv.header, t, warnings);
  const result: ImportedSession = {
    session: sessionInfo(csv.header),
    laps: cutLaps(t, lapDistances(t, channels, spans, warnings), channels, spans),
    warnings,
    meta: meta(csv.header),
    sourceChannels,
    extraChannels,
  };
  const startedAt = isoFromLocale(csv.header['Log Date'] ?? '', csv.header['Log Time'] ?? '');
  if (startedAt) result.startedAt = startedAt;
  return result;
}

/**
 * i2 prints Time with 3 decimals (1/60 s becomes "0.017"). When every printed time is the sample
 * grid t0 + i/rate rounded that way, use the exact grid, so sample/lap boundaries match the log's.
 */
function exactTimes(printed: Float64Array, rate: number): Float64Array {
  if (!(rate > 0) || printed.length === 0 || !Number.isFinite(printed[0]!)) return printed;
  const exact = new Float64Array(printed.length);
  for (let i = 0; i < printed.length; i++) {
    exact[i] = printed[0]! + i / rate;
    if (!(Math.abs(exact[i]! - printed[i]!) <= 0.0005 + 1e-9)) return printed;
  }
  return exact;
}

function sampleRate(csv: MotecCsv, t: Float64Array): number {
  const declared = Number(csv.header['Sample Rate']);
  if (Number.isFinite(declared) && declared > 0) return declared;
  return t.length > 1 ? (t.length - 1) / (t[t.length - 1]! - t[0]!) : 1;
}

/** s, the sample interval of the rows (0 with one row). */
const interval = (t: Float64Array): number => (t.length > 1 ? (t[t.length - 1]! - t[0]!) / (t.length - 1) : 0);

function lapSpans(header: Record<string, string>, t: Float64Array, warnings: string[]): LapSpan[] {
  const tStart = t[0]!;
  const tEnd = t[t.length - 1]!;
  const range = /^Lap\s+(\d+)$/i.exec(header['Range'] ?? '');
  if (range) {
    const duration = Number(header['Duration']);
    const time = Number.isFinite(duration) && duration > 0 ? duration : tEnd - tStart;
    const rows = tEnd - tStart + interval(t);
    if (time - rows > Math.max(1, 2 * interval(t))) {
      // The rows stop well before the lap's Duration: the export was cut short.
      warnings.push(`lap ${range[1]}: the rows end ${rows.toFixed(3)} s into it, short of its Duration ${time.toFixed(3)} s (file cut short?); kept as incomplete`);
      return [{ number: Number(range[1]), time: rows, timeSource: 'interpolated', valid: false, category: 'incomplete', sectors: [], startT: tStart, endT: tStart + rows }];
    }
    const valid = time >= MIN_LAP_TIME_S && time <= MAX_LAP_TIME_S;
    return [{ number: Number(range[1]), time, timeSource: 'game', valid, category: 'flying', sectors: [], startT: tStart, endT: tStart + time }];
  }
  const markers = (header['Beacon Markers'] ?? '').split(/\s+/).filter((s) => s !== '').map(Number);
  const bad = markers.filter((m) => !Number.isFinite(m)).length;
  if (bad > 0) warnings.push(`${bad} unreadable beacon marker(s) ignored`);
  const { laps, warnings: w } = lapsFromMarkers(markers.filter(Number.isFinite), tStart, tEnd);
  warnings.push(...w);
  if (markers.length === 0) warnings.push('no beacon markers: the whole export is one lap');
  return laps;
}

function sessionInfo(header: Record<string, string>): SessionInfo {
  const fields: Record<string, string | undefined> = {
    game: 'motec',
    format: 'i2-csv',
    trackName: header['Venue'],
    carName: header['Vehicle'],
    driver: header['Driver'],
  };
  for (const key of Object.keys(fields)) if (!fields[key]) delete fields[key];
  return fields as unknown as SessionInfo;
}

function meta(header: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['Device', 'Comment', 'Session', 'Range', 'Workbook', 'Worksheet', 'Vehicle Desc', 'Engine ID', 'Beacon Markers']) {
    const v = header[key];
    if (v) out[key.replace(/\s+(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase())] = v;
  }
  return out;
}

/**
 * i2 writes the log date and time in the Windows locale: '2023-04-04' + '1:16:25 PM' or
 * '30/10/2022' + '19:49:00'. Slash dates are day first (MoTeC's home locale) unless the first
 * number cannot be a day-of-month ordering (second number > 12 → month first).
 */
export function isoFromLocale(date: string, time: string): string | undefined {
  let y: number;
  let mo: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  const slash = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(date.trim());
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (slash) {
    const a = Number(slash[1]);
    const b = Number(slash[2]);
    y = Number(slash[3]);
    [d, mo] = b > 12 ? [b, a] : [a, b];
  } else return undefined;
  const tm = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(time.trim());
  if (!tm || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  let h = Number(tm[1]);
  const ampm = tm[4]?.toUpperCase();
  if (ampm === 'PM' && h < 12) h += 12;
  if (ampm === 'AM' && h === 12) h = 0;
  const p = (v: number): string => String(v).padStart(2, '0');
  return `${y}-${p(mo)}-${p(d)}T${p(h)}:${tm[2]}:${tm[3] ?? '00'}`;
}
