import type { LapSpan } from '../laps.js';

/** s: a lap counter may step this long after the crossing it counts (MoTeC's sample: 2.7 s). */
const MAX_COUNTER_LAG_S = 10;

/**
 * Line crossings placed by the logger's running lap time, where the lap counter placed them late.
 * A MoTeC logger's `Lap Number` is often logged at 1 Hz and steps some seconds after the beacon
 * (MoTeC's sample log: 2.7 s), so laps cut on it carry the end of the previous lap and miss
 * their own start. `Running Lap Time` holds the time since the last crossing, so any of its
 * samples just after a boundary gives the crossing itself: t − value (to its 0.01 s resolution).
 *
 * Each boundary between two adjacent laps moves to that crossing when the first running-time
 * sample at or after it points back less than MAX_COUNTER_LAG_S. Flying laps keep the logger's
 * lap time; the others are re-timed by their new bounds.
 */
export function crossingsFromRunningTime(laps: readonly LapSpan[], running: { readonly data: ArrayLike<number>; readonly rate: number }): LapSpan[] {
  const { data, rate } = running;
  if (!(rate > 0) || data.length === 0) return [...laps];
  const out = laps.map((l) => ({ ...l }));
  for (let k = 0; k + 1 < out.length; k++) {
    const boundary = out[k]!.endT;
    if (Math.abs(out[k + 1]!.startT - boundary) > 1e-6) continue;
    const j = Math.ceil(boundary * rate - 1e-6);
    if (j >= data.length) continue;
    const value = data[j]!;
    const crossing = j / rate - value;
    const lag = boundary - crossing;
    if (!Number.isFinite(value) || value < 0 || lag < -1e-6 || lag > MAX_COUNTER_LAG_S || crossing <= out[k]!.startT) continue;
    out[k]!.endT = crossing;
    out[k + 1]!.startT = crossing;
  }
  return out.map((l) => (l.category === 'flying' ? l : { ...l, time: l.endT - l.startT }));
}

/**
 * A log that begins just after a crossing (one lap exported on its own: its first sample follows
 * the line by a fraction of a period) has its first beacon clamped to the first sample. The
 * running lap time there says how far after the line it began: the lap starts that much earlier,
 * and a lap timed by its beacons gets that time back (5 ms of a racecraft lap export at 60 Hz).
 */
export function startFromRunningTime(laps: readonly LapSpan[], running: { readonly data: ArrayLike<number>; readonly rate: number }): LapSpan[] {
  const first = laps[0];
  const value = running.data.length > 0 ? running.data[0]! : Number.NaN;
  if (!first || Math.abs(first.startT) > 1e-6 || !(value > 0) || !(value <= 2 / running.rate)) return [...laps];
  // A lone lap the counter could only call an out lap (no crossing in the log) began at the line:
  // the unfinished lap exported on its own, not a lap out of the pits.
  if (first.category === 'out') return laps.length === 1 ? [{ ...first, category: 'incomplete', startT: -value, time: first.time + value }] : [...laps];
  return [{ ...first, startT: -value, time: first.time + value }, ...laps.slice(1)];
}

/**
 * Lap numbers from the logger's `Lap Number` (laps completed: the lap being driven is value + 1)
 * where beacons only count laps from the start of the log, so that one lap exported on its own
 * comes back as lap 7, not lap 1. Applied only when every flying lap agrees on the same shift.
 */
export function numbersFromLapCounter(laps: readonly LapSpan[], counter: { readonly data: ArrayLike<number>; readonly rate: number }): LapSpan[] {
  const shifts = new Set<number>();
  for (const lap of laps) {
    if (lap.category !== 'flying') continue;
    const j = Math.min(counter.data.length - 1, Math.max(0, Math.round(((lap.startT + lap.endT) / 2) * counter.rate)));
    const value = counter.data[j]!;
    if (!Number.isInteger(value) || value < 0) return [...laps];
    shifts.add(value + 1 - lap.number);
  }
  const shift = shifts.size === 1 ? [...shifts][0]! : 0;
  return shift === 0 ? [...laps] : laps.map((l) => ({ ...l, number: l.number + shift }));
}
