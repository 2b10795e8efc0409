/**
 * Throttle and brake of a lap and its reference on the report's distance grid, for the pedal
 * traces (the engine's lap comparison carries speed and delta curves, not the pedals). Uses the
 * engine's own resampling, so the columns line up with its curves point for point.
 */
import {
  alignReference, makeGrid, modelFromLapPositions, projectedDistance, resampleLap,
  type LapInput, type ReferenceLap, type ResampledLap,
} from '../../engine/analysis/index.js';
import type { Trace } from '../../engine/model/index.js';

export type PedalCurves = {
  /** 0..1 per grid point; null where the channel is missing. */
  readonly throttle: readonly (number | null)[] | null;
  readonly brake: readonly (number | null)[] | null;
  readonly referenceThrottle: readonly (number | null)[] | null;
  readonly referenceBrake: readonly (number | null)[] | null;
};

const PEDALS = ['throttle', 'brake'] as const;

/** No pedal traces (no grid to put them on). */
export const NO_PEDALS: PedalCurves = { throttle: null, brake: null, referenceThrottle: null, referenceBrake: null };

/**
 * Pedals of `lap` and `reference` on the grid of `cells` cells over `length` m. Laps without a
 * game lap distance (GT7, Forza) are projected onto the lap's own driven line, as the engine does.
 */
export function pedalCurves(lap: LapInput, reference: LapInput | ReferenceLap, length: number, cells: number): PedalCurves {
  const grid = makeGrid(length, length / cells);
  const refLap = isLapInput(reference) ? reference : undefined;
  const traces = withDistance([lap, ...(refLap ? [refLap] : [])]);
  const mine = safeResample(traces[0]!, lap, grid);
  const theirs = refLap !== undefined ? safeResample(traces[1]!, refLap, grid) : alignReference(reference as ReferenceLap, grid);
  const column = (r: ResampledLap | undefined, name: (typeof PEDALS)[number]): (number | null)[] | null => {
    const c = r?.channels[name];
    if (c === undefined) return null;
    const out = new Array<number | null>(c.length);
    for (let i = 0; i < c.length; i++) {
      const v = c[i]!;
      out[i] = v === v ? v : null; // NaN (no sample) → null
    }
    return out;
  };
  return { throttle: column(mine, 'throttle'), brake: column(mine, 'brake'), referenceThrottle: column(theirs, 'throttle'), referenceBrake: column(theirs, 'brake') };
}

function safeResample(trace: Trace, lap: LapInput, grid: ReturnType<typeof makeGrid>): ResampledLap | undefined {
  try {
    return resampleLap(trace, lap.lap, grid, { channels: PEDALS });
  } catch {
    return undefined; // no usable distance: the report shows no pedal trace rather than failing
  }
}

function withDistance(laps: readonly LapInput[]): Trace[] {
  if (laps.some((l) => l.trace.distance.some((d) => Number.isFinite(d)))) return laps.map((l) => l.trace);
  const plane = laps.some((l) => l.trace.channels.posZ !== undefined) ? 'xz' : 'xy';
  const fastest = [...laps].sort((a, b) => a.lap.time - b.lap.time)[0]!;
  const model = modelFromLapPositions(fastest.trace, plane);
  if (model === undefined) return laps.map((l) => l.trace);
  return laps.map((l) => ({ ...l.trace, distance: projectedDistance(l.trace, model, plane) }));
}

function isLapInput(x: LapInput | ReferenceLap): x is LapInput {
  return (x as LapInput).trace !== undefined;
}
