import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { FormatError } from '../../../../src/store/formats/format-error.js';
import { readIbt } from '../../../../src/store/formats/ibt/import.js';
import { parseIbt } from '../../../../src/store/formats/ibt/read.js';
import { describeShared, requireSharedFile } from '../../../helpers/shared.js';
import { correlation } from '../../../helpers/stats.js';

const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(requireSharedFile('formats', 'ibt', name)));
const TSUKUBA = 'formulavee_tsukuba 1kouter 2025-01-30 17-09-29.ibt';


describeShared('iRacing .ibt on real files (shared/formats/ibt)', () => {
  it('Tsukuba: its complete laps with the times its LapLastLapTime channel reports', () => {
    const session = readIbt(bytes(TSUKUBA), { file: TSUKUBA });
    expect(session.laps.map((l) => [l.lap.number, l.lap.category, l.lap.valid, l.lap.timeSource])).toEqual([
      [0, 'out', false, 'interpolated'],
      [1, 'flying', true, 'game'],
      [2, 'flying', true, 'game'],
      [3, 'incomplete', false, 'interpolated'],
    ]);
    // LapLastLapTime float32 values, as the file stores them.
    expect(session.laps[1]!.lap.time).toBe(Math.fround(25.9145));
    expect(session.laps[2]!.lap.time).toBe(Math.fround(23.9797));
    // Lap boundaries: the ticks where Lap steps 0→1→2→3 (SessionTime 190.600, 216.533, 240.517).
    expect(session.laps.map((l) => +l.lap.startT.toFixed(3))).toEqual([187.033, 190.6, 216.533, 240.517]);
    expect(session.laps.map((l) => l.trace.length)).toEqual([214, 1555, 1439, 221]);
    expect(session.laps.reduce((n, l) => n + l.trace.length, 0)).toBe(3429);
    expect(session.warnings).toEqual(['244 iRacing variable(s) have no racecraft channel; kept with the session (export --format json lists them under extraChannels)']);
  });

  it('Tsukuba: session info from the YAML, every var accounted for, SI conventions', () => {
    const session = readIbt(bytes(TSUKUBA));
    expect(session.session).toEqual({
      game: 'iracing',
      format: 'ibt',
      trackKey: 'tsukuba 1kouter',
      trackName: 'Tsukuba Circuit 1k Outer',
      trackLength: 680,
      carKey: 'formulavee',
      carName: 'Formula Vee',
      driver: 'Max Teichert2',
      sessionType: 'practice',
      maxRpm: 7400,
      gearCount: 4,
    });
    expect(session.startedAt).toBe('2025-01-30T16:09:29Z');
    expect(session.meta).toMatchObject({ build: '2025.01.08.01', sessionType: 'Offline Testing', records: '3429' });
    expect(session.sourceChannels!.length).toBe(270);
    expect(session.sourceChannels!.filter((c) => c.mappedTo).length).toBe(26);
    expect(Object.keys(session.extraChannels!).length).toBe(244);
    // LapDistPct is the lap fraction 0..1 (irsdk calls it a percentage): 0 at the line, just under 1 before it.
    expect(session.laps[1]!.trace.channels.lapFraction![0]).toBeCloseTo(0, 3);
    const st = session.extraChannels!['SteeringWheelTorque_ST']!;
    expect([st.rate, st.data.length, st.unit]).toEqual([360, 3429 * 6, 'N*m']);
    expect(session.extraChannels!['Lat']!.data[1000]).toBeCloseTo(36.15, 1);

    const ibt = parseIbt(bytes(TSUKUBA));
    const col = (name: string): Float64Array => ibt.column(ibt.vars.find((v) => v.name === name)!);
    const lap = session.laps[1]!;
    const offset = session.laps[0]!.trace.length;
    const i = 700;
    expect(lap.trace.channels.gLat![i]).toBeCloseTo(-col('LatAccel')[offset + i]! / 9.80665, 6);
    expect(lap.trace.channels.clutch![i]).toBeCloseTo(1 - col('Clutch')[offset + i]!, 6);
    expect(lap.trace.channels.steer![i]).toBeCloseTo(-col('SteeringWheelAngle')[offset + i]! / 6.72, 3);
    expect(lap.trace.distance[i]).toBeCloseTo(col('LapDist')[offset + i]!, 3);

    // Direction check against the car's own GPS track: heading change (counter-clockwise +)
    // must be opposite to racecraft's right-positive gLat and steer.
    const lat = col('Lat');
    const lon = col('Lon');
    const turn: number[] = [];
    const gLat: number[] = [];
    const steer: number[] = [];
    const all = session.laps.flatMap((l) => Array.from(l.trace.channels.gLat!));
    const allSteer = session.laps.flatMap((l) => Array.from(l.trace.channels.steer!));
    const speed = col('Speed');
    for (let k = 6; k < lat.length - 6; k++) {
      if (speed[k]! < 5) continue;
      const e = (j: number): [number, number] => [lon[j]! * Math.cos((lat[k]! * Math.PI) / 180), lat[j]!];
      const [a, b, c] = [e(k - 6), e(k), e(k + 6)];
      let d = Math.atan2(c[1] - b[1], c[0] - b[0]) - Math.atan2(b[1] - a[1], b[0] - a[0]);
      d = Math.atan2(Math.sin(d), Math.cos(d));
      turn.push(d);
      gLat.push(all[k]!);
      steer.push(allSteer[k]!);
    }
    expect(correlation(turn, gLat)).toBeLessThan(-0.9);
    expect(correlation(turn, steer)).toBeLessThan(-0.5);
  });

  it('valid_test_file: 6.5 s sitting in the pit box on lap 9 is one pit lap', () => {
    const session = readIbt(bytes('valid_test_file.ibt'));
    expect(session.session).toMatchObject({ trackName: 'Red Bull Ring', trackKey: 'spielberg gp', trackLength: 4280, carName: 'Mercedes-AMG W13 E Performance', gearCount: 8, maxRpm: 13000 });
    expect(session.laps.map((l) => [l.lap.number, l.lap.category, l.lap.valid, l.trace.length])).toEqual([[9, 'pit', false, 390]]);
    expect(session.sourceChannels!.length).toBe(276);
  });

  it('the live memory-map dump is refused with a FormatError saying what it is', () => {
    const name = 'live_test_file.memmap-dump.ibt';
    expect(() => readIbt(bytes(name), { file: name })).toThrow(
      new FormatError(
        "a dump of iRacing's live shared memory (3 rotating buffers of one tick each, no disk sub-header), not recorded telemetry: import the .ibt iRacing writes to disk instead",
        name,
      ),
    );
  });
});
