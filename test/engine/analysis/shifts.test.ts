import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeShifts } from '../../../src/engine/analysis/index.js';
import type { Trace } from '../../../src/engine/model/trace.js';
import { readLd } from '../../../src/store/formats/index.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';
import { gaussian } from './synthetic.js';
import { mulberry32 } from '../../helpers/prng.js';

/** A car for the synthetic full-throttle runs: power P(rpm) in W, tyre→engine ratios, drag. */
type Car = {
  power: (rpm: number) => number;
  iTrans: number[];
  eI: number[];
  circ: number;
  mass: number;
  dragArea: number;
  rho: number;
  fRoll: number;
  eta: number;
};

const rpmOf = (car: Car, v: number, gear: number): number => (v / car.circ) * 60 / car.iTrans[gear - 1]!;
const accel = (car: Car, v: number, gear: number): number =>
  ((car.power(rpmOf(car, v, gear)) * car.eta) / v - 0.5 * car.rho * car.dragArea * v * v - car.fRoll * car.mass * 9.81) / (car.mass * car.eI[gear - 1]!);

/** The analytic optimum (Messersmith): the first speed at which gear+1 accelerates at least as hard. */
function analyticShift(car: Car, gear: number, limiter: number): number {
  // From where the next gear is in the engine's working band (≥ 8,000 rpm).
  for (let v = (8000 * car.circ * car.iTrans[gear]!) / 60; v < 120; v += 0.001) {
    if (rpmOf(car, v, gear) > limiter) return limiter;
    if (accel(car, v, gear) <= accel(car, v, gear + 1)) return rpmOf(car, v, gear);
  }
  return limiter;
}

/** Full-throttle runs through the gears at 60 Hz, shifting at `shiftRpm` with a 40 ms torque cut; speed and rpm noisy. */
function run(car: Car, startGear: number, startV: number, shiftRpm: number, seed: number): Trace {
  const noise = gaussian(mulberry32(seed));
  const t: number[] = [];
  const speed: number[] = [];
  const rpm: number[] = [];
  const gear: number[] = [];
  let v = startV;
  let g = startGear;
  let cut = 0;
  const dt = 1 / 60;
  for (let k = 0; k < 60 * 45; k++) {
    for (let s = 0; s < 10; s++) {
      const a = cut > 0 ? -(0.5 * car.rho * car.dragArea * v * v + car.fRoll * car.mass * 9.81) / car.mass : accel(car, v, g);
      v += (a * dt) / 10;
      cut -= dt / 10;
    }
    if (cut <= 0 && rpmOf(car, v, g) >= shiftRpm && g < car.iTrans.length) {
      g++;
      cut = 0.04;
    }
    t.push(k * dt);
    speed.push(v + 0.02 * noise());
    rpm.push(rpmOf(car, v, g) + 10 * noise());
    gear.push(g);
  }
  const n = t.length;
  return {
    length: n,
    t: Float64Array.from(t),
    distance: new Float64Array(n).fill(Number.NaN),
    channels: { speed: Float32Array.from(speed), rpm: Float32Array.from(rpm), gear: Float32Array.from(gear), throttle: new Float32Array(n).fill(1), brake: new Float32Array(n) },
  };
}

/** Numbers from TUMFTM laptime-simulation F1_Shanghai.ini (2017 F1 car), read from the file. */
function shanghaiCar(): Car {
  const ini = readFileSync(requireSharedFile('reference-data', 'tumftm-laptime-simulation', 'F1_Shanghai.ini'), 'utf8');
  const num = (key: string): number => Number(new RegExp(`"${key}":\\s*([-0-9.e]+)`).exec(ini)![1]);
  const list = (key: string): number[] => new RegExp(`"${key}":\\s*\\[([^\\]]+)\\]`).exec(ini)![1]!.split(',').map(Number);
  const [nb, nm, ne, pm, pd] = [num('n_begin'), num('n_max'), num('n_end'), num('pow_max'), num('pow_diff')];
  // The power curve through (n_begin, P−ΔP), (n_max, P), (n_end, P−ΔP): a parabola.
  const lagrange = (n: number): number =>
    ((pm - pd) * (n - nm) * (n - ne)) / ((nb - nm) * (nb - ne)) + (pm * (n - nb) * (n - ne)) / ((nm - nb) * (nm - ne)) + ((pm - pd) * (n - nb) * (n - nm)) / ((ne - nb) * (ne - nm));
  return {
    power: (n) => Math.max(1000, lagrange(n)),
    iTrans: list('i_trans'),
    eI: list('e_i'),
    circ: num('circ_ref'),
    mass: num('m'),
    dragArea: num('c_w_a'),
    rho: num('rho_air'),
    fRoll: num('f_roll'),
    eta: num('eta_g'),
  };
}

describeShared('shift points from full-throttle runs of the TUMFTM F1_Shanghai car (power curve, 8 gears, drag)', () => {
  const car = shanghaiCar();
  const limiter = 12900;
  // Three runs from 2nd gear, shifting just below a 12,900 rpm limiter (so every crossover lies inside the data).
  const result = analyzeShifts([run(car, 2, 25, 12900, 1), run(car, 2, 25, 12800, 2), run(car, 2, 26, 12850, 3)])!;

  it('reads the file: 8 ratios from 0.04 to 0.206, m = 733 kg, c_w·A = 1.56', () => {
    expect(car.iTrans).toHaveLength(8);
    expect(car.iTrans[0]).toBe(0.04);
    expect(car.iTrans[7]).toBe(0.206);
    expect(car.mass).toBe(733);
    expect(car.dragArea).toBe(1.56);
  });

  it('finds the crossover of gears 3→4 … 6→7 within ±100 rpm of the analytic optimum', () => {
    for (const gear of [3, 4, 5, 6]) {
      const est = result.gears.find((g) => g.gear === gear)!;
      const truth = analyticShift(car, gear, limiter);
      expect(est.basis).toBe('crossover');
      expect(Math.abs(est.optimalRpm! - truth)).toBeLessThan(100);
    }
    // Pinned analytic answers of this car (drag and the per-gear mass factor included).
    expect(analyticShift(car, 4, limiter)).toBeCloseTo(12485, -1);
    expect(analyticShift(car, 6, limiter)).toBeCloseTo(11899, -1);
  });

  it('2→3 would cross only above the limiter (13,050 rpm): the estimate is the limiter', () => {
    expect(analyticShift(car, 2, 20000)).toBeGreaterThan(limiter);
    const g2 = result.gears.find((g) => g.gear === 2)!;
    expect(g2.basis).toBe('limiter');
    expect(Math.abs(g2.optimalRpm! - limiter)).toBeLessThan(50);
  });

  it('prices each actual shift: late shifts in 6th (12,800+ rpm vs 11,900 optimum) cost time, a shift at the optimum costs ~0', () => {
    const sixth = result.events.filter((e) => e.fromGear === 6);
    expect(sixth.length).toBeGreaterThan(0);
    for (const e of sixth) {
      expect(e.verdict).toBe('late');
      expect(e.timeLost).toBeGreaterThan(0.01);
    }
    const ratios = result.ratios;
    expect(ratios[4]).toBeCloseTo((60 / car.circ) / car.iTrans[3]!, 0);
  });
});

describe('shift points of a car whose power rises to the limiter', () => {
  const car: Car = { power: (n) => 20 * n, iTrans: [0.06, 0.085, 0.11, 0.135], eI: [1, 1, 1, 1], circ: 2, mass: 1000, dragArea: 0.7, rho: 1.2, fRoll: 0.015, eta: 0.95 };
  const result = analyzeShifts([run(car, 1, 10, 8000, 5), run(car, 1, 10, 7950, 6)])!;

  it('says: shift at the limiter, in every gear', () => {
    for (const g of result.gears) {
      expect(g.basis).toBe('limiter');
      expect(Math.abs(g.optimalRpm! - result.maxRpm)).toBeLessThan(1);
    }
    expect(result.gears.map((g) => g.gear)).toEqual([1, 2, 3]);
  });
});

describe('upshifts through neutral (an H-pattern box reads gear 0 for a sample or two)', () => {
  const car: Car = { power: (n) => 20 * n, iTrans: [0.06, 0.085, 0.11, 0.135], eI: [1, 1, 1, 1], circ: 2, mass: 1000, dragArea: 0.7, rho: 1.2, fRoll: 0.015, eta: 0.95 };
  const direct = run(car, 1, 10, 8000, 5);
  /** The same run with the first `samples` of every new gear read as neutral, throttle off there. */
  const viaNeutral = (samples: number): Trace => {
    const gear = Float32Array.from(direct.channels.gear!);
    const throttle = Float32Array.from(direct.channels.throttle!);
    const src = direct.channels.gear!;
    for (let i = 1; i < direct.length; i++) {
      if (src[i] === src[i - 1]) continue;
      for (let k = i; k < Math.min(direct.length, i + samples); k++) {
        gear[k] = 0;
        throttle[k] = 0;
      }
    }
    return { ...direct, channels: { ...direct.channels, gear, throttle } };
  };
  const baseline = analyzeShifts([direct])!.events;

  it('counts 1→0→2 as one upshift from 1st, at the rpm of the last sample in 1st (3 upshifts, as without neutral)', () => {
    expect(baseline.map((e) => e.fromGear)).toEqual([1, 2, 3]);
    const events = analyzeShifts([viaNeutral(2)])!.events;
    expect(events.map((e) => e.fromGear)).toEqual([1, 2, 3]);
    events.forEach((e, i) => {
      expect(e.rpm).toBe(baseline[i]!.rpm);
      expect(e.speed).toBe(baseline[i]!.speed);
      expect(e.t).toBeCloseTo(baseline[i]!.t + 2 / 60, 9);
    });
  });

  it('a second in neutral is a coast, not a shift', () => {
    expect(analyzeShifts([viaNeutral(60)])?.events ?? []).toEqual([]);
  });
});

describeShared('crossovers below every rpm driven in the gear give no advice instead of absurd advice', () => {
  it('the Shanghai car driven to 12,800-12,900 rpm: its crossovers lie inside the rpm driven in each gear, so they stand', () => {
    const car = shanghaiCar();
    const result = analyzeShifts([run(car, 2, 25, 12900, 1), run(car, 2, 25, 12800, 2)])!;
    expect(result.gears.filter((g) => g.basis === 'crossover').length).toBeGreaterThanOrEqual(4);
    expect(result.gears.some((g) => g.basis === 'implausible')).toBe(false);
  });

  it("GT6's MoTeC log (Impreza, Grand Valley): no 2,200 rpm 'optimum' in every gear and no 31.8 s 'lost' on one 2→3 shift", () => {
    const imported = readLd(new Uint8Array(readFileSync(requireSharedFile('formats', 'motec-ld', 'gt6', '20230404_1316.ld'))));
    const result = analyzeShifts(imported.laps.map((l) => l.trace))!;
    expect(result.gears.map((g) => [g.gear, g.basis, g.optimalRpm, g.timeLost])).toEqual([1, 2, 3, 4].map((g) => [g, 'implausible', null, 0]));
    // The shifts are still counted (11 upshifts, median 8,203 rpm out of 2nd), just not priced.
    expect(result.events).toHaveLength(11);
    expect(result.events.every((e) => e.verdict === 'unknown' && e.timeLost === 0)).toBe(true);
    expect(Math.round(result.gears[1]!.medianShiftRpm!)).toBe(8203);
  });
});

