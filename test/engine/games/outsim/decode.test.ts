import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../../src/engine/model/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import {
  createOutSimDecoder,
  createOutSimEncoder,
  layoutForPacket,
  OSO,
  outSim2Layout,
  outsimProtocol,
  readOutSimPacket,
} from '../../../../src/engine/games/outsim/index.js';

const G = 9.80665;

/**
 * The car the hand-built packets describe, in LFS terms: heading π/2 (nose to −X, west), 30 m/s along the nose,
 * braking at 1 g with 0.5 g to the right, at X 100.5 m, Y (north) 250.25 m, Z (up) 12 m.
 */
function writeMain(v: DataView, at: number): void {
  v.setFloat32(at + 0, 0.1, true); // AngVel X
  v.setFloat32(at + 4, 0.2, true); // AngVel Y
  v.setFloat32(at + 8, 0.3, true); // AngVel Z
  v.setFloat32(at + 12, Math.PI / 2, true); // Heading
  v.setFloat32(at + 16, 0.02, true); // Pitch
  v.setFloat32(at + 20, -0.01, true); // Roll
  v.setFloat32(at + 24, G, true); // Accel X: opposite the nose = braking
  v.setFloat32(at + 28, G / 2, true); // Accel Y: to the right of a car facing −X
  v.setFloat32(at + 32, 0.5, true); // Accel Z
  v.setFloat32(at + 36, -30, true); // Vel X
  v.setFloat32(at + 40, 0, true); // Vel Y
  v.setFloat32(at + 44, 0, true); // Vel Z
  v.setInt32(at + 48, Math.round(100.5 * 65536), true); // Pos X, 1 m = 65536
  v.setInt32(at + 52, Math.round(250.25 * 65536), true); // Pos Y
  v.setInt32(at + 56, 12 * 65536, true); // Pos Z
}

/** Classic OutSimPack at the InSim.txt offsets: Time @0, OutSimMain @4, optional ID @64. */
function classicPacket(time: number, id?: number): Uint8Array {
  const bytes = new Uint8Array(id === undefined ? 64 : 68);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, time, true);
  writeMain(v, 4);
  if (id !== undefined) v.setInt32(64, id, true);
  return bytes;
}

/** OutSim2 with Opts ff (272 bytes) at the OutSimPack.h offsets. */
function ffPacket(time: number, indexedDistance = 1230): Uint8Array {
  const bytes = new Uint8Array(272);
  const v = new DataView(bytes.buffer);
  bytes.set([0x4c, 0x46, 0x53, 0x54], 0); // "LFST"
  v.setInt32(4, 77, true); // ID
  v.setUint32(8, time, true); // Time
  writeMain(v, 12); // OutSimMain, 60 bytes
  v.setFloat32(72, 0.25, true); // Throttle
  v.setFloat32(76, 0.75, true); // Brake
  v.setFloat32(80, -0.1, true); // InputSteer
  v.setFloat32(84, 0.5, true); // Clutch
  v.setFloat32(88, 0, true); // Handbrake
  bytes[92] = 3; // Gear: 0 R, 1 N, 2 first → 3 = second
  v.setFloat32(96, 700, true); // EngineAngVel rad/s
  v.setFloat32(100, 250, true); // MaxTorqueAtVel
  v.setFloat32(104, 1234.5, true); // CurrentLapDist
  v.setFloat32(108, indexedDistance, true); // IndexedDistance
  for (let w = 0; w < 4; w++) bytes[112 + 40 * w + 28] = 60 + w; // wheels: AirTemp
  return bytes;
}

function frameOf(results: readonly DecodeResult[]): TelemetryFrame | undefined {
  const hit = results.find((r) => r.kind === 'frame');
  return hit && hit.kind === 'frame' ? hit.frame : undefined;
}

describe('OutSim layouts', () => {
  it('sizes every block as the spec says: ff = 272, 1ff = 280, time+main = 64', () => {
    expect(outSim2Layout(0xff).size).toBe(272);
    expect(outSim2Layout(0x1ff).size).toBe(280);
    expect(outSim2Layout(OSO.time | OSO.main).size).toBe(64);
    expect(outSim2Layout(0xff).offsets).toEqual({ header: 0, id: 4, time: 8, main: 12, inputs: 72, drive: 92, distance: 104, wheels: 112 });
    expect(outSim2Layout(OSO.time | OSO.distance).offsets).toEqual({ time: 0, distance: 4 });
  });

  it('infers only the unambiguous sizes', () => {
    expect(layoutForPacket(new Uint8Array(64))?.opts).toBe(0);
    expect(layoutForPacket(new Uint8Array(68))?.offsets.id).toBe(64);
    expect(layoutForPacket(ffPacket(1))?.opts).toBe(0xff);
    expect(layoutForPacket(new Uint8Array(272))).toBeUndefined();
    const headed = new Uint8Array(96);
    headed.set([0x4c, 0x46, 0x53, 0x54]);
    expect(layoutForPacket(headed)).toBeUndefined();
  });
});

describe('OutSim decoder', () => {
  it('reads the wheels block of an ff packet (AirTemp of each wheel)', () => {
    const p = readOutSimPacket(ffPacket(5), outSim2Layout(0xff));
    expect(p.wheels?.map((w) => w.airTemp)).toEqual([60, 61, 62, 63]);
    expect(p.header).toBe('LFST');
    expect(p.id).toBe(77);
  });

  it('decodes the classic 64-byte packet: fixed-point position, LFS axes turned Y-up, g on the car axes', () => {
    const results = createOutSimDecoder().decode(classicPacket(98765));
    expect(results[0]).toEqual({ kind: 'session', session: { game: 'outsim', format: 'outsim' } });
    const f = frameOf(results)!;
    expect(f.t).toBe(98.765);
    expect(f.lap).toBe(0);
    expect([f.posX, f.posY, f.posZ]).toEqual([100.5, 12, -250.25]);
    expect(f.speed).toBeCloseTo(30, 5);
    expect(f.yaw).toBeCloseTo(Math.PI / 2, 6);
    expect(f.pitch).toBeCloseTo(0.02, 6);
    expect(f.roll).toBeCloseTo(-0.01, 6);
    expect(f.gLon).toBeCloseTo(-1, 5);
    expect(f.gLat).toBeCloseTo(0.5, 5);
    expect(f.gVert).toBeCloseTo(0.5 / G, 6);
    // The classic packet has no pedals, gear, rpm or distance.
    expect(f.throttle).toBeUndefined();
    expect(f.gear).toBeUndefined();
    expect(f.lapDistance).toBeUndefined();
  });

  it('decodes the 68-byte packet with its ID', () => {
    expect(frameOf(createOutSimDecoder().decode(classicPacket(1000, 5)))?.posX).toBe(100.5);
  });

  it('decodes OutSim2 (Opts ff): pedals, gear 0 = R / 1 = N trap, rpm from rad/s, lap distance from the track ruler', () => {
    const results = createOutSimDecoder().decode(ffPacket(20000));
    expect(results[0]).toEqual({ kind: 'session', session: { game: 'outsim', format: 'outsim2:ff' } });
    const f = frameOf(results)!;
    expect(f.t).toBe(20);
    expect(f.throttle).toBe(0.25);
    expect(f.brake).toBe(0.75);
    expect(f.clutch).toBe(0.5);
    expect(f.gear).toBe(2);
    expect(f.rpm).toBeCloseTo((700 * 60) / (2 * Math.PI), 3);
    expect(f.lapDistance).toBe(1230);
    // InputSteer is an angle with no known lock: no normalised steer channel.
    expect(f.steer).toBeUndefined();
  });

  it('counts laps when the indexed distance drops back at the line', () => {
    const decoder = createOutSimDecoder();
    const laps = [[1000, 3000], [1100, 3400], [1200, 3480], [1300, 5], [1400, 90], [1500, 3470], [1600, 12]].map(
      ([time, distance]) => frameOf(decoder.decode(ffPacket(time!, distance)))!.lap,
    );
    expect(laps).toEqual([0, 0, 0, 1, 1, 1, 2]);
  });

  it('reads any OutSim2 option set it is told about, if it has the time', () => {
    const opts = OSO.time | OSO.distance;
    const bytes = new Uint8Array(12);
    const v = new DataView(bytes.buffer);
    v.setUint32(0, 4321, true);
    v.setFloat32(8, 512.5, true);
    const f = frameOf(createOutSimDecoder({ opts }).decode(bytes))!;
    expect(f).toEqual({ t: 4.321, lap: 0, lapDistance: 512.5 });
    expect(createOutSimDecoder({ opts }).decode(new Uint8Array(16))[0]).toMatchObject({ kind: 'error', error: { code: 'bad-size' } });
  });

  it('gives clear errors for layouts it cannot read', () => {
    const noTime = createOutSimDecoder({ opts: OSO.main }).decode(new Uint8Array(60));
    expect(noTime[0]).toMatchObject({ kind: 'error', error: { code: 'unsupported-version' } });
    expect((noTime[0] as { error: { detail: string } }).error.detail).toContain('OSO_TIME');
    const unknown = createOutSimDecoder().decode(new Uint8Array(100));
    expect(unknown[0]).toMatchObject({ kind: 'error', error: { code: 'unsupported-version' } });
    expect((unknown[0] as { error: { detail: string } }).error.detail).toContain('OutSim Opts ff');
    const badHeader = ffPacket(1);
    badHeader[0] = 0x58;
    expect(createOutSimDecoder({ opts: 0xff }).decode(badHeader)[0]).toMatchObject({ kind: 'error', error: { code: 'bad-format' } });
    expect(createOutSimDecoder({ opts: 0 }).decode(new Uint8Array(72))[0]).toMatchObject({ kind: 'error', error: { code: 'bad-size' } });
  });

  it('skips repeated and late times; a big step back is a new session', () => {
    const decoder = createOutSimDecoder();
    decoder.decode(classicPacket(50000));
    expect(decoder.decode(classicPacket(50000))).toEqual([{ kind: 'skip', reason: 'time did not advance (paused)' }]);
    expect(decoder.decode(classicPacket(49995))).toEqual([{ kind: 'skip', reason: 'late packet' }]);
    expect(decoder.decode(classicPacket(10)).map((r) => r.kind)).toEqual(['new-session', 'session', 'frame']);
  });

  it('sniffs OutSim packets and not others', () => {
    expect(outsimProtocol.sniff(classicPacket(1))).toBe(true);
    expect(outsimProtocol.sniff(ffPacket(1))).toBe(true);
    const wild = classicPacket(1);
    new DataView(wild.buffer).setFloat32(16, 40, true); // heading of 40 rad
    expect(outsimProtocol.sniff(wild)).toBe(false);
    expect(outsimProtocol.sniff(new Uint8Array(92))).toBe(false);
    expect(outsimProtocol.defaultPorts).toEqual([4123]);
    expect(outsimProtocol.setup).toContain('OutSim Opts ff');
  });
});

describe('OutSim encoder → decoder round trip', () => {
  const frame: TelemetryFrame = {
    t: 12.5, lap: 0, speed: 44, rpm: 7000, gear: 4, throttle: 0.9, brake: 0, clutch: 0, posX: -50.25, posY: 3.5, posZ: 800.75,
    yaw: -2.2, pitch: -0.03, roll: 0.04, gLat: -1.1, gLon: 0.3, gVert: 0.05, lapDistance: 2222.5,
  };
  const channels = Object.keys(frame) as (keyof TelemetryFrame)[];

  for (const [label, opts, size] of [['Opts ff', 0xff, 272], ['Opts 1ff', 0x1ff, 280]] as const) {
    it(`${label}: ${size} bytes, every channel comes back`, () => {
      const packet = createOutSimEncoder({ opts }).encode(frame, { game: 'outsim' })[0]!;
      expect(packet.length).toBe(size);
      expect(outsimProtocol.sniff(packet)).toBe(true);
      const f = frameOf(createOutSimDecoder().decode(packet))!;
      for (const key of channels) expect(f[key], key).toBeCloseTo(frame[key] as number, 3);
    });
  }

  it('classic packet (Opts 0, with ID): motion comes back, pedals do not exist', () => {
    const packet = createOutSimEncoder({ opts: 0, id: 3 }).encode(frame, { game: 'outsim' })[0]!;
    expect(packet.length).toBe(68);
    const f = frameOf(createOutSimDecoder().decode(packet))!;
    for (const key of ['t', 'posX', 'posY', 'posZ', 'speed', 'yaw', 'gLat', 'gLon'] as const) expect(f[key], key).toBeCloseTo(frame[key]!, 3);
    expect(f.throttle).toBeUndefined();
  });
});
