import { CHANNELS } from '../../../engine/model/index.js';
import { columnOf, presentChannels } from '../columns.js';
import { TIME_DECIMALS, formatFixed } from '../number-format.js';
import type { ImportedLap } from '../types.js';
import { csvField } from './csv-parse.js';

/**
 * racecraft CSV: a header row of column names (`t`, `lap`, then racecraft channel names in
 * registry order), a units row (SI, '' for ratios and counts), then one row per sample. Values
 * have the channel's registry decimals (CHANNELS[c].decimals), t has 6 (µs); a missing value is an
 * empty cell. Lap records (times, validity, category) are not in a CSV: use JSON for those.
 * Pass one lap for a per-lap file.
 */
export function* csvLines(laps: readonly ImportedLap[]): Generator<string> {
  const names = presentChannels(laps);
  yield ['t', 'lap', ...names].map(csvField).join(',') + '\n';
  yield ['s', '', ...names.map((n) => CHANNELS[n].unit)].map(csvField).join(',') + '\n';
  const decimals = names.map((n) => CHANNELS[n].decimals);
  for (const { lap, trace } of laps) {
    const cols = names.map((n) => columnOf(trace, n));
    const lapText = String(lap.number);
    for (let i = 0; i < trace.length; i++) {
      let line = formatFixed(trace.t[i]!, TIME_DECIMALS) + ',' + lapText;
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
