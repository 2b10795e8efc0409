/**
 * Laps analysed over part of the track. A timed lap can hold samples that begin (or end) some
 * metres from the line: GT7's first race lap is timed from the start line, which at Spa lies
 * 126 m after the finish line; an out-lap begins at the pit box. Such a lap is a real lap over
 * what it covers, so it is analysed there, and whatever needs the whole lap (the lap-time delta,
 * a theoretical best, the time of a sector with missing metres) is reported as not available
 * instead of being invented. A lap that covers the whole track is "complete" and analysed
 * exactly as before.
 */
import type { LapCategory } from '../model/lap.js';
import { MAX_SAMPLE_GAP_S, MIN_COVERAGE } from './laps.js';
import type { ResampledLap } from './resample.js';

/** Largest share of the lap that may be missing at the ends for a lap to be analysed over the rest. */
export const MAX_MISSING_SHARE = 0.1;

/** Grid points of a lap that have data: t is finite on [from, to] (indices). */
export type LapSpan = {
  /** First and last grid index with a time. */
  readonly from: number;
  readonly to: number;
  /** m, missing before the first sample (after the line) and after the last one (before the line). */
  readonly startGapM: number;
  readonly endGapM: number;
  /** Runs from line to line (t at both edge points known). */
  readonly complete: boolean;
};

/** The span of grid points with a time, or undefined when the lap has none. */
export function lapSpan(lap: Pick<ResampledLap, 't' | 'grid'>): LapSpan | undefined {
  const t = lap.t;
  const cells = lap.grid.cells;
  let from = 0;
  while (from <= cells && !Number.isFinite(t[from]!)) from++;
  if (from > cells) return undefined;
  let to = cells;
  while (to > from && !Number.isFinite(t[to]!)) to--;
  const step = lap.grid.step;
  return {
    from,
    to,
    startGapM: from * step,
    endGapM: to === cells ? 0 : lap.grid.length - to * step,
    complete: from === 0 && t[0] === 0 && to === cells,
  };
}

/** Distances (m) a lap was analysed over when it is partial; null when it is complete. */
export type AnalysedPart = { readonly from: number; readonly to: number } | null;

export function analysedPart(span: LapSpan | undefined, lap: Pick<ResampledLap, 'grid'>): AnalysedPart {
  if (span === undefined || span.complete) return null;
  return { from: span.startGapM, to: lap.grid.length - span.endGapM };
}

/**
 * Whether a lap can be analysed: complete, or a timed lap (not 'incomplete') whose missing ends
 * together are at most MAX_MISSING_SHARE of the lap and whose covered part has no hole (the
 * same coverage rule as a complete lap, applied to the part it covers).
 */
export function isAnalysable(lap: ResampledLap, category: LapCategory): boolean {
  const span = lapSpan(lap);
  if (span === undefined) return false;
  if (span.complete) return true;
  if (category === 'incomplete') return false;
  const L = lap.grid.length;
  const missing = span.startGapM + span.endGapM;
  if (missing > MAX_MISSING_SHARE * L) return false;
  return interiorCoverage(lap, span) >= MIN_COVERAGE && lap.quality.maxGapS <= MAX_SAMPLE_GAP_S;
}

/** Share of the covered part with data: the lap's coverage with the missing ends given back. */
export function interiorCoverage(lap: ResampledLap, span: LapSpan): number {
  const L = lap.grid.length;
  const covered = L - span.startGapM - span.endGapM;
  if (!(covered > 0)) return 0;
  const uncoveredInside = Math.max(0, (1 - lap.quality.coverage) * L - span.startGapM - span.endGapM);
  return 1 - uncoveredInside / covered;
}

/** The grid indices both laps have a time at, or undefined when they share none. */
export function commonSpan(a: LapSpan | undefined, b: LapSpan | undefined): { readonly from: number; readonly to: number } | undefined {
  if (a === undefined || b === undefined) return undefined;
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return to > from ? { from, to } : undefined;
}
