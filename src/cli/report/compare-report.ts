/**
 * `racecraft compare A B`: lap A against lap B (same session or another session of the same
 * track). The document (racecraft.compare/1) names the laps a and b; it is derived from the
 * lap-report document so both commands measure the same way.
 */
import { formatGap, formatLapTime } from '../output.js';
import { SCHEMAS, type LapJson, type SessionJson } from './json.js';
import type { CornerRow, LapReport, SectorRow, StraightRow, TipJson } from './lap-report.js';
import { lapKind, renderCornerTable, renderDeltaChart, renderPedals, renderSectors, renderSpeedChart, renderTips, type RenderOptions } from './lap-render.js';

export type CompareCorner = Omit<CornerRow, 'lap' | 'reference'> & {
  readonly a: CornerRow['lap'];
  readonly b: CornerRow['reference'];
};

export type CompareReport = {
  readonly schema: typeof SCHEMAS.compare;
  readonly units: LapReport['units'];
  /** Session of lap A, and of lap B (the same object when both laps are from one session). */
  readonly sessionA: SessionJson;
  readonly sessionB: SessionJson;
  readonly a: LapJson;
  readonly b: LapJson;
  /** s, A's time minus B's; Σ corner losses + Σ straight losses = delta exactly. */
  readonly delta: number;
  readonly track: LapReport['track'];
  readonly sectors: readonly SectorRow[];
  /** Per corner: both laps' metrics and A's time lost (+) or gained (−) against B by phase. */
  readonly corners: readonly CompareCorner[];
  readonly straights: readonly StraightRow[];
  readonly lossSums: LapReport['lossSums'];
  readonly tips: readonly TipJson[];
  readonly catalog: LapReport['catalog'];
  readonly curves: {
    readonly step: number;
    /** s, time A is behind B at each grid point. */
    readonly delta: readonly number[];
    /** m/s */
    readonly speedA: readonly (number | null)[];
    readonly speedB: readonly (number | null)[];
    readonly throttleA: readonly (number | null)[] | null;
    readonly throttleB: readonly (number | null)[] | null;
    readonly brakeA: readonly (number | null)[] | null;
    readonly brakeB: readonly (number | null)[] | null;
  };
};

export function toCompareReport(r: LapReport, sessionB: SessionJson, b: LapJson): CompareReport {
  return {
    schema: SCHEMAS.compare,
    units: r.units,
    sessionA: r.session,
    sessionB,
    a: r.lap,
    b,
    delta: r.delta,
    track: r.track,
    sectors: r.sectors,
    corners: r.corners.map(({ lap, reference, ...rest }) => ({ ...rest, a: lap, b: reference })),
    straights: r.straights,
    lossSums: r.lossSums,
    tips: r.tips,
    catalog: r.catalog,
    curves: {
      step: r.curves.step,
      delta: r.curves.delta,
      speedA: r.curves.speed,
      speedB: r.curves.referenceSpeed,
      throttleA: r.curves.throttle,
      throttleB: r.curves.referenceThrottle,
      brakeA: r.curves.brake,
      brakeB: r.curves.referenceBrake,
    },
  };
}

/** Human text: header, sectors, the per-corner loss table with its sums, the delta, speed and pedal traces, tips. */
export function renderCompare(r: LapReport, labelA: string, labelB: string, opts: RenderOptions): string[] {
  const s = r.session;
  const lines = [
    `${s.track ?? 'unknown track'} · ${labelA} ${formatLapTime(r.lap.time)} (${lapKind(r.lap)}) vs ${labelB} ${formatLapTime(r.reference.lapTime)}  Δ ${formatGap(r.delta)} s`,
  ];
  if (r.sectors.length > 1) lines.push('', ...renderSectors(r.sectors));
  lines.push('', ...renderCornerTable(r.corners, r.straights, r.lossSums, opts.units, labelB));
  lines.push('', ...renderDeltaChart(r.curves, labelB, opts));
  lines.push('', ...renderSpeedChart(r.curves, r.corners, labelA, labelB, opts));
  const pedals = renderPedals(r.curves, r.corners, labelA, labelB, opts);
  if (pedals.length > 0) lines.push('', ...pedals);
  lines.push('', ...renderTips(r.tips, opts.units, labelB));
  return lines;
}
