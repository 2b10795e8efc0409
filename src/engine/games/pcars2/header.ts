/**
 * Project CARS 2 / Automobilista 2 UDP ("Project CARS 2" protocol in the game options;
 * protocols.md §5, SMS_UDP_Definitions.hpp). Every packet starts with PacketBase:
 *
 * | offset | type | field                  |                                           |
 * |      0 | u32  | mPacketNumber          | counter of all packets                    |
 * |      4 | u32  | mCategoryPacketNumber  | counter per packet type                   |
 * |      8 | u8   | mPartialPacketIndex    | 1-based part of a multi-packet message    |
 * |      9 | u8   | mPartialPacketNumber   | number of parts                           |
 * |     10 | u8   | mPacketType            | see PC2_PACKET_TYPE                       |
 * |     11 | u8   | mPacketVersion         |                                           |
 *
 * Two header revisions are in the wild, told apart by packet size (the version byte is not
 * reliable across games): 'v1' = the 2017 header (CrewChief sizes), 'v2' = the later official
 * header (AMS2 and patched PC2; some builds append a u32 tick count).
 */

export const PC2_HEADER_SIZE = 12;

export const PC2_PACKET_TYPE = {
  telemetry: 0,
  raceData: 1,
  participants: 2,
  timings: 3,
  gameState: 4,
  weatherState: 5, // not sent
  vehicleNames: 6, // not sent
  timeStats: 7,
  participantVehicleNames: 8, // last part of the message = class names
} as const;

export type Pc2Revision = 'v1' | 'v2';

/** Sizes each revision's structs compile to (what the encoder writes). */
export const PC2_SIZES: Readonly<Record<Pc2Revision, Readonly<Record<'telemetry' | 'raceData' | 'participants' | 'timings' | 'gameState' | 'timeStats' | 'vehicleNames' | 'classNames', number>>>> = {
  v1: { telemetry: 538, raceData: 308, participants: 1040, timings: 993, gameState: 24, timeStats: 784, vehicleNames: 1164, classNames: 1452 },
  v2: { telemetry: 556, raceData: 308, participants: 1136, timings: 1059, gameState: 24, timeStats: 1040, vehicleNames: 1164, classNames: 1452 },
};

/** Every size a real PC2/AMS2 packet of each type has been seen or documented with (sniffing). */
export const PC2_KNOWN_SIZES: Readonly<Record<number, readonly number[]>> = {
  [PC2_PACKET_TYPE.telemetry]: [538, 555, 556, 559],
  [PC2_PACKET_TYPE.raceData]: [308],
  [PC2_PACKET_TYPE.participants]: [1040, 1136],
  [PC2_PACKET_TYPE.timings]: [993, 1059, 1063],
  [PC2_PACKET_TYPE.gameState]: [24],
  [PC2_PACKET_TYPE.timeStats]: [784, 1024, 1040],
  [PC2_PACKET_TYPE.participantVehicleNames]: [1164, 1452],
};

export type Pc2Header = {
  readonly packetNumber: number;
  readonly categoryPacketNumber: number;
  readonly partialPacketIndex: number;
  readonly partialPacketNumber: number;
  readonly packetType: number;
  readonly packetVersion: number;
};

/** The caller has checked `packet.length >= PC2_HEADER_SIZE`. */
export function readPc2Header(view: DataView): Pc2Header {
  return {
    packetNumber: view.getUint32(0, true),
    categoryPacketNumber: view.getUint32(4, true),
    partialPacketIndex: view.getUint8(8),
    partialPacketNumber: view.getUint8(9),
    packetType: view.getUint8(10),
    packetVersion: view.getUint8(11),
  };
}

export function writePc2Header(view: DataView, header: Pc2Header): void {
  view.setUint32(0, header.packetNumber >>> 0, true);
  view.setUint32(4, header.categoryPacketNumber >>> 0, true);
  view.setUint8(8, header.partialPacketIndex);
  view.setUint8(9, header.partialPacketNumber);
  view.setUint8(10, header.packetType);
  view.setUint8(11, header.packetVersion);
}

/** Handler versions of the official header (what the encoder puts in mPacketVersion). */
export const PC2_PACKET_VERSION: Readonly<Record<number, number>> = {
  [PC2_PACKET_TYPE.telemetry]: 2,
  [PC2_PACKET_TYPE.raceData]: 1,
  [PC2_PACKET_TYPE.participants]: 1,
  [PC2_PACKET_TYPE.timings]: 1,
  [PC2_PACKET_TYPE.gameState]: 2,
  [PC2_PACKET_TYPE.timeStats]: 1,
  [PC2_PACKET_TYPE.participantVehicleNames]: 2,
};
