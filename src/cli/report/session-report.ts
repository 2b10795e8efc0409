/**
 * `racecraft report session`: the document (racecraft.session-report/1, SI units) from the
 * engine's session analysis; session-render.ts draws the human text from it.
 */
import type { Consistency, Degradation, GearShift, GripEnvelope, SessionAnalysis, TheoreticalBest } from '../../engine/analysis/index.js';
import type { Trace } from '../../engine/model/index.js';
import type { LapRecord, SessionDetail } from '../../store/index.js';
import { sessionJson, SCHEMAS, SI_UNITS, type SessionJson } from './json.js';

export type SessionLapRow = {
  readonly number: number;
  /** s */
  readonly time: number;
  readonly timeSource: 'game' | 'interpolated';
  readonly category: string;
  readonly valid: boolean;
  readonly outlier: boolean;
  /** Valid flying lap, not an outlier, no data issues: only clean laps feed best, theoretical best, consistency, trend and grip. */
  readonly clean: boolean;
  readonly issues: readonly string[];
  /** 0..1 share of the lap length with data. */
  readonly coverage: number;
  /** m, the part of the track analysed when the lap does not run line to line (samples begin or end near the line); null otherwise. */
  readonly partial: { readonly from: number; readonly to: number } | null;
  /** s */
  readonly sectors: readonly number[];
  /** s, time minus the best lap's (null when there is no best or the lap is not clean). */
  readonly gapToBest: number | null;
  /** s, time behind the reference at the line and per sector (null when the lap was not analysed). */
  readonly delta: number | null;
  readonly sectorDeltas: readonly number[] | null;
  /** The lap's three largest corner losses, s. */
  readonly worstCorners: readonly { readonly number: number; readonly loss: number }[];
};

export type GripSpeedBin = {
  /** m/s, the bin's speed range. */
  readonly from: number;
  readonly to: number;
  /** g at the envelope percentile: pure lateral (larger side), braking and traction. */
  readonly lateral: number | null;
  readonly braking: number | null;
  readonly traction: number | null;
};

export type GripSummary = {
  /** 0..1, the percentile of |g| the envelope is drawn at (not the hull: one spike does not set it). */
  readonly percentile: number;
  readonly samples: number;
  readonly speedBins: readonly GripSpeedBin[];
};

export type ShiftSummary = {
  /** rpm, highest seen at full throttle. */
  readonly maxRpm: number;
  readonly gears: readonly GearShift[];
  /** s, Σ time lost against the optimal shift points over the session. */
  readonly timeLost: number;
  readonly upshifts: number;
};

export type SessionReport = {
  readonly schema: typeof SCHEMAS.sessionReport;
  readonly units: typeof SI_UNITS;
  readonly session: SessionJson;
  /** m, the lap length analysed on and where lap distance came from (game, projected onto the driven line, or normalized position × estimated length); null without a track model. */
  readonly track: { readonly length: number; readonly distanceSource: 'game' | 'projected' | 'progress' } | null;
  readonly laps: readonly SessionLapRow[];
  readonly bestLap: { readonly number: number; readonly time: number } | null;
  readonly reference: { readonly source: string; readonly label: string; readonly lapNumber: number | null; readonly lapTime: number } | null;
  readonly theoreticalBest: TheoreticalBest | null;
  readonly consistency: Consistency;
  readonly degradation: Degradation;
  readonly grip: GripSummary | null;
  readonly shifts: ShiftSummary | null;
  /** Channels shift points need that no lap has (speed, rpm, gear, throttle): why `shifts` is null. */
  readonly shiftChannelsMissing: readonly string[];
  readonly corners: readonly { readonly number: number; readonly name: string | null; readonly direction: 'L' | 'R'; readonly entry: number; readonly apex: number; readonly exit: number; readonly detected: boolean; readonly added: boolean }[];
  readonly catalog: { readonly stored: boolean; readonly added: readonly number[] };
};

function lapRows(a: SessionAnalysis, records: readonly LapRecord[], analysedIds: readonly number[]): SessionLapRow[] {
  const analyses = new Map(a.lapAnalyses.map((l) => [l.lapNumber, l]));
  const summaryOf = new Map(analysedIds.map((id, i) => [id, a.laps[i]]));
  const best = a.bestLap;
  return records.map((r): SessionLapRow => {
    const l = summaryOf.get(r.id);
    if (l === undefined) {
      return {
        number: r.number, time: r.time, timeSource: r.timeSource, category: r.category, valid: r.valid, outlier: r.outlier, clean: false,
        issues: ['too-few-samples'], coverage: 0, partial: null, sectors: r.sectors, gapToBest: null, delta: null, sectorDeltas: null, worstCorners: [],
      };
    }
    const la = analyses.get(l.number);
    const worst = la === undefined ? [] : [...la.losses.corners].sort((p, q) => q.total - p.total).slice(0, 3).filter((c) => c.total > 0);
    return {
      number: l.number,
      time: l.time,
      timeSource: l.timeSource,
      category: l.category,
      valid: l.valid,
      outlier: l.outlier,
      clean: l.clean,
      issues: l.issues,
      coverage: l.coverage,
      partial: l.partial,
      sectors: l.sectors,
      gapToBest: best !== null && l.clean ? l.time - best.time : null,
      delta: la?.delta ?? null,
      sectorDeltas: la?.sectorDeltas ?? null,
      worstCorners: worst.map((c) => ({ number: c.number, loss: c.total })),
    };
  });
}

export function gripSummary(env: GripEnvelope | null): GripSummary | null {
  if (env === null) return null;
  const bins: GripSpeedBin[] = [];
  env.maxLateral.forEach((lateral, i) => {
    const braking = env.maxBraking[i] ?? null;
    const traction = env.maxTraction[i] ?? null;
    if (lateral === null && braking === null && traction === null) return;
    bins.push({ from: i * env.speedBinWidth, to: (i + 1) * env.speedBinWidth, lateral, braking, traction });
  });
  return { percentile: env.percentile, samples: env.samples, speedBins: bins };
}

export function shiftSummary(shifts: SessionAnalysis['shifts']): ShiftSummary | null {
  if (shifts === null) return null;
  return { maxRpm: shifts.maxRpm, gears: shifts.gears, timeLost: shifts.gears.reduce((s, g) => s + g.timeLost, 0), upshifts: shifts.events.length };
}

/** The channels shift points are computed from. */
const SHIFT_CHANNELS = ['speed', 'rpm', 'gear', 'throttle'] as const;

/** Of the channels shift points need, those no trace has (an imported file without rpm or gear). */
export function missingShiftChannels(traces: readonly Trace[]): string[] {
  return SHIFT_CHANNELS.filter((name) => traces.every((t) => t.channels[name] === undefined));
}

/**
 * `records` are all the session's laps in time order; `analysedIds` the ids of those given to the
 * engine, in the same order (laps with too few samples are listed but not analysed).
 */
export function buildSessionReport(session: SessionDetail, a: SessionAnalysis, records: readonly LapRecord[], analysedIds: readonly number[], catalogStored: boolean, shiftChannelsMissing: readonly string[] = []): SessionReport {
  const best = a.bestLap;
  return {
    schema: SCHEMAS.sessionReport,
    units: SI_UNITS,
    session: sessionJson(session),
    track: a.track === null ? null : { length: a.track.length, distanceSource: a.track.distanceSource },
    laps: lapRows(a, records, analysedIds),
    bestLap: best,
    reference: a.reference === null ? null : { source: a.reference.source, label: a.reference.label, lapNumber: a.reference.lapNumber, lapTime: a.reference.lapTime },
    theoreticalBest: a.theoreticalBest,
    consistency: a.consistency,
    degradation: a.degradation,
    grip: gripSummary(a.grip),
    shifts: shiftSummary(a.shifts),
    shiftChannelsMissing,
    corners: a.corners.map((c) => ({ number: c.number, name: c.name ?? null, direction: c.direction, entry: c.entry, apex: c.apex, exit: c.exit, detected: c.detected, added: c.added })),
    catalog: { stored: catalogStored, added: a.corners.filter((c) => c.added).map((c) => c.number) },
  };
}
