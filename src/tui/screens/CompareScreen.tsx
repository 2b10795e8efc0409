import { Box, Text } from 'ink';
import type { LapComparison } from '../../engine/analysis/index.js';
import { Lines } from '../components/Lines.js';
import { chartPoints, renderLineChart } from '../render/chart.js';
import { formatClock, formatDelta, speedUnit, speedValue, type Units } from '../render/format.js';
import { renderTable } from '../render/table.js';
import { CORNER_COLUMNS, cornerRows, deltaSeries, lapWindow, speedSeries } from '../state/comparison-view.js';
import { listWindow } from '../state/window.js';
import { CursorTable } from '../components/CursorTable.js';

export type CompareScreenProps = {
  /** Lap A analysed against lap B; undefined with `note` when two laps are not chosen. */
  readonly comparison: LapComparison | undefined;
  readonly note: string;
  readonly labelA: string;
  readonly labelB: string;
  readonly cursor: number;
  readonly units: Units;
  readonly width: number;
  readonly height: number;
};

const LABEL = 6;
/** Title, two chart captions, table header. */
const FIXED = 4;

/** Compare: two laps' speed traces overlaid, the delta trace, and the loss per corner. */
export function CompareScreen({ comparison, note, labelA, labelB, cursor, units, width, height }: CompareScreenProps) {
  if (!comparison) {
    return (
      <Box flexDirection="column" minHeight={height} flexShrink={0}>
        <Text bold>Compare</Text>
        <Text dimColor>{note}</Text>
      </Box>
    );
  }
  const window = lapWindow(comparison, cursor);
  const points = chartPoints(width, LABEL);
  const rest = height - FIXED;
  const speedLines = Math.max(4, Math.min(12, Math.floor(rest * 0.38)));
  const deltaLines = Math.max(3, Math.min(8, Math.floor(rest * 0.25)));
  const speed = speedSeries(comparison, window, points);
  const speedChart = renderLineChart([speed.reference.map((v) => speedValue(v, units)), speed.lap.map((v) => speedValue(v, units))], { height: speedLines - 1, labelWidth: LABEL });
  const delta = deltaSeries(comparison, window, points);
  const deltaChart = renderLineChart([delta], { height: deltaLines - 1, labelWidth: LABEL, format: (v) => formatDelta(v, deltaDecimals(delta)) });
  const rows = cornerRows(comparison, units);
  const table = renderTable(CORNER_COLUMNS, rows, width - 2);
  const tableRows = Math.max(1, rest - speedLines - deltaLines);
  const start = listWindow(Math.max(0, cursor - 1), rows.length, tableRows);
  const l = comparison.lap;
  return (
    <Box flexDirection="column" minHeight={height} flexShrink={0}>
      <Text wrap="truncate">
        <Text bold>{`${labelA} · ${formatClock(l.lapTime)}`}</Text>
        <Text dimColor>{` vs ${labelB} · ${formatClock(comparison.reference.lapTime)}  `}</Text>
        <Text bold color={l.delta <= 0 ? 'green' : 'red'}>{`Δ ${formatDelta(l.delta)}`}</Text>
      </Text>
      <Text dimColor wrap="truncate">{`speed (${speedUnit(units)}) · ${window.label} · ${labelA} over ${labelB}`}</Text>
      <Lines lines={speedChart} />
      <Text dimColor wrap="truncate">{`delta (s): ${labelA} minus ${labelB}, rising = losing time`}</Text>
      <Lines lines={deltaChart} />
      <CursorTable table={table} start={start} rows={tableRows} cursor={cursor} />
    </Box>
  );
}

/**
 * Decimals of the delta axis: hundredths, or thousandths when the trace spans less than 0.1 s
 * (a corner zoom), where hundredths would label every row the same.
 */
export function deltaDecimals(values: ArrayLike<number | null>): 2 | 3 {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min < 0.1 && Math.max(Math.abs(min), Math.abs(max)) < 10 ? 3 : 2;
}
