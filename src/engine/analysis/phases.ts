import type { CornerDirection } from './corners.js';
import type { CatalogCorner } from './corner-catalog.js';
import type { ResampledLap } from './resample.js';
import { gridIndex } from './grid.js';
import { firstSustained, steerSign, valueIndex } from './events.js';

/**
 * Where each phase of a corner begins and ends, taken from the reference lap so every lap is
 * cut at the same places (compare at equal track position). All values are grid indices,
 * non-decreasing in lap order and clamped to [0, cells]:
 *   zoneStart = brakingStart ≤ brakePoint ≤ turnIn ≤ apex ≤ exitEnd ≤ zoneEnd
 * The zones partition the lap from the first corner's braking start: each corner owns the lap
 * from its braking start to the next corner's (the straight after it included), so every event
 * of a lap (an early brake, a late throttle) is searched for in exactly one corner.
 */
export type CornerPhases = {
  readonly number: number;
  readonly direction: CornerDirection;
  readonly zoneStart: number;
  /** Start of the braking phase: the reference brake point minus an approach margin, so a lap that brakes earlier is charged to this corner, not to the straight. */
  readonly brakingStart: number;
  /** The reference's brake point (or its lift, or its turn-in when it neither brakes nor lifts). */
  readonly brakePoint: number;
  readonly turnIn: number;
  /** The reference's speed apex. */
  readonly apex: number;
  /** The reference's full-throttle point after the apex (end of the exit phase). */
  readonly exitEnd: number;
  readonly zoneEnd: number;
  /** The catalog corner's geometric apex, as a grid index. */
  readonly geometricApex: number;
  /** Geometric entry/exit of the catalog corner, as (unclamped) grid indices. */
  readonly entry: number;
  readonly exit: number;
};

/** Pedal thresholds shared by phase cutting and per-corner metrics (pedals are 0..1). */
export const BRAKE_ON = 0.1;
export const BRAKE_OFF = 0.05;
export const THROTTLE_LIFT = 0.9;
export const THROTTLE_FULL = 0.95;
/** s, an event must last this long to count (noise, kerb bumps). */
export const MIN_EVENT_S = 0.1;
/** m, the braking phase starts this share of the preceding straight before the reference brake point, within the bounds below. */
const APPROACH_SHARE = 0.25;
const APPROACH_MIN_M = 40;
const APPROACH_MAX_M = 120;
/** m, corners look this far before their geometric entry for braking and turn-in. */
const LOOKBACK_M = 150;

/**
 * Cut the lap into per-corner phases from the reference lap and the catalog corners (sorted
 * by apex): braking from the reference brake point minus an approach margin (a quarter of the
 * straight before it, 40–120 m: still at speed, where a position error costs little time),
 * mid-corner from its turn-in, exit from its speed apex to its full-throttle point. The
 * reference's own events are searched between the previous apex and the fastest point after
 * this corner.
 */
export function cornerPhases(corners: readonly CatalogCorner[], reference: ResampledLap): CornerPhases[] {
  const grid = reference.grid;
  const cells = grid.cells;
  const step = grid.step;
  const K = corners.length;
  if (K === 0) return [];
  const speed = reference.channels.speed;
  const apexIdx = corners.map((c) => Math.round(c.apex / step));

  // Zone boundary after corner i: fastest reference point between its apex and the next apex.
  const boundary: number[] = [];
  for (let i = 0; i < K; i++) {
    const a = apexIdx[i]!;
    const b = i + 1 < K ? apexIdx[i + 1]! : apexIdx[0]! + cells;
    let best = Math.round((a + b) / 2);
    if (speed !== undefined) {
      let vmax = -Infinity;
      for (let k = a + 1; k < b; k++) {
        const v = speed[valueIndex(k, cells)]!;
        if (v > vmax) {
          vmax = v;
          best = k;
        }
      }
    }
    boundary.push(best);
  }

  // The reference's events per corner; the brake point is searched from just after the
  // previous apex, so a brake point before the straight's fastest point is still found.
  const events = corners.map((c, i) => {
    const entry = Math.round(c.entry / step);
    const prevApex = i === 0 ? apexIdx[K - 1]! - cells : apexIdx[i - 1]!;
    const from = Math.max(prevApex + 1, entry - Math.round(LOOKBACK_M / step));
    const zoneEnd = boundary[i]!;
    return referenceEvents(reference, c.direction, from, zoneEnd, entry, Math.round(c.exit / step), apexIdx[i]!);
  });

  // Lap-order points, each clamped into [previous point, cells]. The braking phase starts an
  // approach margin before the reference brake point (never before the previous corner's exit).
  const clamp = (k: number, lo: number): number => Math.min(cells, Math.max(lo, k));
  const points: { bs: number; bp: number; ti: number; ap: number; ee: number }[] = [];
  let floor = 0;
  events.forEach((ev, i) => {
    const prevExit = i === 0 ? events[K - 1]!.exitEnd - cells : events[i - 1]!.exitEnd;
    const straight = Math.max(0, ev.brakePoint - prevExit);
    const margin = Math.min(straight, Math.round(Math.min(APPROACH_MAX_M, Math.max(APPROACH_MIN_M, APPROACH_SHARE * straight * step)) / step));
    const bs = clamp(ev.brakePoint - margin, floor);
    const bp = clamp(ev.brakePoint, bs);
    const ti = clamp(ev.turnIn, bp);
    const ap = clamp(ev.apex, ti);
    const ee = clamp(ev.exitEnd, ap);
    floor = ee;
    points.push({ bs, bp, ti, ap, ee });
  });

  // Zones partition the lap: each runs from its braking start to the next corner's.
  return corners.map((c, i) => {
    const q = points[i]!;
    return {
      number: c.number,
      direction: c.direction,
      zoneStart: q.bs,
      brakingStart: q.bs,
      brakePoint: q.bp,
      turnIn: q.ti,
      apex: q.ap,
      exitEnd: q.ee,
      zoneEnd: i + 1 < K ? Math.max(q.ee, points[i + 1]!.bs) : cells,
      geometricApex: gridIndex(grid, c.apex),
      entry: Math.round(c.entry / step),
      exit: Math.round(c.exit / step),
    };
  });
}

type RefEvents = { brakePoint: number; turnIn: number; apex: number; exitEnd: number };

/** Phase events of the reference within one zone (unwrapped indices; may lie outside [0, cells]). */
function referenceEvents(ref: ResampledLap, direction: CornerDirection, from: number, zoneEnd: number, entry: number, exit: number, geo: number): RefEvents {
  const cells = ref.grid.cells;
  const step = ref.grid.step;
  const { speed, brake, throttle, steer } = ref.channels;
  const t = ref.t;
  const to = zoneEnd;

  let apex = geo;
  if (speed !== undefined) {
    let vmin = Infinity;
    const hi = Math.min(to, exit + Math.round(50 / step));
    for (let k = from; k <= hi; k++) {
      const v = speed[valueIndex(k, cells)]!;
      if (v < vmin) {
        vmin = v;
        apex = k;
      }
    }
  }
  let brakePoint: number | undefined;
  if (brake !== undefined) brakePoint = firstSustained(brake, t, cells, from, apex, (v) => v > BRAKE_ON, MIN_EVENT_S);
  if (brakePoint === undefined && throttle !== undefined) brakePoint = firstSustained(throttle, t, cells, from, apex, (v) => v < THROTTLE_LIFT, MIN_EVENT_S);
  let turnIn = Math.max(entry, from);
  if (steer !== undefined) {
    const sign = steerSign(direction);
    let peak = 0;
    for (let k = from; k <= Math.min(to, exit); k++) peak = Math.max(peak, sign * steer[valueIndex(k, cells)]!);
    if (peak > 0) {
      const found = firstSustained(steer, t, cells, brakePoint ?? from, apex, (v) => sign * v > 0.15 * peak, MIN_EVENT_S);
      if (found !== undefined) turnIn = found;
    }
  }
  let exitEnd = Math.max(apex, Math.min(exit, to));
  if (throttle !== undefined) {
    const full = firstSustained(throttle, t, cells, apex, to, (v) => v >= THROTTLE_FULL, 0.2);
    exitEnd = full ?? to;
  }
  return { brakePoint: Math.min(brakePoint ?? turnIn, turnIn), turnIn, apex, exitEnd };
}
