import { buildLiveView, type LiveInput, type LiveView, type SectorColour } from '../state/live-view.js';
import { RollingSpeedTrace } from '../state/rolling-trace.js';
import { renderBar, renderCentredBar } from './bar.js';
import { chartPoints, renderLineChart } from './chart.js';
import { renderDeltaBar } from './delta-bar.js';
import { fit, formatClock, formatDelta, formatGear, formatPercent, formatRpm, formatSector, formatSpeed, speedUnit, speedValue, type Units } from './format.js';
import { G_MARK, renderGGPlot } from './gg-plot.js';
import { renderRpmBar } from './rpm.js';
import { padLine, seg, truncateLine, type Colour, type Segment, type StyledLine } from './styled.js';

/**
 * The Live screen as styled lines, one per terminal row: what Ink draws when the screen renders
 * and what the live painter writes 30 times a second in between. Layout, top to bottom:
 *
 *   title · reference
 *   speed gear rpm [SHIFT]        │ g-g plot (6 rows, when the screen is ≥ 70 wide)
 *   RPM bar, THR, BRK, CLU, STR   │ g values
 *   (blank)                       │
 *   LAP clock  last  best
 *   Δ delta bar
 *   sectors
 *   speed trace label, speed trace (3–10 lines)
 *   capture counters
 */
export type LiveLayout = { readonly units: Units; readonly width: number; readonly height: number };

const SECTOR_COLOURS: Record<SectorColour, Colour> = { purple: 'magenta', green: 'green', yellow: 'yellow' };
/** Lines above the speed trace and the counter line below it. */
const FIXED_LINES = 13;
const G_COLUMNS = 14;
const G_ROWS = 6;
const DELTA_RANGE_S = 1;
const MAX_BAR = 50;
const MAX_CHART_LINES = 10;
const MAX_POINTS = 90;
const DIM = { dim: true } as const;
const BOLD = { bold: true } as const;

/** Lines the Live screen needs in a space of `height` lines (it never uses more: every cell costs a redraw). */
export function liveScreenHeight(height: number): number {
  return Math.min(height, FIXED_LINES + chartLinesFor(height));
}

function chartLinesFor(height: number): number {
  return Math.max(3, Math.min(MAX_CHART_LINES, height - FIXED_LINES));
}

/**
 * Renders the Live screen; one instance per screen keeps the rolling speed trace and the last
 * chart, so a redraw costs the frames that arrived since the previous one, not the whole lap.
 */
export class LiveLines {
  private readonly trace = new RollingSpeedTrace();
  private chartKey: { lap: readonly number[]; reference: readonly number[]; units: Units; rows: number } | undefined;
  private chart: string[] = [];

  render(input: LiveInput, layout: LiveLayout): StyledLine[] {
    const view = buildLiveView(input);
    const { width, height, units } = layout;
    const refText = view.referenceLabel ? `ref ${view.referenceLabel}` : 'no reference yet';
    const gWidth = width >= 70 ? G_COLUMNS + 2 : 0;
    const left = width - gWidth;
    // Bars and the trace stop growing past what a glance needs.
    const barWidth = Math.max(10, Math.min(MAX_BAR, left - 20));
    const lines: StyledLine[] = [[seg(fit(view.title, Math.max(12, width - refText.length - 2)), BOLD), seg(`  ${refText}`, DIM)]];

    const leftLines = instrumentLines(view, units, barWidth);
    const gLines = gWidth > 0 ? gColumn(view) : [];
    for (let i = 0; i < leftLines.length; i++) {
      const l = truncateLine(leftLines[i]!, left);
      const g = gLines[i];
      lines.push(g === undefined ? l : [...padLine(l, left), ...truncateLine(g, gWidth)]);
    }
    lines.push(lapLine(view), deltaLine(view, Math.max(4, Math.min(20, Math.floor((left - 30) / 2)))), sectorLine(view));
    lines.push([seg(`speed (${speedUnit(units)}) by lap distance: this lap over the reference`, DIM)]);
    for (const line of this.chartLines(input, units, width, chartLinesFor(height))) lines.push([seg(line)]);
    const counters = input.counters;
    lines.push([
      seg(`packets ${counters.packets}  frames ${counters.frames}  dropped ${counters.errors}  skipped ${counters.skipped}  laps ${input.laps.length}${view.waiting ? '   waiting for the first frame…' : ''}`, DIM),
    ]);
    return lines.slice(0, liveScreenHeight(height)).map((line) => truncateLine(line, width));
  }

  /** The speed trace: drawn again only when its series (or the layout) changed since the last call. */
  private chartLines(input: LiveInput, units: Units, width: number, rows: number): string[] {
    const points = Math.min(MAX_POINTS, chartPoints(width, 5));
    const trace = this.trace.update(input.lapFrames, input.reference, input.session?.trackLength, points);
    const key = this.chartKey;
    if (key && key.lap === trace.lap && key.reference === trace.reference && key.units === units && key.rows === rows) return this.chart;
    const toUnits = (s: readonly number[]) => s.map((v) => speedValue(v, units));
    this.chart = renderLineChart([toUnits(trace.reference), toUnits(trace.lap)], { height: rows - 1, labelWidth: 5 });
    this.chartKey = { lap: trace.lap, reference: trace.reference, units, rows };
    return this.chart;
  }
}

/** Speed/gear/rpm, the rev bar, the pedals, the steering and a blank line: the left column. */
function instrumentLines(view: LiveView, units: Units, barWidth: number): StyledLine[] {
  const rpmColour: Colour = view.light === 'shift' ? 'red' : view.light === 'near' ? 'yellow' : 'green';
  const light: Segment[] = view.light === 'shift' ? [seg(' SHIFT ', { color: 'red', inverse: true, bold: true })] : view.light === 'near' ? [seg(' ●●● ', { color: 'yellow' })] : [];
  const shiftNote = view.shiftRpm === undefined ? '' : view.shiftSource === 'computed' ? ` ┃ shift ${Math.round(view.shiftRpm)}` : ` limiter ${Math.round(view.shiftRpm)}`;
  const pedal = (label: string, value: number | undefined, color: Colour): StyledLine => [
    seg(label, DIM),
    seg(renderBar(value ?? 0, barWidth), { color }),
    seg(` ${formatPercent(value).padStart(4)}`),
  ];
  return [
    [seg(`${formatSpeed(view.speed, units).padStart(3)} ${speedUnit(units)}`, BOLD), seg('   gear ', DIM), seg(formatGear(view.gear), BOLD), seg('   ', DIM), seg(`${formatRpm(view.rpm)} rpm`), ...light],
    [seg('RPM ', DIM), seg(renderRpmBar(view.rpm, view.maxRpm, view.shiftSource === 'computed' ? view.shiftRpm : undefined, barWidth), { color: rpmColour }), seg(shiftNote, DIM)],
    pedal('THR ', view.throttle, 'green'),
    pedal('BRK ', view.brake, 'red'),
    pedal('CLU ', view.clutch, 'blue'),
    [seg('STR ', DIM), seg(view.steer === undefined ? '–' : renderCentredBar(view.steer, barWidth))],
    [],
  ];
}

/** The g-g plot with the last second's trail, the current g marked in cyan, and its values. */
function gColumn(view: LiveView): StyledLine[] {
  const plot = renderGGPlot({ samples: view.gTrail, ...(view.g ? { current: view.g } : {}), maxG: 3 }, G_COLUMNS, G_ROWS);
  const lines: StyledLine[] = plot.map((line) => markLine(line, G_MARK, { color: 'cyan', bold: true }));
  lines.push([seg(view.g ? `${view.g.lat.toFixed(1)}lat ${view.g.lon.toFixed(1)}lon` : 'g –', DIM)]);
  return lines;
}

/** `line` with every `mark` character in its own style. */
function markLine(line: string, mark: string, style: { color: Colour; bold: boolean }): StyledLine {
  if (!line.includes(mark)) return [seg(line)];
  const out: Segment[] = [];
  const parts = line.split(mark);
  parts.forEach((part, i) => {
    if (i > 0) out.push(seg(mark, style));
    if (part !== '') out.push(seg(part));
  });
  return out;
}

function lapLine(view: LiveView): StyledLine {
  return [
    seg('LAP ', DIM),
    seg(view.lapNumber === undefined ? '–' : String(view.lapNumber).padEnd(3), BOLD),
    seg(` ${formatClock(view.current)}`, BOLD),
    seg('   last ', DIM),
    seg(formatClock(view.last?.time), view.last && !view.last.valid ? { color: 'gray' } : undefined),
    seg('   best ', DIM),
    seg(formatClock(view.best), { color: 'magenta' }),
  ];
}

function deltaLine(view: LiveView, half: number): StyledLine {
  const bar = renderDeltaBar(view.delta, half, DELTA_RANGE_S);
  const colour: Colour | undefined = view.delta === undefined ? undefined : view.delta <= 0 ? 'green' : 'red';
  return [
    seg('Δ   ', DIM),
    seg(formatDelta(view.delta, 2).padStart(6), { bold: true, ...(colour ? { color: colour } : {}) }),
    seg(' '),
    seg(bar.left, { color: 'green' }),
    seg('│', DIM),
    seg(bar.right, { color: 'red' }),
  ];
}

function sectorLine(view: LiveView): StyledLine {
  // Before the first frame nothing is known yet: not "the game sends none".
  if (view.sectors.length === 0) return [seg(view.waiting ? 'sectors: –' : 'sectors: the game sends none', DIM)];
  return view.sectors.flatMap((s, i) => [
    seg(`S${i + 1} `, DIM),
    seg(s.current ? '▶'.padEnd(7) : formatSector(s.time).padEnd(7), { bold: s.current, ...(s.colour ? { color: SECTOR_COLOURS[s.colour] } : {}) }),
    seg('  '),
  ]);
}
