import { describe, expect, it } from 'vitest';
import {
  DEMO_CAR,
  G,
  cornerSpeedLimit,
  engineRpm,
  engineTorque,
  lateralLimit,
  optimalShiftRpm,
  peakTorqueRpm,
  resistanceForce,
  speedAtRpm,
  topSpeed,
  tyreUtilisation,
  wheelForce,
  wheelForceCurve,
  wheelForceMargin,
  type CarModel,
} from '../../../src/engine/sim/index.js';

const car = DEMO_CAR;

describe('DEMO_CAR engine and gearbox', () => {
  it('has a torque curve with a peak and a fall-off towards the limiter', () => {
    expect(peakTorqueRpm(car)).toBe(6000);
    expect(engineTorque(car, 6000)).toBe(520);
    expect(engineTorque(car, 3000)).toBe(413);
    expect(engineTorque(car, 8000)).toBe(406);
    // Monotone-cubic interpolation: no overshoot above the peak between samples.
    for (let rpm = 1000; rpm < car.maxRpm; rpm += 25) expect(engineTorque(car, rpm)).toBeLessThanOrEqual(520);
    expect(engineTorque(car, 7250)).toBeGreaterThan(456);
    expect(engineTorque(car, 7250)).toBeLessThan(491);
    // The limiter cuts all torque.
    expect(engineTorque(car, car.maxRpm)).toBe(0);
    expect(engineTorque(car, 9000)).toBe(0);
  });

  it('has 6 gears, and rpm and speed convert both ways', () => {
    expect(car.gearRatios).toHaveLength(6);
    for (let gear = 1; gear <= 6; gear++) expect(engineRpm(car, gear, speedAtRpm(car, gear, 7000))).toBeCloseTo(7000, 9);
    // 1st tops out at 90 km/h, 6th at 292 km/h (limiter).
    expect(speedAtRpm(car, 1, car.maxRpm) * 3.6).toBeCloseTo(90.4, 1);
    expect(speedAtRpm(car, 6, car.maxRpm) * 3.6).toBeCloseTo(292.0, 1);
  });

  it('reaches a drag-limited top speed of 79.3 m/s (285 km/h) in 6th, below the limiter', () => {
    const v = topSpeed(car);
    expect(v).toBeCloseTo(79.28, 2);
    expect(wheelForce(car, 6, v)).toBeCloseTo(resistanceForce(car, v), 0);
    expect(engineRpm(car, 6, v)).toBeLessThan(car.maxRpm);
  });
});

describe('optimalShiftRpm', () => {
  const shifts = optimalShiftRpm(car);

  it('gives one upshift per gear but the top one, all between peak torque and the limiter', () => {
    expect(shifts).toHaveLength(5);
    for (const rpm of shifts) {
      expect(rpm).toBeGreaterThan(peakTorqueRpm(car));
      expect(rpm).toBeLessThan(car.maxRpm);
    }
    // Not simply the limiter, and different per gear (closer ratios shift earlier).
    expect(new Set(shifts.map((r) => Math.round(r))).size).toBe(5);
    for (let i = 1; i < shifts.length; i++) expect(shifts[i]!).toBeLessThan(shifts[i - 1]!);
  });

  it('pins the known answers', () => {
    expect(shifts.map((r) => Math.round(r * 10) / 10)).toEqual([8193.1, 8040, 7934.4, 7850.9, 7834.8]);
  });

  it('is where the sampled wheel-force curves of adjacent gears cross (within 100 rpm)', () => {
    for (let gear = 1; gear < car.gearRatios.length; gear++) {
      const here = wheelForceCurve(car, gear, 400);
      const next = wheelForceCurve(car, gear + 1, 400);
      // Walk gear g's samples; interpolate gear g+1 at the same speed; find the sign change.
      let crossing = Number.NaN;
      for (let i = 1; i < here.speed.length; i++) {
        const v = here.speed[i]!;
        if (v < next.speed[0]!) continue;
        let j = 1;
        while (j < next.speed.length - 1 && next.speed[j]! < v) j++;
        const f = (v - next.speed[j - 1]!) / (next.speed[j]! - next.speed[j - 1]!);
        const nextForce = next.force[j - 1]! + f * (next.force[j]! - next.force[j - 1]!);
        if (here.force[i]! < nextForce) {
          crossing = engineRpm(car, gear, v);
          break;
        }
      }
      expect(Math.abs(crossing - shifts[gear - 1]!)).toBeLessThan(100);
      // And exactly: equal forces at the optimum, the lower gear stronger before and weaker after.
      const v = speedAtRpm(car, gear, shifts[gear - 1]!);
      expect(wheelForce(car, gear, v)).toBeCloseTo(wheelForce(car, gear + 1, v), 3);
      expect(wheelForceMargin(car, gear, shifts[gear - 1]! - 50)).toBeGreaterThan(0);
      expect(wheelForceMargin(car, gear, shifts[gear - 1]! + 50)).toBeLessThan(0);
    }
  });

  it('answers the limiter when the lower gear pulls harder all the way (flat torque)', () => {
    const flat: CarModel = { ...car, key: 'test:flat', torqueRpm: [1000, 8500], torqueNm: [400, 400] };
    expect(optimalShiftRpm(flat)).toEqual([8500, 8500, 8500, 8500, 8500]);
  });
});

describe('g-g-V limits', () => {
  it('grows lateral grip with downforce', () => {
    expect(lateralLimit(car, 0) / G).toBeCloseTo(1.6, 9);
    expect(lateralLimit(car, 60) / G).toBeCloseTo(2.47, 2);
  });

  it('gives the steady cornering speed where lateral demand meets grip, unlimited on fast sweepers', () => {
    for (const radius of [18, 45, 120, 200]) {
      const v = cornerSpeedLimit(car, 1 / radius);
      expect((v * v) / radius).toBeCloseTo(lateralLimit(car, v), 6);
    }
    expect(cornerSpeedLimit(car, 1 / 18) * 3.6).toBeCloseTo(61.8, 1);
    expect(cornerSpeedLimit(car, -1 / 18)).toBe(cornerSpeedLimit(car, 1 / 18));
    expect(cornerSpeedLimit(car, 1 / 500)).toBe(Number.POSITIVE_INFINITY);
  });

  it('measures use of the friction ellipse', () => {
    const v = 40;
    // Pure cornering at the limit while holding speed: the tyres also carry drag, so > 1.
    expect(tyreUtilisation(car, v, 0, lateralLimit(car, v))).toBeGreaterThan(1);
    // Coasting in a straight line uses no grip.
    expect(tyreUtilisation(car, v, -resistanceForce(car, v) / car.massKg, 0)).toBeCloseTo(0, 12);
    expect(tyreUtilisation(car, v, -resistanceForce(car, v) / car.massKg, lateralLimit(car, v))).toBeCloseTo(1, 12);
  });
});
