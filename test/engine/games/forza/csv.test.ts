import { describe, expect, it } from 'vitest';
import {
  FORZA_LAYOUTS,
  createForzaDecoder,
  readForzaPacket,
  sniffForza,
  writeForzaPacket,
} from '../../../../src/engine/games/forza/index.js';
import type { DecodeResult } from '../../../../src/engine/games/types.js';
import type { TelemetryFrame } from '../../../../src/engine/model/index.js';
import { describeShared } from '../../../helpers/shared.js';
import { fieldNameOfColumn, fieldsOfRow, loadForzaCsv, type CsvRow } from './csv-capture.js';
import { correlation } from '../../../helpers/stats.js';

const G = 9.80665;
const f32 = (value: number): number => Math.fround(value);

type Decoded = { rows: CsvRow[]; frames: TelemetryFrame[]; results: DecodeResult[] };

/** Rebuilds each row's FM7 Dash packet with our writer, decodes it with our decoder. */
function decodeCsv(name: 'laguna-seca.csv' | 'nurburgring.csv'): Decoded {
  const rows = loadForzaCsv(name);
  const decoder = createForzaDecoder();
  const results = rows.flatMap((row) => [...decoder.decode(writeForzaPacket('fm7-dash', fieldsOfRow(row)))]);
  const frames = results.flatMap((r) => (r.kind === 'frame' ? [r.frame] : []));
  return { rows, frames, results };
}

const num = (row: CsvRow, column: string): number => Number(row[column]);

describeShared('Forza decoder against the real FM7 Dash recordings (CSV → our packets → our decoder)', () => {
  const laguna = decodeCsv('laguna-seca.csv');
  const nurburgring = decodeCsv('nurburgring.csv');

  it('maps the 85 CSV columns one-to-one onto the 85 fields of the FM7 Dash packet', () => {
    const columns = Object.keys(laguna.rows[0]!);
    expect(columns).toHaveLength(85);
    const fields = FORZA_LAYOUTS['fm7-dash'].map((f) => f.name);
    expect(new Set(columns.map(fieldNameOfColumn))).toEqual(new Set(fields));
  });

  it('writes byte-exact packets: reading them back gives every row value at float32 precision', () => {
    const mismatches: string[] = [];
    for (const row of [...laguna.rows, ...nurburgring.rows]) {
      const fields = fieldsOfRow(row);
      const packet = writeForzaPacket('fm7-dash', fields);
      if (packet.length !== 311 || !sniffForza(packet)) mismatches.push('size/sniff');
      const back = readForzaPacket(packet);
      if (!('fields' in back)) throw new Error(back.detail);
      for (const field of FORZA_LAYOUTS['fm7-dash']) {
        const want = field.type === 'f32' ? f32(fields[field.name]!) : fields[field.name];
        if (back.fields[field.name] !== want) mismatches.push(`${field.name}: ${back.fields[field.name]} != ${want}`);
      }
      const again = writeForzaPacket('fm7-dash', back.fields);
      if (again.some((byte, i) => byte !== packet[i])) mismatches.push('rewrite differs');
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('decodes every row to a frame and the car to the session', () => {
    expect(laguna.rows).toHaveLength(687);
    expect(laguna.frames).toHaveLength(687);
    expect(nurburgring.frames).toHaveLength(4313);
    expect(laguna.results.filter((r) => r.kind === 'error' || r.kind === 'skip' || r.kind === 'new-session')).toHaveLength(0);
    expect(laguna.results[0]).toEqual({
      kind: 'session',
      session: { game: 'forza', format: 'fm7-dash', carKey: 'forza:29', carName: 'Forza car 29 (class 8, PI 231)', maxRpm: 14999.9921875 },
    });
    expect(laguna.results.filter((r) => r.kind === 'session')).toHaveLength(1);
  });

  it('agrees with the logged values field by field, with the documented unit conversions', () => {
    const mismatches: string[] = [];
    const same = (what: string, got: number | undefined, want: number | undefined, digits?: number): void => {
      const ok = digits === undefined ? got === want : got !== undefined && want !== undefined && Math.abs(got - want) < 10 ** -digits;
      if (!ok) mismatches.push(`${what}: got ${got}, want ${want}`);
    };
    let checked = 0;
    for (const { rows, frames } of [laguna, nurburgring]) {
      rows.forEach((row, i) => {
        const frame = frames[i]!;
        same('t', frame.t, num(row, 'TimestampMS') / 1000); // ms → s
        same('speed', frame.speed, f32(num(row, 'Speed'))); // m/s as sent
        same('rpm', frame.rpm, f32(num(row, 'CurrentEngineRpm')));
        same('gear', frame.gear, num(row, 'Gear')); // forward gears 1..10 unchanged
        same('throttle', frame.throttle, num(row, 'Accelerator') / 255);
        same('brake', frame.brake, num(row, 'Brake') / 255);
        same('clutch', frame.clutch, num(row, 'Clutch') / 255);
        same('steer', frame.steer, Math.max(-1, num(row, 'Steer') / 127));
        same('lap', frame.lap, num(row, 'Lap') + 1); // 0-based → 1-based
        same('lapTime', frame.lapTime, f32(num(row, 'CurrentLapTime')));
        same('lastLapTime', frame.lastLapTime, num(row, 'LastLapTime') > 0 ? f32(num(row, 'LastLapTime')) : undefined);
        same('gLat', frame.gLat, num(row, 'AccelerationX') / G, 5); // m/s² → g
        same('gLon', frame.gLon, num(row, 'AccelerationZ') / G, 5);
        same('gVert', frame.gVert, num(row, 'AccelerationY') / G, 5);
        same('posX', frame.posX, f32(num(row, 'PositionX')));
        same('posY', frame.posY, f32(num(row, 'PositionY')));
        same('posZ', frame.posZ, f32(num(row, 'PositionZ')));
        same('yaw', frame.yaw, f32(num(row, 'Yaw')));
        same('tyreTempFL', frame.tyreTempFL, ((num(row, 'TireTempFl') - 32) * 5) / 9, 4); // °F → °C
        same('tyreTempRR', frame.tyreTempRR, ((num(row, 'TireTempRr') - 32) * 5) / 9, 4);
        same('lapDistance', frame.lapDistance, undefined); // DistanceTraveled is race distance, not lap distance
        checked++;
      });
    }
    expect(checked).toBe(687 + 4313);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('pins both lap boundaries (LapNumber 0 → 1) with the game lap times', () => {
    const at = 684;
    expect(laguna.frames[at - 1]).toMatchObject({ lap: 1, lapTime: 75.20866394042969 });
    expect(laguna.frames[at - 1]!.lastLapTime).toBeUndefined();
    expect(laguna.frames[at]).toMatchObject({ lap: 2, lapTime: 0.05912349000573158, lastLapTime: 75.25621032714844 });
    expect(nurburgring.frames[4310]).toMatchObject({ lap: 1, lapTime: 472.9337463378906 });
    expect(nurburgring.frames[4311]).toMatchObject({ lap: 2, lapTime: 0.07156321406364441, lastLapTime: 472.982177734375 });
    expect(Math.max(...nurburgring.frames.map((f) => f.speed!))).toBe(101.46385192871094);
  });

  it('checks the units against physics: speed matches the distance between logged positions, g axes match the path', () => {
    for (const { frames, rows } of [laguna, nurburgring]) {
      const ratios: number[] = [];
      const lateral: number[] = [];
      const gLat: number[] = [];
      const longitudinal: number[] = [];
      const gLon: number[] = [];
      for (let i = 3; i < frames.length - 3; i++) {
        const [a, b, c] = [frames[i - 3]!, frames[i]!, frames[i + 3]!];
        // The logger's race clock (CurrentRaceTime, s) gives the true spacing of the sampled rows.
        const dt = (num(rows[i + 3]!, 'CurrentRaceTime') - num(rows[i - 3]!, 'CurrentRaceTime')) / 2;
        if (!(dt > 0) || b.speed! < 10) continue;
        const dist = Math.hypot(c.posX! - a.posX!, c.posY! - a.posY!, c.posZ! - a.posZ!);
        ratios.push(dist / (2 * dt) / b.speed!);
        const h1 = Math.atan2(b.posZ! - a.posZ!, b.posX! - a.posX!);
        const h2 = Math.atan2(c.posZ! - b.posZ!, c.posX! - b.posX!);
        const dh = ((h2 - h1 + 3 * Math.PI) % (2 * Math.PI)) - Math.PI;
        // In Forza's world, a net heading change of -360° in atan2(dz, dx) is the clockwise
        // Nürburgring (+360° the anticlockwise Laguna Seca): -dh is a right turn.
        lateral.push((-dh / dt) * b.speed! / G);
        gLat.push(b.gLat!);
        longitudinal.push((c.speed! - a.speed!) / (2 * dt) / G);
        gLon.push(b.gLon!);
      }
      ratios.sort((x, y) => x - y);
      expect(ratios[Math.floor(ratios.length / 2)]).toBeGreaterThan(0.97);
      expect(ratios[Math.floor(ratios.length / 2)]).toBeLessThan(1.01);
      expect(correlation(lateral, gLat)).toBeGreaterThan(0.95);
      expect(correlation(longitudinal, gLon)).toBeGreaterThan(0.9);
    }
  });
});

describe('Forza CSV mapping helpers', () => {
  it('turns the logger-unsigned s8 columns back into signed bytes', () => {
    const fields = fieldsOfRow({ NormalDrivingLine: '174', Steer: '-82', IsRaceOn: 'True', Lap: '0' });
    expect(fields).toEqual({ NormalizedDrivingLine: -82, Steer: -82, IsRaceOn: 1, LapNumber: 0 });
    expect(fieldsOfRow({ WheelOnRumbleStripFrontLeft: '1E-45', WheelOnRumbleStripRearRight: '0' })).toEqual({
      WheelOnRumbleStripFrontLeft: 1,
      WheelOnRumbleStripRearRight: 0,
    });
  });
});

