import { describe, expect, it } from 'vitest';
import type { SessionInfo, TelemetryFrame } from '../../../../src/engine/model/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import {
  createGt7Decoder,
  createGt7Decryptor,
  createGt7Encoder,
  encodeGt7Heartbeat,
  encryptGt7Packet,
  FORMAT_SPECS,
  GT7_FLAG,
  GT7_FORMATS,
  gt7PacketFromFrame,
  gt7Protocol,
  parseGt7Heartbeat,
  readGt7Packet,
  writeGt7Packet,
  type Gt7Format,
  type Gt7Packet,
} from '../../../../src/engine/games/gt7/index.js';

const SESSION: SessionInfo = { game: 'gt7', carKey: 'gt7:3582', maxRpm: 8000 };

const FRAME: TelemetryFrame = {
  t: 1234 / 60,
  lap: 3,
  lastLapTime: 98.765,
  lapTime: 12.345,
  speed: 55.5,
  rpm: 7123,
  gear: 4,
  throttle: 0.8,
  brake: 0.2,
  clutch: 0,
  posX: 120.5,
  posY: 14.25,
  posZ: -830.75,
  yaw: 2.5,
  pitch: 0.05,
  roll: -0.03,
  gLat: 1.2,
  gLon: -0.7,
  gVert: 0.1,
  fuel: 42.5,
  engineTemp: 85,
  tyreTempFL: 71,
  tyreTempFR: 72,
  tyreTempRL: 73,
  tyreTempRR: 74,
};

function frameOf(results: readonly DecodeResult[]): TelemetryFrame | undefined {
  const hit = results.find((r) => r.kind === 'frame');
  return hit && hit.kind === 'frame' ? hit.frame : undefined;
}

/** An encrypted packet built from FRAME with some wire fields changed. */
function packetWith(change: (p: Gt7Packet) => void, format: Gt7Format = '~', packetId = 1000): Uint8Array {
  const p = gt7PacketFromFrame(FRAME, SESSION, format, packetId, -1, 0);
  change(p);
  return encryptGt7Packet(writeGt7Packet(p), 0x12345678 + packetId, FORMAT_SPECS[format].ivXor[0]!);
}

function expectFrameClose(actual: TelemetryFrame | undefined, expected: TelemetryFrame, channels: readonly (keyof TelemetryFrame)[]): void {
  expect(actual).toBeDefined();
  for (const key of channels) {
    const want = expected[key] as number;
    expect(actual![key], String(key)).toBeCloseTo(want, 5);
  }
}

describe('GT7 heartbeat', () => {
  it('is one byte: A, B, ~ or C', () => {
    expect(Array.from(encodeGt7Heartbeat('A'))).toEqual([0x41]);
    expect(Array.from(encodeGt7Heartbeat('B'))).toEqual([0x42]);
    expect(Array.from(encodeGt7Heartbeat('~'))).toEqual([0x7e]);
    expect(Array.from(encodeGt7Heartbeat('C'))).toEqual([0x43]);
  });

  it('parses back to its format, and nothing else parses', () => {
    for (const f of GT7_FORMATS) expect(parseGt7Heartbeat(encodeGt7Heartbeat(f))).toBe(f);
    expect(parseGt7Heartbeat(Uint8Array.of(0x44))).toBeUndefined();
    expect(parseGt7Heartbeat(Uint8Array.of(0x41, 0x41))).toBeUndefined();
  });
});

describe('GT7 encoder → decoder round trip', () => {
  const common: (keyof TelemetryFrame)[] = [
    't', 'lap', 'lastLapTime', 'speed', 'rpm', 'gear', 'throttle', 'brake', 'clutch', 'posX', 'posY', 'posZ',
    'yaw', 'pitch', 'roll', 'fuel', 'engineTemp', 'tyreTempFL', 'tyreTempFR', 'tyreTempRL', 'tyreTempRR',
  ];

  for (const format of GT7_FORMATS) {
    it(`format ${format}: ${FORMAT_SPECS[format].size} bytes, encrypted, decodes to the frame`, () => {
      const [packet] = createGt7Encoder({ format }).encode(FRAME, SESSION);
      expect(packet!.length).toBe(FORMAT_SPECS[format].size);
      // Encrypted: the magic is not in clear, and the decryptor opens it with the format's constant.
      expect(new DataView(packet!.buffer).getUint32(0, true)).not.toBe(0x47375330);
      expect(createGt7Decryptor()(packet!, format)?.ivXor).toBe(FORMAT_SPECS[format].ivXor[0]);
      expect(gt7Protocol.sniff(packet!)).toBe(true);
      const results = createGt7Decoder().decode(packet!);
      expect(results[0]).toEqual({ kind: 'session', session: { game: 'gt7', format, carKey: 'gt7:3582', maxRpm: 8000 } });
      const frame = frameOf(results);
      const extra: (keyof TelemetryFrame)[] = [];
      if (format !== 'A') extra.push('gLat', 'gLon', 'gVert');
      if (format === 'C') extra.push('lapTime');
      expectFrameClose(frame, FRAME, [...common, ...extra]);
      if (format === 'A') expect(frame!.gLat).toBeUndefined();
      if (format !== 'C') expect(frame!.lapTime).toBeUndefined();
      // GT7 sends no lap distance and no normalised steering.
      expect(frame!.lapDistance).toBeUndefined();
      expect(frame!.steer).toBeUndefined();
    });
  }

  it('keeps packet ids strictly increasing and t on the 60 Hz grid', () => {
    const encoder = createGt7Encoder({ format: 'B' });
    const decoder = createGt7Decoder();
    const ts: number[] = [];
    for (let i = 0; i < 120; i++) {
      const frame = frameOf(decoder.decode(encoder.encode({ ...FRAME, t: 10 + i / 60 }, SESSION)[0]!));
      ts.push(frame!.t);
    }
    expect(ts[0]).toBeCloseTo(10, 9);
    expect(ts[119]).toBeCloseTo(10 + 119 / 60, 9);
    expect(ts.every((t, i) => i === 0 || t > ts[i - 1]!)).toBe(true);
  });

  it('writes the best lap as the minimum last lap seen', () => {
    const encoder = createGt7Encoder({ format: 'A' });
    const decrypt = createGt7Decryptor();
    encoder.encode({ ...FRAME, lastLapTime: 90.5 }, SESSION);
    encoder.encode({ ...FRAME, t: FRAME.t + 1, lastLapTime: 88.25 }, SESSION);
    const packet = encoder.encode({ ...FRAME, t: FRAME.t + 2, lastLapTime: 91 }, SESSION)[0]!;
    expect(readGt7Packet(decrypt(packet, 'A')!.plain, 'A').bestLapTimeMs).toBe(88250);
  });

  it('switches layout when the demo console receives another heartbeat', () => {
    const encoder = createGt7Encoder({ format: 'A' });
    expect(encoder.encode(FRAME, SESSION)[0]!.length).toBe(296);
    encoder.setFormat('C');
    expect(encoder.format).toBe('C');
    expect(encoder.encode({ ...FRAME, t: FRAME.t + 1 }, SESSION)[0]!.length).toBe(368);
  });

  it('speaks GT Sport (its own key, 296 bytes) and the decoder says so', () => {
    const packet = createGt7Encoder({ variant: 'gts', format: 'C' }).encode(FRAME, SESSION)[0]!;
    expect(packet.length).toBe(296);
    expect(createGt7Decryptor()(packet, 'A')?.variant).toBe('gts');
    const results = createGt7Decoder().decode(packet);
    expect(results[0]).toEqual({ kind: 'session', session: { game: 'gt7', format: 'gts', carKey: 'gt7:3582', maxRpm: 8000 } });
    expect(frameOf(results)?.speed).toBeCloseTo(55.5, 5);
  });

  it('accepts already-decrypted packets (replayed captures)', () => {
    const plain = writeGt7Packet(gt7PacketFromFrame(FRAME, SESSION, 'B', 77, -1, 0));
    expect(createGt7Decryptor()(plain, 'B')?.variant).toBe('plain');
    expect(frameOf(createGt7Decoder().decode(plain))?.rpm).toBe(7123);
  });
});

describe('GT7 decoder decisions', () => {
  it('maps the gear nibble: 0 reverse, 15 neutral, 1..8 forward', () => {
    const decoder = createGt7Decoder();
    expect(frameOf(decoder.decode(packetWith((p) => { p.currentGear = 0; }, '~', 1)))?.gear).toBe(-1);
    expect(frameOf(decoder.decode(packetWith((p) => { p.currentGear = 15; }, '~', 2)))?.gear).toBe(0);
    expect(frameOf(decoder.decode(packetWith((p) => { p.currentGear = 7; }, '~', 3)))?.gear).toBe(7);
  });

  it('skips paused and loading packets', () => {
    expect(createGt7Decoder().decode(packetWith((p) => { p.flags |= GT7_FLAG.paused; }))).toEqual([{ kind: 'skip', reason: 'paused' }]);
    expect(createGt7Decoder().decode(packetWith((p) => { p.flags |= GT7_FLAG.loadingOrProcessing; }))).toEqual([{ kind: 'skip', reason: 'loading' }]);
  });

  it('skips a stationary car off track (menu) but keeps a moving one (replay, real recordings)', () => {
    const menu = packetWith((p) => { p.flags = 0; p.metersPerSecond = 0; });
    expect(createGt7Decoder().decode(menu)).toEqual([{ kind: 'skip', reason: 'not on track and stationary (menu)' }]);
    const replay = packetWith((p) => { p.flags = GT7_FLAG.inGear | GT7_FLAG.hasTurbo; });
    expect(frameOf(createGt7Decoder().decode(replay))?.speed).toBeCloseTo(55.5, 5);
  });

  it('skips a repeated packet id, and starts a new session when the ids restart', () => {
    const decoder = createGt7Decoder();
    const packet = packetWith(() => undefined, '~', 5000);
    expect(frameOf(decoder.decode(packet))).toBeDefined();
    expect(decoder.decode(packet)).toEqual([{ kind: 'skip', reason: 'duplicate or late packet' }]);
    expect(decoder.decode(packetWith(() => undefined, '~', 4990))).toEqual([{ kind: 'skip', reason: 'duplicate or late packet' }]);
    const restarted = decoder.decode(packetWith(() => undefined, '~', 10));
    expect(restarted[0]).toEqual({ kind: 'new-session' });
    expect(restarted[1]?.kind).toBe('session');
    expect(frameOf(restarted)?.t).toBeCloseTo(10 / 60, 9);
  });

  it('starts a new session when the car changes or the lap count goes back (restart)', () => {
    const decoder = createGt7Decoder();
    decoder.decode(packetWith(() => undefined, '~', 100));
    const otherCar = decoder.decode(packetWith((p) => { p.carCode = 1234; }, '~', 101));
    expect(otherCar.slice(0, 2)).toEqual([
      { kind: 'new-session' },
      { kind: 'session', session: { game: 'gt7', format: '~', carKey: 'gt7:1234', maxRpm: 8000 } },
    ]);
    expect(decoder.decode(packetWith((p) => { p.carCode = 1234; }, '~', 102)).map((r) => r.kind)).toEqual(['frame']);
    const restart = decoder.decode(packetWith((p) => { p.carCode = 1234; p.lapCount = 1; }, '~', 103));
    expect(restart.map((r) => r.kind)).toEqual(['new-session', 'session', 'frame']);
  });

  it('leaves unset lap times (−1) absent, and no car key when a 10-speed car overwrites the code', () => {
    const results = createGt7Decoder().decode(packetWith((p) => { p.lastLapTimeMs = -1; p.carCode = 0x3f2ccccd; }));
    expect(frameOf(results)?.lastLapTime).toBeUndefined();
    expect(results[0]).toEqual({ kind: 'session', session: { game: 'gt7', format: '~', maxRpm: 8000 } });
  });

  it('drops format C\'s lap timer on the packet where the lap count changed but the timer did not reset', () => {
    const decoder = createGt7Decoder();
    decoder.decode(packetWith((p) => { p.lapCount = 1; p.c!.currentLapTimeMs = 115234; }, 'C', 1));
    const first = frameOf(decoder.decode(packetWith((p) => { p.lapCount = 2; p.lastLapTimeMs = 115244; p.c!.currentLapTimeMs = 115250; }, 'C', 2)));
    expect(first?.lastLapTime).toBe(115.244);
    expect(first?.lapTime).toBeUndefined();
    const next = frameOf(decoder.decode(packetWith((p) => { p.lapCount = 2; p.lastLapTimeMs = 115244; p.c!.currentLapTimeMs = 17; }, 'C', 3)));
    expect(next?.lapTime).toBeCloseTo(0.017, 9);
  });

  it('gives electric cars (capacity 0) no fuel channel', () => {
    expect(frameOf(createGt7Decoder().decode(packetWith((p) => { p.gasCapacity = 0; p.gasLevel = 63; })))?.fuel).toBeUndefined();
  });

  it('leaves non-finite wire values absent instead of passing NaN on', () => {
    const frame = frameOf(createGt7Decoder().decode(packetWith((p) => { p.metersPerSecond = Number.NaN; p.engineRpm = Number.POSITIVE_INFINITY; p.flags |= GT7_FLAG.carOnTrack; })));
    expect(frame).toBeDefined();
    expect('speed' in frame!).toBe(false);
    expect('rpm' in frame!).toBe(false);
  });

  it('returns errors, not exceptions, for wrong sizes and packets that do not decrypt', () => {
    const decoder = createGt7Decoder();
    expect(decoder.decode(new Uint8Array(100))).toEqual([{ kind: 'error', error: { code: 'bad-size', detail: 'GT7 packets are 296, 316, 344 or 368 bytes; got 100' } }]);
    const garbage = Uint8Array.from({ length: 296 }, (_, i) => (i * 131 + 7) & 0xff);
    expect(decoder.decode(garbage)[0]).toMatchObject({ kind: 'error', error: { code: 'decrypt-failed' } });
    expect(gt7Protocol.sniff(garbage)).toBe(false);
    expect(gt7Protocol.sniff(new Uint8Array(1349))).toBe(false);
  });

  it('declares the protocol: id, receive port, setup steps naming both ports', () => {
    expect(gt7Protocol.id).toBe('gt7');
    expect(gt7Protocol.defaultPorts).toEqual([33740]);
    expect(gt7Protocol.setup).toContain('33739');
    expect(gt7Protocol.setup).toContain('33740');
  });
});
