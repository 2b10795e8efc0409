import { describe, expect, it } from 'vitest';
import {
  FORZA_PACKET_SIZES,
  FORZA_VARIANTS,
  createForzaDecoder,
  createForzaEncoder,
  forzaOffset,
  forzaProtocol,
  readForzaPacket,
  writeForzaPacket,
  type ForzaVariant,
} from '../../../../src/engine/games/forza/index.js';
import type { SessionInfo, TelemetryFrame } from '../../../../src/engine/model/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';

describe('Forza layouts', () => {
  it('match the documented sizes and offsets (protocols.md §3), including the Horizon 12-byte gap', () => {
    expect(FORZA_PACKET_SIZES).toEqual({ 'fm7-sled': 232, 'fm7-dash': 311, fm2023: 331, fh4: 324, fh5: 324 });
    expect(forzaOffset('fm7-sled', 'CarOrdinal')).toBe(212);
    expect(forzaOffset('fm7-sled', 'NumCylinders')).toBe(228);
    expect(forzaOffset('fm7-sled', 'Speed')).toBeUndefined();
    expect(forzaOffset('fm7-dash', 'Speed')).toBe(244);
    expect(forzaOffset('fm7-dash', 'LapNumber')).toBe(300);
    expect(forzaOffset('fm7-dash', 'Gear')).toBe(307);
    expect(forzaOffset('fm7-dash', 'NormalizedAIBrakeDifference')).toBe(310);
    expect(forzaOffset('fh5', 'HorizonCarCategory')).toBe(232);
    expect(forzaOffset('fh5', 'PositionX')).toBe(244);
    expect(forzaOffset('fh5', 'Speed')).toBe(256);
    expect(forzaOffset('fh4', 'LapNumber')).toBe(312);
    expect(forzaOffset('fh4', 'Gear')).toBe(319);
    expect(forzaOffset('fh4', 'HorizonTrailing')).toBe(323);
    expect(forzaOffset('fm2023', 'TireWearFrontLeft')).toBe(311);
    expect(forzaOffset('fm2023', 'TrackOrdinal')).toBe(327);
  });

  it('writes every field where the table says (fields round-trip byte-exactly in every variant)', () => {
    for (const variant of FORZA_VARIANTS) {
      const packet = new Uint8Array(FORZA_PACKET_SIZES[variant]);
      // Any bytes whose floats are finite: the integers 0..255 repeated never form NaN/Inf.
      packet.forEach((_, i) => (packet[i] = (i * 37 + 11) & 0x3f));
      const read = readForzaPacket(packet);
      if (!('fields' in read)) throw new Error(read.detail);
      expect(writeForzaPacket(variant, read.fields)).toEqual(packet);
    }
  });
});

const session: SessionInfo = { game: 'forza', carKey: 'forza:2478', trackKey: 'forza:110', maxRpm: 8500 };

function frames(): TelemetryFrame[] {
  const out: TelemetryFrame[] = [];
  for (let tick = 0; tick < 600; tick++) {
    const t = 1000 + tick / 60;
    const lap = tick < 300 ? 1 : 2;
    const phase = tick / 41;
    out.push({
      t,
      lap,
      lapTime: lap === 1 ? tick / 60 : (tick - 300) / 60,
      ...(lap === 2 ? { lastLapTime: 5 } : {}),
      speed: 50 + 10 * Math.sin(phase),
      rpm: 6000 + 1500 * Math.sin(phase),
      gear: (tick % 9) - 1,
      throttle: Math.round(((Math.sin(phase) + 1) / 2) * 255) / 255,
      brake: Math.round(((Math.cos(phase) + 1) / 2) * 255) / 255,
      clutch: tick % 30 === 0 ? 1 : 0,
      steer: Math.round(Math.sin(phase * 2) * 127) / 127,
      gLat: Math.sin(phase),
      gLon: Math.cos(phase) * 0.5,
      gVert: 0.05,
      yaw: Math.sin(phase) * 3,
      pitch: 0.01,
      roll: -0.02,
      posX: 300 * Math.cos(phase),
      posY: 12,
      posZ: 300 * Math.sin(phase),
      tyreTempFL: 80,
      tyreTempFR: 81,
      tyreTempRL: 82,
      tyreTempRR: 83,
    });
  }
  return out;
}

function roundTrip(variant: ForzaVariant): { decoded: TelemetryFrame[]; results: DecodeResult[] } {
  const encoder = createForzaEncoder({ variant, carClass: 5, performanceIndex: 900 });
  const decoder = createForzaDecoder();
  const results = frames().flatMap((f) => encoder.encode(f, session).flatMap((p) => [...decoder.decode(p)]));
  return { decoded: results.flatMap((r) => (r.kind === 'frame' ? [r.frame] : [])), results };
}

describe('Forza encoder → decoder round trip', () => {
  for (const variant of FORZA_VARIANTS) {
    it(`${variant}: gives back what the variant carries`, () => {
      const { decoded, results } = roundTrip(variant);
      const source = frames();
      expect(decoded).toHaveLength(source.length);
      const dash = variant !== 'fm7-sled';
      const session0 = results[0];
      expect(session0?.kind === 'session' && session0.session).toEqual({
        game: 'forza',
        format: { 'fm7-sled': 'sled', 'fm7-dash': 'fm7-dash', fm2023: 'fm2023', fh4: 'fh', fh5: 'fh' }[variant],
        carKey: 'forza:2478',
        carName: 'Forza car 2478 (class 5, PI 900)',
        maxRpm: 8500,
        ...(variant === 'fm2023' ? { trackKey: 'forza:110' } : {}),
      });
      const mismatches: string[] = [];
      const near = (what: string, got: number | undefined, want: number | undefined, tolerance: number): void => {
        if (got === want) return;
        if (got === undefined || want === undefined || !(Math.abs(got - want) <= tolerance)) mismatches.push(`${what}: ${got} vs ${want}`);
      };
      decoded.forEach((got, i) => {
        const want = source[i]!;
        near('t', got.t, want.t, 0.0005); // TimestampMS has ms resolution
        for (const channel of ['speed', 'rpm', 'gLat', 'gLon', 'gVert', 'yaw', 'pitch', 'roll'] as const) near(channel, got[channel], want[channel], 1e-3);
        if (!dash) {
          near('lap', got.lap, 0, 0); // Sled carries no lap data
          near('gear', got.gear, undefined, 0);
          return;
        }
        near('lap', got.lap, want.lap, 0);
        near('lapTime', got.lapTime, want.lapTime, 1e-4);
        near('lastLapTime', got.lastLapTime, want.lastLapTime, 0);
        near('gear', got.gear, want.gear, 0);
        for (const channel of ['throttle', 'brake', 'clutch', 'steer', 'posX', 'posY', 'posZ', 'tyreTempFL', 'tyreTempRR'] as const) {
          near(channel, got[channel], want[channel], 1e-3);
        }
      });
      expect(mismatches.slice(0, 10)).toEqual([]);
    });
  }

  it('FH4 and FH5 are the same bytes; the gap and trailing byte are zero', () => {
    const frame = frames()[10]!;
    const fh4 = createForzaEncoder({ variant: 'fh4' }).encode(frame, session)[0]!;
    const fh5 = createForzaEncoder({ variant: 'fh5' }).encode(frame, session)[0]!;
    expect(fh4).toEqual(fh5);
    expect([...fh4.subarray(232, 244)]).toEqual(new Array(12).fill(0));
    expect(forzaProtocol.sniff(fh4)).toBe(true);
  });
});

describe('Forza decoder states', () => {
  const encode = (frame: TelemetryFrame, s: SessionInfo = session): Uint8Array => createForzaEncoder({ variant: 'fm7-dash' }).encode(frame, s)[0]!;

  it('skips IsRaceOn = 0 packets (menus, pause) and rejects other values', () => {
    const packet = encode({ t: 1, lap: 1 });
    const decoder = createForzaDecoder();
    packet[0] = 0;
    expect(decoder.decode(packet)).toEqual([{ kind: 'skip', reason: 'Forza IsRaceOn = 0 (menus or paused)' }]);
    packet[0] = 2;
    expect(decoder.decode(packet)).toMatchObject([{ kind: 'error', error: { code: 'bad-value' } }]);
  });

  it('unwraps the u32 millisecond timestamp and calls a big jump back a new session', () => {
    const decoder = createForzaDecoder();
    const ts = (packet: Uint8Array, ms: number): Uint8Array => (new DataView(packet.buffer).setUint32(4, ms, true), packet);
    const t = (r: readonly DecodeResult[]): number | undefined => r.flatMap((x) => (x.kind === 'frame' ? [x.frame.t] : []))[0];
    expect(t(decoder.decode(ts(encode({ t: 0, lap: 1 }), 2 ** 32 - 10)))).toBeCloseTo(4294967.286, 6);
    expect(t(decoder.decode(ts(encode({ t: 0, lap: 1 }), 5)))).toBeCloseTo(4294967.301, 6);
    expect(decoder.decode(ts(encode({ t: 0, lap: 1 }), 5)).map((r) => r.kind)).toEqual(['skip']);
    expect(decoder.decode(ts(encode({ t: 0, lap: 1 }), 4)).map((r) => r.kind)).toEqual(['skip']);
    const restarted = decoder.decode(ts(encode({ t: 0, lap: 1 }), 1));
    expect(restarted.map((r) => r.kind)).toEqual(['skip']); // 4 ms back: a reordered packet, not a restart
    const later = decoder.decode(ts(encode({ t: 0, lap: 1 }), 100_000));
    expect(later.map((r) => r.kind)).toEqual(['frame']);
    expect(decoder.decode(ts(encode({ t: 0, lap: 1 }), 50_000)).map((r) => r.kind)).toEqual(['new-session', 'frame']);
  });

  it('calls a different car or the lap counter going back a new session', () => {
    const decoder = createForzaDecoder();
    const kinds = (p: Uint8Array): string[] => decoder.decode(p).map((r) => r.kind);
    expect(kinds(encode({ t: 1, lap: 3 }))).toEqual(['session', 'frame']);
    expect(kinds(encode({ t: 2, lap: 3 }))).toEqual(['frame']);
    expect(kinds(encode({ t: 3, lap: 1 }))).toEqual(['new-session', 'frame']);
    expect(kinds(encode({ t: 4, lap: 1 }, { ...session, carKey: 'forza:1' }))).toEqual(['new-session', 'session', 'frame']);
  });
});
