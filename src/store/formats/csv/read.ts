import { CHANNELS, LAP_CATEGORIES, MAX_LAP_TIME_S, MIN_LAP_TIME_S, isChannelName, type ChannelName, type LapCategory } from '../../../engine/model/index.js';
import { FormatError, asFormatError } from '../format-error.js';
import { cutLaps, type LapSpan } from '../laps.js';
import { medianInterval } from '../resample.js';
import { lapDistances } from '../speed-distance.js';
import type { ExtraChannel, ImportedSession, SourceChannel } from '../types.js';
import { conversionTo, convert, normalizeUnit } from '../units.js';
import { csvRecords, isBlank } from './csv-parse.js';
import { CSV_LAP_COLUMNS } from './write.js';
import { isMotecCsv, readMotecCsv } from './motec-csv.js';

const WHAT = 'CSV file';

/**
 * Import a CSV: a MoTeC i2 export goes to `readMotecCsv`; anything else is read as racecraft CSV
 * (see `csvLines`): a header row with a time column (`t`, or `time`/`Time`), optional lap record
 * columns, an optional units row, numeric rows. Columns named like racecraft channels become
 * channels (converted when the units row names another known unit); others are extras. Laps
 * follow the lap record columns: a new lap starts on the row where `lap` (or `lap_time_s`,
 * `lap_valid`, `lap_category`) changes and runs to the next lap's first row (the last lap to one
 * sample interval past its last row). Its time is `lap_time_s` when the file has it, else those
 * bounds; validity and category are the file's when it has them, else a plausible time and
 * 'flying'. No `lap` column: the whole file is one lap.
 */
export function readCsv(text: string, options: { file?: string } = {}): ImportedSession {
  if (isMotecCsv(text)) return readMotecCsv(text, options);
  return asFormatError(options.file, WHAT, () => readPlainCsv(text, options.file));
}

const [LAP, LAP_TIME, LAP_VALID, LAP_CATEGORY] = CSV_LAP_COLUMNS;

function readPlainCsv(text: string, file: string | undefined): ImportedSession {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  const first = records.next();
  if (first.done) throw new FormatError(`empty ${WHAT}`, file);
  const names = first.value.map((f) => f.trim());
  const timeIndex = names.findIndex((n) => n === 't' || n.toLowerCase() === 'time');
  if (timeIndex < 0) throw new FormatError(`not a telemetry CSV (no 't' or 'time' column in the header row)`, file);
  const lapIndex = names.indexOf(LAP);
  // The lap record columns describe the laps of the `lap` column; without it they are plain columns.
  const recordIndex = (name: string): number => (lapIndex >= 0 ? names.indexOf(name) : -1);
  const lapTimeIndex = recordIndex(LAP_TIME);
  const validIndex = recordIndex(LAP_VALID);
  const categoryIndex = recordIndex(LAP_CATEGORY);
  const recordColumns = new Set([timeIndex, lapIndex, lapTimeIndex, validIndex, categoryIndex]);
  let units: string[] = names.map(() => '');
  const rows: number[][] = [];
  const categories: string[] = [];
  const warnings: string[] = [];
  let bad = 0;
  for (const record of records) {
    if (isBlank(record)) continue;
    const values = record.map((f, i) => (f.trim() === '' || i === categoryIndex ? Number.NaN : Number(f)));
    if (rows.length === 0 && units.every((u) => u === '') && Number.isNaN(values[timeIndex]!) && (record[timeIndex] ?? '').trim() !== '') {
      units = names.map((_, i) => (record[i] ?? '').trim());
      continue;
    }
    values.forEach((v, i) => {
      if (Number.isNaN(v) && i !== categoryIndex && (record[i] ?? '').trim() !== '') bad++;
    });
    rows.push(values);
    if (categoryIndex >= 0) categories.push((record[categoryIndex] ?? '').trim());
  }
  if (bad > 0) warnings.push(`${bad} cell(s) were not numbers; read as missing`);
  const n = rows.length;
  if (n === 0) throw new FormatError(`truncated ${WHAT} (no data rows)`, file);
  const column = (i: number): Float64Array => Float64Array.from(rows, (r) => r[i] ?? Number.NaN);
  const t = column(timeIndex);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(t[i]!) || (i > 0 && !(t[i]! > t[i - 1]!))) throw new FormatError(`corrupt ${WHAT} (time ${t[i]} at data row ${i + 1} does not increase)`, file);
  }
  const interval = medianInterval(t);
  const rate = Number.isFinite(interval) && interval > 0 ? 1 / interval : 1;

  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  const extraChannels: Record<string, ExtraChannel> = {};
  const sourceChannels: SourceChannel[] = [];
  names.forEach((name, i) => {
    if (recordColumns.has(i)) return;
    const unit = units[i] ?? '';
    const conversion = isChannelName(name) && !(name in channels) ? (normalizeUnit(unit) === normalizeUnit(CHANNELS[name].unit) || unit === '' ? { scale: 1, offset: 0 } : conversionTo(name, unit)) : undefined;
    if (conversion && isChannelName(name)) {
      channels[name] = Float32Array.from(convert(column(i), conversion));
      sourceChannels.push({ name, unit, rate, samples: n, mappedTo: name });
    } else {
      if (isChannelName(name)) warnings.push(`column '${name}' has unit '${unit}', not convertible to ${CHANNELS[name].unit}; kept as extra`);
      extraChannels[name in extraChannels ? `${name} (${i + 1})` : name] = { unit, rate, t0: t[0]!, data: column(i) };
      sourceChannels.push({ name, unit, rate, samples: n });
    }
  });
  if (lapIndex < 0) warnings.push("no 'lap' column: the whole file is one lap");
  const lapRecords: LapColumns = {
    number: lapIndex >= 0 ? column(lapIndex) : new Float64Array(n).fill(1),
    ...(lapTimeIndex >= 0 ? { time: column(lapTimeIndex) } : {}),
    ...(validIndex >= 0 ? { valid: column(validIndex) } : {}),
    ...(categoryIndex >= 0 ? { category: categories } : {}),
  };
  const extras = Object.keys(extraChannels);
  if (extras.length > 0) warnings.push(`${extras.length} column(s) are not racecraft channels, kept as extras: ${extras.join(', ')}`);
  const spans = lapsFromColumns(t, lapRecords, Number.isFinite(interval) ? interval : 0, warnings);
  return {
    session: { game: 'csv', format: 'csv' },
    laps: cutLaps(t, lapDistances(t, channels, spans, warnings), channels, spans),
    warnings,
    sourceChannels,
    extraChannels,
  };
}

/** The lap record columns of a file, per row (absent when the file lacks the column). */
type LapColumns = {
  readonly number: Float64Array;
  readonly time?: Float64Array;
  readonly valid?: Float64Array;
  readonly category?: readonly string[];
};

const isCategory = (text: string): text is LapCategory => (LAP_CATEGORIES as readonly string[]).includes(text);

/** The same cell value (NaN equals NaN: two empty cells are the same lap). */
const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

function lapsFromColumns(t: Float64Array, columns: LapColumns, interval: number, warnings: string[]): LapSpan[] {
  const { number: lap, time: official, valid, category } = columns;
  const sameLap = (i: number, j: number): boolean =>
    same(lap[i]!, lap[j]!) && (!official || same(official[i]!, official[j]!)) && (!valid || same(valid[i]!, valid[j]!)) && (!category || category[i] === category[j]);
  const spans: LapSpan[] = [];
  const unknown = new Set<string>();
  let start = 0;
  for (let i = 1; i <= t.length; i++) {
    if (i < t.length && sameLap(i, start)) continue;
    const startT = t[start]!;
    const endT = i < t.length ? t[i]! : t[t.length - 1]! + interval;
    const rowsTime = endT - startT;
    const number = Number.isFinite(lap[start]!) ? lap[start]! : 0;
    const text = category?.[start] ?? '';
    if (text !== '' && !isCategory(text)) unknown.add(text);
    const cat: LapCategory = isCategory(text) ? text : 'flying';
    const recorded = official?.[start];
    const tolerance = Math.max(1, 2 * interval);
    // The file's last lap ending well before its own time: the file was cut short. Calling that
    // lap flying with the full time would put a lap of a few seconds of data in the lap table.
    const cutShort = i === t.length && recorded !== undefined && Number.isFinite(recorded) && recorded - rowsTime > tolerance && text !== 'incomplete';
    if (cutShort) {
      warnings.push(`lap ${number}: the file ends ${rowsTime.toFixed(3)} s into it, short of its time ${recorded.toFixed(3)} s (file cut short?); kept as incomplete`);
      spans.push({ number, time: rowsTime, timeSource: 'interpolated', valid: false, category: 'incomplete', sectors: [], startT, endT });
      start = i;
      continue;
    }
    const timed = recorded !== undefined && Number.isFinite(recorded) && recorded >= 0;
    const time = timed ? recorded : rowsTime;
    if (timed && Math.abs(recorded - rowsTime) > tolerance) {
      warnings.push(`lap ${number}: the file's time ${recorded.toFixed(3)} s differs from its rows' ${rowsTime.toFixed(3)} s`);
    }
    const flag = valid?.[start];
    const isValid = flag !== undefined && Number.isFinite(flag) ? flag !== 0 : cat === 'flying' && time >= MIN_LAP_TIME_S && time <= MAX_LAP_TIME_S;
    // racecraft times a lap from the game only when it ran from line to line (the lap tracker):
    // out and incomplete laps are interpolated, the others carry the game's time.
    const timeSource = timed && cat !== 'out' && cat !== 'incomplete' ? 'game' : 'interpolated';
    spans.push({ number, time, timeSource, valid: isValid, category: cat, sectors: [], startT, endT });
    start = i;
  }
  if (unknown.size > 0) {
    const shown = [...unknown].slice(0, 5).map((u) => `'${u.slice(0, 40)}'`);
    if (unknown.size > shown.length) shown.push(`and ${unknown.size - shown.length} more`);
    warnings.push(`unknown lap_category value(s) ${shown.join(', ')} read as flying`);
  }
  return spans;
}
