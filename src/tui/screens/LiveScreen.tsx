import { Box, Text } from 'ink';
import { MarkedLines, Lines } from '../components/Lines.js';
import { buildLiveView, liveSpeedTrace, type LiveInput, type SectorColour } from '../state/live-view.js';
import { renderBar, renderCentredBar } from '../render/bar.js';
import { chartPoints, renderLineChart } from '../render/chart.js';
import { renderDeltaBar } from '../render/delta-bar.js';
import { fit, formatClock, formatDelta, formatGear, formatPercent, formatRpm, formatSector, formatSpeed, speedUnit, speedValue, type Units } from '../render/format.js';
import { G_MARK, renderGGPlot } from '../render/gg-plot.js';
import { renderRpmBar } from '../render/rpm.js';

export type LiveScreenProps = {
  readonly input: LiveInput;
  readonly units: Units;
  readonly width: number;
  /** Rows this screen may use. */
  readonly height: number;
};

const SECTOR_COLOURS: Record<SectorColour, 'magenta' | 'green' | 'yellow'> = { purple: 'magenta', green: 'green', yellow: 'yellow' };
/** Lines above the speed trace and the counter line below it. */
const FIXED_LINES = 13;
const G_COLUMNS = 14;
const G_ROWS = 6;
const DELTA_RANGE_S = 1;
const MAX_BAR = 50;
const MAX_CHART_LINES = 10;
const MAX_POINTS = 90;

/** Lines the Live screen needs in a space of `height` lines (it never uses more: every cell costs a redraw). */
export function liveScreenHeight(height: number): number {
  return Math.min(height, FIXED_LINES + chartLinesFor(height));
}

function chartLinesFor(height: number): number {
  return Math.max(3, Math.min(MAX_CHART_LINES, height - FIXED_LINES));
}

/** Live: what a racer glances at while driving, and the lap so far against the reference. */
export function LiveScreen({ input, units, width, height }: LiveScreenProps) {
  const view = buildLiveView(input);
  const refText = view.referenceLabel ? `ref ${view.referenceLabel}` : 'no reference yet';
  const gWidth = width >= 70 ? G_COLUMNS + 2 : 0;
  const left = width - gWidth;
  // Bars and the trace stop growing past what a glance needs: every character costs CPU per redraw.
  const barWidth = Math.max(10, Math.min(MAX_BAR, left - 20));
  const rpmColour = view.light === 'shift' ? 'red' : view.light === 'near' ? 'yellow' : 'green';
  const half = Math.max(4, Math.min(20, Math.floor((left - 30) / 2)));
  const deltaBar = renderDeltaBar(view.delta, half, DELTA_RANGE_S);
  const chartLines = chartLinesFor(height);
  const points = Math.min(MAX_POINTS, chartPoints(width, 5));
  const trace = liveSpeedTrace(input.lapFrames, input.reference, input.session?.trackLength, points);
  const toUnits = (s: number[]) => s.map((v) => speedValue(v, units));
  const chart = renderLineChart([toUnits(trace.reference), toUnits(trace.lap)], { height: chartLines - 1, labelWidth: 5 });
  const gLines = gWidth > 0 ? renderGGPlot({ samples: view.gTrail, ...(view.g ? { current: view.g } : {}), maxG: 3 }, G_COLUMNS, G_ROWS) : [];
  const pedal = (label: string, value: number | undefined, color: 'green' | 'red' | 'blue') => (
    <Text wrap="truncate">
      <Text dimColor>{label}</Text>
      <Text color={color}>{renderBar(value ?? 0, barWidth)}</Text>
      <Text>{` ${formatPercent(value).padStart(4)}`}</Text>
    </Text>
  );

  return (
    <Box flexDirection="column" height={liveScreenHeight(height)} overflowY="hidden">
      <Text wrap="truncate">
        <Text bold>{fit(view.title, Math.max(12, width - refText.length - 2))}</Text>
        <Text dimColor>{`  ${refText}`}</Text>
      </Text>
      <Box>
        <Box flexDirection="column" width={left}>
          <Text wrap="truncate">
            <Text bold>{`${formatSpeed(view.speed, units).padStart(3)} ${speedUnit(units)}`}</Text>
            <Text dimColor>{'   gear '}</Text>
            <Text bold>{formatGear(view.gear)}</Text>
            <Text dimColor>{'   '}</Text>
            <Text>{`${formatRpm(view.rpm)} rpm`}</Text>
            {view.light === 'shift' ? (
              <Text color="red" inverse bold>
                {' SHIFT '}
              </Text>
            ) : view.light === 'near' ? (
              <Text color="yellow">{' ●●● '}</Text>
            ) : null}
          </Text>
          <Text wrap="truncate">
            <Text dimColor>{'RPM '}</Text>
            <Text color={rpmColour}>{renderRpmBar(view.rpm, view.maxRpm, view.shiftSource === 'computed' ? view.shiftRpm : undefined, barWidth)}</Text>
            <Text dimColor>{view.shiftRpm === undefined ? '' : view.shiftSource === 'computed' ? ` ┃ shift ${Math.round(view.shiftRpm)}` : ` limiter ${Math.round(view.shiftRpm)}`}</Text>
          </Text>
          {pedal('THR ', view.throttle, 'green')}
          {pedal('BRK ', view.brake, 'red')}
          {pedal('CLU ', view.clutch, 'blue')}
          <Text wrap="truncate">
            <Text dimColor>{'STR '}</Text>
            <Text>{view.steer === undefined ? '–' : renderCentredBar(view.steer, barWidth)}</Text>
          </Text>
          <Text> </Text>
        </Box>
        {gWidth > 0 ? (
          <Box flexDirection="column" width={gWidth}>
            <MarkedLines lines={gLines} marks={{ [G_MARK]: 'cyan' }} />
            <Text dimColor wrap="truncate">
              {view.g ? `${view.g.lat.toFixed(1)}lat ${view.g.lon.toFixed(1)}lon` : 'g –'}
            </Text>
          </Box>
        ) : null}
      </Box>
      <Text wrap="truncate">
        <Text dimColor>{'LAP '}</Text>
        <Text bold>{view.lapNumber === undefined ? '–' : String(view.lapNumber).padEnd(3)}</Text>
        <Text bold>{` ${formatClock(view.current)}`}</Text>
        <Text dimColor>{'   last '}</Text>
        <Text color={view.last && !view.last.valid ? 'gray' : undefined}>{formatClock(view.last?.time)}</Text>
        <Text dimColor>{'   best '}</Text>
        <Text color="magenta">{formatClock(view.best)}</Text>
      </Text>
      <Text wrap="truncate">
        <Text dimColor>{'Δ   '}</Text>
        <Text bold color={view.delta === undefined ? undefined : view.delta <= 0 ? 'green' : 'red'}>
          {formatDelta(view.delta, 2).padStart(6)}
        </Text>
        <Text>{' '}</Text>
        <Text color="green">{deltaBar.left}</Text>
        <Text dimColor>│</Text>
        <Text color="red">{deltaBar.right}</Text>
      </Text>
      <Text wrap="truncate">
        {view.sectors.length === 0 ? (
          <Text dimColor>sectors: the game sends none</Text>
        ) : (
          view.sectors.map((s, i) => (
            <Text key={i}>
              <Text dimColor>{`S${i + 1} `}</Text>
              <Text {...(s.colour ? { color: SECTOR_COLOURS[s.colour] } : {})} bold={s.current}>
                {s.current ? '▶'.padEnd(7) : formatSector(s.time).padEnd(7)}
              </Text>
              <Text>{'  '}</Text>
            </Text>
          ))
        )}
      </Text>
      <Text dimColor wrap="truncate">{`speed (${speedUnit(units)}) by lap distance: this lap over the reference`}</Text>
      <Lines lines={chart} />
      <Text dimColor wrap="truncate">
        {`packets ${input.counters.packets}  frames ${input.counters.frames}  dropped ${input.counters.errors}  skipped ${input.counters.skipped}  laps ${input.laps.length}`}
        {view.waiting ? '   waiting for the first frame…' : ''}
      </Text>
    </Box>
  );
}
