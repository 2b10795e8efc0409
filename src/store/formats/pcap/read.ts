import { ByteReader } from '../bytes.js';
import { FormatError, asFormatError } from '../format-error.js';
import { decodeFrame, type FragmentTable } from './packet.js';
import type { Datagram, PcapCapture, PcapSkipped } from './types.js';

/**
 * Classic pcap (tcpdump.org "PCAP capture file format", draft-ietf-opsawg-pcap):
 *   global header 24 B: magic 0, version 4/6, thiszone 8, sigfigs 12, snaplen 16, linktype 20
 *     magic 0xA1B2C3D4 = µs timestamps, 0xA1B23C4D = ns; byte-swapped = big-endian file.
 *   record header 16 B: ts_sec 0, ts_usec|ts_nsec 4, incl_len 8, orig_len 12, then incl_len bytes.
 * pcapng (draft-ietf-opsawg-pcapng): blocks of { type u32, total length u32, body, total length u32 }
 *   SHB 0x0A0D0D0A: byte-order magic 0x1A2B3C4D at +8 (sets the section's byte order)
 *   IDB 1: linktype u16 +8, snaplen u32 +12, options +16 (if_tsresol 9, if_tsoffset 14)
 *   EPB 6: interface +8, ts high +12, ts low +16, captured +20, original +24, data +28
 *   SPB 3: original length +8, data +12 (interface 0, no timestamp)
 *   OPB 2 (obsolete): interface u16 +8, ts high +12, ts low +16, captured +20, original +24, data +28
 */
const PCAPNG_SHB = 0x0a0d0d0a;
const MAGIC = { usec: 0xa1b2c3d4, nsec: 0xa1b23c4d } as const;

/**
 * Every UDP datagram (IPv4, IPv6) in a pcap or pcapng capture, in file order. Non-UDP packets,
 * unknown link types and snapped packets are counted in `skipped`; a capture that ends inside a
 * record (a recorder killed mid-write) keeps what came before, with a warning. FormatError when
 * the bytes are not a capture or its structure is corrupt.
 */
export function readPcap(bytes: Uint8Array, options: { file?: string } = {}): PcapCapture {
  return asFormatError(options.file, 'capture', () => {
    if (bytes.length < 4) throw new FormatError(`truncated capture (${bytes.length} bytes)`, options.file);
    const first = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
    if (first === PCAPNG_SHB) return readPcapng(bytes, options.file);
    return readClassic(bytes, options.file);
  });
}

const emptySkipped = (): PcapSkipped => ({ nonUdp: 0, truncated: 0, fragments: 0, unsupportedLink: 0 });

function readClassic(bytes: Uint8Array, file: string | undefined): PcapCapture {
  const le = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const be = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
  let littleEndian: boolean;
  let fraction: number;
  if (le === MAGIC.usec || le === MAGIC.nsec) [littleEndian, fraction] = [true, le === MAGIC.nsec ? 1e-9 : 1e-6];
  else if (be === MAGIC.usec || be === MAGIC.nsec) [littleEndian, fraction] = [false, be === MAGIC.nsec ? 1e-9 : 1e-6];
  else throw new FormatError(`not a pcap or pcapng capture (magic 0x${le.toString(16).padStart(8, '0')})`, file);
  const r = new ByteReader(bytes, file, 'pcap file', littleEndian);
  r.need(0, 24, 'global header');
  const major = r.u16(4);
  if (major !== 2) throw new FormatError(`unsupported pcap version ${major}.${r.u16(6)} (expected 2.4)`, file);
  const linkType = r.u32(20) & 0x0fffffff;
  const skipped = emptySkipped();
  const fragments: FragmentTable = new Map();
  const datagrams: Datagram[] = [];
  const warnings: string[] = [];
  let at = 24;
  let index = 0;
  while (at < bytes.length) {
    index++;
    if (at + 16 > bytes.length) {
      warnings.push(`capture ends inside record ${index}'s header; ignored`);
      break;
    }
    const seconds = r.u32(at);
    const frac = r.u32(at + 4);
    const captured = r.u32(at + 8);
    if (at + 16 + captured > bytes.length) {
      warnings.push(`capture ends inside record ${index} (${bytes.length - at - 16} of ${captured} bytes); ignored`);
      break;
    }
    const frame = bytes.subarray(at + 16, at + 16 + captured);
    const d = decodeFrame(linkType, frame, seconds + frac * fraction, skipped, fragments);
    if (d) datagrams.push(d);
    at += 16 + captured;
  }
  skipped.fragments += fragments.size;
  return { format: 'pcap', datagrams, skipped, linkTypes: [linkType], warnings };
}

type Interface = { linkType: number; resolution: number; offset: number; snaplen: number };

function readPcapng(bytes: Uint8Array, file: string | undefined): PcapCapture {
  const skipped = emptySkipped();
  const fragments: FragmentTable = new Map();
  const datagrams: Datagram[] = [];
  const warnings: string[] = [];
  const linkTypes = new Set<number>();
  let interfaces: Interface[] = [];
  let r = new ByteReader(bytes, file, 'pcapng file', true);
  let lastT = 0;
  let at = 0;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) {
      warnings.push(`capture ends inside a block header at ${at}; ignored`);
      break;
    }
    let type = r.u32(at);
    if (type === PCAPNG_SHB) {
      // The section's byte order comes from its own magic, whatever the previous section used.
      const magic = new DataView(bytes.buffer, bytes.byteOffset + at + 8, 4).getUint32(0, true);
      if (magic === 0x1a2b3c4d) r = new ByteReader(bytes, file, 'pcapng file', true);
      else if (magic === 0x4d3c2b1a) r = new ByteReader(bytes, file, 'pcapng file', false);
      else throw new FormatError(`corrupt pcapng (section header at ${at} has byte-order magic 0x${magic.toString(16)})`, file);
      interfaces = [];
      type = PCAPNG_SHB;
    } else if (at === 0) {
      throw new FormatError('corrupt pcapng (first block is not a section header)', file);
    }
    const length = r.u32(at + 4);
    if (length < 12 || length % 4 !== 0) throw new FormatError(`corrupt pcapng (block at ${at} has length ${length})`, file);
    if (at + length > bytes.length) {
      warnings.push(`capture ends inside the block at ${at} (${bytes.length - at} of ${length} bytes); ignored`);
      break;
    }
    const end = at + length - 4;
    if (r.u32(end) !== length) throw new FormatError(`corrupt pcapng (block at ${at}: trailing length ${r.u32(end)} ≠ ${length})`, file);
    if (type === 1) {
      const linkType = r.u16(at + 8);
      interfaces.push({ linkType, snaplen: r.u32(at + 12), ...interfaceOptions(r, at + 16, end) });
      linkTypes.add(linkType);
    } else if (type === 6 || type === 2) {
      const iface = type === 6 ? r.u32(at + 8) : r.u16(at + 8);
      const high = r.u32(at + 12);
      const low = r.u32(at + 16);
      const captured = r.u32(at + 20);
      const data = at + 28;
      if (data + captured > end) throw new FormatError(`corrupt pcapng (packet at ${at} claims ${captured} bytes in a ${length}-byte block)`, file);
      const spec = interfaces[iface];
      if (!spec) {
        warnings.push(`packet at ${at} names interface ${iface}, which was never described; skipped`);
        skipped.unsupportedLink++;
      } else {
        lastT = high * 4294967296 * spec.resolution + low * spec.resolution + spec.offset;
        const d = decodeFrame(spec.linkType, bytes.subarray(data, data + captured), lastT, skipped, fragments);
        if (d) datagrams.push(d);
      }
    } else if (type === 3) {
      const spec = interfaces[0];
      const original = r.u32(at + 8);
      const captured = Math.min(original, end - (at + 12), spec && spec.snaplen > 0 ? spec.snaplen : Number.MAX_SAFE_INTEGER);
      if (!spec) {
        skipped.unsupportedLink++;
      } else {
        // Simple Packet Blocks carry no timestamp: they get the last one seen in the section.
        const d = decodeFrame(spec.linkType, bytes.subarray(at + 12, at + 12 + captured), lastT, skipped, fragments);
        if (d) datagrams.push(d);
      }
    }
    at += length;
  }
  skipped.fragments += fragments.size;
  return { format: 'pcapng', datagrams, skipped, linkTypes: [...linkTypes], warnings };
}

/** if_tsresol (9) and if_tsoffset (14) from an IDB's options; defaults µs and 0. */
function interfaceOptions(r: ByteReader, start: number, end: number): { resolution: number; offset: number } {
  let resolution = 1e-6;
  let offset = 0;
  let at = start;
  while (at + 4 <= end) {
    const code = r.u16(at);
    const length = r.u16(at + 2);
    if (code === 0 || at + 4 + length > end) break;
    if (code === 9 && length >= 1) {
      const v = r.u8(at + 4);
      resolution = v & 0x80 ? 2 ** -(v & 0x7f) : 10 ** -v;
    } else if (code === 14 && length >= 8) {
      offset = r.i64(at + 4);
    }
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return { resolution, offset };
}
