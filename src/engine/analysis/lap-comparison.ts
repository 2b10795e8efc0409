/**
 * One lap against a reference (another lap or a stored reference lap), apart from the session
 * analysis so `report lap` and `compare` load only what a two-lap comparison uses.
 */
import {
  cornerSummaries, gridFor, lapLength, lapReport, phasesFor, planeOf, trackGeometry, trackSummary, withDistances,
} from './pipeline.js';
import { commonSpan, isAnalysable, lapSpan } from './partial.js';
import { cornerMetrics } from './corner-metrics.js';
import { alignReference, type ReferenceLap } from './reference.js';
import { resampleLap } from './resample.js';
import type { LapComparison, LapComparisonInput, LapInput } from './types.js';

/**
 * Compare one lap with a reference (another lap or a stored reference lap): delta curve, time
 * loss per corner phase and straight (summing exactly to the lap-time difference), both laps'
 * corner metrics and coaching tips. The track model comes from the two laps.
 */
export function analyzeLap(input: LapComparisonInput): LapComparison {
  const { session, options } = input;
  const refIsLap = isLapInput(input.reference);
  const lapInputs: LapInput[] = refIsLap ? [input.lap, input.reference as LapInput] : [input.lap];
  const plane = planeOf(lapInputs, options);
  const { traces, source, projectionLength } = withDistances(lapInputs, plane, session.lapDistanceFrom);
  const length = lapLength(session, lapInputs, traces, projectionLength) ?? (refIsLap ? undefined : (input.reference as ReferenceLap).grid.length);
  if (length === undefined) throw new RangeError('analyzeLap: the lap has no lap distance, no positions and the session no track length');
  const grid = gridFor(length, options);
  const lap = resampleLap(traces[0]!, input.lap.lap, grid);
  if (!isAnalysable(lap, input.lap.lap.category)) throw new RangeError(`analyzeLap: lap ${input.lap.lap.number} does not run line to line`);
  const reference = refIsLap ? resampleLap(traces[1]!, (input.reference as LapInput).lap, grid) : alignReference(input.reference as ReferenceLap, grid);
  if (!isAnalysable(reference, refIsLap ? (input.reference as LapInput).lap.category : 'flying')) throw new RangeError('analyzeLap: the reference does not run line to line');
  if (commonSpan(lapSpan(lap), lapSpan(reference)) === undefined) throw new RangeError('analyzeLap: the lap and the reference cover no common part of the track');
  const geo = trackGeometry([lap, reference].filter((r) => r.channels.posX !== undefined || r.channels.yaw !== undefined || r.channels.gLat !== undefined), grid, session, input.corners, options);
  const sectorStarts = geo.model?.sectorStarts ?? [0, ...(session.sectorStarts ?? [])];
  const phases = phasesFor(geo.match, reference, lap);
  const referenceMetrics = cornerMetrics(reference, phases);
  const label = refIsLap ? `lap ${(input.reference as LapInput).lap.number}` : (input.reference as ReferenceLap).label ?? 'reference';
  return {
    schema: 'racecraft.lap-comparison/1',
    track: trackSummary(geo.model, grid, sectorStarts, source),
    corners: cornerSummaries(geo, phases, grid.step),
    catalog: geo.match.catalog,
    reference: {
      source: refIsLap ? 'lap' : 'input',
      label,
      lapNumber: refIsLap ? (input.reference as LapInput).lap.number : (input.reference as ReferenceLap).lapNumber ?? null,
      lapTime: reference.lapTime,
      corners: referenceMetrics,
    },
    lap: lapReport(lap, reference, phases, referenceMetrics, sectorStarts, undefined, true),
  };
}

function isLapInput(x: LapInput | ReferenceLap): x is LapInput {
  return (x as LapInput).trace !== undefined && (x as LapInput).lap !== undefined;
}
