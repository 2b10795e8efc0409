/**
 * Text charts for the reports: asciichart line plots (a lap solid, its reference dotted, so the
 * two read apart without colour and survive pipes), pedal sparklines, a corner-marker row and a
 * distance axis. Pure: arrays in, lines out. Columns are distance along the lap, downsampled to
 * the width the terminal gives (process.stdout.columns, 100 when piped).
 */
import { plot } from 'asciichart';

/** Columns used when stdout is not a terminal. */
export const PIPED_WIDTH = 100;
/** Narrowest chart worth drawing. */
const MIN_PLOT_COLUMNS = 20;
/** Characters before the first data column: a 5-character y label, a space and the axis. */
const LABEL_WIDTH = 7;

/** Total output width: the terminal's, else 100 (piped). */
export function outputWidth(columns: number | undefined): number {
  return columns !== undefined && columns > 0 ? columns : PIPED_WIDTH;
}

/** Plot columns (data points) that fit in `width` characters next to the axis labels. */
export function plotColumns(width: number): number {
  return Math.max(MIN_PLOT_COLUMNS, width - LABEL_WIDTH - 1);
}

/**
 * Mean of each of `columns` equal slices of `values` (null/NaN skipped); a slice with no value
 * is null. Fewer values than columns are stretched (each value repeated).
 */
export function downsample(values: ArrayLike<number | null>, columns: number): (number | null)[] {
  const n = values.length;
  const out: (number | null)[] = [];
  if (n === 0) return out;
  for (let c = 0; c < columns; c++) {
    const lo = Math.floor((c * n) / columns);
    const hi = Math.max(lo + 1, Math.floor(((c + 1) * n) / columns));
    let sum = 0;
    let count = 0;
    for (let i = lo; i < hi && i < n; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    out.push(count > 0 ? sum / count : null);
  }
  return out;
}

/** Gaps filled from the nearest earlier value (else the first value): asciichart cannot draw a gap. */
export function fillGaps(values: readonly (number | null)[]): number[] | undefined {
  const first = values.find((v) => v !== null);
  if (first === undefined || first === null) return undefined;
  let last = first;
  return values.map((v) => (v === null ? last : (last = v)));
}

export type ChartOptions = {
  /** Rows of the plot area. */
  readonly height: number;
  /** Decimals of the y labels. */
  readonly decimals?: number;
  readonly min?: number;
  readonly max?: number;
};

const DOTTED: [string, string, string, string, string, string, string, string, string, string] = ['┼', '┤', '·', '·', '·', '·', '·', '·', '·', '·'];

/**
 * A line chart of `main` (solid) over `behind` (dotted), both already `columns` long and in
 * display units. Returns the chart's lines; [] when there is nothing to draw.
 */
export function lineChart(main: readonly (number | null)[], behind: readonly (number | null)[] | undefined, options: ChartOptions): string[] {
  const a = fillGaps(main);
  if (a === undefined) return [];
  const b = behind === undefined ? undefined : fillGaps(behind);
  const all = b === undefined ? a : [...a, ...b];
  let min = options.min ?? Math.min(...all);
  let max = options.max ?? Math.max(...all);
  if (!(max > min)) {
    min -= 1;
    max += 1;
  }
  // Fewer decimals rather than a wider label: every row must keep the same prefix width.
  let decimals = options.decimals ?? 0;
  const labelFits = (d: number): boolean => Math.max(min.toFixed(d).length, max.toFixed(d).length) <= LABEL_WIDTH - 2;
  while (decimals > 0 && !labelFits(decimals)) decimals--;
  // A span smaller than one label step per row (a ±3 ms delta at 0.01 s labels) would print the
  // same label on every row: widen it around its middle so each row's label differs.
  const height = Math.max(2, options.height);
  const minSpan = height * 10 ** -decimals;
  if (options.min === undefined && options.max === undefined && max - min < minSpan) {
    const mid = (min + max) / 2;
    min = mid - minSpan / 2;
    max = mid + minSpan / 2;
  }
  // asciichart puts the whole label into one cell of its grid and the axis at cell offset − 1:
  // offset 3 with 5-character labels gives "  260 ┤" (LABEL_WIDTH characters), data right after.
  const config = {
    min,
    max,
    height,
    offset: 3,
    format: (x: number): string => label(x, decimals).padStart(LABEL_WIDTH - 2),
  };
  const top = plot(a, config).split('\n');
  if (b === undefined) return top.map((l) => l.trimEnd());
  const under = plot(b, { ...config, symbols: DOTTED }).split('\n');
  return top.map((line, r) => overlay(line, under[r] ?? '').trimEnd());
}

/** x with `decimals` decimals; a value that rounds to zero prints as 0, never as -0.00. */
function label(x: number, decimals: number): string {
  const text = x.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/** Characters of `front` where it has any, else those of `back` (same grid, no escape codes). */
function overlay(front: string, back: string): string {
  const f = [...front];
  const b = [...back];
  const n = Math.max(f.length, b.length);
  let out = '';
  for (let i = 0; i < n; i++) {
    const c = f[i] ?? ' ';
    out += c === ' ' ? (b[i] ?? ' ') : c;
  }
  return out;
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A 0..1 series as block characters; below 2 % is a space (pedal released). */
export function sparkline(values: readonly (number | null)[]): string {
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v) || v < 0.02) return ' ';
      const level = Math.min(BLOCKS.length - 1, Math.floor(Math.min(1, v) * BLOCKS.length));
      return BLOCKS[level]!;
    })
    .join('');
}

/** Prefix that lines up a row of `columns` with the plot area of lineChart. */
export function plotIndent(label = ''): string {
  return label.slice(0, LABEL_WIDTH).padEnd(LABEL_WIDTH);
}

/**
 * A row of corner labels ("T4") under a chart: each at the column of its apex, skipped when it
 * would overlap the previous one. `lapLength` m maps onto `columns`.
 */
export function cornerMarkers(corners: readonly { readonly number: number; readonly apex: number }[], lapLength: number, columns: number): string {
  const row = new Array<string>(columns).fill(' ');
  let free = 0;
  for (const c of [...corners].sort((p, q) => p.apex - q.apex)) {
    const label = `T${c.number}`;
    const col = Math.min(columns - label.length, Math.max(0, Math.round((c.apex / lapLength) * columns) - Math.floor(label.length / 2)));
    if (col < free) continue;
    for (let i = 0; i < label.length; i++) row[col + i] = label[i]!;
    free = col + label.length + 1;
  }
  return row.join('').trimEnd();
}

/** A distance axis: tick labels (display units) at round steps along `columns`. */
export function distanceAxis(lapLengthDisplay: number, columns: number, unit: string): string {
  const steps = [100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000];
  const perTick = lapLengthDisplay / Math.max(1, Math.floor(columns / 12));
  const step = steps.find((s) => s >= perTick) ?? 10000;
  const row = new Array<string>(columns).fill(' ');
  let free = 0;
  for (let d = 0; d <= lapLengthDisplay; d += step) {
    const label = d === 0 ? `0 ${unit}` : String(d);
    const col = Math.round((d / lapLengthDisplay) * (columns - 1));
    if (col < free || col + label.length > columns) continue;
    for (let i = 0; i < label.length; i++) row[col + i] = label[i]!;
    free = col + label.length + 1;
  }
  return row.join('').trimEnd();
}
