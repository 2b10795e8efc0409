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
