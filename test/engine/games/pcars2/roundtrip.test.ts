import { describe, expect, it } from 'vitest';
import {
  PC2_SIZES,
  createPc1Encoder,
  createPc2Encoder,
  createPcarsDecoder,
  pcars2Protocol,
} from '../../../../src/engine/games/pcars2/index.js';
import type { DecodeResult, Encoder } from '../../../../src/engine/games/types.js';
import type { SessionInfo, TelemetryFrame } from '../../../../src/engine/model/index.js';

const session: SessionInfo = {
  game: 'pcars2',
  trackKey: 'pcars2:Brands Hatch/Indy',
  trackLength: 1929.5,
  carKey: 'pcars2:Ginetta G55 GT4',
  driver: 'Demo Driver',
  sessionType: 'race',
  maxRpm: 7400,
  gearCount: 6,
};

/** Three laps at 60 Hz with every channel a PCARS game carries. */
function frames(): TelemetryFrame[] {
  const out: TelemetryFrame[] = [];
  const lapLength = [12.25, 11.5];
  let lap = 1;
  let lapStart = 0;
  for (let tick = 0; tick < 60 * 30; tick++) {
    const t = tick / 60;
    const limit = lapLength[lap - 1];
    if (limit !== undefined && t - lapStart >= limit) {
      lapStart += limit;
      lap++;
    }
    const lapTime = t - lapStart;
    const phase = tick / 53;
    out.push({
      t,
      lap,
      lapTime,
      ...(lap > 1 ? { lastLapTime: lapLength[lap - 2]! } : {}),
      lapDistance: Math.round((lapTime / 12) * 1929),
      lapInvalid: lap === 2 && lapTime > 6,
      inPit: lap === 1 && lapTime < 3,
      sector: Math.min(2, Math.floor(lapTime / 4)),
      speed: 40 + 15 * Math.sin(phase),
      rpm: Math.round(5000 + 2000 * Math.sin(phase)),
      gear: (tick % 8) - 1,
      throttle: Math.round(((Math.sin(phase) + 1) / 2) * 255) / 255,
      brake: Math.round(((Math.cos(phase) + 1) / 2) * 255) / 255,
      clutch: tick % 40 === 0 ? 1 : 0,
      steer: Math.round(Math.sin(phase * 2) * 127) / 127,
      gLat: 1.2 * Math.sin(phase),
      gLon: -0.8 * Math.cos(phase),
      gVert: 0.02,
      pitch: 0.01,
      yaw: Math.sin(phase) * 3,
      roll: -0.01,
      fuel: 60 - tick * 0.001,
      engineTemp: 92,
      tyreTempFL: 80,
      tyreTempFR: 81,
      tyreTempRL: 82,
      tyreTempRR: 83,
      brakeTempFL: 400,
      brakeTempFR: 401,
      brakeTempRL: 300,
      brakeTempRR: 301,
      posX: 250 * Math.cos(phase),
      posY: 12,
      posZ: 250 * Math.sin(phase),
    });
  }
  return out;
}

function run(encoder: Encoder): { decoded: TelemetryFrame[]; results: DecodeResult[]; packets: Uint8Array[] } {
  const decoder = createPcarsDecoder();
  const packets = frames().flatMap((f) => [...encoder.encode(f, session)]);
  const results = packets.flatMap((p) => [...decoder.decode(p)]);
  return { decoded: results.flatMap((r) => (r.kind === 'frame' ? [r.frame] : [])), results, packets };
}

function compare(decoded: readonly TelemetryFrame[], positionTolerance: number): string[] {
  const source = frames();
  const mismatches: string[] = [];
  const near = (i: number, what: string, got: unknown, want: unknown, tolerance = 0): void => {
    if (got === want) return;
    if (typeof got !== 'number' || typeof want !== 'number' || !(Math.abs(got - want) <= tolerance)) mismatches.push(`#${i} ${what}: ${String(got)} vs ${String(want)}`);
  };
  if (decoded.length !== source.length) mismatches.push(`${decoded.length} frames for ${source.length}`);
  decoded.forEach((got, i) => {
    const want = source[i]!;
    near(i, 't', got.t, want.t, 1e-4);
    for (const key of ['lap', 'lastLapTime', 'lapDistance', 'lapInvalid', 'inPit', 'sector', 'gear', 'rpm', 'engineTemp', 'tyreTempFL', 'tyreTempRR', 'brakeTempFL', 'brakeTempRR'] as const) near(i, key, got[key], want[key]);
    for (const key of ['lapTime', 'speed', 'throttle', 'brake', 'clutch', 'steer', 'gLat', 'gLon', 'gVert', 'pitch', 'yaw', 'roll', 'fuel'] as const) near(i, key, got[key], want[key], 1e-4);
    for (const key of ['posX', 'posY', 'posZ'] as const) near(i, key, got[key], want[key], positionTolerance);
  });
  return mismatches.slice(0, 10);
}

describe('PC2 encoder → decoder round trip', () => {
  const runs = {
    v2: run(createPc2Encoder({ revision: 'v2' })),
    v1: run(createPc2Encoder({ revision: 'v1' })),
    pc1: run(createPc1Encoder()),
  };

  it('v2 sizes (AMS2 / patched PC2): every channel back, full-precision position', () => {
    const { decoded, packets } = runs.v2;
    expect(compare(decoded, 1e-3)).toEqual([]);
    expect(new Set(packets.map((p) => p.length))).toEqual(new Set(Object.values(PC2_SIZES.v2)));
    expect(packets.every((p) => pcars2Protocol.sniff(p))).toBe(true);
  });

  it('v1 sizes (2017 header): same, position from the timings entry (quarter metres on X/Z, metres on Y)', () => {
    const { decoded, packets } = runs.v1;
    expect(compare(decoded, 0.5)).toEqual([]);
    expect(new Set(packets.map((p) => p.length))).toEqual(new Set(Object.values(PC2_SIZES.v1)));
  });

  it('PC1 protocol encoder through the same decoder', () => {
    const { decoded, packets } = runs.pc1;
    expect(compare(decoded, 0.5)).toEqual([]);
    expect(new Set(packets.map((p) => p.length))).toEqual(new Set([1347, 1367]));
  });

  it('reports the session from race data, participants, vehicle names and game state', () => {
    for (const { results } of Object.values(runs)) {
      const sessions = results.flatMap((r) => (r.kind === 'session' ? [r.session] : []));
      expect(sessions.at(-1)).toMatchObject({
        game: 'pcars2',
        trackKey: 'pcars2:Brands Hatch/Indy',
        trackName: 'Brands Hatch Indy',
        trackLength: 1929.5,
        carKey: 'pcars2:Ginetta G55 GT4',
        carName: 'Ginetta G55 GT4',
        driver: 'Demo Driver',
        sessionType: 'race',
        maxRpm: 7400,
        gearCount: 6,
      });
      expect(results.filter((r) => r.kind === 'new-session' || r.kind === 'error')).toEqual([]);
    }
  });
});

describe('PC2 frame assembly', () => {
  const tick = (lap: number, lapTime: number, extra: Partial<TelemetryFrame> = {}): TelemetryFrame => ({ t: 0, lap, lapTime, speed: 30, ...extra });

  it('pairs telemetry with the viewed car of the latest timings and waits for timings first', () => {
    const encoder = createPc2Encoder();
    const packets = encoder.encode(tick(1, 1), session);
    const telemetry = packets.at(-1)!;
    const timings = packets.at(-2)!;
    const decoder = createPcarsDecoder();
    expect(decoder.decode(telemetry)).toMatchObject([{ kind: 'skip' }, { kind: 'session' }]);
    expect(decoder.decode(timings)).toEqual([]);
    expect(decoder.decode(telemetry)).toMatchObject([{ kind: 'frame', frame: { lap: 1, lapTime: 1 } }]);
    // The viewed participant index (telemetry byte 12) selects the timings entry: entry 5 is empty here.
    const spectating = telemetry.slice();
    spectating[12] = 5;
    expect(decoder.decode(spectating)).toMatchObject([{ kind: 'skip', reason: 'PC2 lap clock not running' }]);
    spectating[12] = 0xff;
    expect(decoder.decode(spectating)).toMatchObject([{ kind: 'skip', reason: 'PC2 viewed participant -1 (none: menus)' }]);
  });

  it('takes last-lap times from time stats whenever they arrive, and hides the stale one after a boundary', () => {
    const encoder = createPc2Encoder({ sessionEvery: 1000 });
    const decoder = createPcarsDecoder();
    const decodeAll = (packets: readonly Uint8Array[]): TelemetryFrame[] => packets.flatMap((p) => decoder.decode(p).flatMap((r) => (r.kind === 'frame' ? [r.frame] : [])));
    decodeAll(encoder.encode(tick(1, 59.98), session));
    // Boundary tick: drop the encoder's time stats packet to simulate it arriving late.
    const boundary = encoder.encode(tick(2, 0.01, { lastLapTime: 60.0 }), session);
    const timeStats = boundary.find((p) => p[10] === 7)!;
    const [atBoundary] = decodeAll(boundary.filter((p) => p !== timeStats));
    expect(atBoundary).toMatchObject({ lap: 2 });
    expect(atBoundary!.lapTime).toBeCloseTo(0.01, 6);
    expect(atBoundary!.lastLapTime).toBeUndefined();
    expect(atBoundary!.t).toBeCloseTo(59.99, 6);
    decodeAll([timeStats]);
    const [after] = decodeAll(encoder.encode(tick(2, 0.03, { lastLapTime: 60.0 }), session));
    expect(after!.lastLapTime).toBe(60);
    expect(after!.t).toBeCloseTo(60.03, 5); // lap closed with the game's 60.000 s once it arrived
  });

  it('tells a new track (race data) and a restarted race (lap counter back) as new sessions', () => {
    const decoder = createPcarsDecoder();
    const kinds = (packets: readonly Uint8Array[]): string[] => packets.flatMap((p) => decoder.decode(p).map((r) => r.kind));
    const encoder = createPc2Encoder({ sessionEvery: 1 });
    kinds(encoder.encode(tick(3, 10), session));
    expect(kinds(encoder.encode(tick(3, 11), session))).toEqual(['frame']);
    expect(kinds(encoder.encode(tick(1, 0.5), session))).toEqual(['new-session', 'frame']);
    const other = { ...session, trackKey: 'pcars2:Silverstone/GP' };
    expect(kinds(encoder.encode(tick(1, 1), other))).toEqual(['new-session', 'session', 'frame']);
  });

  it('rejects undefined packet types and short packets as counted errors', () => {
    const decoder = createPcarsDecoder();
    const bad = new Uint8Array(600);
    bad[10] = 9;
    expect(decoder.decode(bad)).toMatchObject([{ kind: 'error', error: { code: 'bad-format' } }]);
    expect(decoder.decode(new Uint8Array(5))).toMatchObject([{ kind: 'error', error: { code: 'too-short' } }]);
    const shortTelemetry = new Uint8Array(400);
    expect(decoder.decode(shortTelemetry)).toMatchObject([{ kind: 'error', error: { code: 'too-short' } }]);
  });
});
