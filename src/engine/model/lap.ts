/**
 * Why a lap is what it is. Category is separate from validity: a flying lap can be invalid
 * (track limits), an out-lap can be clean.
 */
export const LAP_CATEGORIES = ['out', 'in', 'flying', 'pit', 'rewound', 'incomplete'] as const;
export type LapCategory = (typeof LAP_CATEGORIES)[number];

/** A completed (or salvaged incomplete) lap. Times in s, distances in m. */
export type Lap = {
  /** The game's lap number. */
  readonly number: number;
  /** s, the game's own lap time when it sends one, else the interpolated line-to-line time. */
  readonly time: number;
  /** Where `time` came from. */
  readonly timeSource: 'game' | 'interpolated';
  /** false when the game flagged the lap (track limits) or it is not a complete lap. */
  readonly valid: boolean;
  readonly category: LapCategory;
  /** s, sector times when known (they sum to `time`). */
  readonly sectors: readonly number[];
  /** s, session time at the start and end line crossings. */
  readonly startT: number;
  readonly endT: number;
  /** Analysis marks a lap an outlier (e.g. a spin) without changing its category. */
  readonly outlier?: boolean;
};

/** Lap time bounds: anything outside is a stale counter or a paused game, never a lap. */
export const MIN_LAP_TIME_S = 10;
export const MAX_LAP_TIME_S = 3600;

/** A lap from the line to the line (flying, or an in-lap): it has a lap time, a report and a comparison. */
export function runsLineToLine(lap: Pick<Lap, 'category'>): boolean {
  return lap.category === 'flying' || lap.category === 'in';
}

/** A valid flying lap: the only kind that counts for bests, gaps and references. */
export function isTimedLap(lap: Lap): boolean {
  return lap.valid && lap.category === 'flying';
}

/** The fastest valid flying lap of a list, if any. */
export function bestLap<T extends Lap>(laps: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const lap of laps) if (isTimedLap(lap) && (best === undefined || lap.time < best.time)) best = lap;
  return best;
}
