/**
 * Human and machine output. Data goes to stdout, diagnostics to stderr; `--json` output is one
 * JSON document (or NDJSON lines) with stable names and SI units.
 */
export type Out = {
  /** A line of data for stdout. */
  line(text?: string): void;
  /** A diagnostic line for stderr. */
  note(text: string): void;
  json(value: unknown): void;
  /** One NDJSON record. */
  record(value: unknown): void;
};

export function createOut(stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Out {
  return {
    line: (text = '') => void stdout.write(`${text}\n`),
    note: (text) => void stderr.write(`${text}\n`),
    json: (value) => void stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`),
    record: (value) => void stdout.write(`${JSON.stringify(value, jsonReplacer)}\n`),
  };
}

/** Typed arrays become plain arrays; non-finite numbers become null (JSON has no NaN). */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, finiteOrNull);
  if (typeof value === 'number') return finiteOrNull(value);
  return value;
}

function finiteOrNull(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

/** 83.456 → "1:23.456"; absent → "–". */
export function formatLapTime(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  const sign = seconds < 0 ? '-' : '';
  const ms = Math.round(Math.abs(seconds) * 1000);
  const minutes = Math.floor(ms / 60000);
  const rest = ms - minutes * 60000;
  const secs = (rest / 1000).toFixed(3).padStart(6, '0');
  return minutes > 0 ? `${sign}${minutes}:${secs}` : `${sign}${(rest / 1000).toFixed(3)}`;
}

/** A signed gap: "+0.213" / "-1.020". */
export function formatGap(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  return `${seconds >= 0 ? '+' : '-'}${Math.abs(seconds).toFixed(3)}`;
}

export function formatDate(ms: number | undefined): string {
  if (ms === undefined) return '–';
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type Column<Row> = {
  readonly header: string;
  readonly value: (row: Row) => string;
  readonly align?: 'left' | 'right';
};

/** A plain aligned text table: no colours, no box drawing, so it pipes and greps cleanly. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string[] {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const fmt = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [fmt(columns.map((c) => c.header)), ...cells.map(fmt)];
}
