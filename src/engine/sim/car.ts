import { monotoneCubic, type MonotoneCubic } from './interpolate.js';

/** m/s², standard gravity. */
export const G = 9.80665;

/**
 * A point-mass car with an engine map, a gearbox and a g-g-V envelope: the friction limits
 * grow with downforce (normal load = m·g + ½·ρ·ClA·v²) and combine as an ellipse.
 */
export type CarModel = {
  readonly key: string;
  readonly name: string;
  /** kg, car with driver (fuel mass is not tracked in the dynamics). */
  readonly massKg: number;
  /** m */
  readonly wheelbaseM: number;
  /** m, driven-wheel rolling radius. */
  readonly wheelRadiusM: number;
  /** Gearbox ratios, gear 1 first. */
  readonly gearRatios: readonly number[];
  readonly finalDrive: number;
  /** 0..1, crank-to-wheel efficiency. */
  readonly drivelineEfficiency: number;
  /** Full-throttle torque curve: crank rpm → N·m (monotone-cubic between samples). */
  readonly torqueRpm: readonly number[];
  readonly torqueNm: readonly number[];
  /** rpm, the engine never runs slower in gear (clutch slip below). */
  readonly idleRpm: number;
  /** rpm, the limiter: no torque at or above. */
  readonly maxRpm: number;
  /** m², drag coefficient × frontal area. */
  readonly dragAreaM2: number;
  /** m², lift (downforce) coefficient × area. */
  readonly liftAreaM2: number;
  /** kg/m³ */
  readonly airDensity: number;
  /** Rolling-resistance coefficient (force / normal load). */
  readonly rollingResistance: number;
  /** Tyre friction coefficients: lateral, and longitudinal (braking on all four). */
  readonly tyreMuLat: number;
  readonly tyreMuLon: number;
  /** 0..1, share of the normal load on the driven (rear) axle: traction is limited to it. */
  readonly drivenAxleShare: number;
  /** rad, road-wheel angle at full steering lock (steer = ±1). */
  readonly steeringLockRad: number;
  /** s, torque cut during an upshift. */
  readonly upshiftCutS: number;
  /** kg of fuel at the start of a run. */
  readonly fuelStartKg: number;
  /** J of wheel work per kg of fuel (heating value × engine and driveline efficiency). */
  readonly wheelWorkPerFuelKg: number;
};

/**
 * The demo car: a 1,100 kg rear-drive prototype with 520 N·m at 6,000 rpm, a 8,500 rpm
 * limiter and moderate downforce (ClA 2.7 m², about 2.4 g of lateral grip at 60 m/s). The torque
 * falls steeply above 7,000 rpm, so the optimal upshifts sit between 7,800 and 8,200 rpm,
 * below the limiter, and differ per gear.
 */
export const DEMO_CAR: CarModel = {
  key: 'demo:rc1',
  name: 'Racecraft RC-1',
  massKg: 1100,
  wheelbaseM: 2.7,
  wheelRadiusM: 0.33,
  gearRatios: [3.44, 2.53, 1.96, 1.57, 1.29, 1.065],
  finalDrive: 3.4,
  drivelineEfficiency: 0.92,
  torqueRpm: [1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500, 6000, 6500, 7000, 7500, 8000, 8500],
  torqueNm: [224, 280, 330, 375, 413, 446, 473, 493, 508, 517, 520, 513, 491, 456, 406, 342],
  idleRpm: 1200,
  maxRpm: 8500,
  dragAreaM2: 0.9,
  liftAreaM2: 2.7,
  airDensity: 1.2,
  rollingResistance: 0.015,
  tyreMuLat: 1.6,
  tyreMuLon: 1.7,
  drivenAxleShare: 0.55,
  steeringLockRad: 0.35,
  upshiftCutS: 0.05,
  fuelStartKg: 60,
  // 43 MJ/kg × 30 % thermal × 92 % driveline.
  wheelWorkPerFuelKg: 43e6 * 0.3 * 0.92,
};

const torqueCache = new WeakMap<CarModel, MonotoneCubic>();
// The forward pass asks for one car's torque ~100k times per run: skip the map for it.
let lastCar: CarModel | undefined;
let lastCurve: MonotoneCubic | undefined;

/** N·m at full throttle; 0 at or above the limiter, the idle-rpm torque below idle. */
export function engineTorque(car: CarModel, rpm: number): number {
  if (rpm >= car.maxRpm) return 0;
  if (car !== lastCar || !lastCurve) {
    let curve = torqueCache.get(car);
    if (!curve) {
      curve = monotoneCubic(car.torqueRpm, car.torqueNm);
      torqueCache.set(car, curve);
    }
    lastCar = car;
    lastCurve = curve;
  }
  return lastCurve(Math.max(rpm, car.idleRpm));
}

/** rpm of the torque peak (the table's largest sample). */
export function peakTorqueRpm(car: CarModel): number {
  let best = 0;
  for (let i = 1; i < car.torqueNm.length; i++) if (car.torqueNm[i]! > car.torqueNm[best]!) best = i;
  return car.torqueRpm[best]!;
}

/** Crank revolutions per wheel revolution in `gear` (1-based). */
export function overallRatio(car: CarModel, gear: number): number {
  const ratio = car.gearRatios[gear - 1];
  if (ratio === undefined) throw new Error(`gear ${gear} out of range 1..${car.gearRatios.length}`);
  return ratio * car.finalDrive;
}

/** rpm at road speed `speed` (m/s) in `gear`, not clamped to idle. */
export function engineRpm(car: CarModel, gear: number, speed: number): number {
  return ((speed * overallRatio(car, gear)) / car.wheelRadiusM) * (60 / (2 * Math.PI));
}

/** m/s at `rpm` in `gear`. */
export function speedAtRpm(car: CarModel, gear: number, rpm: number): number {
  return ((rpm * 2 * Math.PI) / 60) * (car.wheelRadiusM / overallRatio(car, gear));
}

/** N, full-throttle tractive force at the driven wheels (engine only, before grip limits). */
export function wheelForce(car: CarModel, gear: number, speed: number): number {
  return (engineTorque(car, engineRpm(car, gear, speed)) * overallRatio(car, gear) * car.drivelineEfficiency) / car.wheelRadiusM;
}

/** m/s², normal load per unit mass: gravity plus downforce. */
export function normalAccel(car: CarModel, speed: number): number {
  return G + (0.5 * car.airDensity * car.liftAreaM2 * speed * speed) / car.massKg;
}

/** m/s², lateral grip at `speed`. */
export function lateralLimit(car: CarModel, speed: number): number {
  return car.tyreMuLat * normalAccel(car, speed);
}

/** m/s², tyre braking limit (all four wheels) at `speed`. */
export function brakingLimit(car: CarModel, speed: number): number {
  return car.tyreMuLon * normalAccel(car, speed);
}

/** m/s², tyre traction limit of the driven axle at `speed`. */
export function tractionLimit(car: CarModel, speed: number): number {
  return car.tyreMuLon * car.drivenAxleShare * normalAccel(car, speed);
}

/** N, aerodynamic drag plus rolling resistance at `speed`. */
export function resistanceForce(car: CarModel, speed: number): number {
  return 0.5 * car.airDensity * car.dragAreaM2 * speed * speed + car.rollingResistance * car.massKg * normalAccel(car, speed);
}

/** 0..1, share of the longitudinal limit left when `lateral` (m/s²) is used: the friction ellipse. */
export function ellipseRemaining(lateral: number, lateralMax: number): number {
  const r = lateral / lateralMax;
  return r >= 1 ? 0 : Math.sqrt(1 - r * r);
}

/**
 * m/s, the highest steady speed on curvature `kappa` (1/m): v²·|κ| = μ·(g + c·v²) with
 * c = ½ρClA/m. Infinity where downforce outgrows the curvature (the corner is flat out).
 */
export function cornerSpeedLimit(car: CarModel, kappa: number): number {
  const k = Math.abs(kappa);
  const c = (car.tyreMuLat * 0.5 * car.airDensity * car.liftAreaM2) / car.massKg;
  if (k <= c) return Number.POSITIVE_INFINITY;
  return Math.sqrt((car.tyreMuLat * G) / (k - c));
}

/**
 * Tyre utilisation of the friction ellipse (1 = at the limit) for a net longitudinal
 * acceleration `aLon` and lateral `aLat` (both m/s²) at `speed`. The tyre force is the net
 * force plus drag and rolling resistance.
 */
export function tyreUtilisation(car: CarModel, speed: number, aLon: number, aLat: number): number {
  const tyreLon = aLon + resistanceForce(car, speed) / car.massKg;
  const lonMax = tyreLon >= 0 ? tractionLimit(car, speed) : brakingLimit(car, speed);
  return Math.hypot(tyreLon / lonMax, aLat / lateralLimit(car, speed));
}

/** m/s, the top speed: the fastest speed any gear can hold against drag (or reach at the limiter). */
export function topSpeed(car: CarModel): number {
  let best = 0;
  for (let gear = 1; gear <= car.gearRatios.length; gear++) {
    const limiter = speedAtRpm(car, gear, car.maxRpm);
    const net = (v: number): number => wheelForce(car, gear, v) - resistanceForce(car, v);
    if (net(limiter * (1 - 1e-9)) > 0) {
      best = Math.max(best, limiter);
      continue;
    }
    // Highest speed in this gear where the engine still beats the resistance: above the torque
    // peak the net force only falls, so bisect between the peak and the limiter.
    let lo = speedAtRpm(car, gear, peakTorqueRpm(car));
    let hi = limiter;
    if (net(lo) <= 0) continue;
    for (let i = 0; i < 60; i++) {
      const mid = 0.5 * (lo + hi);
      if (net(mid) > 0) lo = mid;
      else hi = mid;
    }
    best = Math.max(best, lo);
  }
  return best;
}
