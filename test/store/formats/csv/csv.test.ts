import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../../../src/engine/model/index.js';
import { csvRecords } from '../../../../src/store/formats/csv/csv-parse.js';
import { readCsv } from '../../../../src/store/formats/csv/read.js';
import { csvLines, writeCsv } from '../../../../src/store/formats/csv/write.js';
import { FormatError } from '../../../../src/store/formats/format-error.js';
import { demoSession, halfUlp } from '../synthetic.js';

describe('racecraft CSV', () => {
  const demo = demoSession();

  it('writes a names row, a units row, then one row per sample', () => {
    const lines = Array.from(csvLines(demo.laps.slice(0, 1)));
    expect(lines[0]).toBe(`t,lap,lap_time_s,lap_valid,lap_category,${CHANNEL_NAMES.join(',')}\n`);
    expect(lines[1]!.startsWith('s,,s,,,m,,s,m/s,rpm,,,,,,g,g,g,m,m,m,rad,rad,rad,kg,,,degC,')).toBe(true);
    expect(lines.length).toBe(2 + demo.laps[0]!.trace.length);
    expect(lines[2]!.split(',').slice(0, 5)).toEqual(['100', '0', '12.5', '0', 'out']);
    expect(lines[3]!.split(',').slice(0, 5)).toEqual(['100.016667', '0', '12.5', '0', 'out']);
    // Every row has as many fields as the header: one plain table, nothing else in the file.
    expect(new Set(lines.map((l) => l.split(',').length))).toEqual(new Set([5 + CHANNEL_NAMES.length]));
  });

  it('round-trips laps (number, time to the written ms, validity, category) and every channel within the written precision', () => {
    const back = readCsv(writeCsv(demo.laps));
    expect(back.warnings).toEqual([]);
    expect(back.laps.map((l) => [l.lap.number, l.lap.category, l.lap.valid, l.trace.length])).toEqual(demo.laps.map((l) => [l.lap.number, l.lap.category, l.lap.valid, l.trace.length]));
    // The synthetic laps take 12.5, 40, 40.731 and 41.462 s: written with 3 decimals, read back as is.
    expect(back.laps.map((l) => l.lap.time)).toEqual([12.5, 40, 40.731, 41.462]);
    expect(back.laps.map((l) => l.lap.timeSource)).toEqual(['interpolated', 'game', 'game', 'game']);
    back.laps.forEach((l, k) => {
      const o = demo.laps[k]!;
      expect(Math.abs(l.lap.time - o.lap.time)).toBeLessThanOrEqual(0.0005 + 1e-9);
      // Lap bounds are sample times: within one 60 Hz sample of the original crossings.
      expect(Math.abs(l.lap.startT - o.lap.startT)).toBeLessThan(1 / 60);
      let worstT = 0;
      let worstD = 0;
      const worst = new Map<ChannelName, number>();
      for (let i = 0; i < l.trace.length; i++) {
        worstT = Math.max(worstT, Math.abs(l.trace.t[i]! - o.trace.t[i]!));
        worstD = Math.max(worstD, Math.abs(l.trace.distance[i]! - o.trace.distance[i]!));
        for (const name of CHANNEL_NAMES) worst.set(name, Math.max(worst.get(name) ?? 0, Math.abs(l.trace.channels[name]![i]! - o.trace.channels[name]![i]!)));
      }
      expect(worstT).toBeLessThanOrEqual(5e-7);
      expect(worstD).toBeLessThanOrEqual(halfUlp('lapDistance') + 1e-4);
      for (const name of CHANNEL_NAMES) expect(worst.get(name), name).toBeLessThanOrEqual(halfUlp(name) + 1e-5);
    });
  });

  it('restores the lap records of every lap in a file cut down to some rows (one lap, odd rows dropped)', () => {
    const text = writeCsv(demo.laps.slice(2, 3));
    const [head, units, ...rows] = text.trimEnd().split('\n');
    const back = readCsv([head, units, ...rows.filter((_, i) => i % 2 === 0)].join('\n'));
    expect(back.laps.map((l) => [l.lap.number, l.lap.time, l.lap.valid, l.lap.category, l.lap.timeSource])).toEqual([[2, 40.731, true, 'flying', 'game']]);
    expect(back.laps[0]!.trace.length).toBe(Math.ceil(demo.laps[2]!.trace.length / 2));
  });

  it('a file cut short in its last lap keeps that lap as incomplete, timed by its rows, not as a flying lap of its full time', () => {
    const [head, units, ...rows] = writeCsv(demo.laps).trimEnd().split('\n');
    // Keep the first three laps and the first 600 rows (10 s at 60 Hz) of lap 3.
    const lap3 = rows.findIndex((r) => r.split(',')[1] === '3');
    const back = readCsv([head, units, ...rows.slice(0, lap3 + 600)].join('\n'));
    expect(back.laps.map((l) => [l.lap.number, l.lap.category, l.lap.valid, +l.lap.time.toFixed(3)])).toEqual([
      ...demo.laps.slice(0, 3).map((l) => [l.lap.number, l.lap.category, l.lap.valid, +l.lap.time.toFixed(3)]),
      [3, 'incomplete', false, 10],
    ]);
    expect(back.laps[3]!.lap.timeSource).toBe('interpolated');
    expect(back.warnings).toEqual([`lap 3: the file ends 10.000 s into it, short of its time ${demo.laps[3]!.lap.time.toFixed(3)} s (file cut short?); kept as incomplete`]);
  });

  it('without lap record columns (older racecraft CSV, hand-made files) times laps by their rows, as before', () => {
    // The same file with lap_time_s, lap_valid and lap_category cut out of every line.
    const old = writeCsv(demo.laps)
      .split('\n')
      .map((line) => line.split(',').filter((_, i) => i < 2 || i > 4).join(','))
      .join('\n');
    expect(old.slice(0, old.indexOf('\n'))).toBe(`t,lap,${CHANNEL_NAMES.join(',')}`);
    const back = readCsv(old);
    expect(back.warnings).toEqual([]);
    expect(back.laps.map((l) => [l.lap.number, l.lap.category, l.lap.timeSource, l.trace.length])).toEqual(demo.laps.map((l) => [l.lap.number, 'flying', 'interpolated', l.trace.length]));
    // A lap runs from its first row to the next lap's: 12.5 s out lap → 12.5, 40.731 → 40.733 (the 60 Hz rows).
    expect(back.laps.map((l) => +l.lap.time.toFixed(6))).toEqual([12.5, 40, 40.733333, 41.466667]);
    expect(back.laps.map((l) => l.lap.valid)).toEqual([true, true, true, true]);
  });

  it('says which lap records it could not use: unknown categories, a time far from the rows', () => {
    const text = 't,lap,lap_time_s,lap_valid,lap_category,speed\ns,,s,,,m/s\n0,1,30.5,1,flying,10\n1,1,30.5,1,flying,11\n2,1,30.5,1,flying,11\n3,2,2.5,0,spun,12\n4,2,2.5,0,spun,12\n';
    const back = readCsv(text);
    expect(back.laps.map((l) => [l.lap.number, l.lap.time, l.lap.valid, l.lap.category, l.lap.startT, l.lap.endT])).toEqual([
      [1, 30.5, true, 'flying', 0, 3],
      [2, 2.5, false, 'flying', 3, 5],
    ]);
    expect(back.warnings).toEqual([
      "lap 1: the file's time 30.500 s differs from its rows' 3.000 s",
      "unknown lap_category value(s) 'spun' read as flying",
      'no lap distance channel: lap distance integrated from speed (lap length 28.5 m, the median of the complete laps)',
    ]);
    // Lap 1 integrates to 10.5 + 11 + 11.5 = 33 m (to its end at 3 s), lap 2 to 24 m: each scaled to the median 28.5 m.
    expect(back.laps.map((l) => Array.from(l.trace.distance, (d) => +d.toFixed(6)))).toEqual([[0, 9.068182, 18.568182], [0, 14.25]]);
    expect(back.extraChannels).toEqual({});
    // Without a `lap` column the lap columns describe nothing: kept as plain (extra) columns.
    const loose = readCsv('t,lap_time_s,speed\n0,5,1\n1,5,2\n');
    expect(Object.keys(loose.extraChannels!)).toEqual(['lap_time_s']);
    expect(loose.laps.map((l) => [l.lap.number, l.lap.time])).toEqual([[1, 2]]);
    // Many distinct unknown categories: the warning names five.
    const many = readCsv(['t,lap,lap_category', ...Array.from({ length: 9 }, (_, i) => `${i},${i},odd${i}`)].join('\n'));
    expect(many.warnings).toEqual(["unknown lap_category value(s) 'odd0', 'odd1', 'odd2', 'odd3', 'odd4', and 4 more read as flying", 'no lap distance and no speed channel: lap distance is unknown']);
  });

  it('reads a hand-made CSV: converts known units, keeps unknown columns as extras, blank cells as missing', () => {
    const text = 'time,speed,throttle,Boost\r\ns,km/h,%,bar\r\n0,36,50,1.2\r\n0.5,72,,1.3\r\n1.0,108,100,1.4\r\n';
    const s = readCsv(text);
    const trace = s.laps[0]!.trace;
    expect(Array.from(trace.channels.speed!)).toEqual([10, 20, 30]);
    expect(Array.from(trace.channels.throttle!)).toEqual([0.5, Number.NaN, 1]);
    expect(s.extraChannels!['Boost']).toMatchObject({ unit: 'bar', rate: 2, t0: 0 });
    expect(s.laps[0]!.lap).toMatchObject({ number: 1, startT: 0, endT: 1.5 });
    expect(s.warnings).toContain("no 'lap' column: the whole file is one lap");
  });

  it('refuses what is not telemetry with one clear line', () => {
    expect(() => readCsv('a,b\n1,2\n', { file: 'x.csv' })).toThrow(new FormatError("not a telemetry CSV (no 't' or 'time' column in the header row)", 'x.csv'));
    expect(() => readCsv('t,lap\ns,\n', { file: 'x.csv' })).toThrow(new FormatError('truncated CSV file (no data rows)', 'x.csv'));
    expect(() => readCsv('t,lap\n1,1\n0.5,1\n')).toThrow(/time 0.5 at data row 2 does not increase/);
    expect(() => readCsv('"Format","MoTeC CSV File"\n"Venue","x"\n')).toThrow(/no channel-name row starting "Time"/);
  });

  it('tokenises RFC 4180 records (quotes, escaped quotes, CRLF, quoted newlines)', () => {
    expect(Array.from(csvRecords('a,"b ""q"", c",\r\n"multi\nline",x'))).toEqual([
      ['a', 'b "q", c', ''],
      ['multi\nline', 'x'],
    ]);
  });

  it('writes only the channels the laps carry', () => {
    const one = demoSession({ laps: 1 });
    for (const l of one.laps) for (const name of Object.keys(l.trace.channels) as ChannelName[]) if (name !== 'speed') delete l.trace.channels[name];
    const text = writeCsv(one.laps);
    expect(text.split('\n')[0]).toBe('t,lap,lap_time_s,lap_valid,lap_category,lapDistance,speed');
  });
});
