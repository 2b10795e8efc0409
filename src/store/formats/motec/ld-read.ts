import { ByteReader, halfToNumber } from '../bytes.js';
import { FormatError, asFormatError } from '../format-error.js';
import { EVENT, HEADER, HEADER_SIZE, LD_MARKER, META, VEHICLE, VENUE } from './ld-layout.js';

/** One decoded channel of a MoTeC log, values in the file's own units. */
export type LdChannel = {
  readonly name: string;
  readonly shortName: string;
  readonly unit: string;
  /** Hz, integer. */
  readonly rate: number;
  readonly typeClass: number;
  readonly sampleSize: number;
  readonly shift: number;
  readonly mul: number;
  readonly scale: number;
  readonly dec: number;
  /** `(raw / scale * 10^-dec + shift) * mul` per sample; sample k is at t = k / rate s. */
  readonly data: Float64Array;
};

export type LdHeader = {
  readonly deviceType: string;
  readonly deviceSerial: number;
  readonly deviceVersion: number;
  /** As written: 'DD/MM/YYYY' and 'HH:MM:SS'. */
  readonly date: string;
  readonly time: string;
  readonly driver: string;
  readonly vehicleId: string;
  readonly venue: string;
  readonly session: string;
  readonly shortComment: string;
  readonly proKey: number;
};

export type LdFile = {
  readonly header: LdHeader;
  readonly event?: { readonly name: string; readonly session: string; readonly comment: string };
  readonly venue?: { readonly name: string };
  readonly vehicle?: { readonly id: string; readonly weight: number; readonly type: string; readonly comment: string };
  readonly channels: LdChannel[];
  readonly warnings: string[];
};

/** Channels beyond this are a corrupt list, not a log (real files have 13..~400). */
const MAX_CHANNELS = 4096;
const WHAT = 'MoTeC file';

/**
 * Decode a MoTeC `.ld` file (shared/research/file-formats.md §1): the 1762-byte header, the
 * event/venue/vehicle blocks and the channel linked list, every channel decoded with
 * `value = (raw / scale * 10^-dec + shift) * mul`. Pointers are followed, never assumed; the
 * list is guarded against cycles; each array is read from its own data_ptr and count (GT6 pads
 * each channel to 64 KiB). Throws FormatError on anything that is not a well-formed log.
 */
export function parseLd(bytes: Uint8Array, file?: string): LdFile {
  return asFormatError(file, WHAT, () => parse(bytes, file));
}

function parse(bytes: Uint8Array, file: string | undefined): LdFile {
  const r = new ByteReader(bytes, file, WHAT);
  if (bytes.length < HEADER_SIZE) {
    throw new FormatError(`truncated ${WHAT} (header needs ${HEADER_SIZE} bytes, file has ${bytes.length})`, file);
  }
  const marker = r.u32(HEADER.marker);
  if (marker !== LD_MARKER) {
    throw new FormatError(`not a MoTeC .ld file (marker 0x${marker.toString(16)} at offset 0, expected 0x40)`, file);
  }
  const warnings: string[] = [];
  const header: LdHeader = {
    deviceType: r.latin1(HEADER.deviceType, 8),
    deviceSerial: r.u32(HEADER.deviceSerial),
    deviceVersion: r.u16(HEADER.deviceVersion),
    date: r.latin1(HEADER.date, 16),
    time: r.latin1(HEADER.time, 16),
    driver: r.latin1(HEADER.driver, 64),
    vehicleId: r.latin1(HEADER.vehicleId, 64),
    venue: r.latin1(HEADER.venue, 64),
    session: r.latin1(HEADER.session, 64),
    shortComment: r.latin1(HEADER.shortComment, 64),
    proKey: r.u32(HEADER.proKey),
  };
  const blocks = readBlocks(r, warnings);
  const channels = readChannels(r, file, warnings);
  const declared = r.u16(HEADER.channelCount);
  if (declared !== channels.length) warnings.push(`header says ${declared} channels, the channel list has ${channels.length}`);
  return { header, ...blocks, channels, warnings };
}

/** Event, venue and vehicle blocks: optional, and a pointer out of range costs only that block. */
function readBlocks(r: ByteReader, warnings: string[]): Pick<LdFile, 'event' | 'venue' | 'vehicle'> {
  const out: { event?: LdFile['event']; venue?: LdFile['venue']; vehicle?: LdFile['vehicle'] } = {};
  const eventPtr = r.u32(HEADER.eventPtr);
  if (eventPtr === 0) return out;
  if (!r.has(eventPtr, EVENT.venuePtr + 2)) {
    warnings.push(`event block pointer ${eventPtr} is outside the file; event ignored`);
    return out;
  }
  out.event = {
    name: r.latin1(eventPtr + EVENT.name, 64),
    session: r.latin1(eventPtr + EVENT.session, 64),
    comment: r.latin1(eventPtr + EVENT.comment, 1024),
  };
  // §1.3: genuine files store venue_ptr as u32 at +1152; fall back to u16 at the very end of a file.
  const venuePtr = r.has(eventPtr + EVENT.venuePtr, 4) ? r.u32(eventPtr + EVENT.venuePtr) : r.u16(eventPtr + EVENT.venuePtr);
  if (venuePtr === 0) return out;
  if (!r.has(venuePtr, VENUE.size)) {
    warnings.push(`venue block pointer ${venuePtr} is outside the file; venue ignored`);
    return out;
  }
  out.venue = { name: r.latin1(venuePtr + VENUE.name, 64) };
  const vehiclePtr = r.u16(venuePtr + VENUE.vehiclePtr);
  if (vehiclePtr === 0) return out;
  if (!r.has(vehiclePtr, VEHICLE.size)) {
    warnings.push(`vehicle block pointer ${vehiclePtr} is outside the file; vehicle ignored`);
    return out;
  }
  out.vehicle = {
    id: r.latin1(vehiclePtr + VEHICLE.id, 64),
    weight: r.u32(vehiclePtr + VEHICLE.weight),
    type: r.latin1(vehiclePtr + VEHICLE.type, 32),
    comment: r.latin1(vehiclePtr + VEHICLE.comment, 32),
  };
  return out;
}

function readChannels(r: ByteReader, file: string | undefined, warnings: string[]): LdChannel[] {
  const channels: LdChannel[] = [];
  const seen = new Set<number>();
  let ptr = r.u32(HEADER.metaPtr);
  while (ptr !== 0) {
    if (seen.has(ptr)) {
      warnings.push(`channel list loops back to offset ${ptr}; stopped after ${channels.length} channels`);
      break;
    }
    if (seen.size >= MAX_CHANNELS) throw new FormatError(`corrupt ${WHAT} (channel list longer than ${MAX_CHANNELS})`, file);
    seen.add(ptr);
    r.need(ptr, META.size, `channel ${seen.size} metadata`);
    const channel = readChannel(r, ptr, file, warnings);
    if (channel) channels.push(channel);
    ptr = r.u32(ptr + META.next);
  }
  return channels;
}

function readChannel(r: ByteReader, ptr: number, file: string | undefined, warnings: string[]): LdChannel | undefined {
  const name = r.latin1(ptr + META.name, 32);
  const typeClass = r.u16(ptr + META.typeClass);
  const sampleSize = r.u16(ptr + META.sampleSize);
  const rate = r.u16(ptr + META.rate);
  const count = r.u32(ptr + META.count);
  const dataPtr = r.u32(ptr + META.dataPtr);
  const shift = r.i16(ptr + META.shift);
  const mul = r.i16(ptr + META.mul);
  let scale = r.i16(ptr + META.scale);
  const dec = r.i16(ptr + META.dec);
  const read = sampleReader(r, typeClass, sampleSize);
  if (!read) {
    warnings.push(`channel '${name}': unsupported sample type ${typeClass}/${sampleSize} bytes; skipped`);
    return undefined;
  }
  if (rate === 0) {
    warnings.push(`channel '${name}': sample rate 0; skipped`);
    return undefined;
  }
  const end = dataPtr + count * sampleSize;
  if (end > r.length) {
    throw new FormatError(`truncated ${WHAT} (channel '${name}' data needs bytes up to ${end}, file has ${r.length})`, file);
  }
  if (scale === 0) {
    warnings.push(`channel '${name}': scale 0 read as 1`);
    scale = 1;
  }
  // value = (raw / scale * 10^-dec + shift) * mul  (§1.4; verified against i2's CSV export).
  const factor = 10 ** -dec / scale;
  const data = new Float64Array(count);
  for (let k = 0; k < count; k++) data[k] = (read(dataPtr + k * sampleSize) * factor + shift) * mul;
  return {
    name,
    shortName: r.latin1(ptr + META.shortName, 8),
    unit: r.latin1(ptr + META.unit, 12),
    rate,
    typeClass,
    sampleSize,
    shift,
    mul,
    scale,
    dec,
    data,
  };
}

/** §1.4 types: 7 = float (4 bytes; 2 = half, 8 = double), anything else integer (3/5, 0 = beacon). */
function sampleReader(r: ByteReader, typeClass: number, size: number): ((offset: number) => number) | undefined {
  const v = r.view;
  if (typeClass === 7) {
    if (size === 4) return (o) => v.getFloat32(o, true);
    if (size === 2) return (o) => halfToNumber(v.getUint16(o, true));
    if (size === 8) return (o) => v.getFloat64(o, true);
    return undefined;
  }
  if (size === 2) return (o) => v.getInt16(o, true);
  if (size === 4) return (o) => v.getInt32(o, true);
  return undefined;
}
