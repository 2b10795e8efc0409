import { describe, expect, it } from 'vitest';
import { cornerPlan, driverShiftRpm, DEMO_DRIVER } from '../../../src/engine/sim/driver.js';

describe('the demo driver', () => {
  it('varies apex speed ±1.5 %, braking ±4 % and throttle pickup 0-8 m around the plan', () => {
    const apex: number[] = [];
    const brake: number[] = [];
    const delay: number[] = [];
    for (let lap = 0; lap < 50; lap++) {
      for (let corner = 1; corner <= 12; corner++) {
        const plan = cornerPlan(DEMO_DRIVER, 5, lap, corner, []);
        apex.push(plan.apexSpeedFactor);
        brake.push(plan.brakeFactor);
        delay.push(plan.throttleDelayM);
        expect(plan.brakeEarlyM).toBe(0);
      }
    }
    expect(Math.min(...apex)).toBeGreaterThanOrEqual(0.96);
    expect(Math.max(...apex)).toBeLessThan(0.99);
    expect(Math.max(...apex) - Math.min(...apex)).toBeGreaterThan(0.025);
    expect(Math.min(...brake)).toBeGreaterThanOrEqual(0.86);
    expect(Math.max(...brake)).toBeLessThan(0.94);
    expect(Math.min(...delay)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delay)).toBeLessThan(8);
  });

  it('applies a planted error to its lap and corner only', () => {
    const planted = [{ lap: 3, corner: 4, brakeEarlyM: 20, apexSpeedFactor: 0.9, throttleLateM: 5 }];
    const hit = cornerPlan(DEMO_DRIVER, 1, 3, 4, planted);
    const plain = cornerPlan(DEMO_DRIVER, 1, 3, 4, []);
    expect(hit.brakeEarlyM).toBe(20);
    expect(hit.apexSpeedFactor).toBeCloseTo(plain.apexSpeedFactor * 0.9, 12);
    expect(hit.throttleDelayM).toBeCloseTo(plain.throttleDelayM + 5, 12);
    expect(hit.brakeFactor).toBe(plain.brakeFactor);
    expect(cornerPlan(DEMO_DRIVER, 1, 3, 5, planted)).toEqual(cornerPlan(DEMO_DRIVER, 1, 3, 5, []));
    expect(cornerPlan(DEMO_DRIVER, 1, 2, 4, planted)).toEqual(cornerPlan(DEMO_DRIVER, 1, 2, 4, []));
  });

  it('shifts near the optimum, 50 rpm early to 250 rpm late, never onto the limiter', () => {
    for (let lap = 0; lap < 100; lap++) {
      const rpm = driverShiftRpm(DEMO_DRIVER, 1, lap, 2, 8040, 8500);
      expect(rpm).toBeGreaterThanOrEqual(7990);
      expect(rpm).toBeLessThan(8290);
      expect(driverShiftRpm(DEMO_DRIVER, 1, lap, 1, 8400, 8500)).toBeLessThanOrEqual(8440);
    }
  });
});
