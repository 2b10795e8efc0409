/**
 * Streaming classic-pcap writer (µs timestamps, little-endian, version 2.4) for raw UDP
 * datagrams, so `record --raw` captures open in Wireshark and replay through `readPcap`.
 * Each datagram is wrapped in a real IPv4 (or IPv6) + UDP header with correct lengths, the IPv4
 * header checksum and the UDP checksum (RFC 768/791/8200). Link type raw IP (101) by default,
 * or Ethernet (1) with locally administered MAC addresses.
 */
export type DatagramToWrite = {
  /** s, timestamp (Unix time for live captures), >= 0. */
  readonly t: number;
  /** IPv4 dotted quad or IPv6 text (an IPv4-mapped '::ffff:a.b.c.d' is written as IPv4). Default 127.0.0.1. */
  readonly srcAddr?: string;
  readonly dstAddr?: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload: Uint8Array;
};

export type PcapWriterOptions = { readonly linkType?: 'raw' | 'ethernet' };

export type PcapWriter = {
  /** Append one datagram; throws RangeError on a value no pcap can hold (bad port, address, size). */
  write(datagram: DatagramToWrite): void;
  /** Datagrams written so far. */
  readonly count: number;
};

const SNAPLEN = 262144;
const LINK = { raw: 101, ethernet: 1 } as const;
const SRC_MAC = [0x02, 0, 0, 0, 0, 0x01];
const DST_MAC = [0x02, 0, 0, 0, 0, 0x02];

/** Start a capture: the 24-byte global header goes to `sink` at once, then one chunk per datagram. */
export function createPcapWriter(sink: (chunk: Uint8Array) => void, options: PcapWriterOptions = {}): PcapWriter {
  const linkType = options.linkType ?? 'raw';
  const header = new Uint8Array(24);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, 0xa1b2c3d4, true);
  hv.setUint16(4, 2, true);
  hv.setUint16(6, 4, true);
  hv.setUint32(16, SNAPLEN, true);
  hv.setUint32(20, LINK[linkType], true);
  sink(header);
  let count = 0;
  let ipId = 0;
  return {
    get count() {
      return count;
    },
    write(d: DatagramToWrite): void {
      if (!(Number.isFinite(d.t) && d.t >= 0 && d.t < 2 ** 32)) throw new RangeError(`pcap timestamp out of range: ${d.t}`);
      for (const port of [d.srcPort, d.dstPort]) {
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`UDP port out of range: ${port}`);
      }
      const src = parseAddress(d.srcAddr ?? '127.0.0.1');
      const dst = parseAddress(d.dstAddr ?? '127.0.0.1');
      if (src.length !== dst.length) throw new RangeError(`source ${d.srcAddr} and destination ${d.dstAddr} are not the same IP version`);
      const ip = src.length === 4 ? ipv4Packet(src, dst, d, (ipId = (ipId + 1) & 0xffff)) : ipv6Packet(src, dst, d);
      const linkHeader = linkType === 'ethernet' ? 14 : 0;
      const frameLength = linkHeader + ip.length;
      const record = new Uint8Array(16 + frameLength);
      const rv = new DataView(record.buffer);
      let seconds = Math.floor(d.t);
      let micros = Math.round((d.t - seconds) * 1e6);
      if (micros >= 1e6) [seconds, micros] = [seconds + 1, 0];
      rv.setUint32(0, seconds, true);
      rv.setUint32(4, micros, true);
      rv.setUint32(8, frameLength, true);
      rv.setUint32(12, frameLength, true);
      if (linkType === 'ethernet') {
        record.set(DST_MAC, 16);
        record.set(SRC_MAC, 22);
        rv.setUint16(28, src.length === 4 ? 0x0800 : 0x86dd);
      }
      record.set(ip, 16 + linkHeader);
      sink(record);
      count++;
    },
  };
}

function ipv4Packet(src: Uint8Array, dst: Uint8Array, d: DatagramToWrite, id: number): Uint8Array {
  const total = 20 + 8 + d.payload.length;
  if (total > 65535) throw new RangeError(`UDP payload of ${d.payload.length} bytes does not fit an IPv4 packet`);
  const p = new Uint8Array(total);
  const v = new DataView(p.buffer);
  p[0] = 0x45; // version 4, IHL 5 words
  v.setUint16(2, total);
  v.setUint16(4, id);
  v.setUint16(6, 0x4000); // don't fragment
  p[8] = 64; // TTL
  p[9] = 17; // UDP
  p.set(src, 12);
  p.set(dst, 16);
  v.setUint16(10, checksum(p, 0, 20, 0));
  writeUdp(p, 20, src, dst, d);
  return p;
}

function ipv6Packet(src: Uint8Array, dst: Uint8Array, d: DatagramToWrite): Uint8Array {
  const udpLength = 8 + d.payload.length;
  if (udpLength > 65535) throw new RangeError(`UDP payload of ${d.payload.length} bytes needs a jumbogram`);
  const p = new Uint8Array(40 + udpLength);
  const v = new DataView(p.buffer);
  p[0] = 0x60;
  v.setUint16(4, udpLength);
  p[6] = 17;
  p[7] = 64; // hop limit
  p.set(src, 8);
  p.set(dst, 24);
  writeUdp(p, 40, src, dst, d);
  return p;
}

function writeUdp(p: Uint8Array, at: number, src: Uint8Array, dst: Uint8Array, d: DatagramToWrite): void {
  const v = new DataView(p.buffer);
  const length = 8 + d.payload.length;
  v.setUint16(at, d.srcPort);
  v.setUint16(at + 2, d.dstPort);
  v.setUint16(at + 4, length);
  p.set(d.payload, at + 8);
  // Pseudo-header: src, dst, zero + protocol, UDP length (IPv6: 32-bit length, 3 zero bytes + next header).
  let sum = 0;
  for (let i = 0; i < src.length; i += 2) sum += ((src[i]! << 8) | src[i + 1]!) + ((dst[i]! << 8) | dst[i + 1]!);
  sum += 17 + length;
  const c = checksum(p, at, length, sum);
  v.setUint16(at + 6, c === 0 ? 0xffff : c);
}

/** RFC 1071 internet checksum over bytes [at, at+length), starting from a partial sum. */
export function checksum(bytes: Uint8Array, at: number, length: number, initial: number): number {
  let sum = initial;
  const end = at + length;
  let i = at;
  for (; i + 1 < end; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** IPv4 (4 bytes) or IPv6 (16 bytes) address from its text; IPv4-mapped IPv6 becomes IPv4. */
export function parseAddress(text: string): Uint8Array {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) return parseAddress(mapped[1]!);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const bytes = v4.slice(1).map(Number);
    if (bytes.some((b) => b > 255)) throw new RangeError(`not an IPv4 address: ${text}`);
    return Uint8Array.from(bytes);
  }
  const halves = text.replace(/%.*$/, '').split('::');
  if (halves.length > 2) throw new RangeError(`not an IP address: ${text}`);
  const part = (s: string | undefined): number[] => (s ? s.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? Number.parseInt(g, 16) : Number.NaN)) : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0 || [...head, ...tail].some(Number.isNaN)) throw new RangeError(`not an IP address: ${text}`);
  const groups = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}
