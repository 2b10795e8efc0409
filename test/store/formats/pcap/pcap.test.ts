import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../../src/store/formats/format-error.js';
import { readPcap } from '../../../../src/store/formats/pcap/read.js';
import { LINKTYPE } from '../../../../src/store/formats/pcap/types.js';
import { checksum, createPcapWriter, parseAddress, type DatagramToWrite } from '../../../../src/store/formats/pcap/write.js';
import { classicPcap, concat, epb, ethernet, idb, ipv4Udp, ipv6Udp, nullLink, opb, shb, sll, sll2, spb } from './build.js';

const payload = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const LOCAL = [127, 0, 0, 1];
const LAN = [192, 168, 1, 20];
const V6A = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const V6B = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0, 0, 0, 0, 0xab, 0xcd];

function write(datagrams: DatagramToWrite[], linkType: 'raw' | 'ethernet' = 'raw'): { bytes: Uint8Array; chunks: number } {
  const chunks: Uint8Array[] = [];
  const writer = createPcapWriter((c) => chunks.push(c), { linkType });
  for (const d of datagrams) writer.write(d);
  expect(writer.count).toBe(datagrams.length);
  return { bytes: concat(chunks), chunks: chunks.length };
}

describe('pcap writer', () => {
  const datagrams: DatagramToWrite[] = [
    { t: 1700000000.123456, srcAddr: '192.168.1.20', dstAddr: '192.168.1.255', srcPort: 51234, dstPort: 20777, payload: payload(1349) },
    { t: 1700000000.140123, srcPort: 9996, dstPort: 40000, payload: payload(328, 7) },
    { t: 1700000001, srcAddr: '::ffff:10.0.0.7', dstAddr: '10.0.0.8', srcPort: 33740, dstPort: 33739, payload: payload(0) },
    { t: 1700000002.5, srcAddr: '2001:db8::1', dstAddr: 'fe80::1234:0:0:abcd', srcPort: 5606, dstPort: 5606, payload: payload(559, 3) },
  ];

  for (const linkType of ['raw', 'ethernet'] as const) {
    it(`round-trips datagrams through readPcap (link type ${linkType})`, () => {
      const { bytes, chunks } = write(datagrams, linkType);
      expect(chunks).toBe(1 + datagrams.length);
      const capture = readPcap(bytes);
      expect(capture.format).toBe('pcap');
      expect(capture.linkTypes).toEqual([linkType === 'raw' ? LINKTYPE.RAW : LINKTYPE.ETHERNET]);
      expect(capture.warnings).toEqual([]);
      expect(capture.datagrams.map((d) => [d.srcAddr, d.dstAddr, d.srcPort, d.dstPort, d.payload.length])).toEqual([
        ['192.168.1.20', '192.168.1.255', 51234, 20777, 1349],
        ['127.0.0.1', '127.0.0.1', 9996, 40000, 328],
        ['10.0.0.7', '10.0.0.8', 33740, 33739, 0],
        ['2001:db8::1', 'fe80::1234:0:0:abcd', 5606, 5606, 559],
      ]);
      capture.datagrams.forEach((d, i) => {
        expect(d.t).toBeCloseTo(datagrams[i]!.t, 6);
        expect(Array.from(d.payload)).toEqual(Array.from(datagrams[i]!.payload));
      });
    });
  }

  it('writes headers Wireshark accepts: lengths, IPv4 header checksum, UDP checksum', () => {
    const { bytes } = write(datagrams.slice(0, 1));
    const v = new DataView(bytes.buffer);
    expect(v.getUint32(0, true)).toBe(0xa1b2c3d4);
    expect([v.getUint16(4, true), v.getUint16(6, true), v.getUint32(20, true)]).toEqual([2, 4, 101]);
    expect([v.getUint32(24, true), v.getUint32(28, true)]).toEqual([1700000000, 123456]);
    const ip = bytes.subarray(40);
    expect(v.getUint32(32, true)).toBe(ip.length);
    expect(ip.length).toBe(20 + 8 + 1349);
    const iv = new DataView(ip.buffer, ip.byteOffset);
    expect([ip[0], iv.getUint16(2), ip[9]]).toEqual([0x45, ip.length, 17]);
    expect(checksum(ip, 0, 20, 0)).toBe(0); // a correct header sums to 0xFFFF
    const pseudo = 0xc0a8 + 0x0114 + 0xc0a8 + 0x01ff + 17 + (8 + 1349);
    expect(checksum(ip, 20, 8 + 1349, pseudo)).toBe(0);
    expect(iv.getUint16(24)).toBe(8 + 1349);
  });

  it('refuses values no capture can hold', () => {
    const writer = createPcapWriter(() => undefined);
    expect(() => writer.write({ t: -1, srcPort: 1, dstPort: 2, payload: payload(1) })).toThrow(RangeError);
    expect(() => writer.write({ t: 1, srcPort: 70000, dstPort: 2, payload: payload(1) })).toThrow(RangeError);
    expect(() => writer.write({ t: 1, srcAddr: '300.1.1.1', srcPort: 1, dstPort: 2, payload: payload(1) })).toThrow(RangeError);
    expect(() => writer.write({ t: 1, srcAddr: '::1', dstAddr: '1.2.3.4', srcPort: 1, dstPort: 2, payload: payload(1) })).toThrow(RangeError);
    expect(() => writer.write({ t: 1, srcPort: 1, dstPort: 2, payload: payload(65508) })).toThrow(RangeError);
    expect(Array.from(parseAddress('::'))).toEqual(new Array(16).fill(0));
  });
});

describe('pcap reader', () => {
  const a = ipv4Udp(LAN, LOCAL, 20777, 20778, payload(45));
  const b = ipv6Udp(V6A, V6B, 9996, 9997, payload(30), true);

  it('reads classic pcap in both byte orders with µs and ns timestamps', () => {
    for (const bigEndian of [false, true]) {
      for (const nanos of [false, true]) {
        const capture = readPcap(classicPcap(LINKTYPE.RAW, [{ t: 12.345678901, frame: a }, { t: 13.5, frame: b }], { bigEndian, nanos }));
        expect(capture.datagrams.map((d) => [d.srcAddr, d.dstPort, d.payload.length])).toEqual([
          ['192.168.1.20', 20778, 45],
          ['2001:db8::1', 9997, 30],
        ]);
        expect(capture.datagrams[0]!.t).toBeCloseTo(nanos ? 12.345678901 : 12.345679, 9);
      }
    }
  });

  it('decodes every supported link type and skips what is not UDP', () => {
    const tcp = ipv4Udp(LAN, LOCAL, 1, 2, payload(10), { protocol: 6 });
    const cases: [number, Uint8Array[], number, number][] = [
      [LINKTYPE.ETHERNET, [ethernet(a), ethernet(a, 0x0800, true), ethernet(b, 0x86dd), ethernet(payload(28), 0x0806), ethernet(tcp)], 3, 2],
      [LINKTYPE.LINUX_SLL, [sll(a), sll(b, 0x86dd), sll(tcp)], 2, 1],
      [LINKTYPE.LINUX_SLL2, [sll2(a), sll2(b, 0x86dd), sll2(payload(40), 0x0806)], 2, 1],
      [LINKTYPE.NULL, [nullLink(a), nullLink(b, 30), nullLink(tcp)], 2, 1],
      [LINKTYPE.IPV4, [a, tcp], 1, 1],
      [LINKTYPE.IPV6, [b], 1, 0],
    ];
    for (const [linkType, frames, udp, other] of cases) {
      const capture = readPcap(classicPcap(linkType, frames.map((frame, i) => ({ t: i, frame }))));
      expect(capture.skipped, `link ${linkType}`).toEqual({ nonUdp: other, truncated: 0, fragments: 0, unsupportedLink: 0 });
      expect(capture.datagrams.map((d) => `${d.srcAddr}:${d.srcPort}>${d.dstAddr}:${d.dstPort}/${d.payload.length}`), `link ${linkType}`).toEqual(
        [
          '192.168.1.20:20777>127.0.0.1:20778/45',
          '192.168.1.20:20777>127.0.0.1:20778/45',
          '2001:db8::1:9996>fe80::1234:0:0:abcd:9997/30',
        ].slice(linkType === LINKTYPE.ETHERNET ? 0 : linkType === LINKTYPE.IPV6 ? 2 : 1, linkType === LINKTYPE.IPV4 ? 2 : 3),
      );
    }
    expect(readPcap(classicPcap(147, [{ t: 0, frame: a }])).skipped.unsupportedLink).toBe(1);
  });

  it('reassembles IPv4 fragments and counts datagrams whose pieces never all arrived', () => {
    const whole = ipv4Udp(LAN, LOCAL, 5606, 5607, payload(100));
    const udp = whole.subarray(20);
    const fragment = (offset: number, data: Uint8Array, more: boolean, id: number): Uint8Array => {
      const p = new Uint8Array(20 + data.length);
      p.set(whole.subarray(0, 20));
      const v = new DataView(p.buffer);
      v.setUint16(2, p.length);
      v.setUint16(4, id);
      v.setUint16(6, (more ? 0x2000 : 0) | (offset / 8));
      p.set(data, 20);
      return p;
    };
    const frames = [fragment(64, udp.subarray(64), false, 7), fragment(0, udp.subarray(0, 64), true, 7), fragment(0, udp.subarray(0, 64), true, 8)];
    const capture = readPcap(classicPcap(LINKTYPE.RAW, frames.map((frame, i) => ({ t: i, frame }))));
    expect(capture.datagrams.length).toBe(1);
    expect(Array.from(capture.datagrams[0]!.payload)).toEqual(Array.from(payload(100)));
    expect(capture.skipped.fragments).toBe(1);
  });

  it('counts snapped packets as truncated and keeps what precedes a capture cut mid-record', () => {
    const snapped = a.subarray(0, 40);
    const bytes = classicPcap(LINKTYPE.RAW, [{ t: 1, frame: a }, { t: 2, frame: snapped, original: a.length }, { t: 3, frame: a }]);
    const capture = readPcap(bytes.subarray(0, bytes.length - 10));
    expect(capture.datagrams.length).toBe(1);
    expect(capture.skipped.truncated).toBe(1);
    expect(capture.warnings).toEqual([`capture ends inside record 3 (${a.length - 10} of ${a.length} bytes); ignored`]);
  });

  it('reads pcapng: both byte orders, if_tsresol/if_tsoffset, EPB, SPB, OPB, several interfaces and sections', () => {
    for (const le of [true, false]) {
      const bytes = concat([
        shb(le),
        idb(LINKTYPE.ETHERNET, le),
        idb(LINKTYPE.RAW, le, { tsresol: 9 }),
        idb(LINKTYPE.LINUX_SLL2, le, { tsresol: 0x80 | 20, tsoffset: 1000 }),
        epb(0, 1_700_000_000_250_000n, ethernet(a), le),
        epb(1, 1_700_000_000_000_000_123n, b, le),
        epb(2, 3n << 20n, sll2(a), le),
        spb(ethernet(a), le),
        opb(1, 5_000_000_000n, a, le),
        { length: 0 } as unknown as Uint8Array,
        shb(!le),
        idb(LINKTYPE.IPV4, !le),
        epb(0, 42_000_000n, a, !le),
      ].filter((p) => p.length > 0));
      const capture = readPcap(bytes);
      expect(capture.format).toBe('pcapng');
      expect(capture.linkTypes).toEqual([LINKTYPE.ETHERNET, LINKTYPE.RAW, LINKTYPE.LINUX_SLL2, LINKTYPE.IPV4]);
      expect(capture.datagrams.map((d) => [d.srcPort, d.payload.length])).toEqual([
        [20777, 45],
        [9996, 30],
        [20777, 45],
        [20777, 45],
        [20777, 45],
        [20777, 45],
      ]);
      const t = capture.datagrams.map((d) => d.t);
      expect(t[0]).toBeCloseTo(1_700_000_000.25, 6);
      expect(t[1]).toBeCloseTo(1_700_000_000.000000123, 6);
      expect(t[2]).toBeCloseTo(1003, 9);
      expect(t[3]).toBe(t[2]); // SPB: no timestamp of its own
      expect(t[4]).toBeCloseTo(5, 9);
      expect(t[5]).toBeCloseTo(42, 9);
    }
  });

  it('refuses what is not a capture, and corrupt structure, with a FormatError', () => {
    expect(() => readPcap(new TextEncoder().encode('hello world, not a capture'), { file: 'x.pcap' })).toThrow(new FormatError('not a pcap or pcapng capture (magic 0x6c6c6568)', 'x.pcap'));
    expect(() => readPcap(new Uint8Array(3))).toThrow(FormatError);
    const bad = concat([shb(true), idb(1, true)]);
    new DataView(bad.buffer).setUint32(28 + 4, 13, true);
    expect(() => readPcap(bad)).toThrow(/corrupt pcapng \(block at 28 has length 13\)/);
    const badVersion = classicPcap(LINKTYPE.RAW, []);
    badVersion[4] = 9;
    expect(() => readPcap(badVersion)).toThrow('unsupported pcap version 9.4 (expected 2.4)');
  });
});
