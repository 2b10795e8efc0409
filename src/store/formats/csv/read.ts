import { CHANNELS, MAX_LAP_TIME_S, MIN_LAP_TIME_S, isChannelName, type ChannelName } from '../../../engine/model/index.js';
import { FormatError, asFormatError } from '../format-error.js';
import { cutLaps, type LapSpan } from '../laps.js';
import { medianInterval } from '../resample.js';
import type { ExtraChannel, ImportedSession, SourceChannel } from '../types.js';
import { conversionTo, convert, normalizeUnit } from '../units.js';
import { csvRecords, isBlank } from './csv-parse.js';
import { isMotecCsv, readMotecCsv } from './motec-csv.js';

const WHAT = 'CSV file';

/**
 * Import a CSV: a MoTeC i2 export goes to `readMotecCsv`; anything else is read as racecraft CSV
 * (see `csvLines`): a header row with a time column (`t`, or `time`/`Time`), an optional `lap`
 * column, an optional units row, numeric rows. Columns named like racecraft channels become
 * channels (converted when the units row names another known unit); others are extras. Laps
 * follow the `lap` column: a lap runs from its first sample to the next lap's first sample (the
 * last lap to one sample interval past its last sample), timed by those bounds.
 */
export function readCsv(text: string, options: { file?: string } = {}): ImportedSession {
  if (isMotecCsv(text)) return readMotecCsv(text, options);
  return asFormatError(options.file, WHAT, () => readPlainCsv(text, options.file));
}

function readPlainCsv(text: string, file: string | undefined): ImportedSession {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  const first = records.next();
  if (first.done) throw new FormatError(`empty ${WHAT}`, file);
  const names = first.value.map((f) => f.trim());
  const timeIndex = names.findIndex((n) => n === 't' || n.toLowerCase() === 'time');
  if (timeIndex < 0) throw new FormatError(`not a telemetry CSV (no 't' or 'time' column in the header row)`, file);
  const lapIndex = names.indexOf('lap');
  let units: string[] = names.map(() => '');
  const rows: number[][] = [];
  const warnings: string[] = [];
  let bad = 0;
  for (const record of records) {
    if (isBlank(record)) continue;
    const values = record.map((f) => (f.trim() === '' ? Number.NaN : Number(f)));
    if (rows.length === 0 && units.every((u) => u === '') && Number.isNaN(values[timeIndex]!) && record[timeIndex]!.trim() !== '') {
      units = names.map((_, i) => (record[i] ?? '').trim());
      continue;
    }
    values.forEach((v, i) => {
      if (Number.isNaN(v) && (record[i] ?? '').trim() !== '') bad++;
    });
    rows.push(values);
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
    if (i === timeIndex || i === lapIndex) return;
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
  const distance = channels.lapDistance ? Float64Array.from(channels.lapDistance) : new Float64Array(n).fill(Number.NaN);
  const lapColumn = lapIndex >= 0 ? column(lapIndex) : new Float64Array(n).fill(1);
  if (lapIndex < 0) warnings.push("no 'lap' column: the whole file is one lap");
  const extras = Object.keys(extraChannels);
  if (extras.length > 0) warnings.push(`${extras.length} column(s) are not racecraft channels, kept as extras: ${extras.join(', ')}`);
  return {
    session: { game: 'csv', format: 'csv' },
    laps: cutLaps(t, distance, channels, lapsFromColumn(t, lapColumn, Number.isFinite(interval) ? interval : 0)),
    warnings,
    sourceChannels,
    extraChannels,
  };
}

function lapsFromColumn(t: Float64Array, lap: Float64Array, interval: number): LapSpan[] {
  const spans: LapSpan[] = [];
  let start = 0;
  for (let i = 1; i <= t.length; i++) {
    if (i < t.length && (lap[i] === lap[start] || (Number.isNaN(lap[i]!) && Number.isNaN(lap[start]!)))) continue;
    const startT = t[start]!;
    const endT = i < t.length ? t[i]! : t[t.length - 1]! + interval;
    const time = endT - startT;
    const number = Number.isFinite(lap[start]!) ? lap[start]! : 0;
    spans.push({ number, time, timeSource: 'interpolated', valid: time >= MIN_LAP_TIME_S && time <= MAX_LAP_TIME_S, category: 'flying', sectors: [], startT, endT });
    start = i;
  }
  return spans;
}
