import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseMotecCsv, readMotecCsv } from '../../../../src/store/formats/csv/motec-csv.js';
import { readLd } from '../../../../src/store/formats/motec/import.js';
import { parseLd } from '../../../../src/store/formats/motec/ld-read.js';
import { encodeLdx, readLdx } from '../../../../src/store/formats/motec/ldx.js';
import { describeShared, requireSharedFile } from '../../../helpers/shared.js';

const bytes = (...parts: string[]): Uint8Array => new Uint8Array(readFileSync(requireSharedFile('formats', ...parts)));
const text = (...parts: string[]): string => readFileSync(requireSharedFile('formats', ...parts), 'utf8');

const GT6_LD = ['motec-ld', 'gt6', '20230404_1316.ld'];
const GT6_CSV = ['csv', 'motec-i2-export', 'gt6', 'blakelyauto.csv'];
const GT6_CSV_1HZ = ['csv', 'motec-i2-export', 'gt6', 'blakely1hz.csv'];
const ACC = {
  kyalami: ['motec-ld', 'acc', 'Kyalami-audi_r8_lms_evo-1-2021.12.07-17.59.12.ld'],
  imola: ['motec-ld', 'acc', 'Imola-porsche_991ii_gt3_r-2-2021.12.02-21.13.58.ld'],
};
const SAMPLE1 = ['motec-ld', 'motec-adl-sample', 'Sample1.ld'];

describeShared('MoTeC .ld on real files (shared/formats/motec-ld)', () => {
  it('GT6: decodes to the values of MoTeC i2\'s own 60 Hz CSV export of the same log within 1e-6', () => {
    const ld = parseLd(bytes(...GT6_LD));
    const csv = parseMotecCsv(text(...GT6_CSV));
    expect(ld.channels.map((c) => c.name)).toEqual(csv.names.slice(2));
    expect(ld.channels.every((c) => c.rate === 60 && c.data.length === 11699)).toBe(true);
    // i2 exports one row more than the log holds (count + 1 rows, §3).
    expect(csv.columns[0]!.length).toBe(11700);
    let worst = 0;
    const mismatches: string[] = [];
    for (const channel of ld.channels) {
      const column = csv.columns[csv.names.indexOf(channel.name)]!;
      for (let k = 0; k < channel.data.length; k++) {
        const d = Math.abs(channel.data[k]! - column[k]!);
        if (d > 1e-6) mismatches.push(`${channel.name}@${k}: ld ${channel.data[k]} csv ${column[k]}`);
        else worst = Math.max(worst, d);
      }
    }
    expect(worst).toBeLessThan(1e-12);
    // The single exception is i2's, not ours: at the 2→3 gear change at sample 4214 i2's export
    // still shows the previous sample's gear, while every other channel in that row is sample 4214.
    expect(mismatches).toEqual(['Gear@4214: ld 2 csv 3']);
    expect(ld.channels.find((c) => c.name === 'Gear')!.data[4213]).toBe(3);
  });

  it('GT6: the 1 Hz i2 export is the log sampled at whole seconds (value at t, not an average)', () => {
    const ld = parseLd(bytes(...GT6_LD));
    const csv = parseMotecCsv(text(...GT6_CSV_1HZ));
    expect(csv.columns[0]!.length).toBe(195);
    for (const channel of ld.channels) {
      const column = csv.columns[csv.names.indexOf(channel.name)]!;
      for (let j = 0; j < column.length; j++) expect(Math.abs(channel.data[Math.min(60 * j, channel.data.length - 1)]! - column[j]!), `${channel.name}@${j}s`).toBeLessThan(1e-6);
    }
  });

  it('GT6: imports with the laps of the CSV export when given those beacons as an .ldx', () => {
    const fromCsv = readMotecCsv(text(...GT6_CSV));
    const markers = fromCsv.meta!['beaconMarkers']!.trim().split(/\s+/).map(Number);
    expect(markers).toEqual([24.324, 190.167]);
    const session = readLd(bytes(...GT6_LD), { ldx: encodeLdx(markers), file: '20230404_1316.ld' });
    expect(session.session).toEqual({
      game: 'motec',
      format: 'ld',
      trackName: 'Grand Valley Speedway',
      carName: "IMPREZA Sedan WRX STi spec C (Type-II) '04",
      driver: 'L. TANG',
    });
    expect(session.startedAt).toBe('2023-04-04T13:16:25');
    expect(session.laps.map((l) => [l.lap.number, l.lap.category, l.lap.valid])).toEqual([
      [0, 'out', false],
      [1, 'flying', true],
      [2, 'incomplete', false],
    ]);
    expect(session.laps[1]!.lap.time).toBeCloseTo(165.843, 9);
    // Same laps, same samples, same SI values as the CSV import (row 11,700 is i2's extra row).
    for (let k = 0; k < 2; k++) {
      const a = session.laps[k]!;
      const b = fromCsv.laps[k]!;
      expect([a.lap.number, a.lap.startT, a.lap.endT, a.trace.length]).toEqual([b.lap.number, b.lap.startT, b.lap.endT, b.trace.length]);
      for (const name of ['speed', 'rpm', 'throttle', 'gLat', 'gLon', 'gVert'] as const) {
        const x = a.trace.channels[name]!;
        const y = b.trace.channels[name]!;
        expect(x.filter((v, i) => v !== y[i]).length, name).toBe(0);
      }
    }
    expect(session.laps[2]!.trace.length).toBe(fromCsv.laps[2]!.trace.length - 1);
    // SI: 30.3 km/h, G Force Lat is left-positive in MoTeC (53.76 G is GT6's start-up garbage).
    expect(session.laps[0]!.trace.channels.speed![0]).toBeCloseTo(30.3 / 3.6, 5);
    expect(session.laps[0]!.trace.channels.gLat![0]).toBeCloseTo(-53.76, 4);
    expect(session.sourceChannels!.filter((c) => c.mappedTo).map((c) => c.name)).toEqual(['Vehicle Speed', 'G Force Long', 'G Force Lat', 'G Force Vert', 'Throttle Pos', 'Gear', 'Engine RPM']);
    expect(Object.keys(session.extraChannels!)).toEqual(['Brake Press', 'Wheel Speed FL', 'Wheel Speed FR', 'Wheel Speed RL', 'Wheel Speed RR', 'Steered Angle']);
  });

  it('ACC: both logs import every one of their 37 channels (16 mapped to SI, 21 kept as extras)', () => {
    const mapped = ['G_LAT', 'SPEED', 'THROTTLE', 'BRAKE', 'GEAR', 'G_LON', 'CLUTCH', 'RPMS', 'BRAKE_TEMP_LF', 'BRAKE_TEMP_RF', 'BRAKE_TEMP_LR', 'BRAKE_TEMP_RR', 'TYRE_PRESS_LF', 'TYRE_PRESS_RF', 'TYRE_PRESS_LR', 'TYRE_PRESS_RR'];
    const expected = {
      kyalami: { car: 'R8 LMS EVO', track: 'Kyalami', samples: 9786, maxSpeed: 64.4595, maxRpm: 8676, weight: '1360', started: '2021-12-07T17:59:12' },
      imola: { car: '991ii GT3 R EVO', track: 'Imola', samples: 14704, maxSpeed: 71.3284, maxRpm: 9273, weight: '1365', started: '2021-12-02T21:13:58' },
    };
    for (const [key, parts] of Object.entries(ACC) as [keyof typeof ACC, string[]][]) {
      const e = expected[key];
      const ld = parseLd(bytes(...parts));
      expect(ld.channels.length).toBe(37);
      expect(new Set(ld.channels.map((c) => `${c.typeClass}/${c.sampleSize}`))).toEqual(new Set(['7/4']));
      expect(new Set(ld.channels.map((c) => c.rate))).toEqual(new Set([20, 60, 100, 200]));
      const session = readLd(bytes(...parts));
      expect(session.sourceChannels!.length).toBe(37);
      expect(session.sourceChannels!.filter((c) => c.mappedTo).map((c) => c.name)).toEqual(mapped);
      const extras = session.sourceChannels!.filter((c) => !c.mappedTo).map((c) => c.name);
      expect(extras.length).toBe(21);
      expect(Object.keys(session.extraChannels!)).toEqual(extras);
      // Nothing lost: each extra holds every sample of its source channel, unchanged.
      for (const c of ld.channels.filter((x) => extras.includes(x.name))) {
        const kept = session.extraChannels![c.name]!;
        expect([kept.unit, kept.rate, kept.data.length]).toEqual([c.unit, c.rate, c.data.length]);
        expect(kept.data.every((v, i) => Object.is(v, c.data[i]))).toBe(true);
      }
      expect(session.session).toEqual({ game: 'motec', format: 'ld', trackName: e.track, carName: e.car });
      expect(session.meta!['vehicleWeight']).toBe(e.weight);
      expect(session.startedAt).toBe(e.started);
      // No .ldx for these logs and LAP_BEACON is all zeros: one lap, said so.
      expect(session.laps.length).toBe(1);
      expect(session.warnings).toContain('no lap markers (.ldx) and no Lap Number channel: the whole log is one lap');
      const trace = session.laps[0]!.trace;
      expect(trace.length).toBe(e.samples);
      expect(trace.t[1]).toBeCloseTo(1 / 60, 12);
      const max = (a: Float32Array): number => a.reduce((m, v) => Math.max(m, v), -Infinity);
      expect(max(trace.channels.speed!)).toBeCloseTo(e.maxSpeed, 3);
      expect(max(trace.channels.rpm!)).toBe(e.maxRpm);
      expect(trace.channels.throttle!.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(Object.values(trace.channels).every((col) => col.every((v) => !Number.isNaN(v)))).toBe(true);
      // TYRE_PRESS is psi in ACC (26.7 psi = 184.09 kPa on the Kyalami grid).
      expect(trace.channels.tyrePressFL![0]! / 6.894757).toBeGreaterThan(26.5);
    }
  });

  it('the MoTeC ADL sample imports: 78 channels, laps from Lap Number + Lap Time, scaled channels', () => {
    const ld = parseLd(bytes(...SAMPLE1));
    expect(ld.channels.length).toBe(78);
    expect(ld.header).toMatchObject({ deviceType: 'ADL', deviceSerial: 12007, venue: 'Calder', vehicleId: '11A', session: '2', shortComment: 'second warmup' });
    expect(ld.event).toEqual({ name: 'i2 data day', session: '2', comment: 'Calder Park, 23/11/05, fine sunny day' });
    const rpm = ld.channels.find((c) => c.name === 'Engine RPM')!;
    expect([rpm.mul, rpm.scale, rpm.dec]).toEqual([6, 10, -1]);
    expect(Math.max(...rpm.data)).toBe(6846);
    const yaw = ld.channels.find((c) => c.name === 'Gyro Yaw Velocity')!;
    expect([yaw.mul, yaw.scale, yaw.dec]).toEqual([36, 10, 1]);
    expect(yaw.data[0]).toBeCloseTo(1.08, 12);
    const beacon = ld.channels.find((c) => c.name === 'Beacon')!;
    expect(beacon.typeClass).toBe(0);

    const session = readLd(bytes(...SAMPLE1));
    expect(session.sourceChannels!.length).toBe(78);
    expect(session.sourceChannels!.filter((c) => c.mappedTo).length).toBe(17);
    expect(Object.keys(session.extraChannels!).length).toBe(61);
    expect(session.laps.map((l) => [l.lap.number, l.lap.category, +l.lap.time.toFixed(2), l.lap.timeSource])).toEqual([
      [0, 'out', 94.14, 'interpolated'],
      [1, 'flying', 65.15, 'game'],
      [2, 'flying', 63.68, 'game'],
      [3, 'flying', 65.18, 'game'],
      [4, 'flying', 63.75, 'game'],
      [5, 'incomplete', 102.01, 'interpolated'],
    ]);
    // The 1 Hz Lap Number steps 2–3 s after each crossing (at 162, 225, 290, 354 s); the
    // crossings are where Running Lap Time restarts: 96 s − 1.86, 162 − 2.69, 225 − 2.01, ...
    expect(session.laps.map((l) => +l.lap.startT.toFixed(2))).toEqual([0, 94.14, 159.31, 222.99, 288.18, 351.94]);
    // Each timed lap's bounds now agree with the logger's own time (to its 0.01 s resolution, ±0.02).
    for (const { lap } of session.laps.filter((l) => l.lap.category === 'flying')) expect(Math.abs(lap.endT - lap.startT - lap.time)).toBeLessThanOrEqual(0.02 + 1e-9);
    // Common time base: the fastest mapped channel (G Force Lat/Long at 20 Hz); 454 s of log.
    const all = session.laps.reduce((n, l) => n + l.trace.length, 0);
    expect(all).toBe(9080);
    expect(session.laps[1]!.trace.channels.rpm!.reduce((m, v) => Math.max(m, v), 0)).toBeGreaterThan(6000);
  });

  it('reads both real .ldx variants (i2-rewritten and raw ACC) and derives i2\'s own Details', () => {
    const rewritten = readLdx(text('motec-ld', 'acc', 'Kyalami-porsche_991ii_gt3_r-3-2021.12.15-21.43.22.ldx'));
    expect(rewritten.markers).toEqual([169.152, 282.056, 335.675, 447.604]);
    expect(rewritten.details).toEqual({ 'Total Laps': '5', 'Fastest Time': '0:53.619', 'Fastest Lap': '2' });
    // Our writer computes the same Details i2 wrote for these beacons.
    expect(readLdx(encodeLdx(rewritten.markers)).details).toEqual(rewritten.details);
    const raw = readLdx(text('motec-ld', 'acc', 'Laguna_Seca-mercedes_amg_gt3_evo-14-2022.09.25-16.32.15.ldx'));
    expect(raw.markers).toEqual([160.564, 268.116, 352.725, 436.287]);
    expect(raw.details).toEqual({});
    expect(raw.warnings).toEqual([]);
  });
});
