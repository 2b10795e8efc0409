import { Box, Text } from 'ink';
import { formatTip, type LapComparison, type LapInput, type ReferenceLap } from '../../engine/analysis/index.js';
import { Lines } from '../components/Lines.js';
import { chartPoints, renderLineChart } from '../render/chart.js';
import { formatClock, formatDelta, speedUnit, speedValue, type Units } from '../render/format.js';
import { renderSparkline } from '../render/sparkline.js';
import { renderTable } from '../render/table.js';
import { CORNER_COLUMNS, channelSeries, cornerRows, lapWindow, speedSeries } from '../state/comparison-view.js';
import { listWindow } from '../state/window.js';
import { CursorTable } from '../components/CursorTable.js';

export type ReportScreenProps = {
  /** The analysis of the lap against the reference; undefined with `note` when there is none. */
  readonly comparison: LapComparison | undefined;
  readonly note: string;
  /** The lap and the reference as recorded, for the pedal traces. */
  readonly lap: LapInput | undefined;
  readonly reference: LapInput | ReferenceLap | undefined;
  readonly referenceLabel: string;
  readonly cursor: number;
  readonly units: Units;
  readonly width: number;
  readonly height: number;
};

const LABEL = 5;
/** Title, window line, four pedal lines, table header (the tips' lines are counted as they come). */
const FIXED = 2 + 4 + 1;
/** At most this many coaching tips are shown: the biggest losses come first. */
const MAX_TIPS = 3;

/** Lap report: speed trace against the reference, pedal traces, time lost per corner, tips. */
export function ReportScreen({ comparison, note, lap, reference, referenceLabel, cursor, units, width, height }: ReportScreenProps) {
  if (!comparison) {
    return (
      <Box flexDirection="column" minHeight={height} flexShrink={0}>
        <Text bold>Lap report</Text>
        <Text dimColor>{note}</Text>
      </Box>
    );
  }
  const window = lapWindow(comparison, cursor);
  const points = chartPoints(width, LABEL);
  const speed = speedSeries(comparison, window, points);
  const l = comparison.lap;
  const tips = l.tips.slice(0, MAX_TIPS).map((tip) => formatTip(tip, units, 'the reference'));
  // The rows the tips do not take go to the corner table (one line says there is no tip).
  const fixed = FIXED + Math.max(1, tips.length);
  const chartLines = Math.max(4, Math.min(14, Math.floor((height - FIXED - MAX_TIPS) * 0.55)));
  const chart = renderLineChart([speed.reference.map((v) => speedValue(v, units)), speed.lap.map((v) => speedValue(v, units))], { height: chartLines - 1, labelWidth: LABEL });
  const pedal = (source: LapInput | ReferenceLap | undefined, channel: 'throttle' | 'brake') => (source ? renderSparkline(channelSeries(source, channel, window, points), 0, 1) : '');
  const rows = cornerRows(comparison, units);
  const table = renderTable(CORNER_COLUMNS, rows, width - 2);
  const tableRows = Math.max(1, height - fixed - chartLines);
  const start = listWindow(Math.max(0, cursor - 1), rows.length, tableRows);
  const prefix = (label: string) => label.padEnd(LABEL + 2);
  return (
    <Box flexDirection="column" minHeight={height} flexShrink={0}>
      <Text wrap="truncate">
        <Text bold>{`Lap ${l.lapNumber} · ${formatClock(l.lapTime)}`}</Text>
        <Text dimColor>{` vs ${referenceLabel}  `}</Text>
        <Text bold color={l.delta <= 0 ? 'green' : 'red'}>{`Δ ${formatDelta(l.delta)}`}</Text>
        <Text dimColor>{`   sectors ${l.sectorDeltas.map((d) => formatDelta(d, 2)).join(' ')}`}</Text>
      </Text>
      <Text dimColor wrap="truncate">{`speed (${speedUnit(units)}) · ${window.label} · ↑↓ corners`}</Text>
      <Lines lines={chart} />
      <Text wrap="truncate">
        <Text dimColor>{prefix('THR')}</Text>
        <Text color="green">{pedal(lap, 'throttle')}</Text>
      </Text>
      <Text wrap="truncate">
        <Text dimColor>{prefix('ref')}</Text>
        <Text dimColor>{pedal(reference, 'throttle')}</Text>
      </Text>
      <Text wrap="truncate">
        <Text dimColor>{prefix('BRK')}</Text>
        <Text color="red">{pedal(lap, 'brake')}</Text>
      </Text>
      <Text wrap="truncate">
        <Text dimColor>{prefix('ref')}</Text>
        <Text dimColor>{pedal(reference, 'brake')}</Text>
      </Text>
      <CursorTable table={table} start={start} rows={tableRows} cursor={cursor} />
      <Box flexGrow={1} />
      {tips.length === 0 ? <Text dimColor>no tips: nothing lost worth saying</Text> : tips.map((tip, i) => <Text key={i} color="cyan" wrap="truncate">{`» ${tip}`}</Text>)}
    </Box>
  );
}
