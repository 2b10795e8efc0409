/**
 * Participants packet (id 4): who drives each car slot and for which team. Sent every 5 s.
 *
 * Spec (protocols.md §1.7, "u8 m_numActiveCars @29, then 22 × ParticipantData from @30"):
 *
 * | field              | 2025 (57 B/car) | 2024 (60 B/car) | 2023 (58 B/car) |
 * |--------------------|----------------:|----------------:|----------------:|
 * | m_aiControlled     |               0 |               0 |               0 |
 * | m_driverId         |               1 |               1 |               1 |
 * | m_networkId        |               2 |               2 |               2 |
 * | m_teamId           |               3 |               3 |               3 |
 * | m_myTeam           |               4 |               4 |               4 |
 * | m_raceNumber       |               5 |               5 |               5 |
 * | m_nationality      |               6 |               6 |               6 |
 * | m_name (UTF-8, NUL)|   7 (32 bytes)  |   7 (48 bytes)  |   7 (48 bytes)  |
 * | m_yourTelemetry    |              39 |              55 |              55 |
 * | m_showOnlineNames  |              40 |              56 |              56 |
 * | m_techLevel (u16)  |              41 |              57 |               — |
 * | m_platform         |              43 |              59 |              57 |
 * | m_numColours       |              44 |               — |               — |
 * | m_liveryColours[4] |   45 (12 bytes) |               — |               — |
 *
 * "Names are UTF-8, NUL-terminated, truncated with '…' (U+2026)." The player's entry is the one at
 * slot m_playerCarIndex — never at m_numActiveCars-anything (the real 2025 capture has 18 active cars
 * and the player in slot 19).
 */
import type { F1Format } from './formats.js';

export type ParticipantsLayout = {
  readonly size: number;
  readonly numActiveCars: number;
  readonly carsAt: number;
  readonly carStride: number;
  readonly aiControlled: number;
  readonly driverId: number;
  readonly networkId: number;
  readonly teamId: number;
  readonly myTeam: number;
  readonly raceNumber: number;
  readonly nationality: number;
  readonly name: number;
  readonly nameLength: number;
  readonly yourTelemetry: number;
  readonly showOnlineNames: number;
  readonly techLevel: number | undefined;
  readonly platform: number;
};

const COMMON = {
  numActiveCars: 29,
  carsAt: 30,
  aiControlled: 0,
  driverId: 1,
  networkId: 2,
  teamId: 3,
  myTeam: 4,
  raceNumber: 5,
  nationality: 6,
  name: 7,
} as const;

export const PARTICIPANTS_LAYOUTS: Readonly<Record<F1Format, ParticipantsLayout>> = {
  2023: { ...COMMON, size: 1306, carStride: 58, nameLength: 48, yourTelemetry: 55, showOnlineNames: 56, techLevel: undefined, platform: 57 },
  2024: { ...COMMON, size: 1350, carStride: 60, nameLength: 48, yourTelemetry: 55, showOnlineNames: 56, techLevel: 57, platform: 59 },
  2025: { ...COMMON, size: 1284, carStride: 57, nameLength: 32, yourTelemetry: 39, showOnlineNames: 40, techLevel: 41, platform: 43 },
};

/** One participant as sent. */
export type Participant = {
  readonly aiControlled: boolean;
  readonly driverId: number;
  readonly teamId: number;
  readonly raceNumber: number;
  readonly nationality: number;
  /** '' when the slot has no name. */
  readonly name: string;
};

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** m_numActiveCars of a participants packet. */
export function readNumActiveCars(v: DataView, base: number, layout: ParticipantsLayout): number {
  return v.getUint8(base + layout.numActiveCars);
}

/** Reads slot `car` (0..21) of a participants packet whose size the caller checked. */
export function readParticipant(v: DataView, base: number, layout: ParticipantsLayout, car: number): Participant {
  const o = base + layout.carsAt + layout.carStride * car;
  const nameStart = v.byteOffset + o + layout.name;
  const nameBytes = new Uint8Array(v.buffer, nameStart, layout.nameLength);
  const end = nameBytes.indexOf(0);
  return {
    aiControlled: v.getUint8(o + layout.aiControlled) !== 0,
    driverId: v.getUint8(o + layout.driverId),
    teamId: v.getUint8(o + layout.teamId),
    raceNumber: v.getUint8(o + layout.raceNumber),
    nationality: v.getUint8(o + layout.nationality),
    name: utf8.decode(end < 0 ? nameBytes : nameBytes.subarray(0, end)),
  };
}

/**
 * `name` as the game stores it: UTF-8 that fits `length - 1` bytes (room for the NUL), cut at a
 * character boundary and ended with '…' when too long.
 */
export function encodeParticipantName(name: string, length: number): Uint8Array {
  const bytes = utf8Encoder.encode(name);
  if (bytes.length <= length - 1) return bytes;
  const ellipsis = utf8Encoder.encode('\u2026');
  let cut = length - 1 - ellipsis.length;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  const out = new Uint8Array(cut + ellipsis.length);
  out.set(bytes.subarray(0, cut), 0);
  out.set(ellipsis, cut);
  return out;
}

/** Writes m_numActiveCars. */
export function writeNumActiveCars(v: DataView, layout: ParticipantsLayout, count: number): void {
  v.setUint8(layout.numActiveCars, count);
}

/** Writes slot `car`: a human on Steam with public telemetry and names shown. */
export function writeParticipant(v: DataView, layout: ParticipantsLayout, car: number, p: Participant): void {
  const o = layout.carsAt + layout.carStride * car;
  v.setUint8(o + layout.aiControlled, p.aiControlled ? 1 : 0);
  v.setUint8(o + layout.driverId, p.driverId);
  v.setUint8(o + layout.teamId, p.teamId);
  v.setUint8(o + layout.raceNumber, p.raceNumber);
  v.setUint8(o + layout.nationality, p.nationality);
  const name = encodeParticipantName(p.name, layout.nameLength);
  new Uint8Array(v.buffer, v.byteOffset + o + layout.name, name.length).set(name);
  v.setUint8(o + layout.yourTelemetry, 1);
  v.setUint8(o + layout.showOnlineNames, 1);
  v.setUint8(o + layout.platform, 1);
}

/** Marks slot `car` empty the way the game does (driver, team and nationality 255, no name). */
export function writeEmptyParticipant(v: DataView, layout: ParticipantsLayout, car: number): void {
  const o = layout.carsAt + layout.carStride * car;
  v.setUint8(o + layout.driverId, 255);
  v.setUint8(o + layout.teamId, 255);
  v.setUint8(o + layout.nationality, 255);
  v.setUint8(o + layout.platform, 255);
}
