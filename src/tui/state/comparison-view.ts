import type { LapComparison, LapInput, ReferenceLap } from '../../engine/analysis/index.js';
import type { ChannelName } from '../../engine/model/index.js';
import { formatDelta, formatDistanceDiff, formatSpeed, type Units } from '../render/format.js';
import { downsample } from '../render/series.js';

/** The stretch of lap a chart shows, m. */
export type LapWindow = { readonly from: number; readonly to: number; readonly label: string };

/** m shown before a corner's zone and after it when zoomed in. */
const ZOOM_MARGIN_M = 50;

/**
 * Cursor 0 = the whole lap; cursor i = the i-th corner's zone (the reference's braking start to
 * the next straight, from analysis), with a margin.
 */
export function lapWindow(comparison: LapComparison, cursor: number): LapWindow {
  const length = comparison.track?.length ?? lapLength(comparison);
  const corner = cursor > 0 ? comparison.corners[cursor - 1] : undefined;
  if (!corner) return { from: 0, to: length, label: 'whole lap' };
  const start = (corner.phases?.zoneStart ?? corner.entry - 150) - ZOOM_MARGIN_M;
  const end = Math.min(corner.phases?.zoneEnd ?? corner.exit + 100, corner.exit + 250) + ZOOM_MARGIN_M;
  const from = Math.max(0, start);
  const to = Math.min(length, Math.max(from + 50, end));
  return { from, to, label: `T${corner.number}${corner.name ? ` ${corner.name}` : ''} · ${Math.round(from)}–${Math.round(to)} m` };
}

function lapLength(comparison: LapComparison): number {
  const curves = comparison.lap.curves;
  return curves ? (curves.delta.length - 1) * curves.step : 0;
}

/** Grid-curve values (one per `step` m) over a window, one value per column. */
export function windowSeries(values: readonly (number | null)[], step: number, window: LapWindow, columns: number): number[] {
  if (!(step > 0)) return [];
  return downsample(values, columns, window.from / step, window.to / step + 1);
}

/** Speed of the lap and of the reference over the window, m/s per column. */
export function speedSeries(comparison: LapComparison, window: LapWindow, columns: number): { lap: number[]; reference: number[] } {
  const c = comparison.lap.curves;
  if (!c) return { lap: [], reference: [] };
  return { lap: windowSeries(c.speed, c.step, window, columns), reference: windowSeries(c.referenceSpeed, c.step, window, columns) };
}

/** δ(s) over the window (s, > 0 = the lap is behind), per column. */
export function deltaSeries(comparison: LapComparison, window: LapWindow, columns: number): number[] {
  const c = comparison.lap.curves;
  return c ? windowSeries(c.delta, c.step, window, columns) : [];
}

/**
 * A channel of a recorded lap (binned by its lap distance) or of a reference lap (its grid)
 * over the window, one value per column (NaN where there is no sample).
 */
export function channelSeries(source: LapInput | ReferenceLap, channel: ChannelName, window: LapWindow, columns: number): number[] {
  if ('trace' in source) {
    const { trace } = source;
    const col = trace.channels[channel];
    if (!col || columns <= 0) return [];
    const span = window.to - window.from;
    const sum = new Float64Array(columns);
    const count = new Uint32Array(columns);
    for (let i = 0; i < trace.length; i++) {
      const d = trace.distance[i]!;
      const v = col[i]!;
      if (!(d >= window.from && d < window.to) || Number.isNaN(v)) continue;
      const c = Math.min(columns - 1, Math.floor(((d - window.from) / span) * columns));
      sum[c]! += v;
      count[c]!++;
    }
    return Array.from(sum, (s, c) => (count[c]! > 0 ? s / count[c]! : Number.NaN));
  }
  const values = source.channels[channel];
  if (!values) return [];
  const step = source.grid.length / source.grid.cells;
  return windowSeries(Array.from(values as ArrayLike<number | null>), step, window, columns);
}

/** The per-corner table: time lost per phase and what the driver did differently. */
export function cornerRows(comparison: LapComparison, units: Units): string[][] {
  const mine = comparison.lap.corners;
  const ref = comparison.reference.corners;
  return comparison.lap.losses.corners.map((loss) => {
    const m = mine.find((c) => c.number === loss.number);
    const r = ref.find((c) => c.number === loss.number);
    const brakeDiff = m?.brakePoint != null && r?.brakePoint != null ? m.brakePoint - r.brakePoint : undefined;
    return [
      `T${loss.number}`,
      formatDelta(loss.total),
      formatDelta(loss.braking, 2),
      formatDelta(loss.mid, 2),
      formatDelta(loss.exit, 2),
      formatDistanceDiff(brakeDiff, units),
      formatSpeed(m?.minSpeed, units),
      formatSpeed(r?.minSpeed, units),
      formatSpeed(m?.exitSpeed, units),
      formatSpeed(r?.exitSpeed, units),
    ];
  });
}

export const CORNER_COLUMNS = [
  { header: 'CORNER' },
  { header: 'LOSS', align: 'right' as const },
  { header: 'BRAKING', align: 'right' as const },
  { header: 'MID', align: 'right' as const },
  { header: 'EXIT', align: 'right' as const },
  { header: 'BRAKE PT', align: 'right' as const },
  { header: 'APEX', align: 'right' as const },
  { header: 'REF', align: 'right' as const },
  { header: 'EXIT SPD', align: 'right' as const },
  { header: 'REF', align: 'right' as const },
];
