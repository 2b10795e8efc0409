import { createLiveDelta, resampleForReference, type LapInput, type LiveDelta, type ReferenceLap } from '../../engine/analysis/index.js';
import type { SessionInfo } from '../../engine/model/index.js';
import { formatClock } from '../render/format.js';

export type { ReferenceChoice } from './reference-choice.js';

/**
 * The lap the live delta, the report and the rolling speed trace compare against, prepared
 * once: its time per grid point (for the constant-time live delta) and its speed per grid point.
 */
export type ActiveReference = {
  /** Identifies the reference for caches ("lap:12", "library:f1/monza/...") . */
  readonly key: string;
  /** For people: "lap 3 · 1:32.681", "personal best · 1:31.904 (session 2)". */
  readonly label: string;
  readonly lapTime: number;
  /** The stored lap, when the reference is one. */
  readonly lapId?: number;
  /** s, sector times when known. */
  readonly sectors: readonly number[];
  /** What analyzeLap takes as the reference. */
  readonly input: LapInput | ReferenceLap;
  /** m, lap length of the reference grid. */
  readonly length: number;
  /** m between grid points, and speed (m/s) per grid point (null/NaN where unknown). */
  readonly step: number;
  readonly speed: ArrayLike<number | null> | undefined;
  readonly delta: LiveDelta;
};

/** A recorded lap as the reference. Throws RangeError when its length is unknown. */
export function referenceFromLap(lapId: number, input: LapInput, session: SessionInfo, label: string): ActiveReference {
  const resampled = resampleForReference(input, session);
  return {
    key: `lap:${lapId}`,
    label: `${label} · ${formatClock(input.lap.time)}`,
    lapTime: input.lap.time,
    lapId,
    sectors: input.lap.sectors,
    input,
    length: resampled.grid.length,
    step: resampled.grid.step,
    speed: resampled.channels.speed,
    delta: createLiveDelta(resampled),
  };
}

/** A library reference lap (resampled columns, JSON-safe) as the reference. */
export function referenceFromLibrary(key: string, ref: ReferenceLap, label: string): ActiveReference {
  const grid = { length: ref.grid.length, cells: ref.grid.cells, step: ref.grid.length / ref.grid.cells };
  const t = Float64Array.from({ length: grid.cells + 1 }, (_, k) => Number(ref.t[k] ?? Number.NaN));
  return {
    key: `library:${key}`,
    label: `${label} · ${formatClock(ref.lapTime)}`,
    lapTime: ref.lapTime,
    sectors: [],
    input: ref,
    length: grid.length,
    step: grid.step,
    speed: ref.channels.speed,
    delta: createLiveDelta({ grid, t }),
  };
}
