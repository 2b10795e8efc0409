import { CHANNELS } from '../../../engine/model/index.js';
import { columnOf, presentChannels } from '../columns.js';
import { TIME_DECIMALS, formatFixed } from '../number-format.js';
import type { ImportedLap } from '../types.js';
import { csvField } from './csv-parse.js';

/**
 * The lap record columns of a racecraft CSV, after `t` and before the channels. Every row
 * carries the record of the lap it belongs to, so a file stays one header row, one units row,
 * then data (spreadsheets, pandas and MoTeC-style tools read it as is), and any subset of rows
 * (one lap, rows filtered on `lap_valid`) still knows its laps' official times.
 * `lap_time_s` is not the running clock (that is the `lapTime` channel) and its name does not
 * collide with it under snake_case renaming.
 */
export const CSV_LAP_COLUMNS = ['lap', 'lap_time_s', 'lap_valid', 'lap_category'] as const;
const LAP_UNITS = ['', 's', '', ''] as const;
/** Lap times as games give them: ms. */
export const LAP_TIME_DECIMALS = 3;

/**
 * racecraft CSV (docs/file-formats-out.md): a header row of column names, a units row (SI, ''
 * for ratios, counts and text), then one row per sample. Columns:
 * - `t`: session time, s, 6 decimals (µs);
 * - `lap`: the lap number; `lap_time_s`: the lap's time as recorded (the game's own when it sent
 *   one, else line to line), s, 3 decimals; `lap_valid`: 1 or 0; `lap_category`: out, in,
 *   flying, pit, rewound or incomplete. The same on every row of a lap;
 * - then racecraft channel names in registry order, with the channel's registry decimals
 *   (CHANNELS[c].decimals). A missing value is an empty cell.
 * Pass one lap for a per-lap file. Sector times and lap start/end crossings are not written (use
 * JSON for those): a reader takes a lap's start as its first row.
 */
export function* csvLines(laps: readonly ImportedLap[]): Generator<string> {
  const names = presentChannels(laps);
  yield ['t', ...CSV_LAP_COLUMNS, ...names].map(csvField).join(',') + '\n';
  yield ['s', ...LAP_UNITS, ...names.map((n) => CHANNELS[n].unit)].map(csvField).join(',') + '\n';
  const decimals = names.map((n) => CHANNELS[n].decimals);
  for (const { lap, trace } of laps) {
    const cols = names.map((n) => columnOf(trace, n));
    const record = [String(lap.number), formatFixed(lap.time, LAP_TIME_DECIMALS), lap.valid ? '1' : '0', lap.category].join(',');
    for (let i = 0; i < trace.length; i++) {
      let line = formatFixed(trace.t[i]!, TIME_DECIMALS) + ',' + record;
      for (let c = 0; c < cols.length; c++) {
        const col = cols[c];
        line += ',' + (col ? formatFixed(col[i]!, decimals[c]!) : '');
      }
      yield line + '\n';
    }
  }
}

/** The whole CSV as one string (small sessions; stream `csvLines` for big ones). */
export function writeCsv(laps: readonly ImportedLap[]): string {
  return Array.from(csvLines(laps)).join('');
}
