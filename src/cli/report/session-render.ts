/** Human text of `racecraft report session`: pure, from the session report document. */
import { formatGap, formatLapTime, renderTable } from '../output.js';
import type { GripSummary, SessionReport, ShiftSummary } from './session-report.js';
import { distanceLines, partialLines } from './partial-notes.js';
import { fmtSigned, fmtSpeed, type Units } from './units.js';

export function renderSessionReport(r: SessionReport, units: Units): string[] {
  const s = r.session;
  const lines: string[] = [`session ${s.id} · ${s.game} · ${s.track ?? 'unknown track'}${s.car ? ` · ${s.car}` : ''}`];
  lines.push(...distanceLines(r.track?.distanceSource ?? null, r.track?.length ?? null, units));
  for (const l of r.laps) if (l.partial !== null) lines.push(...partialLines(l.partial, r.track?.length ?? null, units, `lap ${l.number}: samples`));
  lines.push('');
  lines.push(...renderLapTable(r));
  lines.push('', ...renderPace(r));
  lines.push('', ...renderGrip(r.grip, units));
  lines.push('', ...renderShiftTable(r.shifts, units, r.shiftChannelsMissing));
  if (r.catalog.added.length > 0 && r.catalog.stored) lines.push('', `new corners stored in the track's catalog: ${r.catalog.added.map((n) => `T${n}`).join(' ')}`);
  return lines;
}

function renderLapTable(r: SessionReport): string[] {
  if (r.laps.length === 0) return ['no laps recorded in this session'];
  const sectorCount = Math.max(0, ...r.laps.map((l) => l.sectors.length));
  const table = renderTable(r.laps, [
    { header: 'LAP', value: (l) => String(l.number), align: 'right' },
    { header: 'TIME', value: (l) => formatLapTime(l.time), align: 'right' },
    ...Array.from({ length: sectorCount }, (_, i) => ({
      header: `S${i + 1}`,
      value: (l: SessionReport['laps'][number]) => (l.sectors[i] === undefined ? '' : l.sectors[i]!.toFixed(3)),
      align: 'right' as const,
    })),
    { header: 'GAP', value: (l) => (l.gapToBest === null ? '' : formatGap(l.gapToBest)), align: 'right' },
    { header: 'TYPE', value: (l) => l.category },
    { header: 'WORST CORNERS', value: (l) => l.worstCorners.slice(0, 2).map((c) => `T${c.number} ${fmtSigned(c.loss, 2)}`).join('  ') },
    { header: '', value: (l) => lapNote(l, r.bestLap) },
  ]);
  return [`LAPS  (gap to the best clean lap; worst corners: time lost against ${r.reference === null ? 'the reference' : `${r.reference.label}`}, s)`, ...table];
}

/** best / invalid / outlier / data issues: why a lap counts or does not. */
function lapNote(l: SessionReport['laps'][number], best: SessionReport['bestLap']): string {
  if (best !== null && l.number === best.number && l.clean) return 'best';
  const notes = [...(l.valid || l.category !== 'flying' ? [] : ['invalid']), ...(l.outlier ? ['outlier'] : []), ...l.issues];
  return notes.join(', ');
}

/**
 * How much of the segments' gain over the sectors is real. Timing noise alone makes segment
 * minima look faster; when it would explain all of the gain, say so rather than "about 0.235 s
 * of that 0.191 s".
 */
export function optimismLines(tb: { readonly optimism: number; readonly expectedNoiseBias: number; readonly positionNoise: number }): string[] {
  const claim = `  optimism: the segments claim ${tb.optimism.toFixed(3)} s more than the sectors;`;
  const per = `(±${tb.positionNoise} m per boundary)`;
  if (tb.expectedNoiseBias >= tb.optimism) return [`${claim} timing noise alone`, `  ${per} would give about ${tb.expectedNoiseBias.toFixed(3)} s, so all of it may be noise`];
  return [`${claim} about ${tb.expectedNoiseBias.toFixed(3)} s of that`, `  is expected from timing noise alone ${per}`];
}

function renderPace(r: SessionReport): string[] {
  const out: string[] = [];
  out.push(r.bestLap === null ? 'best: no clean lap (valid flying lap without data issues)' : `best: lap ${r.bestLap.number}  ${formatLapTime(r.bestLap.time)}`);
  const tb = r.theoreticalBest;
  if (tb !== null && tb.lapsUsed < 2) {
    // Segment minima of one lap are that lap: no optimism to state.
    out.push(`theoretical best: needs at least 2 whole clean laps (${tb.lapsUsed}); it is the best lap itself`);
  } else if (tb !== null) {
    out.push(`theoretical best: ${formatLapTime(tb.segments.time)} from ${tb.segments.segmentTimes.length} corner-to-corner segments of ${tb.lapsUsed} clean laps,`);
    out.push(`  ${formatLapTime(tb.sectors.time)} from the best sectors`);
    out.push(...optimismLines(tb));
    if (tb.segments.incoherentBoundaries > 0) out.push(`  ${tb.segments.incoherentBoundaries} segment boundaries join laps whose speeds differ by more than 3 km/h`);
  } else if (r.laps.some((l) => l.clean && l.partial !== null)) {
    out.push('theoretical best: needs whole laps (line to line); the clean laps here miss metres at the line');
  } else {
    out.push('theoretical best: needs at least one clean lap');
  }
  const c = r.consistency;
  out.push(
    c.stdDev === null
      ? `consistency: needs at least 2 clean laps (${c.laps})`
      : `consistency: ${c.laps} clean laps, σ ${c.stdDev.toFixed(3)} s, IQR ${c.iqr === null ? '–' : c.iqr.toFixed(3)} s, median ${formatLapTime(c.median ?? undefined)}`,
  );
  const worst = [...c.corners].filter((k) => k.timeInCornerStdDev !== null).sort((p, q) => q.timeInCornerStdDev! - p.timeInCornerStdDev!)[0];
  if (worst !== undefined && c.stdDev !== null) out.push(`  least consistent corner: T${worst.number} (σ of time in corner ${worst.timeInCornerStdDev!.toFixed(3)} s)`);
  const d = r.degradation;
  if (d.slope === null) out.push(`pace trend: ${d.note ?? 'not enough laps'}`);
  else {
    const clear = d.slopeLow !== null && d.slopeHigh !== null && (d.slopeLow > 0 || d.slopeHigh < 0);
    const ci = d.slopeLow === null || d.slopeHigh === null ? '' : ` (95 % interval ${fmtSigned(d.slopeLow)} … ${fmtSigned(d.slopeHigh)})`;
    const verdict = !clear ? 'no clear trend' : d.slope > 0 ? 'getting slower (tyres, fuel or track)' : 'getting faster';
    out.push(`pace trend: ${fmtSigned(d.slope)} s/lap${ci} over ${d.laps} clean laps: ${verdict}`);
  }
  return out;
}

/** At most this many speed rows: the envelope's bins are merged in groups to fit. */
const GRIP_ROWS = 8;

function renderGrip(grip: GripSummary | null, units: Units): string[] {
  if (grip === null || grip.speedBins.length === 0) return ['grip: no envelope (needs clean laps with lateral and longitudinal g)'];
  const group = Math.ceil(grip.speedBins.length / GRIP_ROWS);
  const rows: { from: number; to: number; lateral: number | null; braking: number | null; traction: number | null }[] = [];
  for (let i = 0; i < grip.speedBins.length; i += group) {
    const part = grip.speedBins.slice(i, i + group);
    const max = (pick: (b: (typeof part)[number]) => number | null): number | null => {
      const v = part.map(pick).filter((x): x is number => x !== null);
      return v.length === 0 ? null : Math.max(...v);
    };
    rows.push({ from: part[0]!.from, to: part[part.length - 1]!.to, lateral: max((b) => b.lateral), braking: max((b) => b.braking), traction: max((b) => b.traction) });
  }
  const g = (v: number | null): string => (v === null ? '–' : v.toFixed(2));
  return [
    `GRIP  g reached (${Math.round(grip.percentile * 100)}th percentile of ${grip.samples} clean-lap samples), by speed`,
    ...renderTable(rows, [
      { header: `SPEED ${units.speedUnit}`, value: (b) => `${fmtSpeed(units, b.from)}–${fmtSpeed(units, b.to)}`, align: 'right' },
      { header: 'LATERAL', value: (b) => g(b.lateral), align: 'right' },
      { header: 'BRAKING', value: (b) => g(b.braking), align: 'right' },
      { header: 'TRACTION', value: (b) => g(b.traction), align: 'right' },
    ]),
  ];
}

/** Per gear: the optimal upshift rpm, your median upshift and the time it cost. */
export function renderShiftTable(shifts: ShiftSummary | null, units: Units, missing: readonly string[] = []): string[] {
  if (missing.length > 0) {
    const names = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} or ${missing.at(-1)!}`;
    return [`shifts: none — the recording has no ${names} channel`];
  }
  if (shifts === null || shifts.gears.length === 0) return ['shifts: not enough full-throttle data in two or more gears'];
  const rpm = (v: number | null): string => (v === null ? '–' : String(Math.round(v)));
  return [
    `SHIFTS  upshift points from full-throttle acceleration (max ${Math.round(shifts.maxRpm)} rpm seen)`,
    '        LOST: time lost against shifting at the optimal rpm',
    ...renderTable(shifts.gears, [
      { header: 'GEAR', value: (g) => `${g.gear}→${g.gear + 1}`, align: 'right' },
      { header: 'OPTIMAL rpm', value: (g) => rpm(g.optimalRpm), align: 'right' },
      { header: `AT ${units.speedUnit}`, value: (g) => fmtSpeed(units, g.optimalSpeed), align: 'right' },
      { header: 'YOUR rpm', value: (g) => rpm(g.medianShiftRpm), align: 'right' },
      { header: 'SHIFTS', value: (g) => String(g.shifts), align: 'right' },
      { header: 'LOST s', value: (g) => g.timeLost.toFixed(3), align: 'right' },
      { header: 'BASIS', value: (g) => g.basis },
    ]),
    ...basisNotes(shifts),
    shifts.gears.some((g) => g.optimalRpm !== null)
      ? `total lost to shift timing: ${shifts.timeLost.toFixed(3)} s over ${shifts.upshifts} upshifts`
      : `shift timing not priced: no gear has an optimal shift point (${shifts.upshifts} upshifts made)`,
  ];
}

/** A line for each basis that leaves a gear without advice, so '–' is never unexplained. */
function basisNotes(shifts: ShiftSummary): string[] {
  const notes: string[] = [];
  if (shifts.gears.some((g) => g.basis === 'insufficient')) notes.push('insufficient: too little full-throttle data in that gear or the next (drive more laps)');
  if (shifts.gears.some((g) => g.basis === 'implausible')) notes.push('implausible: the gears\' curves cross below any rpm driven in that gear at full throttle (extrapolated in both): no advice');
  return notes;
}
