import { describe, expect, it } from 'vitest';
import { ALL_PARTS, emptyPendingFrame, PART_LAP, PART_MOTION, pendingToFrame, PSI_TO_KPA, type PendingFrame } from '../../../../src/engine/games/f1/frame.js';

function complete(): PendingFrame {
  const p = emptyPendingFrame();
  p.key = 7;
  p.parts = ALL_PARTS;
  p.t = 12.5;
  Object.assign(p.motion, { posX: 1, posY: 2, posZ: 3, gLateral: 0.5, gLongitudinal: -1.25, gVertical: 0.25, yaw: 0.1, pitch: 0.2, roll: 0.3 });
  Object.assign(p.lap, { lastLapTimeMs: 90123, currentLapTimeMs: 4567, lapDistance: -20.5, currentLapNum: 2, pitStatus: 2, sector: 0, currentLapInvalid: 1 });
  Object.assign(p.telemetry, { speedKmh: 180, throttle: 0.5, brake: 0.25, steer: -0.75, clutch: 40, gear: -1, rpm: 9000, drs: 1, engineTemp: 99 });
  p.telemetry.brakeTemp.splice(0, 4, 1, 2, 3, 4);
  p.telemetry.tyreSurfaceTemp.splice(0, 4, 5, 6, 7, 8);
  p.telemetry.tyrePressurePsi.splice(0, 4, 21, 22, 23, 24);
  p.status.fuelInTank = 33.5;
  return p;
}

describe('F1 frame mapping', () => {
  it("takes speed from the Motion packet's world velocity when it agrees with m_speed (whole km/h, rounded down), else m_speed", () => {
    const p = complete();
    Object.assign(p.motion, { velX: 30, velY: 0.5, velZ: 40 }); // |v| = 50.0025 m/s = 180.009 km/h
    expect(pendingToFrame(p, undefined)!.speed).toBeCloseTo(Math.hypot(30, 0.5, 40), 12);
    Object.assign(p.motion, { velX: 0, velY: 0, velZ: 0 }); // a game that leaves the velocity out
    expect(pendingToFrame(p, undefined)!.speed).toBe(50);
    Object.assign(p.motion, { velX: 3, velY: 0, velZ: 4 }); // 5 m/s: not this car's speed
    expect(pendingToFrame(p, undefined)!.speed).toBe(50);
    p.parts &= ~PART_MOTION; // the Motion packet lost: m_speed
    Object.assign(p.motion, { velX: 30, velY: 0.5, velZ: 40 });
    expect(pendingToFrame(p, undefined)!.speed).toBe(50);
  });

  it('maps wire units to SI (km/h→m/s, clutch %→0..1, psi→kPa, gLat sign, RL/RR/FL/FR wheels)', () => {
    expect(pendingToFrame(complete(), undefined)).toEqual({
      t: 12.5, lap: 2, lapDistance: -20.5, lapTime: 4.567, lastLapTime: 90.123, lapInvalid: true, inPit: true, sector: 0,
      speed: 50, throttle: 0.5, brake: 0.25, steer: -0.75, clutch: 0.4, gear: -1, rpm: 9000, drs: 1,
      gLat: -0.5, gLon: -1.25, gVert: 0.25, posX: 1, posY: 2, posZ: 3, yaw: 0.1, pitch: 0.2, roll: 0.3, fuel: 33.5, engineTemp: 99,
      tyreTempFL: 7, tyreTempFR: 8, tyreTempRL: 5, tyreTempRR: 6,
      tyrePressFL: 23 * PSI_TO_KPA, tyrePressFR: 24 * PSI_TO_KPA, tyrePressRL: 21 * PSI_TO_KPA, tyrePressRR: 22 * PSI_TO_KPA,
      brakeTempFL: 3, brakeTempFR: 4, brakeTempRL: 1, brakeTempRR: 2,
    });
  });

  it('the one-literal fast path and the field-by-field path give the same frame', () => {
    const fast = pendingToFrame(complete(), undefined)!;
    const withNaN = complete();
    withNaN.motion.roll = NaN;
    const slow = pendingToFrame(withNaN, undefined)!;
    expect('roll' in slow).toBe(false);
    const { roll: _roll, ...rest } = fast;
    expect(slow).toEqual(rest);
  });

  it('non-finite floats become absent channels, never NaN', () => {
    const p = complete();
    p.lap.lapDistance = Infinity;
    p.telemetry.tyrePressurePsi[2] = NaN;
    const f = pendingToFrame(p, undefined)!;
    expect(f.lapDistance).toBeUndefined();
    expect(f.tyrePressFL).toBeUndefined();
    expect(Object.values(f).every((v) => typeof v !== 'number' || Number.isFinite(v))).toBe(true);
  });

  it('without Lap Data: the fallback lap and no lap channels; without any lap number: no frame', () => {
    const p = complete();
    p.parts = PART_MOTION;
    expect(pendingToFrame(p, undefined)).toBeUndefined();
    const f = pendingToFrame(p, 4)!;
    expect(f.lap).toBe(4);
    expect(Object.keys(f).sort()).toEqual(['gLat', 'gLon', 'gVert', 'lap', 'pitch', 'posX', 'posY', 'posZ', 'roll', 't', 'yaw']);
    p.parts = PART_LAP;
    p.lap.lastLapTimeMs = 0;
    expect(pendingToFrame(p, 4)).toEqual({ t: 12.5, lap: 2, lapDistance: -20.5, lapTime: 4.567, lapInvalid: true, inPit: true, sector: 0 });
  });
});
