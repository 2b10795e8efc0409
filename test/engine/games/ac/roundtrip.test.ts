import { describe, expect, it } from 'vitest';
import { createAcDecoder, createAcEncoder, readAcCarInfo } from '../../../../src/engine/games/ac/index.js';
import type { SessionInfo, TelemetryFrame } from '../../../../src/engine/model/index.js';

const session: SessionInfo = { game: 'ac', trackKey: 'ac:ks_monza', trackLength: 5793, carKey: 'ac:ks_audi_r8_lms' };

/** Two and a bit laps of a made-up car at 60 Hz, every AC-carried channel moving. */
function syntheticFrames(): TelemetryFrame[] {
  const frames: TelemetryFrame[] = [];
  const lapTimes = [101.25, 99.5];
  let lapStart = 0;
  let lap = 1;
  for (let tick = 0; tick < 60 * 210; tick++) {
    const t = tick / 60;
    let lapTime = t - lapStart;
    const lapLength = lapTimes[lap - 1];
    if (lapLength !== undefined && lapTime >= lapLength) {
      lapStart += lapLength;
      lap++;
      lapTime = t - lapStart;
    }
    const phase = tick / 97;
    frames.push({
      t,
      lap,
      lapTime,
      ...(lap > 1 ? { lastLapTime: lapTimes[lap - 2]! } : {}),
      inPit: tick < 30,
      speed: 40 + 20 * Math.sin(phase),
      rpm: 5000 + 2000 * Math.cos(phase),
      gear: (tick % 7) - 1,
      throttle: (Math.sin(phase) + 1) / 2,
      brake: (Math.cos(phase) + 1) / 2,
      clutch: tick % 50 === 0 ? 1 : 0,
      steer: Math.sin(phase * 3) * 0.8,
      gLat: 1.5 * Math.sin(phase * 2),
      gLon: -0.9 * Math.cos(phase),
      gVert: 0.1 * Math.sin(phase * 5),
      posX: 100 * Math.cos(phase),
      posY: 2,
      posZ: 100 * Math.sin(phase),
      lapDistance: (lapTime / 110) * 5793,
    });
  }
  return frames;
}

describe('AC encoder → decoder round trip', () => {
  it('gives back every channel AC carries, at float32 precision', () => {
    const frames = syntheticFrames();
    const encoder = createAcEncoder();
    const decoder = createAcDecoder({ trackLength: 5793 });
    const decoded: TelemetryFrame[] = [];
    for (const frame of frames) {
      for (const packet of encoder.encode(frame, session)) {
        for (const result of decoder.decode(packet)) if (result.kind === 'frame') decoded.push(result.frame);
      }
    }
    expect(decoded).toHaveLength(frames.length);
    const mismatches: string[] = [];
    const near = (i: number, what: string, got: unknown, want: unknown, tolerance = 0): void => {
      if (got === want) return;
      if (typeof got !== 'number' || typeof want !== 'number' || !(Math.abs(got - want) <= tolerance)) mismatches.push(`#${i} ${what}: ${String(got)} vs ${String(want)}`);
    };
    decoded.forEach((got, i) => {
      const want = frames[i]!;
      near(i, 'lap', got.lap, want.lap);
      near(i, 't', got.t, want.t, 0.001); // the lap clock has ms resolution
      near(i, 'lapTime', got.lapTime, want.lapTime, 0.0005);
      near(i, 'lastLapTime', got.lastLapTime, want.lastLapTime);
      near(i, 'inPit', got.inPit, want.inPit);
      near(i, 'gear', got.gear, want.gear);
      for (const channel of ['speed', 'rpm', 'throttle', 'brake', 'clutch', 'steer', 'gLat', 'gLon', 'gVert', 'posX', 'posY', 'posZ'] as const) {
        near(i, channel, got[channel], want[channel], 1e-3);
      }
      near(i, 'lapDistance', got.lapDistance, want.lapDistance, 0.01);
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('keeps the running best lap like AC', () => {
    const encoder = createAcEncoder();
    const frame = (lap: number, lastLapTime?: number): TelemetryFrame => ({ t: lap * 100, lap, lapTime: 1, ...(lastLapTime ? { lastLapTime } : {}) });
    const best = (f: TelemetryFrame): number => {
      const info = readAcCarInfo(encoder.encode(f, session)[0]!);
      return 'bestLap' in info ? info.bestLap : Number.NaN;
    };
    expect(best(frame(1))).toBe(0);
    expect(best(frame(2, 101.25))).toBe(101_250);
    expect(best(frame(3, 99.5))).toBe(99_500);
    expect(best(frame(4, 100))).toBe(99_500);
  });

  it('signals a restarted session when the lap counter goes back', () => {
    const encoder = createAcEncoder();
    const decoder = createAcDecoder();
    const kinds = (f: TelemetryFrame): string[] => encoder.encode(f, session).flatMap((p) => decoder.decode(p).map((r) => r.kind));
    expect(kinds({ t: 10, lap: 3, lapTime: 10 })).toEqual(['frame']);
    expect(kinds({ t: 11, lap: 3, lapTime: 11 })).toEqual(['frame']);
    expect(kinds({ t: 0.5, lap: 1, lapTime: 0.5 })).toEqual(['new-session', 'frame']);
    // Lap clock back to zero within the same lap: a restart too.
    expect(kinds({ t: 30, lap: 1, lapTime: 30 })).toEqual(['frame']);
    expect(kinds({ t: 0.2, lap: 1, lapTime: 0.2 })).toEqual(['new-session', 'frame']);
  });
});
