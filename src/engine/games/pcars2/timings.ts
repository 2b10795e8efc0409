/**
 * Lap timing (protocols.md §5). Both revisions differ only in the stride of the per-car array,
 * so the stride is chosen from the packet size.
 *
 * sTimingsData (type 3; v1 993 bytes = 30-byte entries; v2 1059 = 32-byte entries + local
 * index, 1063 with a trailing tick count):
 * | offset | type   | field                                                  |
 * |     12 | s8     | sNumParticipants                                       |
 * |     13 | u32    | sParticipantsChangedTimestamp                          |
 * |     17 | f32    | sEventTimeRemaining                                    |
 * |     33 | entry  | sPartcipants[32]                                       |
 * |   1057 | u16    | sLocalParticipantIndex                   (v2)          |
 *
 * sParticipantInfo (packed):
 * | offset | type   | field                                                                 |
 * |      0 | s16 x3 | sWorldPosition  m (+ quarter metres in sSector bits 6-7 for X, 4-5 for Z) |
 * |      6 | s16 x3 | sOrientation  quantized                                               |
 * |     12 | u16    | sCurrentLapDistance  m                                                |
 * |     14 | u8     | sRacePosition  (bit 7 = active)                                       |
 * |     15 | u8     | sSector  bits 0-2 sector 1..3 (bit 3 same class; 4-7 position precision) |
 * |     16 | u8     | sHighestFlag                                                          |
 * |     17 | u8     | sPitModeSchedule  "(enum 3 bits/enum 2 bits)": mode bits 2-4, schedule bits 0-1 (CrewChief) |
 * |     18 | u16    | sCarIndex  (top bit = human player)                                   |
 * |     20 | u8     | sRaceState  bits 0-6 state, bit 7 = lap invalidated (CrewChief)        |
 * |     21 | u8     | sCurrentLap  1-based                                                  |
 * |     22 | f32    | sCurrentTime  s, current lap                                          |
 * |     26 | f32    | sCurrentSectorTime                                                    |
 * |     30 | u16    | sMPParticipantIndex               (v2)                                |
 *
 * sTimeStatsData (type 7; v1 784 bytes = 24-byte entries; v2 1040 = 32-byte entries):
 * entries at 16: f32 sFastestLapTime @0, f32 sLastLapTime @4, f32 sLastSectorTime @8,
 * f32 sFastestSector1..3Time @12/16/20, (v2) u32 sParticipantOnlineRep @24, u16 sMPParticipantIndex @28.
 */
import type { DecodeError } from '../types.js';
import { PC2_PACKET_TYPE, PC2_PACKET_VERSION, writePc2Header } from './header.js';

export const PC2_PARTICIPANTS_MAX = 32;
const TIMINGS_START = 33;
const STATS_START = 16;

/** Stride of the timings array from the packet size, or undefined when too short for either. */
export function timingsStride(length: number): 30 | 32 | undefined {
  if (length >= TIMINGS_START + 32 * PC2_PARTICIPANTS_MAX) return 32;
  if (length >= TIMINGS_START + 30 * PC2_PARTICIPANTS_MAX) return 30;
  return undefined;
}

/** Stride of the time stats array; v2 declares 1024 bytes but compiles to 1040, so entries are read only when they fit. */
export function timeStatsStride(length: number): 24 | 32 | undefined {
  if (length >= STATS_START + 31 * 32) return 32;
  if (length >= STATS_START + 24 * PC2_PARTICIPANTS_MAX) return 24;
  return undefined;
}

export type Pc2ParticipantTiming = {
  readonly worldPosition: readonly [number, number, number];
  readonly currentLapDistance: number;
  readonly racePosition: number;
  readonly sector: number;
  readonly highestFlag: number;
  readonly pitModeSchedule: number;
  readonly carIndex: number;
  readonly raceState: number;
  readonly currentLap: number;
  readonly currentTime: number;
  readonly currentSectorTime: number;
};

export type Pc2TimingsHeader = { readonly numParticipants: number; readonly eventTimeRemaining: number };

export function readPc2TimingsHeader(packet: Uint8Array, view: DataView): Pc2TimingsHeader | DecodeError {
  if (timingsStride(packet.length) === undefined) return { code: 'too-short', detail: `PC2 timings need 993 bytes, got ${packet.length}` };
  return { numParticipants: view.getInt8(12), eventTimeRemaining: view.getFloat32(17, true) };
}

/** Entry `index` of a timings packet whose size gave `stride`; the caller checked 0 <= index < 32. */
export function readPc2ParticipantTiming(view: DataView, stride: number, index: number): Pc2ParticipantTiming {
  const at = TIMINGS_START + index * stride;
  return {
    worldPosition: [view.getInt16(at, true), view.getInt16(at + 2, true), view.getInt16(at + 4, true)],
    currentLapDistance: view.getUint16(at + 12, true),
    racePosition: view.getUint8(at + 14),
    sector: view.getUint8(at + 15),
    highestFlag: view.getUint8(at + 16),
    pitModeSchedule: view.getUint8(at + 17),
    carIndex: view.getUint16(at + 18, true),
    raceState: view.getUint8(at + 20),
    currentLap: view.getUint8(at + 21),
    currentTime: view.getFloat32(at + 22, true),
    currentSectorTime: view.getFloat32(at + 26, true),
  };
}

/** sLastLapTime (s) of entry `index`, or undefined when the entry does not fit the packet. */
export function readPc2LastLapTime(view: DataView, stride: number, index: number): number | undefined {
  const at = STATS_START + index * stride + 4;
  return at + 4 <= view.byteLength ? view.getFloat32(at, true) : undefined;
}

export type Pc2Timings = Pc2TimingsHeader & { readonly participants: readonly Pc2ParticipantTiming[]; readonly localParticipantIndex: number };

/** Writes a timings packet: 993 bytes (v1) or ≥ 1059 (v2, with the local participant index). */
export function writePc2Timings(timings: Pc2Timings, size: number, packetNumber: number, categoryPacketNumber: number): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  writePc2Header(view, { packetNumber, categoryPacketNumber, partialPacketIndex: 1, partialPacketNumber: 1, packetType: PC2_PACKET_TYPE.timings, packetVersion: PC2_PACKET_VERSION[PC2_PACKET_TYPE.timings] ?? 0 });
  const stride = timingsStride(size) ?? 30;
  view.setInt8(12, timings.numParticipants);
  view.setFloat32(17, timings.eventTimeRemaining, true);
  timings.participants.slice(0, PC2_PARTICIPANTS_MAX).forEach((p, index) => {
    const at = TIMINGS_START + index * stride;
    p.worldPosition.forEach((v, i) => view.setInt16(at + i * 2, v, true));
    view.setUint16(at + 12, p.currentLapDistance, true);
    view.setUint8(at + 14, p.racePosition);
    view.setUint8(at + 15, p.sector);
    view.setUint8(at + 16, p.highestFlag);
    view.setUint8(at + 17, p.pitModeSchedule);
    view.setUint16(at + 18, p.carIndex, true);
    view.setUint8(at + 20, p.raceState);
    view.setUint8(at + 21, p.currentLap);
    view.setFloat32(at + 22, p.currentTime, true);
    view.setFloat32(at + 26, p.currentSectorTime, true);
    if (stride === 32) view.setUint16(at + 30, index, true);
  });
  if (stride === 32) view.setUint16(TIMINGS_START + 32 * PC2_PARTICIPANTS_MAX, timings.localParticipantIndex, true);
  return bytes;
}

export type Pc2LapStats = { readonly fastestLapTime: number; readonly lastLapTime: number };

/** Writes a time stats packet: 784 bytes (v1, 24-byte entries) or 1040 (v2, 32-byte entries). */
export function writePc2TimeStats(stats: readonly Pc2LapStats[], size: number, packetNumber: number, categoryPacketNumber: number): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  writePc2Header(view, { packetNumber, categoryPacketNumber, partialPacketIndex: 1, partialPacketNumber: 1, packetType: PC2_PACKET_TYPE.timeStats, packetVersion: PC2_PACKET_VERSION[PC2_PACKET_TYPE.timeStats] ?? 0 });
  const stride = timeStatsStride(size) ?? 24;
  stats.slice(0, PC2_PARTICIPANTS_MAX).forEach((entry, index) => {
    const at = STATS_START + index * stride;
    if (at + 8 > size) return;
    view.setFloat32(at, entry.fastestLapTime, true);
    view.setFloat32(at + 4, entry.lastLapTime, true);
  });
  return bytes;
}
