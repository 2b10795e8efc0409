import type { Lap } from '../model/lap.js';
import type { Trace } from '../model/trace.js';
import { theoreticalBest, type TheoreticalBest } from './best.js';
import type { CornerPhases } from './phases.js';
import { consistency, degradation } from './consistency.js';
import { cornerMetrics } from './corner-metrics.js';
import { gripEnvelope } from './grip.js';
import { markOutliers, qualityIssues } from './laps.js';
import {
  cornerSummaries, gridFor, isComplete, lapLength, lapReport, phasesFor, planeOf, trackGeometry, trackSummary, withDistances,
} from './pipeline.js';
import { analysedPart, isAnalysable, lapSpan } from './partial.js';
import { alignReference } from './reference.js';
import { resampleLap, type ResampledLap } from './resample.js';
import { analyzeShifts } from './shifts.js';
import type { LapInput, LapSummary, SessionAnalysis, SessionInput } from './types.js';

/** Laps the track model is built from (the fastest clean ones). */
const MODEL_LAPS = 10;

/**
 * Analyse a recorded session: lap quality and outliers, the track model and corners (numbered
 * from the stored catalog), the reference (the input one, else the best clean lap), and per lap
 * the delta, the time loss per corner phase (summing exactly to the lap delta), corner metrics,
 * grip utilisation and coaching tips; across laps the theoretical best with its optimism,
 * consistency, the pace trend, the grip envelope and shift points. Pure and synchronous.
 */
export function analyzeSession(input: SessionInput): SessionAnalysis {
  const { laps, session, options } = input;
  const plane = planeOf(laps, options);
  const { traces, source, projectionLength } = withDistances(laps, plane, session.lapDistanceFrom);
  const length = lapLength(session, laps, traces, projectionLength);
  const emptyCatalog = input.corners ?? { length: length ?? 0, corners: [] };
  if (length === undefined) return emptyAnalysis(laps, emptyCatalog, shiftsOf(laps, laps.map((l) => l.trace), laps.map(() => false)));

  const grid = gridFor(length, options);
  const resampled = laps.map((l, i) => resampleLap(traces[i]!, l.lap, grid));
  const full = resampled.map((r, i) => laps[i]!.lap.category !== 'incomplete' && isComplete(r));
  // Analysable: complete, or timed with at most 10 % missing at the ends (partial.ts).
  const complete = resampled.map((r, i) => full[i]! || isAnalysable(r, laps[i]!.lap.category));
  const partial = resampled.map((r, i) => (complete[i]! && !full[i]! ? analysedPart(lapSpan(r), r) : null));
  // A partial lap's missing ends are stated by `partial`, not counted as a hole in its data.
  const issues = resampled.map((r, i) => qualityIssues(r.quality).filter((q) => q !== 'low-coverage' || partial[i] === null));
  const outlierResult = markOutliers(laps.filter((_, i) => complete[i]).map((l) => l.lap));
  const clean = laps.map((l, i) => {
    const lap = l.lap;
    return complete[i]! && lap.category === 'flying' && lap.valid && !outlierResult.outliers.has(lap.number) && issues[i]!.length === 0;
  });
  const summaries: LapSummary[] = laps.map((l, i) => {
    const lapIssues = [...issues[i]!];
    if (outlierResult.implausible.has(l.lap.number)) lapIssues.push('implausible-time');
    return {
      number: l.lap.number,
      time: l.lap.time,
      timeSource: l.lap.timeSource,
      category: l.lap.category,
      valid: l.lap.valid,
      outlier: outlierResult.outliers.has(l.lap.number) || l.lap.outlier === true,
      clean: clean[i]!,
      issues: lapIssues,
      coverage: resampled[i]!.quality.coverage,
      partial: partial[i]!,
      sectors: l.lap.sectors,
    };
  });

  const cleanLaps = resampled.filter((_, i) => clean[i]);
  const completeLaps = resampled.filter((_, i) => complete[i] && issues[i]!.length === 0);
  // The fastest laps' median line is the model; ten are plenty for a robust median.
  const geometryLaps = [...(cleanLaps.length > 0 ? cleanLaps : completeLaps)].sort((a, b) => a.lapTime - b.lapTime).slice(0, MODEL_LAPS);
  const geo = trackGeometry(geometryLaps, grid, session, input.corners, options);
  const sectorStarts = geo.model?.sectorStarts ?? [0, ...(session.sectorStarts ?? [])];

  const bestIndex = pickBest(laps.map((l) => l.lap), clean);
  const fallbackIndex = bestIndex ?? pickBest(laps.map((l) => l.lap), complete.map((c, i) => c && issues[i]!.length === 0));
  const reference = input.reference !== undefined ? alignReference(input.reference, grid) : fallbackIndex !== undefined ? resampled[fallbackIndex] : undefined;

  const envelope = gripEnvelope(traces.filter((_, i) => clean[i]));
  const shifts = shiftsOf(laps, traces, issues.map((q) => q.includes('teleport')));

  const cleanTimes = cleanLaps.map((r) => r.lapTime);
  const cleanNumbers = cleanLaps.map((r) => r.lapNumber);

  if (reference === undefined) {
    return {
      schema: 'racecraft.session-analysis/1',
      track: trackSummary(geo.model, grid, sectorStarts, source),
      corners: cornerSummaries(geo, [], grid.step),
      catalog: geo.match.catalog,
      laps: summaries,
      bestLap: null,
      reference: null,
      theoreticalBest: null,
      consistency: consistency(cleanTimes, []),
      degradation: degradation(cleanNumbers, cleanTimes),
      grip: envelope ?? null,
      shifts,
      lapAnalyses: [],
    };
  }

  const phases = phasesFor(geo.match, reference);
  const referenceMetrics = cornerMetrics(reference, phases);
  const lapAnalyses = resampled
    .filter((_, i) => complete[i] && !issues[i]!.includes('teleport'))
    .map((r) => lapReport(r, reference, phases, referenceMetrics, sectorStarts, envelope, options?.includeCurves === true));
  const cleanMetrics = lapAnalyses.filter((a) => cleanNumbers.includes(a.lapNumber)).map((a) => a.corners);
  const best = bestIndex === undefined ? null : { number: laps[bestIndex]!.lap.number, time: laps[bestIndex]!.lap.time };

  return {
    schema: 'racecraft.session-analysis/1',
    track: trackSummary(geo.model, grid, sectorStarts, source),
    corners: cornerSummaries(geo, phases, grid.step),
    catalog: geo.match.catalog,
    laps: summaries,
    bestLap: best,
    reference: {
      source: input.reference !== undefined ? 'input' : 'session-best',
      label: input.reference?.label ?? (reference.lapNumber > 0 ? `lap ${reference.lapNumber}` : 'reference'),
      lapNumber: input.reference !== undefined ? input.reference.lapNumber ?? null : reference.lapNumber,
      lapTime: reference.lapTime,
      corners: referenceMetrics,
    },
    theoreticalBest: wholeLapBest(cleanLaps, phases, sectorStarts, reference),
    consistency: consistency(cleanTimes, cleanMetrics),
    degradation: degradation(cleanNumbers, cleanTimes),
    grip: envelope ?? null,
    shifts,
    lapAnalyses,
  };
}

/** Resample one lap for use as a stored reference (see toReferenceLap for the JSON form). */
export function resampleForReference(lap: LapInput, session: { readonly trackLength?: number }, gridStep = 1): ResampledLap {
  const length = session.trackLength ?? lapLength({ game: 'csv', ...session }, [lap], [lap.trace], undefined);
  if (length === undefined) throw new RangeError('resampleForReference: unknown lap length');
  return resampleLap(lap.trace, lap.lap, gridFor(length, { gridStep }));
}

/**
 * Segment minima need every metre of every lap: whole clean laps only, cut on a whole reference
 * (the session's, else the fastest whole clean lap). null when no clean lap runs line to line.
 */
function wholeLapBest(cleanLaps: readonly ResampledLap[], phases: readonly CornerPhases[], sectorStarts: readonly number[], reference: ResampledLap): TheoreticalBest | null {
  const whole = cleanLaps.filter(isComplete);
  const cut = isComplete(reference) ? reference : [...whole].sort((a, b) => a.lapTime - b.lapTime)[0];
  if (cut === undefined) return null;
  return theoreticalBest(whole, phases, sectorStarts, cut) ?? null;
}

function pickBest(laps: readonly Lap[], allowed: readonly boolean[]): number | undefined {
  let best: number | undefined;
  laps.forEach((l, i) => {
    if (!allowed[i]) return;
    if (best === undefined || l.time < laps[best]!.time) best = i;
  });
  return best;
}

/**
 * Shift points from every lap that happened in the game's final timeline (not rewound) and did
 * not jump (a reset). They need no lap distance: a file without one still gets its shift table.
 */
function shiftsOf(laps: readonly LapInput[], traces: readonly Trace[], teleported: readonly boolean[]): SessionAnalysis['shifts'] {
  return analyzeShifts(traces.filter((_, i) => laps[i]!.lap.category !== 'rewound' && !teleported[i])) ?? null;
}

function emptyAnalysis(laps: readonly LapInput[], catalog: SessionAnalysis['catalog'], shifts: SessionAnalysis['shifts']): SessionAnalysis {
  return {
    schema: 'racecraft.session-analysis/1',
    track: null,
    corners: [],
    catalog,
    laps: laps.map((l) => ({
      number: l.lap.number,
      time: l.lap.time,
      timeSource: l.lap.timeSource,
      category: l.lap.category,
      valid: l.lap.valid,
      outlier: l.lap.outlier === true,
      clean: false,
      issues: ['low-coverage'],
      coverage: 0,
      partial: null,
      sectors: l.lap.sectors,
    })),
    bestLap: null,
    reference: null,
    theoreticalBest: null,
    consistency: consistency([], []),
    degradation: degradation([], []),
    grip: null,
    shifts,
    lapAnalyses: [],
  };
}
