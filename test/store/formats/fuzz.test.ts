import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/store/formats/csv/read.js';
import { writeCsv } from '../../../src/store/formats/csv/write.js';
import { importSessionFile } from '../../../src/store/formats/detect.js';
import { FormatError } from '../../../src/store/formats/format-error.js';
import { readIbt } from '../../../src/store/formats/ibt/import.js';
import { ndjsonLines, readNdjson } from '../../../src/store/formats/json/ndjson.js';
import { readJson } from '../../../src/store/formats/json/read.js';
import { writeJson } from '../../../src/store/formats/json/write.js';
import { readLd } from '../../../src/store/formats/motec/import.js';
import { readLdx } from '../../../src/store/formats/motec/ldx.js';
import { writeMotec } from '../../../src/store/formats/motec/export.js';
import { readPcap } from '../../../src/store/formats/pcap/read.js';
import { createPcapWriter } from '../../../src/store/formats/pcap/write.js';
import { SHARED_DIR, hasShared } from '../../helpers/shared.js';
import { concat } from './pcap/build.js';
import { demoSession } from './synthetic.js';
import { mulberry32 } from '../../helpers/prng.js';

type Reader = (bytes: Uint8Array) => unknown;
const EXTREMES = [0, 1, 2, 0x40, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff];

/** Truncate, flip bits, or overwrite 32-bit words (mostly in the first `hot` bytes, where headers live). */
function mutate(source: Uint8Array, rnd: () => number, hot: number): Uint8Array {
  const kind = rnd();
  if (kind < 0.25) return source.slice(0, Math.floor(rnd() * source.length));
  const out = source.slice();
  const where = (): number => Math.floor(rnd() * (rnd() < 0.75 ? Math.min(hot, out.length) : out.length));
  if (kind < 0.6) {
    const flips = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < flips; i++) {
      const at = where();
      out[at] = out[at]! ^ (1 << Math.floor(rnd() * 8));
    }
  } else {
    const words = 1 + Math.floor(rnd() * 3);
    const view = new DataView(out.buffer);
    for (let i = 0; i < words; i++) {
      const at = Math.min(Math.max(0, out.length - 4), where());
      if (out.length >= 4) view.setUint32(at, EXTREMES[Math.floor(rnd() * EXTREMES.length)]!, rnd() < 0.5);
    }
  }
  return out;
}

function mutateText(source: string, rnd: () => number): string {
  const kind = rnd();
  if (kind < 0.3) return source.slice(0, Math.floor(rnd() * source.length));
  const noise = ['"', ',', '\n', '\r', '{', '}', '[', ']', ':', '-', '1e999', 'NaN', '\u0000', '<', '>', ' ', 'x'];
  const edits = 1 + Math.floor(rnd() * 6);
  let text = source;
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * Math.max(1, text.length));
    text = text.slice(0, at) + noise[Math.floor(rnd() * noise.length)]! + text.slice(at + 1);
  }
  return text;
}

/** Run `reader` on `count` mutants of each source; return descriptions of anything but FormatError escaping. */
function fuzz(name: string, sources: Uint8Array[], reader: Reader, count: number, seed: number, hot = 4096): string[] {
  const failures: string[] = [];
  const rnd = mulberry32(seed);
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length]!;
    const input = rnd() < 0.05 ? Uint8Array.from({ length: Math.floor(rnd() * 3000) }, () => Math.floor(rnd() * 256)) : mutate(source, rnd, hot);
    try {
      reader(input);
    } catch (error) {
      if (!(error instanceof FormatError)) failures.push(`${name} #${i} (seed ${seed}): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
  return failures;
}

function fuzzText(name: string, sources: string[], reader: (text: string) => unknown, count: number, seed: number): string[] {
  const failures: string[] = [];
  const rnd = mulberry32(seed);
  for (let i = 0; i < count; i++) {
    const input = mutateText(sources[i % sources.length]!, rnd);
    try {
      reader(input);
    } catch (error) {
      if (!(error instanceof FormatError)) failures.push(`${name} #${i} (seed ${seed}): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }
  return failures;
}

const shared = (...parts: string[]): Uint8Array => new Uint8Array(readFileSync(join(SHARED_DIR, 'formats', ...parts)));
const here = dirname(fileURLToPath(import.meta.url));

describe('fuzzing the readers: only FormatError escapes', () => {
  // Small on purpose: thousands of mutants must parse in seconds.
  const small = demoSession({ laps: 2, rate: 4, lapTime: 12, outLap: 2 });
  const motec = writeMotec(small.session, small.laps, { startedAt: '2024-01-01T00:00:00' });
  const csv = writeCsv(small.laps);
  const json = writeJson(small);
  const ndjson = Array.from(ndjsonLines(small)).join('');

  it('our own written files, mutated (2,000 .ld, 1,000 .ldx/CSV/JSON/NDJSON each, 2,000 pcap)', () => {
    const chunks: Uint8Array[] = [];
    const writer = createPcapWriter((c) => chunks.push(c), { linkType: 'ethernet' });
    for (let i = 0; i < 20; i++) writer.write({ t: 1000 + i, srcPort: 20777, dstPort: 20777, srcAddr: i % 2 ? '10.0.0.1' : '2001:db8::5', dstAddr: i % 2 ? '10.0.0.2' : '::1', payload: new Uint8Array(40 + i) });
    const failures = [
      ...fuzz('ld', [motec.ld], (b) => readLd(b), 2000, 1, 6000),
      ...fuzz('ld+ldx', [motec.ld], (b) => readLd(b, { ldx: motec.ldx }), 200, 2, 6000),
      ...fuzzText('ldx', [motec.ldx], (t) => readLd(motec.ld, { ldx: t }), 500, 3),
      ...fuzzText('ldx', [motec.ldx], (t) => readLdx(t), 1000, 4),
      ...fuzzText('csv', [csv], (t) => readCsv(t), 1000, 5),
      ...fuzzText('json', [json], (t) => readJson(t), 1000, 6),
      ...fuzzText('ndjson', [ndjson], (t) => readNdjson(t), 1000, 7),
      ...fuzz('pcap', [concat(chunks)], (b) => readPcap(b), 2000, 8, 400),
      ...fuzz('detect', [motec.ld, new TextEncoder().encode(json), new TextEncoder().encode(csv)], (b) => importSessionFile('x.bin', b), 600, 9),
    ];
    expect(failures).toEqual([]);
  });

  it('the tcpdump/dumpcap captures, mutated (1,500 each)', () => {
    const fixtures = ['loopback-tcpdump.pcap', 'any-sll2-tcpdump.pcap', 'loopback-dumpcap.pcapng', 'loopback-tcpdump-nano.pcap'].map(
      (f) => new Uint8Array(readFileSync(join(here, 'pcap', 'fixtures', f))),
    );
    const failures = fixtures.flatMap((f, k) => fuzz(`fixture${k}`, [f], (b) => readPcap(b), 1500, 20 + k, 300));
    expect(failures).toEqual([]);
  });

  it.skipIf(!hasShared)('the real .ld, .ibt and CSV files, mutated (headers and metadata mostly)', () => {
    const gt6 = shared('motec-ld', 'gt6', '20230404_1316.ld');
    const sample1 = shared('motec-ld', 'motec-adl-sample', 'Sample1.ld');
    const ibt = shared('ibt', 'valid_test_file.ibt');
    const tsukubaHead = shared('ibt', 'formulavee_tsukuba 1kouter 2025-01-30 17-09-29.ibt').slice(0, 48912 + 1051 * 120);
    const acti = readFileSync(join(SHARED_DIR, 'formats', 'csv', 'motec-i2-export', 'ac-acti', '60.2kw - Lap 1.csv'), 'utf8').slice(0, 20000);
    const gt6Csv = readFileSync(join(SHARED_DIR, 'formats', 'csv', 'motec-i2-export', 'gt6', 'blakely1hz.csv'), 'utf8');
    const failures = [
      // GT6: header, event/venue blocks and the channel list live in the first ~9.8 KB.
      ...fuzz('gt6.ld', [gt6], (b) => readLd(b), 60, 31, 9782),
      ...fuzz('sample1.ld', [sample1], (b) => readLd(b), 40, 32, 23056),
      ...fuzz('ibt', [ibt, tsukubaHead], (b) => readIbt(b), 150, 33, 60000),
      ...fuzzText('i2-csv', [acti, gt6Csv], (t) => readCsv(t), 300, 34),
    ];
    expect(failures).toEqual([]);
  });
});
