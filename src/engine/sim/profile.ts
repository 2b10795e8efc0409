import {
  brakingLimit,
  ellipseRemaining,
  engineRpm,
  lateralLimit,
  resistanceForce,
  tractionLimit,
  wheelForce,
  type CarModel,
} from './car.js';

/**
 * The quasi-steady-state speed profile on a uniform distance grid (analysis-algorithms.md §11):
 * a backward pass brings the corner speed caps back through the braking zones, then a forward
 * pass accelerates with the engine, the gearbox and the friction ellipse, never exceeding the
 * backward envelope. Each 1 m cell has constant acceleration (v² linear in distance), so the
 * time of a cell is exactly 2·ds / (v0 + v1).
 */

/** m/s², deceleration available for braking at `speed` on curvature `kappa` using `brakeShare` of the tyre. */
export function brakingDecel(car: CarModel, speed: number, kappa: number, brakeShare: number): number {
  const lat = speed * speed * Math.abs(kappa);
  const tyre = brakeShare * brakingLimit(car, speed) * ellipseRemaining(lat, lateralLimit(car, speed));
  return tyre + resistanceForce(car, speed) / car.massKg;
}

/** N, the most the driven tyres can push at `speed` on curvature `kappa` (friction ellipse). */
export function tractionForce(car: CarModel, speed: number, kappa: number): number {
  const lat = speed * speed * Math.abs(kappa);
  return car.massKg * tractionLimit(car, speed) * ellipseRemaining(lat, lateralLimit(car, speed));
}

/**
 * The braking envelope: the highest speed at each node from which the driver can still meet
 * every cap ahead, braking with `brakeShare[i]` of the tyre. Caps are m/s (Infinity = free).
 */
export function backwardPass(car: CarModel, spacing: number, kappa: Float64Array, cap: Float64Array, brakeShare: Float64Array): Float64Array {
  const n = cap.length;
  const v = new Float64Array(n);
  v[n - 1] = cap[n - 1]!;
  for (let i = n - 2; i >= 0; i--) {
    const next = v[i + 1]!;
    const reachable = Number.isFinite(next) ? Math.sqrt(next * next + 2 * brakingDecel(car, next, kappa[i + 1]!, brakeShare[i + 1]!) * spacing) : next;
    v[i] = Math.min(cap[i]!, reachable);
  }
  return v;
}

/**
 * A planted early brake: from node `start` the driver brakes (with the zone's brake share) down
 * to `releaseSpeed`, then coasts until the planned profile catches up, at the latest at `end`.
 */
export type EarlyBrake = { readonly start: number; readonly end: number; readonly releaseSpeed: number; readonly floorSpeed: number };

export type ForwardInput = {
  readonly car: CarModel;
  readonly spacing: number;
  readonly kappa: Float64Array;
  /** m/s, the backward envelope (never exceeded). */
  readonly envelope: Float64Array;
  readonly brakeShare: Float64Array;
  /** 1 where the driver may not accelerate yet (throttle pickup delay after the apex). */
  readonly hold: Uint8Array;
  /** m/s at which the driver upshifts out of `gear` (below its top gear) while at node `node`; at most the limiter speed. */
  readonly upshiftSpeed: (node: number, gear: number) => number;
  /** rpm: while slowing, take the lower gear once it would turn at most this. */
  readonly downshiftRpm: number;
  /** Sorted by start, non-overlapping. */
  readonly earlyBrakes: readonly EarlyBrake[];
  /** m/s at node 0 (clamped to the envelope). */
  readonly initialSpeed: number;
};

export type ForwardResult = {
  /** m/s at each node. */
  readonly speed: Float64Array;
  /** Gear used in each cell (node i to i+1). */
  readonly gear: Int8Array;
  /** 1 where the engine torque is cut for an upshift during the cell. */
  readonly cut: Uint8Array;
};

type Mode = 'drive' | 'brake' | 'coast';

/**
 * The driven speed profile with the gear state machine: upshift when the engine reaches the
 * driver's shift rpm (the cell ends exactly there, so shifts land on the driver's rpm and never
 * past the limiter; the torque is then cut for `upshiftCutS`), downshift while slowing.
 */
export function forwardPass(input: ForwardInput): ForwardResult {
  const { car, spacing: ds, kappa, envelope } = input;
  const n = envelope.length;
  const top = car.gearRatios.length;
  const m = car.massKg;
  const speed = new Float64Array(n);
  const gearOut = new Int8Array(Math.max(0, n - 1));
  const cutOut = new Uint8Array(Math.max(0, n - 1));
  const shiftSpeed = input.upshiftSpeed;
  let v = Math.min(envelope[0]!, input.initialSpeed);
  let gear = 1;
  while (gear < top && v >= shiftSpeed(0, gear)) gear++;
  let cutLeft = 0;
  let mode: Mode = 'drive';
  let ebIndex = 0;
  let eb: EarlyBrake | undefined;
  speed[0] = v;
  for (let i = 0; i < n - 1; i++) {
    const next = input.earlyBrakes[ebIndex];
    if (next && next.start === i) {
      eb = next;
      ebIndex++;
      mode = 'brake';
    }
    const k = kappa[i]!;
    // At the shift speed (within float dust): the upshift happens at this node.
    if (mode === 'drive' && gear < top && !input.hold[i] && v >= shiftSpeed(i, gear) * (1 - 1e-12)) {
      gear++;
      cutLeft = car.upshiftCutS;
    }
    let cutting = cutLeft > 0;
    let v2: number;
    if (mode === 'brake' && eb) {
      v2 = v * v - 2 * brakingDecel(car, v, k, input.brakeShare[i]!) * ds;
      if (v2 <= eb.releaseSpeed * eb.releaseSpeed) {
        v2 = Math.max(v2, eb.floorSpeed * eb.floorSpeed);
        mode = 'coast';
      }
    } else if (mode === 'coast' && eb) {
      v2 = Math.max(v * v - 2 * (resistanceForce(car, v) / m) * ds, eb.floorSpeed * eb.floorSpeed);
    } else if (input.hold[i]) {
      v2 = v * v;
    } else {
      const drive = Math.min(cutting ? 0 : wheelForce(car, gear, v), tractionForce(car, v, k));
      v2 = v * v + (2 * (drive - resistanceForce(car, v)) * ds) / m;
    }
    let vNext = Math.sqrt(Math.max(v2, 1e-6));
    if (mode === 'drive' && gear < top && vNext > v) {
      const limitSpeed = shiftSpeed(i + 1, gear);
      if (vNext > limitSpeed) {
        // The shift starts inside this cell: the rest of the cell is already torque-cut.
        vNext = Math.max(v, limitSpeed);
        cutting = true;
      }
    }
    const limit = envelope[i + 1]!;
    if (vNext > limit) {
      vNext = limit;
      // Once the plan is the lower speed, a planted early brake has rejoined it.
      mode = 'drive';
    }
    if (eb && mode !== 'drive' && i + 1 >= eb.end) mode = 'drive';
    gearOut[i] = gear;
    cutOut[i] = cutting ? 1 : 0;
    cutLeft -= (2 * ds) / (v + vNext);
    if (vNext < v - 1e-9) {
      while (gear > 1 && engineRpm(car, gear - 1, vNext) <= input.downshiftRpm) gear--;
    }
    v = vNext;
    speed[i + 1] = v;
  }
  return { speed, gear: gearOut, cut: cutOut };
}
