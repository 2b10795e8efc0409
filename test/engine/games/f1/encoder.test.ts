import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createF1Decoder, createF1Encoder, f1Protocol, PARTICIPANTS_INTERVAL_S, SESSION_INTERVAL_S } from '../../../../src/engine/games/f1/index.js';
import { encodeParticipantName } from '../../../../src/engine/games/f1/participants.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import type { SessionInfo, TelemetryFrame } from '../../../../src/engine/model/index.js';
import { DEMO_CAR, DEMO_FRAME, DEMO_SESSION, DEMO_UID } from './demo-tick.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/f1');
const FORMATS = [2023, 2024, 2025] as const;
const PSI_TO_KPA = 6.894757293168361;

function fixture(format: number, name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, `encoded-${format}`, name)));
}

function frames(results: readonly DecodeResult[]): TelemetryFrame[] {
  return results.flatMap((r) => (r.kind === 'frame' ? [r.frame] : []));
}

function sessionNews(results: readonly DecodeResult[]): Partial<SessionInfo> {
  return Object.assign({}, ...results.flatMap((r) => (r.kind === 'session' ? [r.session] : []))) as Partial<SessionInfo>;
}

describe('F1 encoder: byte layout', () => {
  for (const format of FORMATS) {
    it(`format ${format}: reproduces the checked-in fixtures byte for byte`, () => {
      // The fixtures were checked field by field with Python struct at the spec offsets (see the
      // "spec reader" test below, which repeats that check with literal offsets).
      const encoder = createF1Encoder({ format, sessionUid: DEMO_UID, playerCarIndex: DEMO_CAR });
      const packets = encoder.encode(DEMO_FRAME, DEMO_SESSION);
      expect(packets.map((p) => p[6])).toEqual([0, 1, 2, 4, 6, 7]);
      for (const p of packets) expect(p, `packet ${p[6]}`).toEqual(fixture(format, `packet-${p[6]}.bin`));
      expect(encoder.encodeFlashbackEvent(100.5)).toEqual(fixture(format, 'packet-3-FLBK.bin'));
    });
  }

  it('a reader written from protocols.md offsets (not racecraft\'s tables) reads the 2024 fixtures', () => {
    const dv = (name: string): DataView => {
      const b = fixture(2024, name);
      return new DataView(b.buffer, b.byteOffset, b.byteLength);
    };
    const car = 5;
    const motion = dv('packet-0.bin');
    expect(motion.getUint16(0, true)).toBe(2024);
    expect(motion.getUint8(2)).toBe(24);
    expect(motion.getBigUint64(7, true)).toBe(DEMO_UID);
    expect(motion.getFloat32(15, true)).toBeCloseTo(123.456, 4);
    expect(motion.getUint8(27)).toBe(car);
    expect(motion.getUint8(28)).toBe(255);
    expect(motion.getFloat32(29 + 60 * car + 0, true)).toBe(100.25);
    expect(motion.getFloat32(29 + 60 * car + 36, true)).toBe(-1.5); // game's lateral g is positive to the left
    expect(motion.getFloat32(29 + 60 * car + 48, true)).toBe(1);
    const fx = motion.getInt16(29 + 60 * car + 24, true) / 32767;
    const fz = motion.getInt16(29 + 60 * car + 28, true) / 32767;
    expect(Math.atan2(fx, fz)).toBeCloseTo(1, 3);
    const lap = dv('packet-2.bin');
    expect(lap.getUint32(29 + 57 * car + 0, true)).toBe(88123);
    expect(lap.getUint32(29 + 57 * car + 4, true)).toBe(45678);
    expect(lap.getFloat32(29 + 57 * car + 20, true)).toBe(1234.5);
    expect(lap.getUint8(29 + 57 * car + 33)).toBe(3);
    expect(lap.getUint8(29 + 57 * car + 36)).toBe(1);
    expect(lap.getUint8(29 + 57 * car + 37)).toBe(1);
    const tel = dv('packet-6.bin');
    expect(tel.getUint16(29 + 60 * car + 0, true)).toBe(252);
    expect(tel.getFloat32(29 + 60 * car + 2, true)).toBe(0.75);
    expect(tel.getUint8(29 + 60 * car + 14)).toBe(20);
    expect(tel.getInt8(29 + 60 * car + 15)).toBe(6);
    expect(tel.getUint16(29 + 60 * car + 16, true)).toBe(11500);
    expect(tel.getUint16(29 + 60 * car + 22 + 2 * 2, true)).toBe(500); // FL brake (RL, RR, FL, FR)
    expect(tel.getFloat32(29 + 60 * car + 40 + 4 * 3, true)).toBeCloseTo(161 / PSI_TO_KPA, 5); // FR pressure, psi
    const status = dv('packet-7.bin');
    expect(status.getFloat32(29 + 55 * car + 5, true)).toBe(42.5);
    expect(status.getUint16(29 + 55 * car + 17, true)).toBe(13000);
    expect(status.getUint8(29 + 55 * car + 21)).toBe(9);
    const session = dv('packet-1.bin');
    expect(session.getUint16(33, true)).toBe(5793);
    expect(session.getUint8(35)).toBe(15); // race, F1 24 numbering
    expect(session.getInt8(36)).toBe(11); // Monza
    expect([session.getFloat32(745, true), session.getFloat32(749, true)]).toEqual([1800, 3900]);
    const participants = dv('packet-4.bin');
    expect(participants.getUint8(29)).toBe(1);
    expect(participants.getUint8(30 + 60 * car + 3)).toBe(8); // McLaren
    const name = new Uint8Array(participants.buffer, participants.byteOffset + 30 + 60 * car + 7, 48);
    expect(new TextDecoder().decode(name.subarray(0, name.indexOf(0)))).toBe('Demo Driver');
    expect(participants.getUint8(30 + 60 * 0 + 3)).toBe(255); // empty slot
  });

  it('F1 23 numbering for a 2023-format race (10) and time trial (13)', () => {
    const race = createF1Encoder({ format: 2023 }).encode(DEMO_FRAME, DEMO_SESSION)[1]!;
    expect(race[6]).toBe(1);
    expect(race[35]).toBe(10);
    const tt = createF1Encoder({ format: 2023 }).encode(DEMO_FRAME, { ...DEMO_SESSION, sessionType: 'time-trial' })[1]!;
    expect(tt[35]).toBe(13);
  });

  it('names longer than the field are cut at a character boundary and end with …', () => {
    const cut = encodeParticipantName('Ålesund-Øyvind-Ødegård-Bjørnstad', 32);
    expect(cut.length).toBeLessThanOrEqual(31);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(cut).endsWith('\u2026')).toBe(true);
    expect(encodeParticipantName('Short', 32)).toEqual(new TextEncoder().encode('Short'));
  });

  it('rejects a player slot outside 0..21', () => {
    expect(() => createF1Encoder({ playerCarIndex: 22 })).toThrow(RangeError);
  });
});

describe('F1 encoder → decoder round trip', () => {
  for (const format of FORMATS) {
    it(`format ${format}: every channel back within wire precision, and the session info`, () => {
      const encoder = createF1Encoder({ format, sessionUid: DEMO_UID, playerCarIndex: DEMO_CAR });
      const decoder = createF1Decoder();
      const results = encoder.encode(DEMO_FRAME, DEMO_SESSION).flatMap((p) => [...decoder.decode(p)]);
      expect(results.filter((r) => r.kind === 'error')).toEqual([]);
      const [f] = frames(results);
      expect(frames(results)).toHaveLength(1);
      const expected = DEMO_FRAME as Record<string, number | boolean>;
      const actual = f as Record<string, number | boolean>;
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
      for (const [key, value] of Object.entries(expected)) {
        if (typeof value === 'boolean') expect(actual[key], key).toBe(value);
        // speed: integer km/h on the wire (70 m/s = 252 km/h exactly); floats: f32 precision.
        else expect(actual[key] as number, key).toBeCloseTo(value, key === 't' || key === 'lapDistance' ? 3 : 4);
      }
      expect(sessionNews(results)).toEqual({
        game: 'f1',
        format: String(format),
        gameSessionId: DEMO_UID.toString(),
        trackKey: 'f1:11',
        trackName: 'Monza',
        trackLength: 5793,
        ...(format === 2023 ? {} : { sectorStarts: [1800, 3900] }),
        sessionType: 'race',
        driver: 'Demo Driver',
        carName: 'McLaren',
        carKey: `f1:${format - 2000}:team-8`,
        maxRpm: 13000,
        gearCount: 8,
      });
    });
  }

  it('absent channels stay absent in the session info; a frame without lastLapTime decodes without one', () => {
    const decoder = createF1Decoder();
    const encoder = createF1Encoder();
    const frame: TelemetryFrame = { t: 1, lap: 1, lapTime: 1, lapDistance: -12.5, speed: 10 };
    const results = encoder.encode(frame, { game: 'f1' }).flatMap((p) => [...decoder.decode(p)]);
    const [f] = frames(results);
    expect(f?.lastLapTime).toBeUndefined();
    expect(f?.lapDistance).toBe(-12.5); // before the line: kept negative
    expect(sessionNews(results)).toEqual({ game: 'f1', format: '2025', gameSessionId: 0x5241434543524654n.toString(), carName: 'F1 Custom Team', carKey: 'f1:25:team-104' });
  });

  it('the protocol object encodes 2025 with the default session uid and slot 0', () => {
    const packets = f1Protocol.createEncoder().encode(DEMO_FRAME, DEMO_SESSION);
    expect(packets[0]![0]! | (packets[0]![1]! << 8)).toBe(2025);
    expect(packets[0]![27]).toBe(0);
    expect(packets.every((p) => f1Protocol.sniff(p))).toBe(true);
  });
});

describe('F1 encoder schedule', () => {
  it('Motion, Lap, Telemetry, Status every tick with one frame id; Session every 2 s; Participants every 5 s', () => {
    const encoder = createF1Encoder();
    const ids: number[][] = [];
    const frameIds: number[] = [];
    for (let i = 0; i <= 600; i++) {
      const packets = encoder.encode({ ...DEMO_FRAME, t: i / 60 }, DEMO_SESSION);
      ids.push(packets.map((p) => p[6]!));
      const frameId = new Set(packets.map((p) => new DataView(p.buffer).getUint32(23, true)));
      expect(frameId.size).toBe(1);
      frameIds.push([...frameId][0]!);
    }
    expect(frameIds.slice(0, 3)).toEqual([0, 1, 2]);
    expect(frameIds.at(-1)).toBe(600);
    const sessionTicks = ids.flatMap((p, i) => (p.includes(1) ? [i] : []));
    const participantTicks = ids.flatMap((p, i) => (p.includes(4) ? [i] : []));
    // At 60 Hz: every 120 ticks (float t = i/60 may reach 2 s one tick late, never early).
    expect(sessionTicks.length).toBe(6);
    expect(sessionTicks[0]).toBe(0);
    for (let k = 1; k < sessionTicks.length; k++) expect(sessionTicks[k]! - sessionTicks[k - 1]!).toBeGreaterThanOrEqual(SESSION_INTERVAL_S * 60);
    expect(participantTicks.length).toBe(3);
    expect(participantTicks[0]).toBe(0);
    expect(participantTicks[1]).toBeGreaterThanOrEqual(PARTICIPANTS_INTERVAL_S * 60);
    expect(ids[1]).toEqual([0, 2, 6, 7]);
  });

  it('flashback: FLBK names the frame at the rewind time; m_frameIdentifier continues from it, the overall id keeps counting', () => {
    const encoder = createF1Encoder();
    for (let i = 0; i < 120; i++) encoder.encode({ ...DEMO_FRAME, t: i / 60 }, DEMO_SESSION);
    const event = new DataView(encoder.encodeFlashbackEvent(1).buffer);
    expect(event.getUint32(33, true)).toBe(60); // the frame at t = 1 s
    expect(event.getFloat32(37, true)).toBe(1);
    const next = new DataView(encoder.encode({ ...DEMO_FRAME, t: 1 + 1 / 60 }, DEMO_SESSION)[0]!.buffer);
    expect(next.getUint32(19, true)).toBe(61);
    expect(next.getUint32(23, true)).toBe(120);
  });

  it('session-start event', () => {
    const bytes = createF1Encoder().encodeSessionStartedEvent(0);
    expect(bytes.length).toBe(45);
    expect(new TextDecoder().decode(bytes.subarray(29, 33))).toBe('SSTA');
    expect(createF1Decoder().decode(bytes).at(-1)).toEqual({ kind: 'skip', reason: 'event SSTA: not used' });
  });
});
