import { LINKTYPE, type Datagram, type PcapSkipped } from './types.js';

/**
 * Link layer → IP → UDP for one captured frame. Every read is checked against the captured
 * length; anything that is not a complete UDP datagram is counted in `skipped`, never thrown.
 *
 * Offsets (tcpdump.org/linktypes.html; RFC 791, 8200, 768):
 *   NULL (0):       4-byte address family in the capturing host's byte order, then IP.
 *   ETHERNET (1):   dst[6] src[6] ethertype[2] (0x8100/0x88A8 VLAN tags: 4 more bytes each).
 *   RAW (101), IPV4 (228), IPV6 (229): the IP header first; version from its first nibble.
 *   LINUX_SLL (113): 16 bytes, protocol (ethertype) at 14.
 *   LINUX_SLL2 (276): 20 bytes, protocol (ethertype) at 0.
 *   IPv4: version/IHL 0, total length 2, flags+fragment offset 6, protocol 9, src 12, dst 16.
 *   IPv6: payload length 4, next header 6, src 8, dst 24, extension headers from 40.
 *   UDP:  src port 0, dst port 2, length 4, checksum 6, payload 8.
 */
export type FragmentTable = Map<string, { parts: { offset: number; data: Uint8Array }[]; total: number }>;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const PROTO_UDP = 17;

export function decodeFrame(
  linkType: number,
  frame: Uint8Array,
  t: number,
  skipped: PcapSkipped,
  fragments: FragmentTable,
): Datagram | undefined {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  let ipStart: number;
  let ethertype: number | undefined;
  switch (linkType) {
    case LINKTYPE.NULL:
      ipStart = 4;
      break;
    case LINKTYPE.ETHERNET: {
      let at = 12;
      if (frame.length < 14) return skip(skipped, 'truncated');
      ethertype = view.getUint16(at);
      while ((ethertype === 0x8100 || ethertype === 0x88a8) && at + 6 <= frame.length) {
        at += 4;
        ethertype = view.getUint16(at);
      }
      ipStart = at + 2;
      break;
    }
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      ipStart = 0;
      break;
    case LINKTYPE.LINUX_SLL:
      if (frame.length < 16) return skip(skipped, 'truncated');
      ethertype = view.getUint16(14);
      ipStart = 16;
      break;
    case LINKTYPE.LINUX_SLL2:
      if (frame.length < 20) return skip(skipped, 'truncated');
      ethertype = view.getUint16(0);
      ipStart = 20;
      break;
    default:
      return skip(skipped, 'unsupportedLink');
  }
  if (ethertype !== undefined && ethertype !== ETHERTYPE_IPV4 && ethertype !== ETHERTYPE_IPV6) return skip(skipped, 'nonUdp');
  if (ipStart >= frame.length) return skip(skipped, 'truncated');
  const version = frame[ipStart]! >> 4;
  if (version === 4) return ipv4(frame.subarray(ipStart), t, skipped, fragments);
  if (version === 6) return ipv6(frame.subarray(ipStart), t, skipped);
  return skip(skipped, 'nonUdp');
}

function skip(skipped: PcapSkipped, reason: keyof PcapSkipped): undefined {
  skipped[reason]++;
  return undefined;
}

function ipv4(ip: Uint8Array, t: number, skipped: PcapSkipped, fragments: FragmentTable): Datagram | undefined {
  if (ip.length < 20) return skip(skipped, 'truncated');
  const view = new DataView(ip.buffer, ip.byteOffset, ip.byteLength);
  const headerLength = (ip[0]! & 0x0f) * 4;
  const totalLength = view.getUint16(2);
  if (headerLength < 20 || totalLength < headerLength) return skip(skipped, 'truncated');
  if (ip[9] !== PROTO_UDP) return skip(skipped, 'nonUdp');
  if (totalLength > ip.length) return skip(skipped, 'truncated');
  const src = dotted(ip, 12);
  const dst = dotted(ip, 16);
  const flags = view.getUint16(6);
  const moreFragments = (flags & 0x2000) !== 0;
  const fragmentOffset = (flags & 0x1fff) * 8;
  let body = ip.subarray(headerLength, totalLength);
  if (moreFragments || fragmentOffset > 0) {
    const whole = reassemble(fragments, `${src}>${dst}#${view.getUint16(4)}`, fragmentOffset, body, !moreFragments);
    if (!whole) return undefined;
    body = whole;
  }
  return udp(body, t, src, dst, skipped);
}

/** Collect IPv4 fragments; returns the whole payload once every byte up to the last fragment is in. */
function reassemble(table: FragmentTable, key: string, offset: number, data: Uint8Array, last: boolean): Uint8Array | undefined {
  let entry = table.get(key);
  if (!entry) table.set(key, (entry = { parts: [], total: -1 }));
  entry.parts.push({ offset, data });
  if (last) entry.total = offset + data.length;
  if (entry.total < 0) return undefined;
  entry.parts.sort((a, b) => a.offset - b.offset);
  let covered = 0;
  for (const p of entry.parts) {
    if (p.offset > covered) return undefined;
    covered = Math.max(covered, p.offset + p.data.length);
  }
  if (covered < entry.total) return undefined;
  const whole = new Uint8Array(entry.total);
  for (const p of entry.parts) whole.set(p.data.subarray(0, Math.max(0, Math.min(p.data.length, entry.total - p.offset))), p.offset);
  table.delete(key);
  return whole;
}

function ipv6(ip: Uint8Array, t: number, skipped: PcapSkipped): Datagram | undefined {
  if (ip.length < 40) return skip(skipped, 'truncated');
  const view = new DataView(ip.buffer, ip.byteOffset, ip.byteLength);
  const end = 40 + view.getUint16(4);
  if (end > ip.length) return skip(skipped, 'truncated');
  let next = ip[6]!;
  let at = 40;
  // Hop-by-hop (0), routing (43), destination options (60): length in 8-byte units after the first 8.
  while ((next === 0 || next === 43 || next === 60) && at + 8 <= end) {
    const len = (ip[at + 1]! + 1) * 8;
    next = ip[at]!;
    at += len;
  }
  if (next === 44) return skip(skipped, 'fragments');
  if (next !== PROTO_UDP || at > end) return skip(skipped, 'nonUdp');
  return udp(ip.subarray(at, end), t, ipv6Text(ip, 8), ipv6Text(ip, 24), skipped);
}

function udp(body: Uint8Array, t: number, srcAddr: string, dstAddr: string, skipped: PcapSkipped): Datagram | undefined {
  if (body.length < 8) return skip(skipped, 'truncated');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const length = view.getUint16(4);
  // IPv6 jumbograms put 0 here; otherwise the UDP length must fit what IP carried.
  const end = length === 0 ? body.length : length;
  if (end < 8 || end > body.length) return skip(skipped, 'truncated');
  return { t, srcAddr, dstAddr, srcPort: view.getUint16(0), dstPort: view.getUint16(2), payload: body.subarray(8, end) };
}

const dotted = (b: Uint8Array, at: number): string => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

/** RFC 5952 text: lower-case hex, leading zeros dropped, the longest run of zero groups as '::'. */
export function ipv6Text(b: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((b[at + 2 * i]! << 8) | b[at + 2 * i + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
