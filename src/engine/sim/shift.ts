import { engineTorque, overallRatio, peakTorqueRpm, speedAtRpm, wheelForce, type CarModel } from './car.js';

/**
 * Optimal upshift rpm per gear: where the full-throttle wheel force of gear g falls to that of
 * gear g+1 at the same road speed (Messersmith; analysis-algorithms.md §9). Drag and rolling
 * resistance are equal for both gears at one speed, so they cancel. When gear g still pulls
 * harder right up to the limiter, the answer is the limiter.
 *
 * Element i is the upshift from gear i+1 to gear i+2 (so the array has gearCount − 1 entries).
 */
export function optimalShiftRpm(car: CarModel): number[] {
  const out: number[] = [];
  for (let gear = 1; gear < car.gearRatios.length; gear++) out.push(crossoverRpm(car, gear));
  return out;
}

/**
 * N: wheel force of `gear` minus that of `gear + 1` at the road speed where `gear` turns `rpm`.
 * Positive while staying in `gear` accelerates harder.
 */
export function wheelForceMargin(car: CarModel, gear: number, rpm: number): number {
  const ratioHere = overallRatio(car, gear);
  const ratioNext = overallRatio(car, gear + 1);
  return engineTorque(car, rpm) * ratioHere - engineTorque(car, (rpm * ratioNext) / ratioHere) * ratioNext;
}

function crossoverRpm(car: CarModel, gear: number): number {
  const step = 5;
  const top = car.maxRpm - 1e-6;
  let lo = peakTorqueRpm(car);
  if (wheelForceMargin(car, gear, lo) <= 0) return lo;
  let hi = lo;
  // Scan up from the torque peak for the first sign change, then bisect inside it.
  while (hi < top) {
    const next = Math.min(top, hi + step);
    if (wheelForceMargin(car, gear, next) <= 0) {
      lo = hi;
      hi = next;
      for (let i = 0; i < 40; i++) {
        const mid = 0.5 * (lo + hi);
        if (wheelForceMargin(car, gear, mid) > 0) lo = mid;
        else hi = mid;
      }
      return 0.5 * (lo + hi);
    }
    hi = next;
  }
  return car.maxRpm;
}

/** A full-throttle wheel-force curve of one gear: N at each speed (m/s) from idle to the limiter. */
export type WheelForceCurve = { readonly gear: number; readonly speed: Float64Array; readonly force: Float64Array };

/** Wheel force (N) of `gear` sampled at `points` speeds between idle and limiter rpm. */
export function wheelForceCurve(car: CarModel, gear: number, points = 200): WheelForceCurve {
  const speed = new Float64Array(points);
  const force = new Float64Array(points);
  const v0 = speedAtRpm(car, gear, car.idleRpm);
  const v1 = speedAtRpm(car, gear, car.maxRpm) * (1 - 1e-9);
  for (let i = 0; i < points; i++) {
    const v = v0 + ((v1 - v0) * i) / (points - 1);
    speed[i] = v;
    force[i] = wheelForce(car, gear, v);
  }
  return { gear, speed, force };
}
