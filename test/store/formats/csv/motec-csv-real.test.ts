import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { readCsv } from '../../../../src/store/formats/csv/read.js';
import { isoFromLocale, readMotecCsv } from '../../../../src/store/formats/csv/motec-csv.js';
import { describeShared, requireSharedFile } from '../../../helpers/shared.js';

const text = (...parts: string[]): string => readFileSync(requireSharedFile('formats', 'csv', 'motec-i2-export', ...parts), 'utf8');

describeShared('MoTeC i2 CSV exports (shared/formats/csv)', () => {
  it('AC via ACTI, a one-lap range export: lap 1 timed by its Duration, MoTeC names mapped to SI', () => {
    const session = readCsv(text('ac-acti', '60.2kw - Lap 1.csv'), { file: '60.2kw - Lap 1.csv' });
    expect(session.session).toEqual({ game: 'motec', format: 'i2-csv', trackName: 'fs_uk_endurance', carName: 'madformulateam_mftc3_stag_8', driver: 'KR7' });
    expect(session.startedAt).toBe('2022-10-30T19:49:00');
    expect(session.meta).toMatchObject({ session: 'HOTLAP', range: 'Lap 1', comment: 'Tires: Hoosier LC0 (S)', device: 'ADL' });
    expect(session.laps.map((l) => [l.lap.number, l.lap.category, l.lap.time, l.lap.valid, l.trace.length])).toEqual([[1, 'flying', 57.04, true, 2853]]);
    const trace = session.laps[0]!.trace;
    expect(trace.t[1]).toBeCloseTo(0.02, 12);
    // First row: "100.0" % throttle, "66.7" km/h, CG Accel Lateral "-0.06" G (left-positive in MoTeC).
    expect(trace.channels.throttle![0]).toBeCloseTo(1, 6);
    expect(trace.channels.speed![0]).toBeCloseTo(66.7 / 3.6, 5);
    expect(trace.channels.gLat![0]).toBeCloseTo(0.06, 6);
    expect(trace.channels.rpm![0]).toBe(2876);
    expect(session.sourceChannels!.length).toBe(17);
    expect(session.sourceChannels!.filter((c) => c.mappedTo).map((c) => `${c.name}>${c.mappedTo}`)).toEqual([
      'Brake Pos>brake',
      'Throttle Pos>throttle',
      'CG Accel Lateral>gLat',
      'CG Accel Longitudinal>gLon',
      'CG Accel Vertical>gVert',
      'Engine RPM>rpm',
      'Ground Speed>speed',
    ]);
    expect(Object.keys(session.extraChannels!)).toEqual(['Distance', 'Camber FL', 'Camber FR', 'Camber RL', 'Camber RR', 'Steering Angle', 'Tire Temp Core FL', 'Tire Temp Core FR', 'Tire Temp Core RL', 'Tire Temp Core RR']);
    expect(session.extraChannels!['Distance']!.data.at(-1)).toBeCloseTo(990.7, 6);
  });

  it('AC via ACTI cut short (the first 100,000 bytes): the range lap is incomplete, timed by its rows, not 57.040 s', () => {
    const whole = text('ac-acti', '60.2kw - Lap 1.csv');
    const cut = readMotecCsv(whole.slice(0, 100_000));
    expect(cut.laps.map((l) => [l.lap.number, l.lap.category, l.lap.valid, +l.lap.time.toFixed(3)])).toEqual([[1, 'incomplete', false, 14.94]]);
    expect(cut.warnings).toContain('lap 1: the rows end 14.940 s into it, short of its Duration 57.040 s (file cut short?); kept as incomplete');
  });

  it('GT6 entire-outing export: laps from the Beacon Markers row, US-locale date and 12 h time', () => {
    const session = readMotecCsv(text('gt6', 'blakelyauto.csv'));
    expect(session.startedAt).toBe('2023-04-04T13:16:25');
    expect(session.laps.map((l) => [l.lap.number, l.lap.category, +l.lap.time.toFixed(3), l.trace.length])).toEqual([
      [0, 'out', 24.324, 1460],
      [1, 'flying', 165.843, 9951],
      [2, 'incomplete', 4.816, 289],
    ]);
    // i2 prints Time to the ms; the reader restores the exact 60 Hz grid.
    expect(session.laps[1]!.trace.t[0]).toBe(1460 / 60);
  });

  it('parses i2 locale dates and times', () => {
    expect(isoFromLocale('2023-04-04', '1:16:25 PM')).toBe('2023-04-04T13:16:25');
    expect(isoFromLocale('30/10/2022', '19:49:00')).toBe('2022-10-30T19:49:00');
    expect(isoFromLocale('10/30/2022', '12:05:00 AM')).toBe('2022-10-30T00:05:00');
    expect(isoFromLocale('yesterday', '19:49')).toBeUndefined();
  });
});
