/**
 * `racecraft shifts`: shift points per gear from the session's full-throttle acceleration
 * (racecraft.shifts/1, SI units), and the human table with the costliest shifts.
 */
import type { LapInput, ShiftAnalysis } from '../../engine/analysis/index.js';
import type { Trace } from '../../engine/model/index.js';
import { renderTable } from '../output.js';
import { SCHEMAS, SI_UNITS, type SessionJson } from './json.js';
import { renderShiftTable } from './session-render.js';
import { missingShiftChannels, shiftSummary, type ShiftSummary } from './session-report.js';
import { fmtDistance, fmtSpeed, type Units } from './units.js';

export type ShiftEventRow = {
  readonly lap: number;
  /** s, session time of the gear change. */
  readonly t: number;
  /** m, lap distance where it happened (null when the game sends no lap distance). */
  readonly distance: number | null;
  readonly fromGear: number;
  readonly rpm: number;
  /** m/s */
  readonly speed: number;
  /** s lost against shifting at the optimum. */
  readonly timeLost: number;
  readonly verdict: 'early' | 'late' | 'ok' | 'unknown';
};

export type ShiftsReport = {
  readonly schema: typeof SCHEMAS.shifts;
  readonly units: typeof SI_UNITS;
  readonly session: SessionJson;
  /** Laps whose samples were used. */
  readonly laps: readonly number[];
  /** null when fewer than two gears have full-throttle data. */
  readonly summary: ShiftSummary | null;
  /** Channels shift points need that no lap has (speed, rpm, gear, throttle): why `summary` is null. */
  readonly missingChannels: readonly string[];
  /** rpm per m/s for each gear (index = gear; 0 unused). */
  readonly ratios: readonly (number | null)[] | null;
  /** Resistance fitted with the torque curve: deceleration = d0 + d2·v² (m/s², 1/m). */
  readonly drag: { readonly d0: number; readonly d2: number } | null;
  readonly events: readonly ShiftEventRow[];
};

/** `laps` are the laps whose traces were given to analyzeShifts, in the same order. */
export function buildShiftsReport(session: SessionJson, laps: readonly LapInput[], shifts: ShiftAnalysis | undefined): ShiftsReport {
  const lapNumbers = laps.map((l) => l.lap.number);
  return {
    schema: SCHEMAS.shifts,
    units: SI_UNITS,
    session,
    laps: lapNumbers,
    summary: shiftSummary(shifts ?? null),
    missingChannels: missingShiftChannels(laps.map((l) => l.trace)),
    ratios: shifts?.ratios ?? null,
    drag: shifts?.drag ?? null,
    events: (shifts?.events ?? []).map((e) => {
      const trace = laps[e.trace]?.trace;
      return { lap: lapNumbers[e.trace] ?? -1, t: e.t, distance: trace === undefined ? null : distanceAt(trace, e.t), fromGear: e.fromGear, rpm: e.rpm, speed: e.speed, timeLost: e.timeLost, verdict: e.verdict };
    }),
  };
}

/** m, the trace's lap distance at session time `t` (linear between samples); null when unknown. */
export function distanceAt(trace: Trace, t: number): number | null {
  const times = trace.t;
  let lo = 0;
  let hi = trace.length - 1;
  if (hi < 0 || t < times[0]! || t > times[hi]!) return null;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid;
  }
  const a = trace.distance[lo]!;
  const b = trace.distance[hi]!;
  const span = times[hi]! - times[lo]!;
  const f = span > 0 ? (t - times[lo]!) / span : 0;
  const d = Number.isFinite(a) && Number.isFinite(b) ? a + f * (b - a) : Number.isFinite(a) ? a : b;
  return Number.isFinite(d) ? d : null;
}

/** Costliest shifts shown in the human output. */
const WORST_SHIFTS = 5;

export function renderShifts(r: ShiftsReport, units: Units): string[] {
  const s = r.session;
  const lines = [`session ${s.id} · ${s.game} · ${s.track ?? 'unknown track'}${s.car ? ` · ${s.car}` : ''} · ${r.laps.length} laps`, ''];
  lines.push(...renderShiftTable(r.summary, units, r.missingChannels));
  const worst = [...r.events].filter((e) => e.timeLost > 0).sort((a, b) => b.timeLost - a.timeLost).slice(0, WORST_SHIFTS);
  if (worst.length > 0) {
    lines.push('', 'COSTLIEST SHIFTS');
    lines.push(
      ...renderTable(worst, [
        { header: 'LAP', value: (e) => String(e.lap), align: 'right' },
        { header: 'SHIFT', value: (e) => `${e.fromGear}→${e.fromGear + 1}` },
        { header: `AT ${units.distanceUnit}`, value: (e) => fmtDistance(units, e.distance), align: 'right' },
        { header: 'rpm', value: (e) => String(Math.round(e.rpm)), align: 'right' },
        { header: units.speedUnit, value: (e) => fmtSpeed(units, e.speed), align: 'right' },
        { header: 'LOST s', value: (e) => e.timeLost.toFixed(3), align: 'right' },
        { header: '', value: (e) => e.verdict },
      ]),
    );
  }
  return lines;
}
