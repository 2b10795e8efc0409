import * as asciichart from 'asciichart';
import { fillGaps, rangeOf } from './series.js';

export type ChartOptions = {
  /** Rows of the plot area (the chart has `height` + 1 lines). */
  readonly height: number;
  /** Cells the y-axis labels take (each label is padded to this). */
  readonly labelWidth?: number;
  /** Fixed axis range; default the data's own, widened so min < max. */
  readonly min?: number;
  readonly max?: number;
  /** Label formatting; default whole numbers. */
  readonly format?: (value: number) => string;
  /** ANSI colour per series (asciichart colour codes); none for plain text. */
  readonly colors?: readonly (string | undefined)[];
};

/** Columns a chart of `points` values takes with the given label width: label, gap, axis, points. */
export function chartWidth(points: number, labelWidth: number): number {
  return Math.max(3, labelWidth) + 2 + points;
}

/** Points that fit in `width` cells beside labels of `labelWidth`. */
export function chartPoints(width: number, labelWidth: number): number {
  return Math.max(2, width - Math.max(3, labelWidth) - 2);
}

/**
 * A line chart of one or more series (one value per column) as text lines, via asciichart.
 * Later series are drawn over earlier ones: pass the reference first, the lap last.
 * Gaps are held (see fillGaps); a series may be shorter than the others (a lap in progress).
 * With no finite data the result is `height` + 1 blank lines with a note in the middle.
 */
export function renderLineChart(series: readonly (readonly number[])[], options: ChartOptions): string[] {
  const height = Math.max(1, Math.round(options.height));
  // asciichart puts labels shorter than its offset flush against the axis: keep at least 3.
  const labelWidth = Math.max(3, options.labelWidth ?? 5);
  const filled = series.map((s) => fillGaps(s));
  const drawn = filled.filter((s) => s.length > 0);
  const range = rangeOf(drawn);
  if (drawn.length === 0 || range === undefined) {
    const lines = Array.from({ length: height + 1 }, () => '');
    lines[Math.floor(height / 2)] = `${' '.repeat(labelWidth + 2)}(no data yet)`;
    return lines;
  }
  let min = options.min ?? range.min;
  let max = options.max ?? range.max;
  if (!(max > min)) {
    min -= 1;
    max += 1;
  }
  // asciichart indexes rows by value: clamp so a value outside a fixed range cannot throw.
  const clamped = drawn.map((s) => s.map((v) => Math.min(max, Math.max(min, v))));
  const format = options.format ?? ((v: number) => String(Math.round(v)));
  const colors = options.colors ? filled.map((s, i) => ({ s, c: options.colors![i] })).filter((x) => x.s.length > 0).map((x) => x.c) : undefined;
  const text = asciichart.plot(clamped as number[][], {
    height,
    min,
    max,
    offset: 3,
    format: (v: number) => format(v).padStart(labelWidth).slice(-labelWidth),
    ...(colors ? { colors } : {}),
  });
  return text.split('\n').map((line) => line.replace(/\s+$/, ''));
}
