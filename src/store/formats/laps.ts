import {
  MAX_LAP_TIME_S,
  MIN_LAP_TIME_S,
  type ChannelName,
  type Lap,
  type LapCategory,
  type Trace,
} from '../../engine/model/index.js';
import type { ImportedLap } from './types.js';

/**
 * Lap segmentation shared by the importers. Files mark laps three ways: marker times (MoTeC
 * .ldx beacons, the CSV "Beacon Markers" row), a lap counter channel (iRacing `Lap`, MoTeC
 * `Lap Number`) with a last-lap-time channel, or not at all (one lap for the whole log).
 */

/** Lap boundaries on the file's clock before the samples are cut. */
export type LapSpan = Lap;

const lap = (fields: Omit<Lap, 'sectors'>): Lap => ({ ...fields, sectors: [] });

const plausible = (time: number): boolean => time >= MIN_LAP_TIME_S && time <= MAX_LAP_TIME_S;

/**
 * Laps from start/finish crossing times (s): the segment before the first marker is the out lap
 * (number 0), segment k between markers k-1 and k is lap k, the segment after the last marker is
 * an incomplete lap. Segments shorter than `minSegment` seconds at either end are dropped (a
 * marker at the very first sample means the log starts on the line). Markers up to `slack` s
 * after the last sample still count (the crossing fell between the last sample and the next).
 */
export function lapsFromMarkers(markers: readonly number[], tStart: number, tEnd: number, minSegment = 1, slack = 0.5): { laps: LapSpan[]; warnings: string[] } {
  const warnings: string[] = [];
  // A crossing just after the last sample (before the next one would have been taken) still ends the lap.
  const inRange = markers.filter((m) => Number.isFinite(m) && m >= tStart - 1e-6 && m <= tEnd + slack);
  if (inRange.length < markers.length) {
    warnings.push(`${markers.length - inRange.length} lap marker(s) outside the log (${tStart.toFixed(3)}..${tEnd.toFixed(3)} s) ignored`);
  }
  const sorted = [...inRange].sort((a, b) => a - b).filter((m, i, all) => i === 0 || m - all[i - 1]! > 1e-3);
  const laps: LapSpan[] = [];
  if (sorted.length === 0) return { laps: [wholeLogLap(tStart, tEnd)], warnings };
  const first = sorted[0]!;
  if (first - tStart >= minSegment) {
    laps.push(lap({ number: 0, time: first - tStart, timeSource: 'interpolated', valid: false, category: 'out', startT: tStart, endT: first }));
  }
  for (let k = 1; k < sorted.length; k++) {
    const startT = sorted[k - 1]!;
    const endT = sorted[k]!;
    const time = endT - startT;
    laps.push(lap({ number: k, time, timeSource: 'game', valid: plausible(time), category: 'flying', startT, endT }));
  }
  const last = sorted[sorted.length - 1]!;
  if (tEnd - last >= minSegment) {
    laps.push(lap({ number: sorted.length, time: tEnd - last, timeSource: 'interpolated', valid: false, category: 'incomplete', startT: last, endT: tEnd }));
  }
  return { laps, warnings };
}

/** The whole log as one incomplete lap: what a file without lap information gives. */
export function wholeLogLap(tStart: number, tEnd: number, number = 1): LapSpan {
  return lap({ number, time: Math.max(0, tEnd - tStart), timeSource: 'interpolated', valid: false, category: 'incomplete', startT: tStart, endT: tEnd });
}

export type CounterInput = {
  /** s, sample times (sorted). */
  readonly t: Float64Array;
  /** The lap counter per sample. */
  readonly counter: ArrayLike<number>;
  /**
   * 'started': the value is the lap being driven (iRacing `Lap`: 0 out of the pits, +1 at the line).
   * 'completed': the value counts finished laps (MoTeC `Lap Number`), so the lap being driven is value+1.
   */
  readonly semantics: 'started' | 'completed';
  /** The game's time of the previous lap per sample (iRacing `LapLastLapTime`, MoTeC `Lap Time`), s. */
  readonly lastLapTime?: ArrayLike<number>;
  /** Non-zero while the car is on pit road (iRacing `OnPitRoad`). */
  readonly inPit?: ArrayLike<number>;
};

/**
 * Laps from a lap counter: a lap ends where the counter steps up. Its time is the game's, read
 * from the last-lap-time channel: the first new value after the step (iRacing updates it a few
 * ticks late, MoTeC loggers at the same sample), within the next lap or 10 s. When the first
 * segment is longer than the time the game reports for it, the log began before that lap did:
 * it is split into an out lap and the timed lap (MoTeC's `Lap Number` stays 0 through the out
 * lap and the first timed lap).
 */
export function lapsFromCounter(input: CounterInput): { laps: LapSpan[]; warnings: string[] } {
  const { t, counter, lastLapTime, inPit } = input;
  const n = t.length;
  const warnings: string[] = [];
  if (n === 0) return { laps: [], warnings };
  const changes: number[] = [];
  for (let i = 1; i < n; i++) {
    const a = counter[i - 1]!;
    const b = counter[i]!;
    if (Number.isFinite(a) && Number.isFinite(b) && a !== b) changes.push(i);
  }
  const tEnd = t[n - 1]!;
  const dt = n > 1 ? (tEnd - t[0]!) / (n - 1) : 0;
  const tolerance = Math.max(1, 2 * dt);
  const numberOf = (value: number): number => (input.semantics === 'started' ? value : value + 1);
  const pitAt = (i: number): boolean => (inPit ? (inPit[Math.min(n - 1, i)] ?? 0) !== 0 : false);
  const bounds = [0, ...changes, n];
  const laps: LapSpan[] = [];
  for (let j = 0; j + 1 < bounds.length; j++) {
    const i0 = bounds[j]!;
    const i1 = bounds[j + 1]!;
    const value = counter[i0]!;
    const number = Number.isFinite(value) ? numberOf(value) : 0;
    const startT = t[i0]!;
    const endT = i1 < n ? t[i1]! : tEnd;
    const duration = endT - startT;
    const isLast = i1 >= n;
    const stepsUp = !isLast && counter[i1]! === value + 1;
    if (!isLast && !stepsUp) warnings.push(`lap counter jumps from ${value} to ${counter[i1]} at t=${endT.toFixed(3)} s`);
    const reported = isLast || !stepsUp ? undefined : reportedTime(lastLapTime, t, i1, bounds[j + 2] ?? n);
    const category = (complete: boolean): LapCategory => {
      // On pit road at both ends and nearly throughout: a pit stop, not a lap. Leaving the pits
      // and crossing the line on track makes the first segment an out lap instead.
      if (pitAt(i0) && pitAt(i1 - 1) && pitShare(inPit, i0, i1) > 0.9) return 'pit';
      if (inPit && pitAt(i1 - 1)) return 'in';
      if (pitShare(inPit, i0, i0 + Math.max(1, (i1 - i0) >> 1)) > 0) return 'out';
      if (!complete && j === 0 && !inPit) return 'out';
      return complete ? 'flying' : 'incomplete';
    };
    if (j === 0 && reported !== undefined && reported < duration - tolerance) {
      // The log began before this timed lap: out lap first, then the lap the game timed.
      const split = endT - reported;
      laps.push(lap({ number: Math.max(0, number - 1), time: split - startT, timeSource: 'interpolated', valid: false, category: 'out', startT, endT: split }));
      laps.push(lap({ number, time: reported, timeSource: 'game', valid: plausible(reported), category: 'flying', startT: split, endT }));
      continue;
    }
    const complete = stepsUp && (j > 0 || (reported !== undefined && Math.abs(reported - duration) <= tolerance));
    if (!complete) {
      const cat = category(false);
      laps.push(lap({ number, time: duration, timeSource: 'interpolated', valid: false, category: cat === 'flying' ? 'incomplete' : cat, startT, endT }));
      continue;
    }
    if (reported !== undefined && Math.abs(reported - duration) > tolerance) {
      warnings.push(`lap ${number}: the game's time ${reported.toFixed(3)} s differs from its samples' ${duration.toFixed(3)} s`);
    }
    const time = reported ?? duration;
    const cat = category(true);
    laps.push(lap({ number, time, timeSource: reported !== undefined ? 'game' : 'interpolated', valid: cat === 'flying' && plausible(time), category: cat, startT, endT }));
  }
  return { laps, warnings };
}

/** Fraction of samples [i0, i1) flagged in the pit (0 without pit information). */
function pitShare(inPit: ArrayLike<number> | undefined, i0: number, i1: number): number {
  if (!inPit || i1 <= i0) return 0;
  let count = 0;
  for (let i = i0; i < i1 && i < inPit.length; i++) if (inPit[i] !== 0) count++;
  return count / (i1 - i0);
}

/** The first new, positive last-lap-time value at or after sample `from` (before `until` and within 10 s). */
function reportedTime(lastLapTime: ArrayLike<number> | undefined, t: Float64Array, from: number, until: number): number | undefined {
  if (!lastLapTime || from < 1) return undefined;
  const before = lastLapTime[from - 1]!;
  const limit = t[from]! + 10;
  for (let i = from; i < until && i < t.length && t[i]! <= limit; i++) {
    const v = lastLapTime[i]!;
    if (v !== before && Number.isFinite(v) && v > 0) return v;
  }
  return undefined;
}

/** Index of the first time >= x (binary search over sorted times). */
export function lowerBound(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cut whole-log columns into per-lap traces: lap k gets the samples with startT <= t < endT (the
 * last lap also keeps a sample exactly at its end). Columns are copied, never shared.
 */
export function cutLaps(
  t: Float64Array,
  distance: Float64Array,
  channels: Partial<Record<ChannelName, Float32Array>>,
  laps: readonly LapSpan[],
): ImportedLap[] {
  const eps = 1e-9;
  return laps.map((l, k) => {
    const i0 = lowerBound(t, l.startT - eps);
    const i1 = k === laps.length - 1 ? lowerBound(t, l.endT + eps) : lowerBound(t, l.endT - eps);
    const s = Math.min(i0, i1);
    const cols: Partial<Record<ChannelName, Float32Array>> = {};
    for (const [name, col] of Object.entries(channels) as [ChannelName, Float32Array][]) cols[name] = col.slice(s, i1);
    const trace: Trace = { length: i1 - s, t: t.slice(s, i1), distance: distance.slice(s, i1), channels: cols };
    return { lap: l, trace };
  });
}
