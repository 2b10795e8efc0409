import { describe, expect, it } from 'vitest';
import { decodeCp1252 } from '../../../../src/store/formats/bytes.js';
import { FormatError } from '../../../../src/store/formats/format-error.js';
import { readIbt } from '../../../../src/store/formats/ibt/import.js';
import { parseSessionYaml, yamlGet, yamlString } from '../../../../src/store/formats/ibt/session-yaml.js';

describe('iRacing session-info YAML', () => {
  const yaml = [
    '---',
    'WeekendInfo:',
    ' TrackName: monza full',
    ' TrackLength: 5.79 km',
    ' TelemetryOptions:',
    '  TelemetryDiskFile: ""',
    'DriverInfo:',
    ' DriverCarIdx: 1',
    ' Drivers:',
    ' - CarIdx: 0',
    '   UserName: Pace Car',
    ' - CarIdx: 1',
    '   UserName: Jean: "The Quick" O\'Brien',
    '   TeamName: ,comma first',
    '   CarScreenName: Dallara P217',
    'SessionInfo:',
    ' Sessions:',
    ' - SessionNum: 0',
    '   ResultsFastestLap:',
    '   - CarIdx: 255',
    '     FastestTime: -1.0000',
    '   SessionType: Race',
    '...',
  ].join('\r\n');

  it('reads maps and sequences by indentation, keeping awkward names verbatim', () => {
    const root = parseSessionYaml(yaml);
    expect(yamlString(root, 'WeekendInfo', 'TrackLength')).toBe('5.79 km');
    expect(yamlString(root, 'WeekendInfo', 'TelemetryOptions', 'TelemetryDiskFile')).toBe('');
    expect(yamlString(root, 'DriverInfo', 'Drivers', 1, 'UserName')).toBe('Jean: "The Quick" O\'Brien');
    expect(yamlString(root, 'DriverInfo', 'Drivers', 1, 'TeamName')).toBe(',comma first');
    expect(yamlString(root, 'SessionInfo', 'Sessions', 0, 'ResultsFastestLap', 0, 'FastestTime')).toBe('-1.0000');
    expect(yamlString(root, 'SessionInfo', 'Sessions', 0, 'SessionType')).toBe('Race');
    expect(yamlGet(root, 'Nope', 'x')).toBeUndefined();
  });

  it('never throws on malformed text and ignores what it cannot place', () => {
    for (const text of ['', ':::', '- - -\n  x', 'a:\n    b: 1\n  c: 2\nd: 3', '__proto__: 1\nconstructor:\n x: 2']) {
      expect(() => parseSessionYaml(text)).not.toThrow();
    }
    expect(yamlString(parseSessionYaml('a:\n    b: 1\n  c: 2\nd: 3'), 'd')).toBe('3');
    expect(Object.getPrototypeOf(parseSessionYaml('__proto__: 1'))).toBeNull();
  });

  it('decodes cp1252 (iRacing names with accents and curly quotes)', () => {
    expect(decodeCp1252(Uint8Array.from([0x52, 0xe9, 0x6d, 0x69, 0x20, 0x93, 0x80, 0x94, 0x81]))).toBe('Rémi “€” ');
  });
});

describe('iRacing .ibt reader on malformed input', () => {
  it('says what is wrong with a short or foreign file', () => {
    expect(() => readIbt(new Uint8Array(100), { file: 'a.ibt' })).toThrow(new FormatError('truncated iRacing .ibt file (headers need 144 bytes, file has 100)', 'a.ibt'));
    const foreign = new Uint8Array(200);
    foreign.set([0x50, 0x4b, 0x03, 0x04]);
    expect(() => readIbt(foreign)).toThrow(/not an iRacing \.ibt file \(header version 67324752/);
  });
});
