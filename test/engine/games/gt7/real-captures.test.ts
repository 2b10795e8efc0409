/**
 * Golden tests on the real GT7 captures in shared/captures/gt7 (see its PROVENANCE.md).
 *
 * Every pinned number below was read independently of this code: with Python `struct.unpack_from` on the
 * gunzipped Spa bytes, and on the speedboard bytes after decrypting them with a separate Python Salsa20.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../../src/engine/model/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import {
  createGt7Decoder,
  createGt7Decryptor,
  encryptGt7Packet,
  gt7Protocol,
  IV_OFFSET,
} from '../../../../src/engine/games/gt7/index.js';
import { describeShared, requireSharedFile } from '../../../helpers/shared.js';

function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const packets: Uint8Array[] = [];
  for (let at = 0; at + size <= bytes.length; at += size) packets.push(bytes.subarray(at, at + size));
  return packets;
}

function frames(results: readonly DecodeResult[][]): (TelemetryFrame | undefined)[] {
  return results.map((rs) => {
    const hit = rs.find((r) => r.kind === 'frame');
    return hit && hit.kind === 'frame' ? hit.frame : undefined;
  });
}

describeShared('GT7 format C, zetetos Spa lap (6,914 decrypted 368-byte packets, game lap time 115.244 s)', () => {
  let packets: Uint8Array[];
  let results: DecodeResult[][];
  let decoded: (TelemetryFrame | undefined)[];

  beforeAll(() => {
    const raw = new Uint8Array(gunzipSync(readFileSync(requireSharedFile('captures/gt7/zetetos-demo-spa-formatC.gtz'))));
    packets = split(raw, 368);
    const decoder = createGt7Decoder();
    results = packets.map((p) => [...decoder.decode(p)]);
    decoded = frames(results);
  });

  it('has 6,914 packets and decodes every one to a frame (CarOnTrack is clear on all of them: not a gate)', () => {
    expect(packets.length).toBe(6914);
    expect(decoded.every((f) => f !== undefined)).toBe(true);
    expect(results.flat().filter((r) => r.kind === 'error' || r.kind === 'skip')).toEqual([]);
  });

  it('reports the car, the format and the limiter once, and opens no new session', () => {
    const sessions = results.flat().filter((r) => r.kind === 'session');
    expect(sessions).toEqual([{ kind: 'session', session: { game: 'gt7', format: 'C', carKey: 'gt7:3582', maxRpm: 17000, gearCount: 8 } }]);
    expect(results.flat().some((r) => r.kind === 'new-session')).toBe(false);
  });

  it('runs lap 1 for 6,913 packets, then lap 2 with the game\'s own last lap time 115.244 s', () => {
    const laps = decoded.map((f) => f!.lap);
    expect(laps.slice(0, 6913).every((l) => l === 1)).toBe(true);
    expect(laps[6913]).toBe(2);
    expect(decoded.slice(0, 6913).every((f) => f!.lastLapTime === undefined)).toBe(true);
    expect(decoded[6913]!.lastLapTime).toBe(115.244);
  });

  it('uses packetId / 60 as the clock: 704,544 → 711,457, one packet per 1/60 s', () => {
    expect(decoded[0]!.t).toBeCloseTo(704544 / 60, 9);
    expect(decoded[6913]!.t).toBeCloseTo(711457 / 60, 9);
    expect(decoded[6913]!.t - decoded[0]!.t).toBeCloseTo(6913 / 60, 9);
  });

  it('carries format C\'s lap timer, and drops it on the first packet of lap 2 where it still reads 115.250', () => {
    expect(decoded[0]!.lapTime).toBeCloseTo(0.034, 9);
    expect(decoded[1000]!.lapTime).toBeCloseTo(16.7, 9);
    expect(decoded[3000]!.lapTime).toBeCloseTo(50.034, 9);
    expect(decoded[6912]!.lapTime).toBeCloseTo(115.234, 9);
    expect(decoded[6913]!.lapTime).toBeUndefined();
  });

  it('decodes packet 0 (start/finish straight, full throttle in 4th)', () => {
    const f = decoded[0]!;
    expect(f.speed).toBe(71.11384582519531);
    expect(f.rpm).toBe(15728);
    expect(f.gear).toBe(4);
    expect(f.throttle).toBe(1);
    expect(f.brake).toBe(0);
    expect(f.clutch).toBe(0);
    expect([f.posX, f.posY, f.posZ]).toEqual([-373.7058410644531, 118.0766830444336, -699.8636474609375]);
    expect(f.fuel).toBe(100);
    expect(f.engineTemp).toBe(85);
    expect([f.tyreTempFL, f.tyreTempFR, f.tyreTempRL, f.tyreTempRR]).toEqual([68.55084228515625, 68.78704071044922, 74.30342864990234, 74.15470123291016]);
    expect(f.gLat).toBeCloseTo(0.3944539427757263 / 9.80665, 9);
    expect(f.gLon).toBeCloseTo(3.3585164546966553 / 9.80665, 9);
    expect(f.gVert).toBeCloseTo(-1.6825613975524902 / 9.80665, 9);
    // Heading of the velocity vector (-37.60, 1.30, -60.35) in the frame convention: atan2(-vx, -vz).
    expect(f.yaw).toBeCloseTo(Math.atan2(37.60295867919922, 60.34689712524414), 2);
  });

  it('decodes packet 1000 (hard braking in 5th: 218/255 brake, -2.9 g)', () => {
    const f = decoded[1000]!;
    expect(f.speed).toBe(78.11998748779297);
    expect(f.rpm).toBe(14108);
    expect(f.gear).toBe(5);
    expect(f.throttle).toBe(0);
    expect(f.brake).toBeCloseTo(218 / 255, 12);
    expect(f.gLon).toBeCloseTo(-28.60188865661621 / 9.80665, 9);
  });

  it('decodes packet 3000 (2nd gear, 81/255 pedal) and the last packet', () => {
    expect(decoded[3000]!.speed).toBe(32.99769592285156);
    expect(decoded[3000]!.gear).toBe(2);
    expect(decoded[3000]!.throttle).toBeCloseTo(81 / 255, 12);
    expect(decoded[6913]!.speed).toBe(64.14547729492188);
    expect(decoded[6913]!.rpm).toBe(14318);
    expect([decoded[6913]!.posX, decoded[6913]!.posZ]).toEqual([-307.0865783691406, -592.9541015625]);
  });

  it('takes the driver\'s pedal (0x13C), not the engine throttle that blips on downshifts (packet 105: 0x91 = 255, pedal 0)', () => {
    expect(packets[105]![0x91]).toBe(255);
    expect(decoded[105]!.throttle).toBe(0);
  });

  it('has orientation conventions that match the motion: yaw follows the velocity, pitch follows the slope', () => {
    let yawErr = 0;
    let pitchErr = 0;
    let n = 0;
    for (let i = 0; i < packets.length; i += 10) {
      const v = new DataView(packets[i]!.buffer, packets[i]!.byteOffset, 368);
      const vx = v.getFloat32(0x10, true);
      const vy = v.getFloat32(0x14, true);
      const vz = v.getFloat32(0x18, true);
      const f = decoded[i]!;
      const dy = Math.atan2(-vx, -vz) - f.yaw!;
      yawErr += Math.abs(Math.atan2(Math.sin(dy), Math.cos(dy)));
      pitchErr += Math.abs(Math.atan2(vy, Math.hypot(vx, vz)) - f.pitch!);
      n++;
    }
    // Mean error of a few degrees (slip angle and suspension pitch), not the 180° of a flipped axis.
    expect(yawErr / n).toBeLessThan(0.05);
    expect(pitchErr / n).toBeLessThan(0.02);
  });

  it('has g-force signs that match the motion: gLon = d(speed)/dt, gLat positive in right-hand turns', () => {
    const k = 5;
    const lon: [number, number][] = [];
    const lat: [number, number][] = [];
    for (let i = k; i < decoded.length - k; i++) {
      const before = decoded[i - k]!;
      const after = decoded[i + k]!;
      const dt = after.t - before.t;
      lon.push([decoded[i]!.gLon!, (after.speed! - before.speed!) / dt / 9.80665]);
      const turn = Math.atan2(Math.sin(after.yaw! - before.yaw!), Math.cos(after.yaw! - before.yaw!));
      // Yaw grows counter-clockwise (turning left); the centripetal pull to the right is −v·yawRate.
      lat.push([decoded[i]!.gLat!, (-decoded[i]!.speed! * turn) / dt / 9.80665]);
    }
    const correlation = (pairs: [number, number][]): number => {
      const n = pairs.length;
      const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
      const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (const [x, y] of pairs) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) ** 2;
        syy += (y - my) ** 2;
      }
      return sxy / Math.sqrt(sxx * syy);
    };
    expect(correlation(lon)).toBeGreaterThan(0.95);
    expect(correlation(lat)).toBeGreaterThan(0.9);
  });

  it('decodes the same frames after the packets are encrypted the way the console does (format C, constant 0xDEADBEEF)', () => {
    const decoder = createGt7Decoder();
    for (let i = 0; i < packets.length; i += 97) {
      const plain = packets[i]!;
      const seed = (i * 2654435761) >>> 0;
      const cipher = encryptGt7Packet(plain, seed, 0xdeadbeef);
      expect(gt7Protocol.sniff(cipher)).toBe(true);
      const frame = decoder.decode(cipher).find((r) => r.kind === 'frame');
      expect(frame && frame.kind === 'frame' ? frame.frame : undefined).toEqual(decoded[i]);
    }
  });
});

type Speedboard = {
  file: string;
  count: number;
  firstId: number;
  lastId: number;
  lap: number;
  car: number;
  lastLapTime: number;
  firstSpeed: number;
  firstRpm: number;
  firstGear: number;
  firstPos: [number, number, number];
  maxRpm: number;
};

const SPEEDBOARD: Speedboard[] = [
  {
    file: 'speedboard-Circuit_de_Spa-Francorchamps_-_Full_Course.gt7track',
    count: 224, firstId: 726919, lastId: 736720, lap: 2, car: 3311, lastLapTime: 153.145,
    firstSpeed: 45.57009506225586, firstRpm: 7721, firstGear: 3,
    firstPos: [-307.99249267578125, 115.73748779296875, -592.19677734375], maxRpm: 9000,
  },
  {
    file: 'speedboard-Brands_Hatch_-_Grand_Prix_Circuit.gt7track',
    count: 135, firstId: 12369, lastId: 18446, lap: 2, car: 3450, lastLapTime: 100.067,
    firstSpeed: 59.21076965332031, firstRpm: 5728, firstGear: 5,
    firstPos: [-140.22784423828125, -3.3012919425964355, -401.11920166015625], maxRpm: 7000,
  },
  {
    file: 'speedboard-WeatherTech_Raceway_Laguna_Seca_-_Full_Course.gt7track',
    count: 137, firstId: 667635, lastId: 672480, lap: 3, car: 3218, lastLapTime: 83.907,
    firstSpeed: 57.631412506103516, firstRpm: 6346.3427734375, firstGear: 4,
    firstPos: [-294.3788146972656, -19.76888656616211, -216.2866973876953], maxRpm: 7000,
  },
];

for (const board of SPEEDBOARD) {
  describeShared(`GT7 format A, encrypted speedboard file ${board.file}`, () => {
    let packets: Uint8Array[];

    beforeAll(() => {
      packets = split(new Uint8Array(readFileSync(requireSharedFile('captures/gt7', board.file))), 296);
    });

    it(`decrypts all ${board.count} packets to the magic with the 'A' constant 0xDEADBEAF`, () => {
      expect(packets.length).toBe(board.count);
      const decrypt = createGt7Decryptor();
      for (const p of packets) {
        const opened = decrypt(p, 'A');
        expect(opened?.variant).toBe('gt7');
        expect(opened?.ivXor).toBe(0xdeadbeaf);
        expect(gt7Protocol.sniff(p)).toBe(true);
      }
    });

    it('re-encrypts to the exact bytes the console sent', () => {
      const decrypt = createGt7Decryptor();
      for (const p of packets) {
        const plain = decrypt(p, 'A')!.plain.slice();
        const seed = new DataView(p.buffer, p.byteOffset).getUint32(IV_OFFSET, true);
        expect(Buffer.compare(encryptGt7Packet(plain, seed, 0xdeadbeaf), p)).toBe(0);
      }
    });

    it('decodes to frames with the pinned values (six gear ratios set, the last two 0)', () => {
      const decoder = createGt7Decoder();
      const all = packets.map((p) => [...decoder.decode(p)]);
      const fs = frames(all);
      expect(fs.every((f) => f !== undefined)).toBe(true);
      const first = fs[0]!;
      const last = fs[fs.length - 1]!;
      expect(first.t).toBeCloseTo(board.firstId / 60, 9);
      expect(last.t).toBeCloseTo(board.lastId / 60, 9);
      expect(fs.every((f) => f!.lap === board.lap && f!.lastLapTime === board.lastLapTime)).toBe(true);
      expect(first.speed).toBe(board.firstSpeed);
      expect(first.rpm).toBe(board.firstRpm);
      expect(first.gear).toBe(board.firstGear);
      expect([first.posX, first.posY, first.posZ]).toEqual(board.firstPos);
      // Format A has no accelerations and no lap timer.
      expect(first.gLat).toBeUndefined();
      expect(first.lapTime).toBeUndefined();
      const session = all[0]!.find((r) => r.kind === 'session');
      expect(session).toEqual({ kind: 'session', session: { game: 'gt7', format: 'A', carKey: `gt7:${board.car}`, maxRpm: board.maxRpm, gearCount: 6 } });
    });
  });
}
