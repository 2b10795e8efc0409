/**
 * MoTeC i2 `.ld` layout: every offset racecraft reads or writes, with the line of
 * shared/research/file-formats.md §1 it comes from. Little-endian throughout; blocks are found
 * only through pointers (their order differs per producer).
 */

/** §1.2 "file header, 1762 (0x6E2) bytes, fixed". */
export const HEADER_SIZE = 1762;
/** §1.2 "0x000 u32 ld marker: 0x40 in every file (all producers). Readers: reject if ≠ 0x40." */
export const LD_MARKER = 0x40;

export const HEADER = {
  /** "0x000 u32 ld marker" */
  marker: 0x000,
  /** "0x008 u32 meta_ptr: offset of first channel meta block" */
  metaPtr: 0x008,
  /** "0x00C u32 data_ptr: offset of first sample byte" */
  dataPtr: 0x00c,
  /** "0x024 u32 event_ptr: offset of event block (0 = none)" */
  eventPtr: 0x024,
  /** "0x042 u32 constant 1 000 000 in every genuine file" */
  constant: 0x042,
  /** "0x046 u32 device serial" */
  deviceSerial: 0x046,
  /** "0x04A char[8] device type" */
  deviceType: 0x04a,
  /** "0x052 u16 device version" */
  deviceVersion: 0x052,
  /** "0x054 u16 ? 0x0080 (MoTeC, sim-to-motec 'sig2'=128)" */
  sig2: 0x054,
  /** "0x056 u16 num channels = length of linked list" */
  channelCount: 0x056,
  /** "0x05E char[16] date 'DD/MM/YYYY'" */
  date: 0x05e,
  /** "0x07E char[16] time 'HH:MM:SS'" */
  time: 0x07e,
  /** "0x09E char[64] driver" */
  driver: 0x09e,
  /** "0x0DE char[64] vehicle id" */
  vehicleId: 0x0de,
  /** "0x15E char[64] venue" */
  venue: 0x15e,
  /** "0x5DE u32 'pro logging' key, non-zero in every genuine file" */
  proKey: 0x5de,
  /** "0x5E4 char[64] session" */
  session: 0x5e4,
  /** "0x624 char[64] short comment" */
  shortComment: 0x624,
  /** "0x66C u8 ? 99 (ADL sample, ACC; afonso writes 99)" */
  byte66c: 0x66c,
} as const;

/** §1.3 "Event (1154 B): name[64], session[64], comment[1024], then venue_ptr" (read as u32 at +1152). */
export const EVENT = { size: 1154, name: 0, session: 64, comment: 128, venuePtr: 1152 } as const;
/** §1.3 "Venue (1100 B): name[64], 1034 unknown bytes, vehicle_ptr u16 at +1098". */
export const VENUE = { size: 1100, name: 0, vehiclePtr: 1098 } as const;
/** §1.3 "Vehicle (260 B): id[64] @0, weight @192, type[32] @196, comment[32] @228". */
export const VEHICLE = { size: 260, id: 0, weight: 192, type: 196, comment: 228 } as const;

/** §1.4 "Channel metadata block (124 bytes) — linked list". */
export const META = {
  size: 124,
  /** "+0 u32 prev_ptr (GT6 writes its own address here — don't validate prev on read)" */
  prev: 0,
  /** "+4 u32 next_ptr: 0 terminates the list" */
  next: 4,
  /** "+8 u32 data_ptr" */
  dataPtr: 8,
  /** "+12 u32 count: number of samples" */
  count: 12,
  /** "+16 u16 channel id (write 0x2EE1+i)" */
  id: 16,
  /** "+18 u16 type class: 7 float; 3, 5 integer; 0 beacon/raw int" */
  typeClass: 18,
  /** "+20 u16 size bytes: 2 or 4" */
  sampleSize: 20,
  /** "+22 u16 sample rate (Hz), integer only" */
  rate: 22,
  /** "+24 i16 shift", "+26 i16 mul", "+28 i16 scale (divisor)", "+30 i16 dec (decimal places)" */
  shift: 24,
  mul: 26,
  scale: 28,
  dec: 30,
  /** "+32 char[32] name", "+64 char[8] short name", "+72 char[12] unit" */
  name: 32,
  shortName: 64,
  unit: 72,
} as const;

export const FIELD_WIDTH = { name: 32, shortName: 8, unit: 12, header64: 64, date: 16, time: 16, eventComment: 1024 } as const;

/** §1.4 "write 0x2EE1+i" (ACC, GT6, ldparser). */
export const FIRST_CHANNEL_ID = 0x2ee1;
/** §1.2 / §1.6: values copied from genuine files (MoTeC ADL sample). */
export const WRITER_CONSTANTS = {
  constant: 1_000_000,
  deviceSerial: 12007,
  deviceType: 'ADL',
  deviceVersion: 420,
  sig2: 0x80,
  proKey: 0x00d20822,
  byte66c: 99,
} as const;
