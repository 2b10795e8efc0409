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
    expect(lines[0]).toBe(`t,lap,${CHANNEL_NAMES.join(',')}\n`);
    expect(lines[1]!.startsWith('s,,m,s,m/s,rpm,,,,,,g,g,g,m,m,m,rad,rad,rad,kg,,,degC,')).toBe(true);
    expect(lines.length).toBe(2 + demo.laps[0]!.trace.length);
    expect(lines[2]!.split(',')[0]).toBe('100');
    expect(lines[3]!.split(',')[0]).toBe('100.016667');
  });

  it('round-trips laps and every channel within the written precision', () => {
    const back = readCsv(writeCsv(demo.laps));
    expect(back.warnings).toEqual([]);
    expect(back.laps.map((l) => [l.lap.number, l.trace.length])).toEqual(demo.laps.map((l) => [l.lap.number, l.trace.length]));
    back.laps.forEach((l, k) => {
      const o = demo.laps[k]!;
      // Lap bounds are sample times: within one 60 Hz sample of the original crossings.
      expect(Math.abs(l.lap.startT - o.lap.startT)).toBeLessThan(1 / 60);
      expect(Math.abs(l.lap.time - o.lap.time)).toBeLessThan(1 / 60);
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
    expect(text.split('\n')[0]).toBe('t,lap,lapDistance,speed');
  });
});
