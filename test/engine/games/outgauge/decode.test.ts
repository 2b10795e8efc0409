import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../../src/engine/model/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import {
  createOutGaugeDecoder,
  createOutGaugeEncoder,
  outgaugeProtocol,
  readOutGaugePacket,
} from '../../../../src/engine/games/outgauge/index.js';

/**
 * A packet written byte by byte at the offsets of LFS's OutGaugePack (InSim.txt), independently of the
 * package's own writer: an LFS XRT in 3rd gear at 41.5 m/s.
 */
function lfsPacket(options: { time?: number; gear?: number; id?: number; car?: string; plid?: number } = {}): Uint8Array {
  const bytes = new Uint8Array(options.id === undefined ? 92 : 96);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, options.time ?? 123456, true); // Time, ms
  const car = options.car ?? 'XRT';
  for (let i = 0; i < car.length; i++) bytes[4 + i] = car.charCodeAt(i); // Car[4]
  v.setUint16(8, 8192 | 16384 | 32768, true); // Flags: OG_TURBO | OG_KM | OG_BAR
  bytes[10] = options.gear ?? 4; // Gear: 0 R, 1 N, 2 first → 4 = third
  bytes[11] = options.plid ?? 7; // PLID
  v.setFloat32(12, 41.5, true); // Speed m/s
  v.setFloat32(16, 6789, true); // RPM
  v.setFloat32(20, 0.75, true); // Turbo bar
  v.setFloat32(24, 92.5, true); // EngTemp °C
  v.setFloat32(28, 0.625, true); // Fuel 0..1
  v.setFloat32(32, 3.5, true); // OilPressure
  v.setFloat32(36, 101, true); // OilTemp
  v.setUint32(40, 0b11111111111, true); // DashLights available
  v.setUint32(44, 1 << 4, true); // ShowLights: DL_TC
  v.setFloat32(48, 0.875, true); // Throttle
  v.setFloat32(52, 0.125, true); // Brake
  v.setFloat32(56, 0.25, true); // Clutch
  'Fuel 62%'.split('').forEach((c, i) => { bytes[60 + i] = c.charCodeAt(0); }); // Display1
  'ABS on'.split('').forEach((c, i) => { bytes[76 + i] = c.charCodeAt(0); }); // Display2
  if (options.id !== undefined) v.setInt32(92, options.id, true); // ID
  return bytes;
}

function frameOf(results: readonly DecodeResult[]): TelemetryFrame | undefined {
  const hit = results.find((r) => r.kind === 'frame');
  return hit && hit.kind === 'frame' ? hit.frame : undefined;
}

describe('OutGauge decoder', () => {
  it('reads every field of the 92-byte packet at the spec offsets', () => {
    const p = readOutGaugePacket(lfsPacket());
    expect(p).toEqual({
      time: 123456, car: 'XRT', flags: 57344, gear: 4, plid: 7, speed: 41.5, rpm: 6789, turbo: 0.75, engTemp: 92.5,
      fuel: 0.625, oilPressure: 3.5, oilTemp: 101, dashLights: 2047, showLights: 16, throttle: 0.875, brake: 0.125,
      clutch: 0.25, display1: 'Fuel 62%', display2: 'ABS on',
    });
  });

  it('reads the optional ID of the 96-byte packet', () => {
    expect(readOutGaugePacket(lfsPacket({ id: -42 })).id).toBe(-42);
    expect(readOutGaugePacket(lfsPacket()).id).toBeUndefined();
  });

  it('maps to a frame: t from ms, gear 0 = R / 1 = N trap, SI units, no fuel fraction in the litres channel', () => {
    const results = createOutGaugeDecoder().decode(lfsPacket());
    expect(results[0]).toEqual({ kind: 'session', session: { game: 'outgauge', format: 'lfs', carKey: 'lfs:XRT', carName: 'XRT' } });
    expect(frameOf(results)).toEqual({
      t: 123.456, lap: 0, speed: 41.5, rpm: 6789, gear: 3, throttle: 0.875, brake: 0.125, clutch: 0.25, engineTemp: 92.5,
    });
    const decoder = createOutGaugeDecoder();
    expect(frameOf(decoder.decode(lfsPacket({ gear: 0, time: 1 })))?.gear).toBe(-1);
    expect(frameOf(decoder.decode(lfsPacket({ gear: 1, time: 2 })))?.gear).toBe(0);
    expect(frameOf(decoder.decode(lfsPacket({ gear: 2, time: 3 })))?.gear).toBe(1);
  });

  it('recognises BeamNG (car "beam", Time 0) and clocks its packets by count, or by the clock it is given', () => {
    const decoder = createOutGaugeDecoder();
    const first = decoder.decode(lfsPacket({ time: 0, car: 'beam', plid: 0 }));
    expect(first[0]).toEqual({ kind: 'session', session: { game: 'outgauge', format: 'beamng' } });
    expect(frameOf(first)?.t).toBe(0);
    expect(frameOf(decoder.decode(lfsPacket({ time: 0, car: 'beam', plid: 0 })))?.t).toBeCloseTo(1 / 60, 12);
    let now = 500;
    const clocked = createOutGaugeDecoder({ clock: () => now });
    expect(frameOf(clocked.decode(lfsPacket({ time: 0, car: 'beam', plid: 0 })))?.t).toBe(500);
    now = 500.02;
    expect(frameOf(clocked.decode(lfsPacket({ time: 0, car: 'beam', plid: 0 })))?.t).toBe(500.02);
  });

  it('skips a repeated time (paused) and late packets; a large step back is a new session', () => {
    const decoder = createOutGaugeDecoder();
    decoder.decode(lfsPacket({ time: 50000 }));
    expect(decoder.decode(lfsPacket({ time: 50000 }))).toEqual([{ kind: 'skip', reason: 'time did not advance (paused)' }]);
    expect(decoder.decode(lfsPacket({ time: 49990 }))).toEqual([{ kind: 'skip', reason: 'late packet' }]);
    expect(decoder.decode(lfsPacket({ time: 1000 })).map((r) => r.kind)).toEqual(['new-session', 'session', 'frame']);
  });

  it('starts a new session when the viewed player or the car changes', () => {
    const decoder = createOutGaugeDecoder();
    decoder.decode(lfsPacket({ time: 10, plid: 3 }));
    expect(decoder.decode(lfsPacket({ time: 20, plid: 4 })).map((r) => r.kind)).toEqual(['new-session', 'session', 'frame']);
    expect(decoder.decode(lfsPacket({ time: 30, plid: 4, car: 'FBM' })).slice(0, 2)).toEqual([
      { kind: 'new-session' },
      { kind: 'session', session: { game: 'outgauge', format: 'lfs', carKey: 'lfs:FBM', carName: 'FBM' } },
    ]);
  });

  it('returns errors for wrong sizes and OutSim packets on its port', () => {
    const decoder = createOutGaugeDecoder();
    expect(decoder.decode(new Uint8Array(64))[0]).toMatchObject({ kind: 'error', error: { code: 'bad-size' } });
    const outsim = lfsPacket();
    outsim.set([0x4c, 0x46, 0x53, 0x54], 0);
    expect(decoder.decode(outsim)[0]).toMatchObject({ kind: 'error', error: { code: 'bad-format' } });
  });

  it('sniffs OutGauge and rejects other packets', () => {
    expect(outgaugeProtocol.sniff(lfsPacket())).toBe(true);
    expect(outgaugeProtocol.sniff(lfsPacket({ id: 1 }))).toBe(true);
    expect(outgaugeProtocol.sniff(new Uint8Array(93))).toBe(false);
    const badPedal = lfsPacket();
    new DataView(badPedal.buffer).setFloat32(48, 7, true);
    expect(outgaugeProtocol.sniff(badPedal)).toBe(false);
    const lfst = lfsPacket();
    lfst.set([0x4c, 0x46, 0x53, 0x54], 0);
    expect(outgaugeProtocol.sniff(lfst)).toBe(false);
    expect(outgaugeProtocol.defaultPorts).toEqual([4444]);
    expect(outgaugeProtocol.setup).toContain('OutGauge Port 4444');
  });
});

describe('OutGauge encoder → decoder round trip', () => {
  const frame: TelemetryFrame = { t: 61.25, lap: 2, speed: 33.5, rpm: 5432, gear: -1, throttle: 0.5, brake: 0.75, clutch: 1, engineTemp: 88 };

  it('LFS: 92 bytes, the frame comes back (lap is not in OutGauge)', () => {
    const packet = createOutGaugeEncoder().encode(frame, { game: 'outgauge', carKey: 'lfs:FZR' })[0]!;
    expect(packet.length).toBe(92);
    expect(readOutGaugePacket(packet).car).toBe('FZR');
    expect(readOutGaugePacket(packet).gear).toBe(0);
    expect(frameOf(createOutGaugeDecoder().decode(packet))).toEqual({ ...frame, lap: 0 });
  });

  it('with an OutGauge ID: 96 bytes carrying it', () => {
    const packet = createOutGaugeEncoder({ id: 9 }).encode(frame, { game: 'outgauge' })[0]!;
    expect(packet.length).toBe(96);
    expect(readOutGaugePacket(packet).id).toBe(9);
  });

  it('BeamNG: Time 0 and car "beam"', () => {
    const packet = createOutGaugeEncoder({ game: 'beamng' }).encode(frame, { game: 'outgauge' })[0]!;
    expect(readOutGaugePacket(packet)).toMatchObject({ time: 0, car: 'beam', plid: 0 });
    expect(createOutGaugeDecoder().decode(packet)[0]).toEqual({ kind: 'session', session: { game: 'outgauge', format: 'beamng' } });
  });
});
