import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPcap } from '../../../../src/store/formats/pcap/read.js';
import { LINKTYPE } from '../../../../src/store/formats/pcap/types.js';
import { createPcapWriter } from '../../../../src/store/formats/pcap/write.js';
import { describeShared, requireSharedFile } from '../../../helpers/shared.js';
import { concat } from './build.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(here, 'fixtures', name)));

/** frame.time_epoch as tshark 4.0.17 prints it for each file (see fixtures/README.md). */
const FIRST_RUN = ['1795506488.765527527', '1795506488.813999054', '1795506488.844671388', '1795506488.899608991', '1795506488.930292986'];
const NANO_RUN = ['1795506500.912291776', '1795506500.943813753', '1795506500.977638461', '1795506501.008549599', '1795506501.046676846'];
const CASES = [
  { file: 'loopback-tcpdump.pcap', format: 'pcap', link: LINKTYPE.ETHERNET, times: FIRST_RUN.map((t) => t.slice(0, -3)), srcPort: 51454 },
  { file: 'any-sll2-tcpdump.pcap', format: 'pcap', link: LINKTYPE.LINUX_SLL2, times: FIRST_RUN.map((t) => t.slice(0, -3)), srcPort: 51454 },
  { file: 'loopback-dumpcap.pcapng', format: 'pcapng', link: LINKTYPE.ETHERNET, times: FIRST_RUN, srcPort: 51454 },
  { file: 'loopback-tcpdump-nano.pcap', format: 'pcap', link: LINKTYPE.ETHERNET, times: NANO_RUN, srcPort: 35240 },
] as const;

describe('captures written by tcpdump and dumpcap', () => {
  for (const c of CASES) {
    it(`${c.file}: five UDP datagrams with tshark's timestamps and the bytes that were sent`, () => {
      const capture = readPcap(fixture(c.file), { file: c.file });
      expect(capture.format).toBe(c.format);
      expect(capture.linkTypes).toEqual([c.link]);
      expect(capture.warnings).toEqual([]);
      expect(capture.skipped).toEqual({ nonUdp: 0, truncated: 0, fragments: 0, unsupportedLink: 0 });
      expect(capture.datagrams.map((d) => [d.srcAddr, d.srcPort, d.dstAddr, d.dstPort, d.payload.length])).toEqual(
        [100, 400, 700, 1000, 1300].map((n) => ['127.0.0.1', c.srcPort, '127.0.0.1', 47001, n]),
      );
      capture.datagrams.forEach((d, i) => {
        // Float seconds since 1970 hold ~0.24 µs; compare at 1 µs.
        expect(Math.abs(d.t - Number(c.times[i]))).toBeLessThan(1e-6);
        expect(d.payload.every((b, k) => b === ((7 * k + i) & 0xff))).toBe(true);
      });
    });
  }
});

describeShared('real game datagrams through the pcap writer and reader (shared/captures)', () => {
  it('Assetto Corsa: all 8,641 RTCarInfo payloads survive a write/read round trip byte for byte', () => {
    const raw = new Uint8Array(readFileSync(requireSharedFile('captures', 'assetto-corsa', 'AssettoCorsa_monza_A8LMS.raw')));
    const count = raw.length / 328;
    expect(count).toBe(8641);
    const chunks: Uint8Array[] = [];
    const writer = createPcapWriter((c) => chunks.push(c), { linkType: 'ethernet' });
    for (let i = 0; i < count; i++) {
      writer.write({ t: 1487973768.154 + i / 58, srcAddr: '192.168.0.10', dstAddr: '192.168.0.20', srcPort: 9996, dstPort: 52000, payload: raw.subarray(328 * i, 328 * i + 328) });
    }
    const capture = readPcap(concat(chunks));
    expect(capture.datagrams.length).toBe(count);
    const back = concat(capture.datagrams.map((d) => d.payload));
    expect(back.length).toBe(raw.length);
    expect(back.every((b, i) => b === raw[i])).toBe(true);
    expect(capture.datagrams[8640]!.t).toBeCloseTo(1487973768.154 + 8640 / 58, 6);
  });
});
