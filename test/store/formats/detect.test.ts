import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSessionFormat, importSessionFile } from '../../../src/store/formats/detect.js';
import { FormatError } from '../../../src/store/formats/format-error.js';
import { readLdx } from '../../../src/store/formats/motec/ldx.js';
import { writeCsv } from '../../../src/store/formats/csv/write.js';
import { writeJson } from '../../../src/store/formats/json/write.js';
import { ndjsonLines } from '../../../src/store/formats/json/ndjson.js';
import { writeLd } from '../../../src/store/formats/motec/export.js';
import { describeShared, sharedPath } from '../../helpers/shared.js';
import { demoSession } from './synthetic.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('format detection', () => {
  const demo = demoSession({ laps: 1, rate: 10 });
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('recognises every racecraft export by content, whatever the file is called', () => {
    expect(detectSessionFormat('a.bin', writeLd(demo.session, demo.laps, { startedAt: '2024-01-01T00:00:00' }))).toBe('ld');
    expect(detectSessionFormat('a.bin', encode(writeJson(demo)))).toBe('json');
    expect(detectSessionFormat('a.bin', encode(Array.from(ndjsonLines(demo)).join('')))).toBe('ndjson');
    expect(detectSessionFormat('a.csv', encode(writeCsv(demo.laps)))).toBe('csv');
    expect(importSessionFile('dir/a.bin', encode(writeJson(demo))).laps.length).toBe(demo.laps.length);
  });

  it('refuses an unknown file with a FormatError naming it', () => {
    expect(() => importSessionFile('/tmp/x.dat', Uint8Array.from([9, 9, 9, 9, 9]))).toThrow(new FormatError('unknown file format (expected a .pcap/.pcapng capture, MoTeC .ld, iRacing .ibt, .csv, .json or .ndjson)', 'x.dat'));
  });

  it('points from a lone .ldx sidecar to its .ld', () => {
    const ldx = new TextEncoder().encode('<?xml version="1.0"?>\n<LDXFile Locale="C" Version="1.6"/>\n');
    expect(() => importSessionFile('/laps/Kyalami-3.ldx', ldx)).toThrow(new FormatError('a MoTeC .ldx holds only the lap markers of its .ld: import the .ld (the .ldx beside it is read with it)', 'Kyalami-3.ldx'));
  });

  it('does not take a binary dump for CSV because of a stray comma byte (a raw UDP payload dump)', () => {
    // The first bytes of an Assetto Corsa RTCarInfo dump: 'a', three NULs, size 328, then floats.
    const dump = Uint8Array.from([0x61, 0, 0, 0, 0x48, 0x01, 0, 0, 0x2c, 0x10, 0, 0]);
    expect(detectSessionFormat('AssettoCorsa_monza.raw', dump)).toBeUndefined();
    expect(detectSessionFormat('text.txt', encode('t,speed\ns,m/s\n0,1\n'))).toBe('csv');
  });
});

describeShared('every real file in shared/formats imports', () => {
  it('imports each .ld, .ibt and .csv (and reads each .ldx); only the live-memory dump is refused', () => {
    const root = sharedPath('formats');
    const seen: string[] = [];
    for (const path of files(root).filter((p) => !p.endsWith('.md')).sort()) {
      const name = relative(root, path);
      const bytes = new Uint8Array(readFileSync(path));
      if (name.endsWith('.ldx')) {
        expect(readLdx(new TextDecoder().decode(bytes)).markers.length, name).toBe(4);
      } else if (name.endsWith('memmap-dump.ibt')) {
        expect(() => importSessionFile(name, bytes)).toThrow(FormatError);
      } else {
        const session = importSessionFile(name, bytes);
        expect(session.laps.length, name).toBeGreaterThan(0);
        expect(session.laps.every((l) => l.trace.length > 0), name).toBe(true);
        expect(Object.keys(session.laps[0]!.trace.channels).length, name).toBeGreaterThanOrEqual(7);
      }
      seen.push(name);
    }
    expect(seen.length).toBe(12);
  });
});
