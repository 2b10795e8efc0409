import type { CornerPhases } from './phases.js';
import { BRAKE_OFF, BRAKE_ON, MIN_EVENT_S, THROTTLE_FULL } from './phases.js';
import type { ResampledLap } from './resample.js';
import { firstSustained, steerSign, timeBetween, valueIndex } from './events.js';

/**
 * What the driver did in one corner on one lap. Positions are m along the lap (null when the
 * event did not happen, e.g. no braking in a flat-out kink), speeds m/s, times s, pedals 0..1.
 */
export type CornerMetrics = {
  readonly number: number;
  /** m, first point before the apex where brake > 10 % for ≥ 0.1 s. */
  readonly brakePoint: number | null;
  /** 0..1, highest brake between the brake point and the apex. */
  readonly peakBrake: number | null;
  /** m, where the brake went back below 5 % after the brake point. */
  readonly brakeRelease: number | null;
  /** m and s with brake > 5 % while steering into the corner (> 15 % of the corner's peak steer). */
  readonly trailBrakeDistance: number;
  readonly trailBrakeTime: number;
  /** 0..1, brake at the turn-in point. */
  readonly brakeAtTurnIn: number | null;
  /** m, first point with steer > 15 % of the corner's peak, in the corner's direction. */
  readonly turnIn: number | null;
  /** m, speed apex (minimum speed) and the speed there, m/s. */
  readonly speedApex: number;
  readonly minSpeed: number | null;
  /** m, speed apex minus the geometric apex (> 0 = late apex). */
  readonly apexOffset: number;
  /** m, first point after the lift where throttle > 20 % for ≥ 0.2 s. */
  readonly throttlePickup: number | null;
  /** m, first point after the apex where throttle ≥ 95 % for ≥ 0.2 s. */
  readonly fullThrottle: number | null;
  /** m and s with throttle < 2 % and brake < 2 % (coasting), within the corner's zone. */
  readonly coastingDistance: number;
  readonly coastingTime: number;
  /** m/s at the reference's brake point and at its full-throttle point (same place on every lap). */
  readonly entrySpeed: number | null;
  readonly exitSpeed: number | null;
  /** s, from the reference's brake point to its full-throttle point. */
  readonly timeInCorner: number;
  readonly gearAtApex: number | null;
};

const THROTTLE_PICKUP = 0.2;
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const COAST_PEDAL = 0.02;

/** Per-corner metrics of one lap, measured inside the corner zones cut from the reference. */
export function cornerMetrics(lap: ResampledLap, phases: readonly CornerPhases[]): CornerMetrics[] {
  return phases.map((p) => metricsFor(lap, p));
}

function metricsFor(lap: ResampledLap, p: CornerPhases): CornerMetrics {
  const cells = lap.grid.cells;
  const step = lap.grid.step;
  const t = lap.t;
  const { speed, brake, throttle, steer, gear } = lap.channels;
  const at = (col: Float32Array | undefined, k: number): number => (col === undefined ? Number.NaN : col[valueIndex(k, cells)]!);
  const from = p.zoneStart;
  const to = p.zoneEnd;
  const sign = steerSign(p.direction);

  // Speed apex within the corner's neighbourhood of the zone.
  let apex = p.apex;
  if (speed !== undefined) {
    let vmin = Infinity;
    const lo = Math.max(from, p.entry - Math.round(150 / step));
    const hi = Math.min(to, p.exit + Math.round(50 / step));
    for (let k = lo; k <= hi; k++) {
      const v = speed[valueIndex(k, cells)]!;
      if (v < vmin) {
        vmin = v;
        apex = k;
      }
    }
  }

  let brakePoint: number | undefined;
  let peakBrake: number | null = null;
  let brakeRelease: number | undefined;
  if (brake !== undefined) {
    brakePoint = firstSustained(brake, t, cells, from, apex, (v) => v > BRAKE_ON, MIN_EVENT_S);
    if (brakePoint !== undefined) {
      let peak = 0;
      for (let k = brakePoint; k <= apex; k++) peak = Math.max(peak, brake[valueIndex(k, cells)]!);
      peakBrake = peak;
      for (let k = brakePoint; k <= to; k++) {
        if (!(brake[valueIndex(k, cells)]! > BRAKE_OFF)) {
          brakeRelease = k;
          break;
        }
      }
    }
  }

  let turnIn: number | undefined;
  let peakSteer = 0;
  if (steer !== undefined) {
    for (let k = from; k <= Math.min(to, p.exit); k++) peakSteer = Math.max(peakSteer, sign * steer[valueIndex(k, cells)]!);
    if (peakSteer > 0) turnIn = firstSustained(steer, t, cells, Math.max(from, (brakePoint ?? p.entry - Math.round(150 / step))), apex, (v) => sign * v > 0.15 * peakSteer, MIN_EVENT_S);
  }

  let trailK = 0;
  let trailT = 0;
  if (brake !== undefined && steer !== undefined && brakePoint !== undefined && peakSteer > 0) {
    const end = brakeRelease ?? apex;
    for (let k = brakePoint; k < end; k++) {
      const i = valueIndex(k, cells);
      if (brake[i]! > BRAKE_OFF && sign * steer[i]! > 0.15 * peakSteer) {
        trailK++;
        trailT += timeBetween(t, cells, k, k + 1);
      }
    }
  }

  let throttlePickup: number | undefined;
  let fullThrottle: number | undefined;
  if (throttle !== undefined) {
    const lift = firstSustained(throttle, t, cells, Math.max(from, brakePoint ?? turnIn ?? p.entry), to, (v) => v < THROTTLE_PICKUP, 0);
    if (lift !== undefined) throttlePickup = firstSustained(throttle, t, cells, Math.max(lift, brakeRelease ?? lift), to, (v) => v >= THROTTLE_PICKUP, 0.2);
    fullThrottle = firstSustained(throttle, t, cells, Math.max(apex, throttlePickup ?? apex), to, (v) => v >= THROTTLE_FULL, 0.2);
  }

  let coastK = 0;
  let coastT = 0;
  if (throttle !== undefined) {
    for (let k = from; k < to; k++) {
      const i = valueIndex(k, cells);
      const b = brake === undefined ? 0 : brake[i]!;
      if (throttle[i]! < COAST_PEDAL && b < COAST_PEDAL && (speed === undefined || speed[i]! > 5)) {
        coastK++;
        coastT += timeBetween(t, cells, k, k + 1);
      }
    }
  }

  const pos = (k: number | undefined): number | null => (k === undefined ? null : k * step);
  const g = at(gear, apex);
  return {
    number: p.number,
    brakePoint: pos(brakePoint),
    peakBrake,
    brakeRelease: pos(brakeRelease),
    trailBrakeDistance: trailK * step,
    trailBrakeTime: trailT,
    brakeAtTurnIn: brake !== undefined && turnIn !== undefined ? at(brake, turnIn) : null,
    turnIn: pos(turnIn),
    speedApex: apex * step,
    minSpeed: finite(at(speed, apex)),
    apexOffset: (apex - p.geometricApex) * step,
    throttlePickup: pos(throttlePickup),
    fullThrottle: pos(fullThrottle),
    coastingDistance: coastK * step,
    coastingTime: coastT,
    entrySpeed: finite(at(speed, p.brakePoint)),
    exitSpeed: finite(at(speed, p.exitEnd)),
    timeInCorner: timeBetween(t, cells, p.brakePoint, p.exitEnd),
    gearAtApex: Number.isFinite(g) ? g : null,
  };
}
