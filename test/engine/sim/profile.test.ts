import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../src/engine/model/index.js';
import {
  DEMO_CAR,
  cornerSpeedLimit,
  createDemoRun,
  engineRpm,
  optimalShiftRpm,
  topSpeed,
  tyreUtilisation,
} from '../../../src/engine/sim/index.js';

describe.each(['kestrel', 'harbour'])('speed profile on %s', (trackId) => {
  const run = createDemoRun({ trackId, laps: 3, seed: 7 });
  const p = run.profile;
  const car = DEMO_CAR;

  it('stays inside the friction ellipse in every cell', () => {
    let worst = 0;
    for (let i = 0; i < p.nodeCount - 1; i++) {
      const v = p.speed[i]!;
      worst = Math.max(worst, tyreUtilisation(car, v, p.accel[i]!, v * v * Math.abs(p.curvature[i]!)));
    }
    expect(worst).toBeLessThanOrEqual(1 + 1e-9);
    // The driver does use the tyres hard somewhere (braking at 86-94 % plus cornering).
    expect(worst).toBeGreaterThan(0.9);
  });

  it('never exceeds the cornering limit of the curvature or the top speed', () => {
    let worstCornering = 0;
    let fastest = 0;
    for (let i = 0; i < p.nodeCount; i++) {
      worstCornering = Math.max(worstCornering, p.speed[i]! / cornerSpeedLimit(car, p.curvature[i]!));
      fastest = Math.max(fastest, p.speed[i]!);
    }
    expect(worstCornering).toBeLessThanOrEqual(1);
    // The driver carries 96-99 % of the corner limit.
    expect(worstCornering).toBeGreaterThan(0.95);
    expect(fastest).toBeLessThanOrEqual(topSpeed(car));
    expect(fastest).toBeGreaterThan(70);
  });

  it('keeps the engine between idle and the limiter, upshifting exactly at the driver rpm near the optimum', () => {
    const optimal = optimalShiftRpm(car);
    const lapNodes = run.groundTruth.track.centerline.length;
    let checked = 0;
    let lowest = Number.POSITIVE_INFINITY;
    let highest = 0;
    for (let i = 0; i < p.nodeCount - 1; i++) {
      const rpm = engineRpm(car, p.gear[i]!, p.speed[i]!);
      lowest = Math.min(lowest, rpm);
      highest = Math.max(highest, rpm);
      if (i > 0 && p.gear[i]! > p.gear[i - 1]!) {
        const from = p.gear[i - 1]!;
        const shiftedAt = engineRpm(car, from, p.speed[i]!);
        expect(shiftedAt).toBeGreaterThanOrEqual(optimal[from - 1]! - 50);
        expect(shiftedAt).toBeLessThan(Math.min(car.maxRpm, optimal[from - 1]! + 250));
        const lap = Math.floor((i - p.lineNodes[0]!) / lapNodes) + 1;
        if (lap >= 1 && lap <= run.groundTruth.lapTimes.length) {
          expect(shiftedAt).toBeCloseTo(run.groundTruth.driverShiftRpm[lap - 1]![from - 1]!, 6);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(highest).toBeLessThanOrEqual(car.maxRpm);
    expect(lowest).toBeGreaterThan(car.idleRpm);
  });

  it('gives lap times equal to the sum of the exact per-cell times', () => {
    const { lineNodes, spacing } = p;
    run.groundTruth.lapTimes.forEach((lapTime, k) => {
      let sum = 0;
      for (let i = lineNodes[k]!; i < lineNodes[k + 1]!; i++) sum += (2 * spacing) / (p.speed[i]! + p.speed[i + 1]!);
      expect(lapTime).toBeCloseTo(sum, 9);
    });
    const sectors = run.groundTruth.sectorTimes;
    sectors.forEach((s, k) => expect(s[0]! + s[1]! + s[2]!).toBeCloseTo(run.groundTruth.lapTimes[k]!, 9));
  });
});

describe('frames follow the motion', () => {
  const run = createDemoRun({ trackId: 'kestrel', laps: 2, seed: 3 });
  const frames: TelemetryFrame[] = [...run.frames()];

  it('have speed equal to the distance travelled per time, and yaw along the path', () => {
    for (let k = 1; k < frames.length - 1; k += 7) {
      const a = frames[k - 1]!;
      const b = frames[k + 1]!;
      const dt = b.t - a.t;
      const travelled = Math.hypot(b.posX! - a.posX!, b.posZ! - a.posZ!);
      expect(travelled / dt).toBeCloseTo(frames[k]!.speed!, 0);
      const heading = Math.atan2(b.posZ! - a.posZ!, b.posX! - a.posX!);
      let dYaw = heading - frames[k]!.yaw!;
      dYaw -= 2 * Math.PI * Math.round(dYaw / (2 * Math.PI));
      expect(Math.abs(dYaw)).toBeLessThan(0.05);
    }
  });

  it('have gLon equal to the speed derivative and gLat equal to speed × yaw rate (right positive)', () => {
    const lonErrors: number[] = [];
    const latErrors: number[] = [];
    for (let k = 1; k < frames.length - 1; k++) {
      const a = frames[k - 1]!;
      const b = frames[k + 1]!;
      const f = frames[k]!;
      const dt = b.t - a.t;
      lonErrors.push(Math.abs((b.speed! - a.speed!) / dt / 9.80665 - f.gLon!));
      let dYaw = b.yaw! - a.yaw!;
      dYaw -= 2 * Math.PI * Math.round(dYaw / (2 * Math.PI));
      // Turning left (yaw increasing) is a negative (leftward) lateral g.
      latErrors.push(Math.abs((-f.speed! * dYaw) / dt / 9.80665 - f.gLat!));
    }
    const quantile = (xs: number[], q: number): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length * q)]!;
    // Steps in acceleration (brake onsets, shift cuts) are smeared by a central difference over
    // two frames, so a few percent of frames disagree there; everywhere else the match is tight.
    expect(quantile(lonErrors, 0.5)).toBeLessThan(0.001);
    expect(quantile(lonErrors, 0.95)).toBeLessThan(0.03);
    expect(quantile(latErrors, 0.5)).toBeLessThan(0.001);
    expect(quantile(latErrors, 0.99)).toBeLessThan(0.03);
  });

  it('steer right and pull right-positive g in a right-hand corner, the reverse in a left-hander', () => {
    const hairpin = run.groundTruth.corners[0]!; // T1, right, R18
    const left = run.groundTruth.corners[1]!; // T2, left, R60
    const near = (d: number) => frames.find((f) => f.lap === 1 && f.lapDistance! >= d)!;
    const r = near(hairpin.apexDistance);
    expect(r.steer!).toBeCloseTo((2.7 / 18) / 0.35, 6);
    expect(r.gLat!).toBeGreaterThan(1);
    const l = near(left.apexDistance);
    expect(l.steer!).toBeCloseTo(-(2.7 / 60) / 0.35, 6);
    expect(l.gLat!).toBeLessThan(-1.5);
  });

  it('burn fuel steadily and keep tyre temperatures plausible', () => {
    let rising = 0;
    for (let k = 1; k < frames.length; k++) if (frames[k]!.fuel! > frames[k - 1]!.fuel!) rising++;
    expect(rising).toBe(0);
    const burnt = frames[0]!.fuel! - frames[frames.length - 1]!.fuel!;
    // About 2 kg per lap for a 4.6 km lap.
    expect(burnt / 2.1).toBeGreaterThan(1);
    expect(burnt / 2.1).toBeLessThan(3);
    const temps = frames.flatMap((f) => [f.tyreTempFL!, f.tyreTempFR!, f.tyreTempRL!, f.tyreTempRR!]);
    expect(Math.min(...temps)).toBeGreaterThan(70);
    expect(Math.max(...temps)).toBeLessThan(120);
    // Leaving the right-hand hairpin, the outside (left) tyres are the hotter ones.
    const exit = frames.find((f) => f.lap === 1 && f.lapDistance! >= run.groundTruth.corners[0]!.exitDistance)!;
    expect(exit.tyreTempFL!).toBeGreaterThan(exit.tyreTempFR!);
    expect(exit.tyreTempRL!).toBeGreaterThan(exit.tyreTempRR!);
  });
});
