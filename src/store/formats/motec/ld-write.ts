import { writeLatin1 } from '../bytes.js';
import { EVENT, FIRST_CHANNEL_ID, HEADER, HEADER_SIZE, LD_MARKER, META, VEHICLE, VENUE, WRITER_CONSTANTS } from './ld-layout.js';

/** One channel to write: samples already as raw integers (int16/int32) or float32 values. */
export type LdWriteChannel = {
  readonly name: string;
  readonly shortName?: string;
  readonly unit: string;
  /** Hz, integer >= 1. */
  readonly rate: number;
  /** Decimal places: value = raw * 10^-dec (scale = mul = 1, shift = 0). */
  readonly dec: number;
  readonly type: 'int16' | 'int32' | 'float32';
  /** Raw samples (integers for int types). */
  readonly raw: ArrayLike<number>;
};

export type LdWriteSpec = {
  /** 'DD/MM/YYYY' and 'HH:MM:SS'. */
  readonly date: string;
  readonly time: string;
  readonly driver: string;
  readonly vehicle: string;
  readonly venue: string;
  readonly session: string;
  readonly shortComment: string;
  readonly event: { readonly name: string; readonly session: string; readonly comment: string };
  readonly channels: readonly LdWriteChannel[];
};

/** Event block plus room for the u32 venue pointer genuine files store at +1152 (§1.3). */
const EVENT_ALLOC = EVENT.venuePtr + 4;
const TYPE = { int16: { cls: 3, size: 2 }, int32: { cls: 5, size: 4 }, float32: { cls: 7, size: 4 } } as const;

/**
 * Encode a complete `.ld` following the writer consensus of file-formats.md §1.6: exact 1762-byte
 * header with the genuine-file constants and a pro-logging key, an event block, a venue block
 * (i2 wants a venue name for track maps) and a vehicle block, all pointers in range and
 * non-overlapping, a well-formed channel list (first prev = 0, last next = 0), integer rates, and
 * sample arrays packed after the metadata like MoTeC's own loggers do.
 */
export function encodeLd(spec: LdWriteSpec): Uint8Array {
  const eventPtr = HEADER_SIZE;
  const venuePtr = eventPtr + EVENT_ALLOC;
  const vehiclePtr = venuePtr + VENUE.size;
  const metaPtr = vehiclePtr + VEHICLE.size;
  const dataStart = metaPtr + META.size * spec.channels.length;
  let size = dataStart;
  const dataPtrs = spec.channels.map((c) => {
    const at = size;
    size += c.raw.length * TYPE[c.type].size;
    return at;
  });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const u16 = (o: number, v: number): void => view.setUint16(o, v, true);
  const u32 = (o: number, v: number): void => view.setUint32(o, v, true);

  u32(HEADER.marker, LD_MARKER);
  u32(HEADER.metaPtr, spec.channels.length > 0 ? metaPtr : 0);
  u32(HEADER.dataPtr, dataStart);
  u32(HEADER.eventPtr, eventPtr);
  u32(HEADER.constant, WRITER_CONSTANTS.constant);
  u32(HEADER.deviceSerial, WRITER_CONSTANTS.deviceSerial);
  writeLatin1(out, HEADER.deviceType, 8, WRITER_CONSTANTS.deviceType);
  u16(HEADER.deviceVersion, WRITER_CONSTANTS.deviceVersion);
  u16(HEADER.sig2, WRITER_CONSTANTS.sig2);
  u16(HEADER.channelCount, spec.channels.length);
  writeLatin1(out, HEADER.date, 16, spec.date);
  writeLatin1(out, HEADER.time, 16, spec.time);
  writeLatin1(out, HEADER.driver, 64, spec.driver);
  writeLatin1(out, HEADER.vehicleId, 64, spec.vehicle);
  writeLatin1(out, HEADER.venue, 64, spec.venue);
  u32(HEADER.proKey, WRITER_CONSTANTS.proKey);
  writeLatin1(out, HEADER.session, 64, spec.session);
  writeLatin1(out, HEADER.shortComment, 64, spec.shortComment);
  out[HEADER.byte66c] = WRITER_CONSTANTS.byte66c;

  writeLatin1(out, eventPtr + EVENT.name, 64, spec.event.name);
  writeLatin1(out, eventPtr + EVENT.session, 64, spec.event.session);
  writeLatin1(out, eventPtr + EVENT.comment, 1024, spec.event.comment);
  u32(eventPtr + EVENT.venuePtr, venuePtr);
  writeLatin1(out, venuePtr + VENUE.name, 64, spec.venue);
  u16(venuePtr + VENUE.vehiclePtr, vehiclePtr);
  writeLatin1(out, vehiclePtr + VEHICLE.id, 64, spec.vehicle);
  writeLatin1(out, vehiclePtr + VEHICLE.type, 32, 'Car');

  spec.channels.forEach((c, i) => {
    const at = metaPtr + i * META.size;
    const type = TYPE[c.type];
    u32(at + META.prev, i === 0 ? 0 : at - META.size);
    u32(at + META.next, i === spec.channels.length - 1 ? 0 : at + META.size);
    u32(at + META.dataPtr, dataPtrs[i]!);
    u32(at + META.count, c.raw.length);
    u16(at + META.id, FIRST_CHANNEL_ID + i);
    u16(at + META.typeClass, type.cls);
    u16(at + META.sampleSize, type.size);
    u16(at + META.rate, c.rate);
    view.setInt16(at + META.shift, 0, true);
    view.setInt16(at + META.mul, 1, true);
    view.setInt16(at + META.scale, 1, true);
    view.setInt16(at + META.dec, c.dec, true);
    writeLatin1(out, at + META.name, 32, c.name);
    writeLatin1(out, at + META.shortName, 8, c.shortName ?? c.name);
    writeLatin1(out, at + META.unit, 12, c.unit);
    const p = dataPtrs[i]!;
    for (let k = 0; k < c.raw.length; k++) {
      const v = c.raw[k]!;
      if (c.type === 'int16') view.setInt16(p + 2 * k, v, true);
      else if (c.type === 'int32') view.setInt32(p + 4 * k, v, true);
      else view.setFloat32(p + 4 * k, v, true);
    }
  });
  return out;
}
