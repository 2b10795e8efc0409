/**
 * `racecraft report lap N`: the document (racecraft.lap-report/1, SI units) built from the
 * engine's lap comparison. The human renderer (lap-render.ts) draws from this same document,
 * so the two outputs cannot disagree.
 */
import type { CornerMetrics, CornerPhasePoints, LapComparison, LapCurves, Tip } from '../../engine/analysis/index.js';
import { formatTip } from '../../engine/analysis/coaching.js';
import type { LapRecord, SessionDetail } from '../../store/index.js';
import { lapJson, sessionJson, SCHEMAS, SI_UNITS, type CornerIdentity, type LapJson, type SessionJson } from './json.js';
import type { UnitSystem } from './units.js';
import type { ResolvedReference } from './reference.js';

export type PhaseLoss = {
  /** s, time lost (> 0) or gained (< 0) in each phase of the corner and in total. */
  readonly braking: number;
  readonly mid: number;
  readonly exit: number;
  readonly total: number;
};

export type CornerRow = CornerIdentity & {
  /** The reference's phase points (m), null when the corner could not be cut. */
  readonly phases: CornerPhasePoints | null;
  readonly lap: CornerMetrics | null;
  readonly reference: CornerMetrics | null;
  readonly loss: PhaseLoss | null;
};

export type StraightRow = { readonly after: number | null; readonly before: number | null; readonly loss: number };

export type TipJson = Tip & { readonly text: string };

export type ReferenceJson = {
  /** best: the session's best valid flying lap; lap: a lap you chose; ref: the library reference chosen for the track. */
  readonly kind: 'best' | 'lap' | 'ref';
  readonly label: string;
  readonly sessionId: number | null;
  readonly lapNumber: number | null;
  readonly lapTime: number;
  readonly libraryKey: string | null;
  readonly note: string | null;
};

export type SectorRow = {
  readonly number: number;
  /** m */
  readonly start: number;
  readonly end: number;
  /** s, recorded sector times of the lap and the reference lap (null when not recorded). */
  readonly time: number | null;
  readonly referenceTime: number | null;
  /** s, δ gained over the sector on the distance grid (Σ = delta). */
  readonly delta: number;
  /** The sector lies wholly in the analysed part of the lap; when false, delta covers only the metres with data. */
  readonly covered: boolean;
};

export type Curves = LapCurves;

export type LapReport = {
  readonly schema: typeof SCHEMAS.lapReport;
  readonly units: typeof SI_UNITS;
  readonly session: SessionJson;
  readonly lap: LapJson;
  readonly reference: ReferenceJson;
  /** s, lap time minus reference lap time; Σ corner losses + Σ straight losses = delta exactly. Over `analysed` only when that is set. */
  readonly delta: number;
  /**
   * m, the part of the lap compared when the lap or the reference misses metres at an end (e.g.
   * samples that begin after the line); null when both run line to line.
   */
  readonly analysed: { readonly from: number; readonly to: number } | null;
  readonly track: { readonly length: number; readonly sectorStarts: readonly number[]; readonly distanceSource: string; readonly curvatureSource: string } | null;
  readonly sectors: readonly SectorRow[];
  readonly corners: readonly CornerRow[];
  readonly straights: readonly StraightRow[];
  /** s: Σ corner totals, Σ straights, and their sum (= delta). */
  readonly lossSums: { readonly corners: number; readonly straights: number; readonly total: number };
  readonly tips: readonly TipJson[];
  /** The track's corner catalog: kept in the database (false when the game names no track), and corners it gained now. */
  readonly catalog: { readonly stored: boolean; readonly added: readonly number[] };
  readonly curves: Curves;
};

/** Context of a lap report besides the engine's comparison. */
export type LapReportContext = {
  readonly session: SessionDetail;
  readonly lap: LapRecord;
  readonly reference: ResolvedReference;
  /** The reference lap's record, when the reference is a recorded lap (for its sector times). */
  readonly referenceRecord: LapRecord | undefined;
  readonly comparison: LapComparison;
  readonly catalogStored: boolean;
  /** Units of the tips' text (the numbers stay SI). */
  readonly units: UnitSystem;
};

/** How tips name the reference: "your best", "lap 7", or the reference driver. */
export function tipLabel(reference: Pick<ResolvedReference, 'kind' | 'label'>): string {
  return reference.kind === 'best' ? 'your best' : reference.label;
}

export function referenceJson(r: ResolvedReference): ReferenceJson {
  return { kind: r.kind, label: r.label, sessionId: r.sessionId, lapNumber: r.lapNumber, lapTime: r.lapTime, libraryKey: r.libraryKey, note: r.note };
}

/** Per catalog corner: geometry, both laps' metrics and the time lost by phase. */
export function cornerRows(c: LapComparison): CornerRow[] {
  const mine = new Map(c.lap.corners.map((m) => [m.number, m]));
  const theirs = new Map(c.reference.corners.map((m) => [m.number, m]));
  const losses = new Map(c.lap.losses.corners.map((l) => [l.number, l]));
  return c.corners.map((corner) => {
    const l = losses.get(corner.number);
    return {
      number: corner.number,
      name: corner.name ?? null,
      direction: corner.direction,
      entry: corner.entry,
      apex: corner.apex,
      exit: corner.exit,
      detected: corner.detected,
      added: corner.added,
      phases: corner.phases,
      lap: mine.get(corner.number) ?? null,
      reference: theirs.get(corner.number) ?? null,
      loss: l === undefined ? null : { braking: l.braking, mid: l.mid, exit: l.exit, total: l.total },
    };
  });
}

/** Σ corner totals and Σ straights; their sum is the lap delta exactly (the engine quantises losses). */
export function lossSums(c: LapComparison): LapReport['lossSums'] {
  const corners = c.lap.losses.corners.reduce((s, l) => s + l.total, 0);
  const straights = c.lap.losses.straights.reduce((s, l) => s + l.loss, 0);
  return { corners, straights, total: corners + straights };
}

function sectorRows(c: LapComparison, lap: LapRecord, referenceRecord: LapRecord | undefined): SectorRow[] {
  const length = c.track?.length ?? (c.lap.curves === null ? 0 : (c.lap.curves.delta.length - 1) * c.lap.curves.step);
  const starts = c.track?.sectorStarts ?? [0];
  const part = c.lap.analysed;
  return c.lap.sectorDeltas.map((delta, i) => {
    const start = starts[i] ?? 0;
    const end = starts[i + 1] ?? length;
    return {
      number: i + 1,
      start,
      end,
      time: lap.sectors.length === c.lap.sectorDeltas.length ? (lap.sectors[i] ?? null) : null,
      referenceTime: referenceRecord !== undefined && referenceRecord.sectors.length === c.lap.sectorDeltas.length ? (referenceRecord.sectors[i] ?? null) : null,
      delta,
      // Half a metre: the analysed part's ends sit on the 1 m grid.
      covered: part === null || (start >= part.from - 0.5 && end <= part.to + 0.5),
    };
  });
}

export function buildLapReport(ctx: LapReportContext): LapReport {
  const c = ctx.comparison;
  const curves = c.lap.curves;
  const label = tipLabel(ctx.reference);
  return {
    schema: SCHEMAS.lapReport,
    units: SI_UNITS,
    session: sessionJson(ctx.session),
    lap: lapJson(ctx.lap),
    reference: referenceJson(ctx.reference),
    delta: c.lap.delta,
    analysed: c.lap.analysed,
    track: c.track === null ? null : { length: c.track.length, sectorStarts: c.track.sectorStarts, distanceSource: c.track.distanceSource, curvatureSource: c.track.curvatureSource },
    sectors: sectorRows(c, ctx.lap, ctx.referenceRecord),
    corners: cornerRows(c),
    straights: c.lap.losses.straights,
    lossSums: lossSums(c),
    tips: c.lap.tips.map((tip) => ({ ...tip, text: formatTip(tip, ctx.units, label) })),
    catalog: { stored: ctx.catalogStored, added: c.corners.filter((k) => k.added).map((k) => k.number) },
    curves: {
      step: curves?.step ?? 1,
      delta: rounded(curves?.delta ?? [], CURVE_DECIMALS.delta) as number[],
      speed: rounded(curves?.speed ?? [], CURVE_DECIMALS.speed),
      referenceSpeed: rounded(curves?.referenceSpeed ?? [], CURVE_DECIMALS.speed),
      throttle: roundedOrNull(curves?.throttle ?? null),
      brake: roundedOrNull(curves?.brake ?? null),
      referenceThrottle: roundedOrNull(curves?.referenceThrottle ?? null),
      referenceBrake: roundedOrNull(curves?.referenceBrake ?? null),
    },
  };
}

/**
 * Decimals kept in the per-metre curves (µs, mm/s, 0.1 % pedal): far below what the data
 * resolves, and it keeps a 5 km lap's document a few hundred kB instead of a megabyte.
 */
export const CURVE_DECIMALS = { delta: 6, speed: 3, pedal: 3 } as const;

function rounded(values: readonly (number | null)[], decimals: number): (number | null)[] {
  const f = 10 ** decimals;
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * f) / f;
  }
  return out;
}

function roundedOrNull(values: readonly (number | null)[] | null): (number | null)[] | null {
  return values === null ? null : rounded(values, CURVE_DECIMALS.pedal);
}
