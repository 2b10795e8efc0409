/**
 * Hand-built captures for the pcap tests, written from the format specs independently of the
 * racecraft writer: classic pcap in either byte order / timestamp unit, pcapng blocks in either
 * byte order, and link-layer frames around an IP packet.
 */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A minimal IPv4/UDP packet (checksums 0: optional in IPv4, readers must not care). */
export function ipv4Udp(src: number[], dst: number[], srcPort: number, dstPort: number, payload: Uint8Array, options: { protocol?: number; id?: number; flags?: number } = {}): Uint8Array {
  const p = new Uint8Array(28 + payload.length);
  const v = new DataView(p.buffer);
  p[0] = 0x45;
  v.setUint16(2, p.length);
  v.setUint16(4, options.id ?? 1);
  v.setUint16(6, options.flags ?? 0);
  p[8] = 64;
  p[9] = options.protocol ?? 17;
  p.set(src, 12);
  p.set(dst, 16);
  v.setUint16(20, srcPort);
  v.setUint16(22, dstPort);
  v.setUint16(24, 8 + payload.length);
  p.set(payload, 28);
  return p;
}

export function ipv6Udp(src: number[], dst: number[], srcPort: number, dstPort: number, payload: Uint8Array, hopByHop = false): Uint8Array {
  const ext = hopByHop ? 8 : 0;
  const p = new Uint8Array(40 + ext + 8 + payload.length);
  const v = new DataView(p.buffer);
  p[0] = 0x60;
  v.setUint16(4, ext + 8 + payload.length);
  p[6] = hopByHop ? 0 : 17;
  p[7] = 64;
  p.set(src, 8);
  p.set(dst, 24);
  if (hopByHop) p[40] = 17; // next header UDP, length 0 (8 bytes)
  v.setUint16(40 + ext, srcPort);
  v.setUint16(42 + ext, dstPort);
  v.setUint16(44 + ext, 8 + payload.length);
  p.set(payload, 48 + ext);
  return p;
}

export const ethernet = (ip: Uint8Array, ethertype = 0x0800, vlan = false): Uint8Array => {
  const head = new Uint8Array(vlan ? 18 : 14);
  const v = new DataView(head.buffer);
  head.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  if (vlan) {
    v.setUint16(12, 0x8100);
    v.setUint16(14, 42);
    v.setUint16(16, ethertype);
  } else v.setUint16(12, ethertype);
  return concat([head, ip]);
};
export const sll = (ip: Uint8Array, ethertype = 0x0800): Uint8Array => {
  const head = new Uint8Array(16);
  new DataView(head.buffer).setUint16(14, ethertype);
  return concat([head, ip]);
};
export const sll2 = (ip: Uint8Array, ethertype = 0x0800): Uint8Array => {
  const head = new Uint8Array(20);
  new DataView(head.buffer).setUint16(0, ethertype);
  head[10] = 6;
  return concat([head, ip]);
};
/** BSD loopback: the address family in the capturing host's (here little-endian) byte order. */
export const nullLink = (ip: Uint8Array, family = 2): Uint8Array => {
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, family, true);
  return concat([head, ip]);
};

export function classicPcap(linkType: number, records: { t: number; frame: Uint8Array; original?: number }[], options: { bigEndian?: boolean; nanos?: boolean } = {}): Uint8Array {
  const le = !options.bigEndian;
  const head = new Uint8Array(24);
  const hv = new DataView(head.buffer);
  hv.setUint32(0, options.nanos ? 0xa1b23c4d : 0xa1b2c3d4, le);
  hv.setUint16(4, 2, le);
  hv.setUint16(6, 4, le);
  hv.setUint32(16, 65535, le);
  hv.setUint32(20, linkType, le);
  const parts: Uint8Array[] = [head];
  for (const r of records) {
    const rec = new Uint8Array(16);
    const rv = new DataView(rec.buffer);
    const seconds = Math.floor(r.t);
    rv.setUint32(0, seconds, le);
    rv.setUint32(4, Math.round((r.t - seconds) * (options.nanos ? 1e9 : 1e6)), le);
    rv.setUint32(8, r.frame.length, le);
    rv.setUint32(12, r.original ?? r.frame.length, le);
    parts.push(rec, r.frame);
  }
  return concat(parts);
}

/** One pcapng block: type, total length, body padded to 4, total length. */
export function block(type: number, body: Uint8Array, le: boolean): Uint8Array {
  const padded = Math.ceil(body.length / 4) * 4;
  const out = new Uint8Array(12 + padded);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, out.length, le);
  out.set(body, 8);
  v.setUint32(8 + padded, out.length, le);
  return out;
}

export function shb(le: boolean): Uint8Array {
  const body = new Uint8Array(16);
  const v = new DataView(body.buffer);
  v.setUint32(0, 0x1a2b3c4d, le);
  v.setUint16(4, 1, le);
  v.setBigInt64(8, -1n, le);
  return block(0x0a0d0d0a, body, le);
}

/** Interface Description Block; `tsresol` is the raw if_tsresol byte (e.g. 9 = ns, 0x80|20 = 2^-20 s). */
export function idb(linkType: number, le: boolean, options: { tsresol?: number; tsoffset?: number; snaplen?: number } = {}): Uint8Array {
  const body = new Uint8Array(8 + 8 + 12 + 4);
  const v = new DataView(body.buffer);
  v.setUint16(0, linkType, le);
  v.setUint32(4, options.snaplen ?? 0, le);
  let at = 8;
  if (options.tsresol !== undefined) {
    v.setUint16(at, 9, le);
    v.setUint16(at + 2, 1, le);
    body[at + 4] = options.tsresol;
    at += 8;
  }
  if (options.tsoffset !== undefined) {
    v.setUint16(at, 14, le);
    v.setUint16(at + 2, 8, le);
    v.setBigInt64(at + 4, BigInt(options.tsoffset), le);
    at += 12;
  }
  return block(1, body.subarray(0, at + 4), le); // + opt_endofopt
}

/** Enhanced Packet Block with a timestamp in interface units. */
export function epb(iface: number, ticks: bigint, frame: Uint8Array, le: boolean): Uint8Array {
  const body = new Uint8Array(20 + Math.ceil(frame.length / 4) * 4);
  const v = new DataView(body.buffer);
  v.setUint32(0, iface, le);
  v.setUint32(4, Number(ticks >> 32n), le);
  v.setUint32(8, Number(ticks & 0xffffffffn), le);
  v.setUint32(12, frame.length, le);
  v.setUint32(16, frame.length, le);
  body.set(frame, 20);
  return block(6, body, le);
}

export function spb(frame: Uint8Array, le: boolean): Uint8Array {
  const body = new Uint8Array(4 + Math.ceil(frame.length / 4) * 4);
  new DataView(body.buffer).setUint32(0, frame.length, le);
  body.set(frame, 4);
  return block(3, body, le);
}

export function opb(iface: number, ticks: bigint, frame: Uint8Array, le: boolean): Uint8Array {
  const body = new Uint8Array(20 + Math.ceil(frame.length / 4) * 4);
  const v = new DataView(body.buffer);
  v.setUint16(0, iface, le);
  v.setUint32(4, Number(ticks >> 32n), le);
  v.setUint32(8, Number(ticks & 0xffffffffn), le);
  v.setUint32(12, frame.length, le);
  v.setUint32(16, frame.length, le);
  body.set(frame, 20);
  return block(2, body, le);
}
