import {
  brakingLimit,
  lateralLimit,
  resistanceForce,
  tractionLimit,
  wheelForce,
  type CarModel,
} from './car.js';
import type { RunLayout, DrivenProfile } from './plan.js';

/**
 * Everything a frame needs that follows from the driven speed profile: the time at each node
 * (exact for constant acceleration per cell), the pedals that produce each cell's
 * acceleration, fuel burnt by the work done at the wheels, and lagged tyre temperatures.
 */
export type RunChannels = {
  /** s, session time at each node (0 at the first frame, negative in the pre-roll). */
  readonly time: Float64Array;
  /** m/s², acceleration in each cell. */
  readonly accel: Float64Array;
  /** 0..1 per cell. */
  readonly throttle: Float32Array;
  readonly brake: Float32Array;
  /** kg at each node. */
  readonly fuel: Float64Array;
  /** degC at each node: FL, FR, RL, RR. */
  readonly tyreTemp: readonly [Float32Array, Float32Array, Float32Array, Float32Array];
};

/** Pedal values below this are float dust from the force balance, not a pedal press. */
const PEDAL_EPSILON = 1e-3;
/** s, time constant of the tyre surface temperature. */
const TYRE_TAU_S = 12;
const TYRE_START_C = 80;

/** N, tyre force a cell needs: mass × acceleration plus drag and rolling resistance at its start. */
export function cellTyreForce(car: CarModel, v0: number, v1: number, spacing: number): number {
  return (car.massKg * (v1 * v1 - v0 * v0)) / (2 * spacing) + resistanceForce(car, v0);
}

/** 0..1, throttle that produces `tyreForce` (N) in `gear` at `v0`; full while the shift cuts the torque. */
export function cellThrottle(car: CarModel, tyreForce: number, v0: number, gear: number, cut: boolean): number {
  if (cut) return 1; // foot flat, the gearbox cuts the torque
  if (tyreForce <= 0) return 0;
  const throttle = Math.min(1, tyreForce / Math.max(1, wheelForce(car, gear, v0)));
  return throttle < PEDAL_EPSILON ? 0 : throttle;
}

/** 0..1, brake pedal that produces `tyreForce` (N, negative when braking) at `v0`; 1 = the tyre braking limit. */
export function cellBrake(car: CarModel, tyreForce: number, v0: number, cut: boolean): number {
  if (cut || tyreForce >= 0) return 0;
  const brake = Math.min(1, -tyreForce / (car.massKg * brakingLimit(car, v0)));
  return brake < PEDAL_EPSILON ? 0 : brake;
}

export function runChannels(layout: RunLayout, car: CarModel, driven: DrivenProfile): RunChannels {
  const n = layout.nodeCount;
  const ds = layout.spacing;
  const { speed, gear, cut } = driven;
  const time = new Float64Array(n);
  const accel = new Float64Array(n - 1);
  const throttle = new Float32Array(n - 1);
  const brake = new Float32Array(n - 1);
  const fuel = new Float64Array(n);
  const temps = [new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
  const m = car.massKg;
  fuel[0] = car.fuelStartKg;
  for (const t of temps) t[0] = TYRE_START_C;
  let fl = TYRE_START_C;
  let fr = TYRE_START_C;
  let rl = TYRE_START_C;
  let rr = TYRE_START_C;
  for (let i = 0; i < n - 1; i++) {
    const v0 = speed[i]!;
    const v1 = speed[i + 1]!;
    const dt = (2 * ds) / (v0 + v1);
    time[i + 1] = time[i]! + dt;
    accel[i] = (v1 * v1 - v0 * v0) / (2 * ds);
    const tyreForce = cellTyreForce(car, v0, v1, ds);
    throttle[i] = cellThrottle(car, tyreForce, v0, gear[i]!, cut[i] === 1);
    brake[i] = cellBrake(car, tyreForce, v0, cut[i] === 1);
    fuel[i + 1] = fuel[i]! - (Math.max(0, tyreForce) * ds) / car.wheelWorkPerFuelKg;
    // Tyre heating: overall grip use, plus the outside tyres in a corner, the fronts under
    // braking and the driven rears under power. Right turn (curvature < 0) loads the left side.
    const lat = (v0 * v0 * -layout.curvature[i]!) / lateralLimit(car, v0);
    const lon = tyreForce >= 0 ? tyreForce / (m * tractionLimit(car, v0)) : tyreForce / (m * brakingLimit(car, v0));
    const use = Math.min(1.2, Math.hypot(lat, lon));
    const base = 78 + 22 * use;
    const right = 9 * Math.max(0, lat); // right turn: the left tyres are outside
    const left = 9 * Math.max(0, -lat);
    const braking = 6 * Math.max(0, -lon);
    const driving = 6 * Math.max(0, lon);
    const blend = 1 - Math.exp(-dt / TYRE_TAU_S);
    fl = fl + (base + right + braking - fl) * blend;
    fr = fr + (base + left + braking - fr) * blend;
    rl = rl + (base + right + driving - rl) * blend;
    rr = rr + (base + left + driving - rr) * blend;
    temps[0][i + 1] = fl;
    temps[1][i + 1] = fr;
    temps[2][i + 1] = rl;
    temps[3][i + 1] = rr;
  }
  // Session time starts at the first frame, and so does the full tank.
  const t0 = time[layout.startNode]!;
  const burntBefore = car.fuelStartKg - fuel[layout.startNode]!;
  for (let j = 0; j < n; j++) {
    time[j] = time[j]! - t0;
    fuel[j] = fuel[j]! + burntBefore;
  }
  return { time, accel, throttle, brake, fuel, tyreTemp: temps };
}
