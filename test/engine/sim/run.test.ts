import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../src/engine/model/index.js';
import { BRAKE_POINT_THRESHOLD, createDemoRun, type DemoRun } from '../../../src/engine/sim/index.js';

const LAPS = 5;
const run = createDemoRun({ trackId: 'kestrel', laps: LAPS, seed: 1 });
const frames: TelemetryFrame[] = [...run.frames()];
const L = run.groundTruth.track.length;

/** Session time where the frames cross lap distance 0 into `lap`, interpolated between two frames. */
function crossingTime(all: readonly TelemetryFrame[], lap: number): number {
  const i = all.findIndex((f) => f.lap === lap);
  const before = all[i - 1]!;
  const after = all[i]!;
  const d0 = before.lap === 0 ? before.lapDistance! : before.lapDistance! - L;
  const d1 = after.lapDistance!;
  return before.t + ((after.t - before.t) * (0 - d0)) / (d1 - d0);
}

describe('createDemoRun: the session', () => {
  it('describes itself as a demo session', () => {
    expect(run.session).toEqual({
      game: 'demo',
      format: 'sim-1',
      gameSessionId: 'demo-kestrel-1',
      trackKey: 'demo:kestrel',
      trackName: 'Kestrel Park',
      trackLength: L,
      sectorStarts: [...run.groundTruth.track.sectorStarts],
      carKey: 'demo:rc1',
      carName: 'Racecraft RC-1',
      driver: 'Demo Driver',
      sessionType: 'practice',
      maxRpm: 8500,
      gearCount: 6,
    });
  });

  it('rejects an unknown track, a non-positive lap count and a bad rate', () => {
    expect(() => createDemoRun({ trackId: 'monza', laps: 1, seed: 1 })).toThrow(/unknown demo track 'monza' \(known: kestrel, harbour\)/);
    expect(() => createDemoRun({ trackId: 'kestrel', laps: 0, seed: 1 })).toThrow(/laps/);
    expect(() => createDemoRun({ trackId: 'kestrel', laps: 1.5, seed: 1 })).toThrow(/laps/);
    expect(() => createDemoRun({ trackId: 'kestrel', laps: 1, seed: 1, hz: 0 })).toThrow(/hz/);
  });
});

describe('createDemoRun: frames', () => {
  it('come at exactly 60 Hz from t = 0, as many as frameCount says, and again on a second iteration', () => {
    expect(frames.length).toBe(run.frameCount);
    frames.forEach((f, k) => {
      if (f.t !== k / 60) throw new Error(`frame ${k} at t=${f.t}`);
    });
    expect([...run.frames()].length).toBe(frames.length);
  });

  it('honour another rate', () => {
    const fast = createDemoRun({ trackId: 'harbour', laps: 1, seed: 1, hz: 120 });
    const all = [...fast.frames()];
    expect(all[1]!.t).toBe(1 / 120);
    expect(all.length).toBe(fast.frameCount);
    expect(all.length / 120).toBeCloseTo(all[all.length - 1]!.t + 1 / 120, 9);
  });

  it('start 300 m before the line on lap 0, run laps 1..N and stop shortly after the last line', () => {
    const first = frames[0]!;
    expect(first.lap).toBe(0);
    expect(first.lapDistance!).toBeCloseTo(-300, 0);
    expect(first.speed!).toBeGreaterThan(60); // a flying run-up, at racing speed
    expect(first.lapTime).toBe(0);
    const laps = [...new Set(frames.map((f) => f.lap))];
    expect(laps).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const last = frames[frames.length - 1]!;
    expect(last.lap).toBe(LAPS + 1);
    expect(last.lapDistance!).toBeGreaterThan(100);
    expect(last.lapDistance!).toBeLessThanOrEqual(150);
    for (let k = 1; k < frames.length; k++) {
      const a = frames[k - 1]!;
      const b = frames[k]!;
      if (b.lap < a.lap || b.lap > a.lap + 1) throw new Error(`lap jumps at frame ${k}`);
      if (b.lap === a.lap && b.lapDistance! <= a.lapDistance!) throw new Error(`distance not increasing at frame ${k}`);
    }
  });

  it('carry the current lap time, and the last lap time after the first completed lap', () => {
    const lineTimes = run.groundTruth.lineTimes;
    for (const f of frames) {
      if (f.lap === 0) {
        expect(f.lapTime).toBe(f.t);
        expect(f.lastLapTime).toBeUndefined();
        continue;
      }
      if (Math.abs(f.lapTime! - (f.t - lineTimes[f.lap - 1]!)) > 1e-9) throw new Error(`lapTime at t=${f.t}`);
      if (f.lap === 1) expect('lastLapTime' in f).toBe(false);
      else if (f.lastLapTime !== run.groundTruth.lapTimes[f.lap - 2]) throw new Error(`lastLapTime at t=${f.t}`);
    }
  });

  it('cross the line where the ground truth says: interpolated crossings give the lap times within 1 ms', () => {
    const crossings = [1, 2, 3, 4, 5, 6].map((lap) => crossingTime(frames, lap));
    crossings.forEach((t, k) => expect(Math.abs(t - run.groundTruth.lineTimes[k]!)).toBeLessThan(1e-4));
    run.groundTruth.lapTimes.forEach((lapTime, k) => {
      expect(Math.abs(crossings[k + 1]! - crossings[k]! - lapTime)).toBeLessThan(1e-3);
      // A recorder taking the game's lap time rounded to ms (as the F1 encoder sends it) agrees too.
      expect(Math.abs(Math.round(lapTime * 1000) / 1000 - lapTime)).toBeLessThanOrEqual(0.0005);
    });
  });

  it('carry sectors 0..2 switching at the sector starts, and sector times that add up', () => {
    const [s2, s3] = run.groundTruth.track.sectorStarts;
    for (const f of frames.filter((x) => x.lap >= 1 && x.lap <= LAPS)) {
      const expected = f.lapDistance! < s2 ? 0 : f.lapDistance! < s3 ? 1 : 2;
      if (f.sector !== expected) throw new Error(`sector at ${f.lapDistance}`);
    }
    expect(frames[0]!.sector).toBe(2);
    run.groundTruth.sectorTimes.forEach((s, k) => {
      expect(s).toHaveLength(3);
      expect(s[0]! + s[1]! + s[2]!).toBeCloseTo(run.groundTruth.lapTimes[k]!, 9);
    });
  });

  it('carry every channel the demo promises, inside its range', () => {
    for (const f of frames) {
      const bad =
        f.gear! < 1 || f.gear! > 6 ||
        f.rpm! > 8500 || f.rpm! < 1200 ||
        f.throttle! < 0 || f.throttle! > 1 || f.brake! < 0 || f.brake! > 1 ||
        f.throttle! > 0 && f.brake! > 0 ||
        f.clutch !== 0 || f.drs !== 0 || f.gVert !== 0 || f.posY !== 0 ||
        Math.abs(f.steer!) > 1 || Math.abs(f.yaw!) > Math.PI ||
        f.speed! <= 0 || f.speed! > 80;
      if (bad) throw new Error(`frame out of range: ${JSON.stringify(f)}`);
    }
  });
});

describe('createDemoRun: the driver', () => {
  it('produces these lap times for seed 1 (pinned)', () => {
    const pin = (actual: readonly number[], expected: readonly number[]): void => {
      expect(actual).toHaveLength(expected.length);
      actual.forEach((t, k) => expect(t).toBeCloseTo(expected[k]!, 3));
    };
    pin(run.groundTruth.lapTimes, [92.9177, 92.8295, 92.6811, 92.69, 92.7066]);
    pin(createDemoRun({ trackId: 'harbour', laps: 3, seed: 1 }).groundTruth.lapTimes, [88.9784, 88.8658, 88.9143]);
  });

  it('varies lap to lap, reproduces for the same seed and changes with the seed', () => {
    const times = run.groundTruth.lapTimes;
    expect(new Set(times).size).toBe(LAPS);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(0.1);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(1.5);
    const again = createDemoRun({ trackId: 'kestrel', laps: LAPS, seed: 1 });
    expect(again.groundTruth.lapTimes).toEqual(times);
    const againFrames = [...again.frames()];
    for (let k = 0; k < frames.length; k += 997) expect(againFrames[k]).toEqual(frames[k]);
    const other = createDemoRun({ trackId: 'kestrel', laps: LAPS, seed: 2 });
    expect(other.groundTruth.lapTimes).not.toEqual(times);
  });

  it('moves brake points by a few metres and apex speeds by about 1-2 % between laps', () => {
    const t1 = run.groundTruth.cornerLaps.map((lap) => lap[0]!);
    const brakes = t1.map((c) => c.brakePoint!);
    const speeds = t1.map((c) => c.minSpeed);
    expect(Math.max(...brakes) - Math.min(...brakes)).toBeGreaterThan(2);
    expect(Math.max(...brakes) - Math.min(...brakes)).toBeLessThan(15);
    expect(Math.max(...speeds) / Math.min(...speeds) - 1).toBeGreaterThan(0.005);
    expect(Math.max(...speeds) / Math.min(...speeds) - 1).toBeLessThan(0.04);
    // Flat-out sweepers (T6 R200, T11 R250) have no brake point.
    expect(run.groundTruth.cornerLaps[0]![5]!.brakePoint).toBeNull();
    expect(run.groundTruth.cornerLaps[0]![10]!.brakePoint).toBeNull();
  });
});

describe('createDemoRun: planted errors', () => {
  const planted = createDemoRun({ trackId: 'kestrel', laps: LAPS, seed: 1, plantedErrors: [{ lap: 3, corner: 1, brakeEarlyM: 20 }] });
  const plantedFrames = [...planted.frames()];

  /** Lap distance bracket [last frame below, first frame at/above] of the brake point before `corner` on `lap`. */
  function frameBrakeBracket(r: DemoRun, all: readonly TelemetryFrame[], lap: number, corner: number): [number, number] {
    const apex = r.groundTruth.corners[corner - 1]!.apexDistance;
    const lapFrames = all.filter((f) => f.lap === lap && f.lapDistance! > apex - 300 && f.lapDistance! < apex);
    const k = lapFrames.findIndex((f) => f.brake! >= BRAKE_POINT_THRESHOLD);
    return [lapFrames[k - 1]!.lapDistance!, lapFrames[k]!.lapDistance!];
  }

  it('lengthens only that lap, by a plausible amount', () => {
    const base = run.groundTruth.lapTimes;
    const times = planted.groundTruth.lapTimes;
    const loss = times[2]! - base[2]!;
    expect(loss).toBeGreaterThan(0.05);
    expect(loss).toBeLessThan(0.5);
    expect(loss).toBeCloseTo(0.105, 2);
    for (const k of [0, 1, 3, 4]) expect(times[k]!).toBeCloseTo(base[k]!, 9);
  });

  it('moves that corner brake point 20 m earlier on that lap only, in the ground truth and in the frames', () => {
    const before = run.groundTruth.cornerLaps[2]![0]!.brakePoint!;
    const after = planted.groundTruth.cornerLaps[2]![0]!.brakePoint!;
    expect(before - after).toBeCloseTo(20, 1);
    expect(planted.groundTruth.cornerLaps[1]![0]!.brakePoint).toBe(run.groundTruth.cornerLaps[1]![0]!.brakePoint);
    expect(planted.groundTruth.cornerLaps[2]![1]!.brakePoint).toBe(run.groundTruth.cornerLaps[2]![1]!.brakePoint);
    // The frames show it: the pedal crosses the threshold between the two frames around each truth.
    const [b0, b1] = frameBrakeBracket(run, frames, 3, 1);
    const [p0, p1] = frameBrakeBracket(planted, plantedFrames, 3, 1);
    expect(before).toBeGreaterThan(b0);
    expect(before).toBeLessThanOrEqual(b1);
    expect(after).toBeGreaterThan(p0);
    expect(after).toBeLessThanOrEqual(p1);
    // After braking early the driver releases and coasts, then brakes again onto the plan.
    const apex = run.groundTruth.corners[0]!.apexDistance;
    const coasting = plantedFrames.filter((f) => f.lap === 3 && f.lapDistance! > after && f.lapDistance! < apex && f.brake === 0 && f.throttle === 0);
    expect(coasting.length).toBeGreaterThan(5);
    expect(coasting[0]!.lapDistance!).toBeGreaterThan(before);
  });

  it('slows a corner on request and delays the throttle on request', () => {
    const slow = createDemoRun({ trackId: 'kestrel', laps: LAPS, seed: 1, plantedErrors: [{ lap: 2, corner: 7, apexSpeedFactor: 0.9 }] });
    const ratio = slow.groundTruth.cornerLaps[1]![6]!.minSpeed / run.groundTruth.cornerLaps[1]![6]!.minSpeed;
    expect(ratio).toBeCloseTo(0.9, 2);
    expect(slow.groundTruth.lapTimes[1]! - run.groundTruth.lapTimes[1]!).toBeGreaterThan(0.1);
    const late = createDemoRun({ trackId: 'kestrel', laps: LAPS, seed: 1, plantedErrors: [{ lap: 4, corner: 10, throttleLateM: 25 }] });
    const lateLoss = late.groundTruth.lapTimes[3]! - run.groundTruth.lapTimes[3]!;
    expect(lateLoss).toBeGreaterThan(0.05);
    expect(lateLoss).toBeLessThan(1);
  });

  it('refuses a brake-early error where there is no brake point to move', () => {
    expect(() => createDemoRun({ trackId: 'kestrel', laps: 3, seed: 1, plantedErrors: [{ lap: 2, corner: 6, brakeEarlyM: 20 }] })).toThrow(
      /corner 6 is taken without braking/,
    );
    expect(() => createDemoRun({ trackId: 'harbour', laps: 3, seed: 1, plantedErrors: [{ lap: 2, corner: 9, brakeEarlyM: 20 }] })).toThrow(
      /already at corner 9's minimum speed/,
    );
  });
});
