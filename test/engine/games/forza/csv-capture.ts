import { readFileSync } from 'node:fs';
import type { ForzaFieldName, ForzaFields } from '../../../../src/engine/games/forza/index.js';
import { requireSharedFile } from '../../../helpers/shared.js';

/**
 * The real Forza recordings (shared/captures/forza, MIT, austinbaccus/forza-telemetry): FM7 Car
 * Dash packets decoded by that app's logger into CSV (one row per sampled packet, ~9 Hz), UTF-8
 * with BOM. They are not packets, so the golden test rebuilds packets from the rows.
 *
 * Column ↔ wire field mapping (85 columns = the 85 fields of the FM7 Dash packet). Columns not
 * listed carry the Turn 10 field name unchanged.
 */
export const CSV_COLUMN_TO_FIELD: Readonly<Record<string, ForzaFieldName>> = {
  TireTempFl: 'TireTempFrontLeft',
  TireTempFr: 'TireTempFrontRight',
  TireTempRl: 'TireTempRearLeft',
  TireTempRr: 'TireTempRearRight',
  Distance: 'DistanceTraveled',
  BestLapTime: 'BestLap',
  LastLapTime: 'LastLap',
  CurrentLapTime: 'CurrentLap',
  Lap: 'LapNumber',
  Accelerator: 'Accel',
  Handbrake: 'HandBrake',
  NormalDrivingLine: 'NormalizedDrivingLine',
  NormalAiBrakeDifference: 'NormalizedAIBrakeDifference',
};

/**
 * The logger read the i32 WheelOnRumbleStrip fields as float32: a wheel on a kerb (int 1) shows
 * as "1E-45", the float whose bit pattern is int 1. Converting the bits back gives 0/1 and
 * confirms those fields are i32 at the table's offsets.
 */
const LOGGED_AS_FLOAT_I32 = /^WheelOnRumbleStrip/;

function floatBitsAsInt32(value: number): number {
  const bits = new DataView(new ArrayBuffer(4));
  bits.setFloat32(0, value, true);
  return bits.getInt32(0, true);
}

/** s8 fields the logger wrote as unsigned bytes (0..255); Steer it wrote signed. */
const LOGGED_UNSIGNED_S8: ReadonlySet<string> = new Set(['NormalizedDrivingLine', 'NormalizedAIBrakeDifference']);

export type CsvRow = Readonly<Record<string, string>>;

export function loadForzaCsv(name: 'laguna-seca.csv' | 'nurburgring.csv'): CsvRow[] {
  const text = readFileSync(requireSharedFile('captures', 'forza', name), 'utf8').replace(/^\uFEFF/, '');
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  const columns = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}

export function fieldNameOfColumn(column: string): ForzaFieldName {
  return CSV_COLUMN_TO_FIELD[column] ?? (column as ForzaFieldName);
}

/** The raw wire values of one CSV row, in Forza's own units (the app logged them unconverted). */
export function fieldsOfRow(row: CsvRow): ForzaFields {
  const fields: ForzaFields = {};
  for (const [column, cell] of Object.entries(row)) {
    const name = fieldNameOfColumn(column);
    let value = cell === 'True' ? 1 : cell === 'False' ? 0 : Number(cell);
    if (LOGGED_UNSIGNED_S8.has(name) && value > 127) value -= 256;
    if (LOGGED_AS_FLOAT_I32.test(name)) value = floatBitsAsInt32(value);
    fields[name] = value;
  }
  return fields;
}
