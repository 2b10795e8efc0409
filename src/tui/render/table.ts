import { fit } from './format.js';

export type Column = {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** Fixed width; default the widest of header and cells. */
  readonly width?: number;
};

/**
 * A plain text table: a header line, then one line per row, columns separated by two spaces.
 * Columns that do not fit in `maxWidth` are dropped from the right (the first always stays,
 * cut to fit), so a narrow terminal still shows the most important ones.
 *
 *   renderTable([{ header: 'LAP' }, { header: 'TIME', align: 'right' }], [['1', '1:32.918']], 80)
 *   → ['LAP      TIME', '1    1:32.918']
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], maxWidth: number): string[] {
  const widths = columns.map((c, i) => c.width ?? Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const keep: number[] = [];
  let used = 0;
  for (let i = 0; i < columns.length; i++) {
    const need = widths[i]! + (keep.length > 0 ? 2 : 0);
    if (keep.length > 0 && used + need > maxWidth) break;
    keep.push(i);
    used += need;
  }
  if (keep.length === 1 && widths[0]! > maxWidth) widths[0] = Math.max(1, maxWidth);
  const cell = (text: string, i: number): string => {
    const w = widths[i]!;
    const t = text.length > w ? fit(text, w) : text;
    return columns[i]!.align === 'right' ? t.padStart(w) : t.padEnd(w);
  };
  const line = (values: readonly string[]): string => keep.map((i) => cell(values[i] ?? '', i)).join('  ').replace(/\s+$/, '');
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}
