/**
 * Human text of `racecraft report lap` (and the parts `compare` shares): pure functions from the
 * report document to lines. No colour, no box drawing beyond the charts, so output pipes and
 * greps cleanly.
 */
import { formatTip } from '../../engine/analysis/coaching.js';
import { formatGap, formatLapTime, renderTable } from '../output.js';
import { cornerMarkers, distanceAxis, downsample, lineChart, plotColumns, plotIndent, sparkline } from './charts.js';
import type { CornerRow, Curves, LapReport, SectorRow, StraightRow } from './lap-report.js';
import { tipLabel } from './lap-report.js';
import { partialNotes } from './partial-notes.js';
import { fmtDistance, fmtDistanceDiff, fmtSigned, fmtSpeed, type Units } from './units.js';

export type RenderOptions = {
  readonly units: Units;
  /** Output width in characters (terminal columns, 100 when piped). */
  readonly width: number;
};

/** "valid flying lap" style description of a lap. */
export function lapKind(lap: { readonly category: string; readonly valid: boolean }): string {
  return `${lap.category}, ${lap.valid ? 'valid' : 'invalid'}`;
}

function referenceTitle(r: LapReport['reference']): string {
  const what = r.kind === 'best' ? `${r.label} (session best)` : r.kind === 'ref' ? `reference ${r.label}` : r.label;
  return `vs ${what} ${formatLapTime(r.lapTime)}`;
}

export function renderLapReport(report: LapReport, opts: RenderOptions): string[] {
  const { units } = opts;
  const s = report.session;
  const lines: string[] = [];
  lines.push(`session ${s.id} · ${s.game} · ${s.track ?? 'unknown track'}${s.car ? ` · ${s.car}` : ''}`);
  lines.push(`lap ${report.lap.number}  ${formatLapTime(report.lap.time)}  ${lapKind(report.lap)}  ${referenceTitle(report.reference)}  Δ ${formatGap(report.delta)} s`);
  if (report.reference.note) lines.push(`(${report.reference.note})`);
  const notes = partialNotes(report.analysed, report.track?.length ?? null, report.track?.distanceSource ?? null, units);
  if (report.analysed !== null) notes.push('Δ, losses and sectors cover only the analysed part; a theoretical best needs whole laps');
  lines.push(...notes);
  if (report.sectors.length > 1) lines.push('', ...renderSectors(report.sectors));
  lines.push('', ...renderCornerTable(report.corners, report.straights, report.lossSums, units, report.reference.label));
  lines.push('', ...renderSpeedChart(report.curves, report.corners, `lap ${report.lap.number}`, report.reference.label, opts));
  lines.push('', ...renderDeltaChart(report.curves, report.reference.label, opts));
  const pedals = renderPedals(report.curves, report.corners, `lap ${report.lap.number}`, report.reference.label, opts);
  if (pedals.length > 0) lines.push('', ...pedals);
  lines.push('', ...renderTips(report.tips, units, tipLabel(report.reference)));
  if (report.catalog.added.length > 0 && report.catalog.stored) lines.push('', `new corners stored in the track's catalog: ${report.catalog.added.map((n) => `T${n}`).join(' ')}`);
  return lines;
}

export function renderSectors(sectors: readonly SectorRow[]): string[] {
  return renderTable(sectors, [
    { header: 'SECTOR', value: (r) => `S${r.number}` },
    { header: 'LAP', value: (r) => (r.time === null ? '–' : r.time.toFixed(3)), align: 'right' },
    { header: 'REF', value: (r) => (r.referenceTime === null ? '–' : r.referenceTime.toFixed(3)), align: 'right' },
    { header: 'Δ', value: (r) => fmtSigned(r.delta), align: 'right' },
    ...(sectors.every((r) => r.covered) ? [] : [{ header: '', value: (r: SectorRow) => (r.covered ? '' : 'partial: only the metres with data') }]),
  ]);
}

/**
 * The corner table: this lap's speeds and brake point against the reference, and the time lost
 * per phase (+ = lost; per-phase columns to 0.01 s, the total to 0.001 s). A sums line closes
 * it: corners + straights = the lap delta. Fits 80 columns.
 */
export function renderCornerTable(rows: readonly CornerRow[], straights: readonly StraightRow[], sums: { corners: number; straights: number; total: number }, units: Units, against: string): string[] {
  const table = renderTable(rows, [
    { header: 'CORNER', value: (r) => `T${r.number}${r.name ? ` ${r.name}` : ''}` },
    { header: 'DIR', value: (r) => r.direction },
    { header: 'ENTRY', value: (r) => fmtSpeed(units, r.lap?.entrySpeed), align: 'right' },
    { header: 'MIN', value: (r) => fmtSpeed(units, r.lap?.minSpeed), align: 'right' },
    { header: 'EXIT', value: (r) => fmtSpeed(units, r.lap?.exitSpeed), align: 'right' },
    { header: 'ΔMIN', value: (r) => speedDiff(units, r.lap?.minSpeed, r.reference?.minSpeed), align: 'right' },
    { header: 'BRAKE@', value: (r) => fmtDistance(units, r.lap?.brakePoint), align: 'right' },
    { header: 'ΔBRAKE', value: (r) => fmtDistanceDiff(units, diff(r.lap?.brakePoint, r.reference?.brakePoint)), align: 'right' },
    { header: 'BRK', value: (r) => fmtSigned(r.loss?.braking, 2), align: 'right' },
    { header: 'MID', value: (r) => fmtSigned(r.loss?.mid, 2), align: 'right' },
    { header: 'EXIT', value: (r) => fmtSigned(r.loss?.exit, 2), align: 'right' },
    { header: 'LOSS', value: (r) => fmtSigned(r.loss?.total), align: 'right' },
  ]);
  const worstStraight = [...straights].sort((a, b) => b.loss - a.loss)[0];
  return [
    `CORNERS  speeds ${units.speedUnit}, brake points ${units.distanceUnit} from the line (ΔBRAKE < 0: braked earlier)`,
    `         time lost per phase in s (+ = lost against ${against})`,
    ...table,
    `sum: corners ${fmtSigned(sums.corners)}  straights ${fmtSigned(sums.straights)}  total ${fmtSigned(sums.total)} s`,
    ...(worstStraight !== undefined && worstStraight.loss > 0.01 ? [`largest straight loss: ${fmtSigned(worstStraight.loss)} s after ${worstStraight.after === null ? 'the line' : `T${worstStraight.after}`}`] : []),
  ];
}

function diff(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) ? null : a - b;
}

function speedDiff(units: Units, a: number | null | undefined, b: number | null | undefined): string {
  const d = diff(a, b);
  if (d === null) return '';
  const v = Math.round(units.speed(d));
  return v === 0 ? '0' : `${v > 0 ? '+' : '-'}${Math.abs(v)}`;
}

/** m, lap length the curves cover. */
function curvesLength(curves: Curves): number {
  return Math.max(0, curves.delta.length - 1) * curves.step;
}

/** Speed of the lap (solid) against the reference (dotted), with corner marks and a distance axis. */
export function renderSpeedChart(curves: Curves, corners: readonly { number: number; apex: number }[], lapLabel: string, refLabel: string, opts: RenderOptions): string[] {
  const columns = plotColumns(opts.width);
  const toUnits = (v: number | null): number | null => (v === null ? null : opts.units.speed(v));
  const mine = downsample(curves.speed.map(toUnits), columns);
  const theirs = downsample(curves.referenceSpeed.map(toUnits), columns);
  const chart = lineChart(mine, theirs, { height: 12 });
  if (chart.length === 0) return ['SPEED  (no speed data)'];
  const length = curvesLength(curves);
  return [
    `SPEED ${opts.units.speedUnit}: ${lapLabel} ─ solid, ${refLabel} · dotted`,
    // Laps a few tenths apart share most cells at this resolution: say why the dots are few.
    '  (the dotted line is hidden wherever the solid one covers it)',
    ...chart,
    plotIndent() + cornerMarkers(corners, length, columns),
    plotIndent() + distanceAxis(opts.units.distance(length), columns, opts.units.distanceUnit),
  ];
}

/** δ along the lap: above zero = behind the reference. */
export function renderDeltaChart(curves: Curves, refLabel: string, opts: RenderOptions): string[] {
  const columns = plotColumns(opts.width);
  const delta = downsample(curves.delta, columns);
  const chart = lineChart(delta, undefined, { height: 6, decimals: 2 });
  if (chart.length === 0) return ['DELTA  (no data)'];
  return [`DELTA s: time behind ${refLabel} along the lap (+ = behind)`, ...chart];
}

/**
 * Throttle and brake of both laps as block sparklines, one row each, on the speed chart's
 * columns (same indent and width), so a lift or a brake point lines up with the trace above.
 */
export function renderPedals(curves: Curves, corners: readonly { number: number; apex: number }[], lapLabel: string, refLabel: string, opts: RenderOptions): string[] {
  const columns = plotColumns(opts.width);
  const rows: [string, readonly (number | null)[] | null][] = [
    ['thr ─', curves.throttle],
    ['thr ·', curves.referenceThrottle],
    ['brk ─', curves.brake],
    ['brk ·', curves.referenceBrake],
  ];
  const present = rows.filter((r): r is [string, readonly (number | null)[]] => r[1] !== null && r[1].some((v) => v !== null));
  if (present.length === 0) return [];
  return [
    `PEDALS: thr throttle, brk brake; ─ ${lapLabel}, · ${refLabel}; ▁ light … █ full`,
    ...present.map(([label, values]) => `${plotIndent(label)}${sparkline(downsample(values, columns))}`.trimEnd()),
    plotIndent() + cornerMarkers(corners, curvesLength(curves), columns),
  ];
}

export function renderTips(tips: LapReport['tips'], units: Units, referenceLabel: string): string[] {
  if (tips.length === 0) return ['COACHING: no corner lost 0.05 s or more — nothing to fix here'];
  return ['COACHING', ...tips.map((tip) => `  ${formatTip(tip, units.system, referenceLabel)}`)];
}
