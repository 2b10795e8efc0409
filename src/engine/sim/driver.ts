import { hashUniform } from './prng.js';

/**
 * A deliberate mistake for the analysis tests: on `lap`, at `corner` (1-based numbers from the
 * design corner list), the driver does something different, and only there.
 */
export type PlantedError = {
  readonly lap: number;
  readonly corner: number;
  /** m, start braking this much earlier than planned (then release and coast onto the plan). */
  readonly brakeEarlyM?: number;
  /** Multiplies the planned apex speed (e.g. 0.9 = 10 % slower through the corner). */
  readonly apexSpeedFactor?: number;
  /** m, extra distance after the slowest point before the driver may accelerate again. */
  readonly throttleLateM?: number;
};

/** How the demo driver drives, and how much they vary from lap to lap. */
export type DriverStyle = {
  readonly name: string;
  /** Share of the car's cornering speed the driver carries at the apex, and its ± spread. */
  readonly apexSpeedFactor: number;
  readonly apexSpeedSpread: number;
  /** Share of the tyre braking limit used, and its ± spread (moves brake points a few metres). */
  readonly brakeFactor: number;
  readonly brakeSpread: number;
  /** m, the throttle comes back 0..this far after the slowest point. */
  readonly throttleDelayMaxM: number;
  /** rpm added to the optimal upshift: drawn per lap and gear in [min, max). */
  readonly shiftRpmOffsetMin: number;
  readonly shiftRpmOffsetMax: number;
  /** rpm, margin kept below the limiter when shifting late. */
  readonly limiterMarginRpm: number;
  /** rpm, while slowing the driver takes a lower gear once it would turn at most this. */
  readonly downshiftRpm: number;
};

export const DEMO_DRIVER: DriverStyle = {
  name: 'Demo Driver',
  apexSpeedFactor: 0.975,
  apexSpeedSpread: 0.015,
  brakeFactor: 0.9,
  brakeSpread: 0.04,
  throttleDelayMaxM: 8,
  shiftRpmOffsetMin: -50,
  shiftRpmOffsetMax: 250,
  limiterMarginRpm: 60,
  downshiftRpm: 7200,
};

/** What the driver does at one corner on one lap. */
export type CornerPlan = {
  readonly apexSpeedFactor: number;
  readonly brakeFactor: number;
  readonly throttleDelayM: number;
  readonly brakeEarlyM: number;
};

// Keys that separate the independent draws of one (lap, corner).
const KEY_APEX = 1;
const KEY_BRAKE = 2;
const KEY_THROTTLE = 3;
const KEY_SHIFT = 4;

/** The driver's plan for `corner` on `lap`, with any planted error for that pair applied. */
export function cornerPlan(style: DriverStyle, seed: number, lap: number, corner: number, planted: readonly PlantedError[]): CornerPlan {
  const mistake = planted.find((p) => p.lap === lap && p.corner === corner);
  const apex = hashUniform(style.apexSpeedFactor - style.apexSpeedSpread, style.apexSpeedFactor + style.apexSpeedSpread, seed, lap, corner, KEY_APEX);
  return {
    // Never above the car's limit: the speed profile must stay inside the g-g-V envelope.
    apexSpeedFactor: Math.min(1, apex * (mistake?.apexSpeedFactor ?? 1)),
    brakeFactor: Math.min(1, hashUniform(style.brakeFactor - style.brakeSpread, style.brakeFactor + style.brakeSpread, seed, lap, corner, KEY_BRAKE)),
    throttleDelayM: hashUniform(0, style.throttleDelayMaxM, seed, lap, corner, KEY_THROTTLE) + (mistake?.throttleLateM ?? 0),
    brakeEarlyM: mistake?.brakeEarlyM ?? 0,
  };
}

/** rpm at which the driver upshifts out of `gear` on `lap`: near the optimum, never on the limiter. */
export function driverShiftRpm(style: DriverStyle, seed: number, lap: number, gear: number, optimalRpm: number, maxRpm: number): number {
  const offset = hashUniform(style.shiftRpmOffsetMin, style.shiftRpmOffsetMax, seed, lap, gear, KEY_SHIFT);
  return Math.min(maxRpm - style.limiterMarginRpm, optimalRpm + offset);
}
