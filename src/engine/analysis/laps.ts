import type { TelemetryFrame } from '../model/frame.js';
import type { Lap, LapCategory } from '../model/lap.js';
import type { ResampleQuality } from './resample.js';
import { MAD_TO_SIGMA, mad, median } from './stats.js';

/** What is known about a lap's run, from which its category follows. */
export type LapFacts = {
  /** The lap began in the pit lane or box. */
  readonly startedInPit: boolean;
  /** The lap ended in the pit lane or box. */
  readonly endedInPit: boolean;
  /** Every sample was in the pit lane (a drive-through, a pit-lane-only lap). */
  readonly allInPit?: boolean;
  /** The lap runs line to line with its distance covered. */
  readonly complete: boolean;
  /** Time went back during the lap (flashback, rewind) or the car was reset. */
  readonly rewound: boolean;
};

/**
 * Category from facts, in order of precedence: incomplete (no line-to-line time) → rewound
 * (the time is not a real one) → pit (the whole lap in the pit lane) → out → in → flying.
 * Validity is separate: a flying lap can be invalid (track limits), an out-lap can be clean.
 */
export function categorizeLap(facts: LapFacts): LapCategory {
  if (!facts.complete) return 'incomplete';
  if (facts.rewound) return 'rewound';
  if (facts.allInPit === true || (facts.startedInPit && facts.endedInPit)) return 'pit';
  if (facts.startedInPit) return 'out';
  if (facts.endedInPit) return 'in';
  return 'flying';
}

/** m, a backward jump of lap distance larger than this (not at the line) is a rewind or reset. */
const REWIND_JUMP_M = 50;

/**
 * Facts of one lap from its frames (in arrival order): pit flags at the ends, whether session
 * time or lap distance went back (flashback, reset), and whether the frames run line to line
 * (first distance within 1 % of the length after the line, last within 1 % before it, and no
 * gap in distance over 2 %). `startedAtLine` is the lap tracker's knowledge that a crossing
 * opened the lap; without it a lap that began mid-track is incomplete.
 */
export function lapFactsFromFrames(frames: readonly TelemetryFrame[], trackLength: number, startedAtLine = true): LapFacts {
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (first === undefined || last === undefined) return { startedInPit: false, endedInPit: false, complete: false, rewound: false };
  let rewound = false;
  let allInPit = true;
  let maxGap = 0;
  let prevT = first.t;
  let prevD: number | undefined;
  let minD = Infinity;
  let maxD = -Infinity;
  for (const f of frames) {
    if (f.inPit !== true) allInPit = false;
    if (f.t < prevT) rewound = true;
    prevT = f.t;
    const d = f.lapDistance;
    if (d === undefined || !Number.isFinite(d)) continue;
    if (prevD !== undefined) {
      // A drop by most of a lap is the line (a late-latched distance), not a rewind.
      if (prevD - d > REWIND_JUMP_M && prevD - d < 0.5 * trackLength) rewound = true;
      if (d > prevD) maxGap = Math.max(maxGap, d - prevD);
    }
    if (d >= 0 && d <= trackLength) {
      minD = Math.min(minD, d);
      maxD = Math.max(maxD, d);
    }
    prevD = d;
  }
  const complete = startedAtLine && minD <= 0.01 * trackLength && maxD >= 0.99 * trackLength && maxGap <= 0.02 * trackLength;
  return { startedInPit: first.inPit === true, endedInPit: last.inPit === true, allInPit, complete, rewound };
}

/** A lap counts as complete when its samples cover this share of the length. */
export const MIN_COVERAGE = 0.98;
/** Sample gaps longer than this make the lap's data unreliable. */
export const MAX_SAMPLE_GAP_S = 0.25;

/** Data-quality problems found while resampling (each makes a lap unusable as a reference). */
export type LapIssue = 'low-coverage' | 'sample-gap' | 'rewound' | 'teleport' | 'implausible-time';

export function qualityIssues(quality: ResampleQuality): LapIssue[] {
  const issues: LapIssue[] = [];
  if (quality.coverage < MIN_COVERAGE) issues.push('low-coverage');
  if (quality.maxGapS > MAX_SAMPLE_GAP_S) issues.push('sample-gap');
  if (quality.rewound) issues.push('rewound');
  if (quality.teleport) issues.push('teleport');
  return issues;
}

export type OutlierRule = {
  /** Multiples of the robust σ (1.4826·MAD) above the median. Default 3. */
  readonly k?: number;
  /** Floor of the threshold as a share of the median, so a very consistent driver's 0.2 s slip is no outlier. Default 0.01. */
  readonly minShare?: number;
  /** Laps slower than this share of the best are outliers too (FastF1's 107 %). Default 1.07. */
  readonly bestShare?: number;
};

export type OutlierResult = {
  /** Lap numbers marked outlier. */
  readonly outliers: ReadonlySet<number>;
  /** s, lap times above this are outliers. NaN when fewer than 3 candidate laps. */
  readonly threshold: number;
  /** Lap numbers whose time is outside [0.5, 1.5] × median (a counter glitch, not a lap). */
  readonly implausible: ReadonlySet<number>;
};

/**
 * Mark slow laps (spins, traffic) among complete flying laps: slower than
 * median + max(k·1.4826·MAD, minShare·median), or than bestShare × best. Robust: one spun lap
 * cannot drag the threshold up the way a mean and σ would. Needs 3 flying laps; with fewer,
 * nothing is marked.
 */
export function markOutliers(laps: readonly Pick<Lap, 'number' | 'time' | 'category'>[], rule: OutlierRule = {}): OutlierResult {
  const flying = laps.filter((l) => l.category === 'flying' && Number.isFinite(l.time) && l.time > 0);
  const times = flying.map((l) => l.time);
  const outliers = new Set<number>();
  const implausible = new Set<number>();
  if (flying.length < 3) return { outliers, threshold: Number.NaN, implausible };
  const med = median(times);
  for (const l of flying) if (l.time < 0.5 * med || l.time > 1.5 * med) implausible.add(l.number);
  const sane = flying.filter((l) => !implausible.has(l.number));
  const best = Math.min(...sane.map((l) => l.time));
  const spread = Math.max((rule.k ?? 3) * MAD_TO_SIGMA * mad(sane.map((l) => l.time)), (rule.minShare ?? 0.01) * med);
  const threshold = Math.min(med + spread, (rule.bestShare ?? 1.07) * best);
  for (const l of flying) if (implausible.has(l.number) || l.time > threshold) outliers.add(l.number);
  return { outliers, threshold, implausible };
}
