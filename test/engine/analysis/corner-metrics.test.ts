import { describe, expect, it } from 'vitest';
import { cornerMetrics, cornerPhases, makeGrid, resampleLap } from '../../../src/engine/analysis/index.js';
import { sampleLap, type Profile } from './synthetic.js';

/**
 * A right-hander planted at known distances (research notes §5 validation): brake from 1,000 m
 * to 1,060 m, steering from 1,020 m, slowest point 1,080 m, throttle back at 1,090 m.
 */
function plantedLap(shift = 0): ReturnType<typeof sampleLap> {
  const L = 3000;
  const s: number[] = [];
  const v: number[] = [];
  for (let d = 0; d < L; d += 1) {
    s.push(d);
    const x = d - shift;
    // 60 m/s → 25 m/s between 1,000 and 1,080 m, back to 60 m/s by 1,400 m.
    v.push(x < 1000 ? 60 : x < 1080 ? Math.sqrt(60 * 60 - ((60 * 60 - 25 * 25) * (x - 1000)) / 80) : x < 1400 ? Math.sqrt(25 * 25 + ((60 * 60 - 25 * 25) * (x - 1080)) / 320) : 60);
  }
  const p: Profile = { length: L, s, v };
  return sampleLap(p, {
    overrides: (d) => {
      const x = d - shift;
      return {
        brake: x >= 1000 && x < 1060 ? 0.8 : x >= 1060 && x < 1080 ? 0.03 : 0,
        steer: x >= 1020 && x < 1150 ? 0.5 : 0,
        throttle: x >= 1090 ? 1 : x >= 1000 ? 0 : 1,
        gear: x >= 1040 && x < 1150 ? 2 : 4,
      };
    },
  });
}

describe('corner metrics on planted events', () => {
  const grid = makeGrid(3000);
  const ref = plantedLap();
  const r = resampleLap(ref.trace, ref.lap, grid);
  const phases = cornerPhases([{ number: 1, direction: 'R', entry: 1030, apex: 1075, exit: 1130 }], r);
  const [m] = cornerMetrics(r, phases);

  it('finds brake point, release, turn-in, speed apex and throttle pickup within ±1 m', () => {
    expect(Math.abs(m!.brakePoint! - 1000)).toBeLessThanOrEqual(1);
    expect(Math.abs(m!.brakeRelease! - 1060)).toBeLessThanOrEqual(1);
    expect(Math.abs(m!.turnIn! - 1020)).toBeLessThanOrEqual(1);
    expect(Math.abs(m!.speedApex - 1080)).toBeLessThanOrEqual(1);
    expect(Math.abs(m!.throttlePickup! - 1090)).toBeLessThanOrEqual(1);
    expect(Math.abs(m!.fullThrottle! - 1090)).toBeLessThanOrEqual(1);
    expect(Math.abs(m!.minSpeed! - 25)).toBeLessThan(0.15);
    expect(m!.peakBrake).toBeCloseTo(0.8, 5);
    expect(m!.gearAtApex).toBe(2);
    expect(m!.apexOffset).toBeCloseTo(5, -0.5);
  });

  it('measures trail braking (brake and steer together: 1,020 → 1,060 m) and coasting (neither pedal: 1,080 → 1,090 m)', () => {
    expect(m!.trailBrakeDistance).toBeCloseTo(40, -0.5);
    expect(m!.brakeAtTurnIn).toBeCloseTo(0.8, 5);
    // 1,060 → 1,080 m the brake rests at 3 %: above the 2 % coasting rule, so that is not coasting.
    expect(Math.abs(m!.coastingDistance - 10)).toBeLessThanOrEqual(1);
    expect(m!.coastingTime).toBeCloseTo(10 / 25, 1);
  });

  it('phases on the reference: braking from a margin before the brake point, turn-in, apex, full throttle', () => {
    const p = phases[0]!;
    expect(p.brakePoint * grid.step).toBeCloseTo(1000, -0.5);
    expect(p.brakePoint - p.brakingStart).toBeGreaterThanOrEqual(40);
    expect(p.turnIn * grid.step).toBeCloseTo(1020, -0.5);
    expect(p.apex * grid.step).toBeCloseTo(1080, -0.5);
    expect(p.exitEnd * grid.step).toBeCloseTo(1090, -0.5);
  });

  it('measures the same events 12 m later on a lap that does everything 12 m later, at the same fixed entry/exit places', () => {
    const late = plantedLap(12);
    const rl = resampleLap(late.trace, late.lap, grid);
    const [ml] = cornerMetrics(rl, phases);
    expect(ml!.brakePoint! - m!.brakePoint!).toBeCloseTo(12, -0.5);
    expect(ml!.turnIn! - m!.turnIn!).toBeCloseTo(12, -0.5);
    expect(ml!.speedApex - m!.speedApex).toBeCloseTo(12, -0.5);
    // Entry speed is read at the reference's brake point: the late lap is still at 60 m/s there.
    expect(ml!.entrySpeed).toBeCloseTo(60, 1);
    expect(ml!.exitSpeed!).toBeLessThan(m!.exitSpeed!);
  });

  it('reports no brake point (null, not the next corner’s) for a lap that does not brake', () => {
    const flat = sampleLap({ length: 3000, s: [0, 1500], v: [50, 50] }, { overrides: () => ({ brake: 0, throttle: 1, steer: 0.1 }) });
    const rf = resampleLap(flat.trace, flat.lap, grid);
    const [mf] = cornerMetrics(rf, phases);
    expect(mf!.brakePoint).toBeNull();
    expect(mf!.peakBrake).toBeNull();
    expect(mf!.throttlePickup).toBeNull();
  });
});

describe('a corner whose zone ends at the line, on a lap begun slowly from the pit lane', () => {
  // The last corner slows to 30 m/s at 2,920 m and the lap ends at 45 m/s. No brake channel (an
  // imported file without one). Then the lap's first 40 m are made 10 m/s: it left the pit lane.
  const L = 3000;
  const s: number[] = [];
  const v: number[] = [];
  for (let d = 0; d < L; d += 1) {
    s.push(d);
    v.push(d < 2860 ? 45 + Math.min(15, d / 10) : d < 2920 ? 60 - (d - 2860) / 2 : 30 + (d - 2920) * (15 / 80));
  }
  const lap = sampleLap({ length: L, s, v }, { overrides: (d) => ({ steer: d >= 2870 && d < 2960 ? 0.4 : 0, throttle: d >= 2860 && d < 2925 ? 0 : 1 }) });
  const { brake: _, ...channels } = lap.trace.channels;
  const r = resampleLap({ ...lap.trace, channels }, lap.lap, makeGrid(L));
  const phases = cornerPhases([{ number: 1, direction: 'R', entry: 2880, apex: 2915, exit: 2965 }], r);
  const slowStart = { ...r, channels: { ...r.channels, speed: Float32Array.from(r.channels.speed!, (x, k) => (k < 40 ? 10 : x)) } };

  it('reads the lap’s end at the line, not its slow start: minimum 30 m/s at 2,920 m', () => {
    expect(phases[0]!.zoneEnd).toBe(L);
    for (const lapData of [r, slowStart]) {
      const [m] = cornerMetrics(lapData, phases);
      expect(m!.brakePoint).toBeNull();
      expect(Math.abs(m!.speedApex - 2920)).toBeLessThanOrEqual(1);
      expect(Math.abs(m!.minSpeed! - 30)).toBeLessThan(0.15);
    }
  });
});
