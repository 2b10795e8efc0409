/**
 * Who is who (protocols.md §5). Both messages come in parts of 16 entries; entry i of the
 * part with mPartialPacketIndex p (1-based) is participant (p - 1) × 16 + i, as CrewChief reads
 * them.
 *
 * sParticipantsData (type 2; v1 1040 bytes, v2 1136):
 * | offset | type         | field                              |
 * |     12 | u32          | sParticipantsChangedTimestamp      |
 * |     16 | char[16][64] | sName                              |
 * |   1040 | u32[16]      | sNationality        (v2)           |
 * |   1104 | u16[16]      | sIndex              (v2)           |
 *
 * sParticipantVehicleNamesData (type 8, 1164 bytes): sVehicles[16] at 12, 72 bytes each
 * (u16 sIndex @0, 2 bytes padding, u32 sClass @4, char sName[64] @8).
 * sVehicleClassNamesData (type 8, last part, 1452 bytes): sClasses[60] at 12, 24 bytes each
 * (u32 sClassIndex @0, char sName[20] @4).
 */
import type { DecodeError } from '../types.js';
import { readCString, writeCString } from './cstring.js';
import { PC2_PACKET_TYPE, PC2_PACKET_VERSION, writePc2Header } from './header.js';

export const PC2_PARTICIPANTS_MIN_SIZE = 1040;
export const PC2_VEHICLE_NAMES_SIZE = 1164;
export const PC2_CLASS_NAMES_SIZE = 1452;
export const PER_PART = 16;
const NAME = 64;
/** Offset of participant name i in a participants packet: PC2_NAMES_START + i × 64. */
export const PC2_NAMES_START = 16;
/** Offset of vehicle i's name in a vehicle names packet: PC2_VEHICLES_START + i × 72 + 8. */
export const PC2_VEHICLES_START = 12;
export const PC2_VEHICLE_STRIDE = 72;
const VEHICLE_STRIDE = PC2_VEHICLE_STRIDE;
const CLASS_STRIDE = 24;
const CLASS_COUNT = 60;
const CLASS_NAME = 20;

/** Participant index of the first entry of a part (parts are numbered from 1). */
export function firstIndexOfPart(partialPacketIndex: number): number {
  return Math.max(0, partialPacketIndex - 1) * PER_PART;
}

export type Pc2Names = { readonly firstIndex: number; readonly names: readonly string[] };

export function readPc2Participants(packet: Uint8Array, partialPacketIndex: number): Pc2Names | DecodeError {
  if (packet.length < PC2_PARTICIPANTS_MIN_SIZE) return { code: 'too-short', detail: `PC2 participants need ${PC2_PARTICIPANTS_MIN_SIZE} bytes, got ${packet.length}` };
  const names: string[] = [];
  for (let i = 0; i < PER_PART; i++) names.push(readCString(packet, 16 + i * NAME, NAME));
  return { firstIndex: firstIndexOfPart(partialPacketIndex), names };
}

export type Pc2Vehicle = { readonly index: number; readonly classIndex: number; readonly name: string };
export type Pc2VehicleNames = { readonly firstIndex: number; readonly vehicles: readonly Pc2Vehicle[] };
export type Pc2ClassNames = { readonly classes: readonly { readonly classIndex: number; readonly name: string }[] };

/** Type 8 carries vehicles (1164 bytes) or, in the last part, class names (1452 bytes). */
export function readPc2VehicleOrClassNames(packet: Uint8Array, view: DataView, partialPacketIndex: number): Pc2VehicleNames | Pc2ClassNames | DecodeError {
  if (packet.length >= PC2_CLASS_NAMES_SIZE) {
    const classes = [];
    for (let i = 0; i < CLASS_COUNT; i++) {
      const at = 12 + i * CLASS_STRIDE;
      classes.push({ classIndex: view.getUint32(at, true), name: readCString(packet, at + 4, CLASS_NAME) });
    }
    return { classes };
  }
  if (packet.length < PC2_VEHICLE_NAMES_SIZE) return { code: 'too-short', detail: `PC2 vehicle names need ${PC2_VEHICLE_NAMES_SIZE} bytes, got ${packet.length}` };
  const vehicles: Pc2Vehicle[] = [];
  for (let i = 0; i < PER_PART; i++) {
    const at = 12 + i * VEHICLE_STRIDE;
    vehicles.push({ index: view.getUint16(at, true), classIndex: view.getUint32(at + 4, true), name: readCString(packet, at + 8, NAME) });
  }
  return { firstIndex: firstIndexOfPart(partialPacketIndex), vehicles };
}

type PartHeader = { readonly packetNumber: number; readonly categoryPacketNumber: number; readonly part: number; readonly parts: number };

/** `names` are the 16 entries of part `part`; v2 packets (1136 bytes) also carry sIndex = participant index. */
export function writePc2Participants(names: readonly string[], size: number, header: PartHeader): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  writePartHeader(view, PC2_PACKET_TYPE.participants, header);
  const first = firstIndexOfPart(header.part);
  for (let i = 0; i < PER_PART; i++) {
    writeCString(bytes, 16 + i * NAME, NAME, names[i] ?? '');
    if (size >= 1136) view.setUint16(1104 + i * 2, first + i, true);
  }
  return bytes;
}

export function writePc2VehicleNames(vehicles: readonly Pc2Vehicle[], header: PartHeader): Uint8Array {
  const bytes = new Uint8Array(PC2_VEHICLE_NAMES_SIZE);
  const view = new DataView(bytes.buffer);
  writePartHeader(view, PC2_PACKET_TYPE.participantVehicleNames, header);
  vehicles.slice(0, PER_PART).forEach((vehicle, i) => {
    const at = 12 + i * VEHICLE_STRIDE;
    view.setUint16(at, vehicle.index, true);
    view.setUint32(at + 4, vehicle.classIndex, true);
    writeCString(bytes, at + 8, NAME, vehicle.name);
  });
  return bytes;
}

export function writePc2ClassNames(classes: Pc2ClassNames['classes'], header: PartHeader): Uint8Array {
  const bytes = new Uint8Array(PC2_CLASS_NAMES_SIZE);
  const view = new DataView(bytes.buffer);
  writePartHeader(view, PC2_PACKET_TYPE.participantVehicleNames, header);
  classes.slice(0, CLASS_COUNT).forEach((entry, i) => {
    const at = 12 + i * CLASS_STRIDE;
    view.setUint32(at, entry.classIndex, true);
    writeCString(bytes, at + 4, CLASS_NAME, entry.name);
  });
  return bytes;
}

function writePartHeader(view: DataView, packetType: number, header: PartHeader): void {
  writePc2Header(view, {
    packetNumber: header.packetNumber,
    categoryPacketNumber: header.categoryPacketNumber,
    partialPacketIndex: header.part,
    partialPacketNumber: header.parts,
    packetType,
    packetVersion: PC2_PACKET_VERSION[packetType] ?? 0,
  });
}
