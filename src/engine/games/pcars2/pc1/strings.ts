/**
 * Project CARS 1 string packets (protocols.md §5):
 *
 * sParticipantInfoStrings (type 1, 1347 bytes):
 * | offset | type         | field                       |
 * |      3 | char[64]     | sCarName  (the player's car) |
 * |     67 | char[64]     | sCarClassName               |
 * |    131 | char[64]     | sTrackLocation              |
 * |    195 | char[64]     | sTrackVariation             |
 * |    259 | char[16][64] | sName  (participants 0..15) |
 * |   1283 | f32[16]      | sFastestLapTime             |
 *
 * sParticipantInfoStringsAdditional (type 2, 1028 bytes):
 * | offset | type         | field                                   |
 * |      3 | u8           | sOffset  (index of the first name here)  |
 * |      4 | char[16][64] | sName                                   |
 *
 * Names keep leftovers of earlier races after the NUL; the capture's track/car strings become
 * empty when the player quits to the menus.
 */
import type { DecodeError } from '../../types.js';
import { readCString, writeCString } from '../cstring.js';
import { PC1_PACKET_TYPE } from './telemetry.js';

export const PC1_STRINGS_SIZE = 1347;
export const PC1_STRINGS_ADDITIONAL_SIZE = 1028;
const NAME = 64;
const PER_PACKET = 16;
export const PC1_NAMES_PER_PACKET = PER_PACKET;
/** Offset of name i: PC1_NAMES_START + i × 64 (strings packet), PC1_ADDITIONAL_NAMES_START + i × 64 (additional). */
export const PC1_NAMES_START = 259;
export const PC1_ADDITIONAL_NAMES_START = 4;
export const PC1_STRING_OFFSET = { carName: 3, carClassName: 67, trackLocation: 131, trackVariation: 195 } as const;

export type Pc1Strings = {
  readonly carName: string;
  readonly carClassName: string;
  readonly trackLocation: string;
  readonly trackVariation: string;
  /** Participants 0..15. */
  readonly names: readonly string[];
  readonly fastestLapTimes: readonly number[];
};

export type Pc1AdditionalNames = { readonly offset: number; readonly names: readonly string[] };

export function readPc1Strings(packet: Uint8Array, view: DataView): Pc1Strings | DecodeError {
  if (packet.length !== PC1_STRINGS_SIZE) return { code: 'bad-size', detail: `PC1 participant strings are ${PC1_STRINGS_SIZE} bytes, got ${packet.length}` };
  const names: string[] = [];
  const fastestLapTimes: number[] = [];
  for (let i = 0; i < PER_PACKET; i++) {
    names.push(readCString(packet, PC1_NAMES_START + i * NAME, NAME));
    fastestLapTimes.push(view.getFloat32(1283 + i * 4, true));
  }
  return {
    carName: readCString(packet, PC1_STRING_OFFSET.carName, NAME),
    carClassName: readCString(packet, PC1_STRING_OFFSET.carClassName, NAME),
    trackLocation: readCString(packet, PC1_STRING_OFFSET.trackLocation, NAME),
    trackVariation: readCString(packet, PC1_STRING_OFFSET.trackVariation, NAME),
    names,
    fastestLapTimes,
  };
}

export function readPc1AdditionalNames(packet: Uint8Array): Pc1AdditionalNames | DecodeError {
  if (packet.length !== PC1_STRINGS_ADDITIONAL_SIZE) return { code: 'bad-size', detail: `PC1 additional strings are ${PC1_STRINGS_ADDITIONAL_SIZE} bytes, got ${packet.length}` };
  const names: string[] = [];
  for (let i = 0; i < PER_PACKET; i++) names.push(readCString(packet, PC1_ADDITIONAL_NAMES_START + i * NAME, NAME));
  return { offset: packet[3] ?? 0, names };
}

export function writePc1Strings(strings: Pc1Strings, buildVersion: number, sequence: number): Uint8Array {
  const bytes = new Uint8Array(PC1_STRINGS_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, buildVersion, true);
  view.setUint8(2, ((sequence & 0x3f) << 2) | PC1_PACKET_TYPE.participantStrings);
  writeCString(bytes, 3, NAME, strings.carName);
  writeCString(bytes, 67, NAME, strings.carClassName);
  writeCString(bytes, 131, NAME, strings.trackLocation);
  writeCString(bytes, 195, NAME, strings.trackVariation);
  for (let i = 0; i < PER_PACKET; i++) {
    writeCString(bytes, 259 + i * NAME, NAME, strings.names[i] ?? '');
    view.setFloat32(1283 + i * 4, strings.fastestLapTimes[i] ?? 0, true);
  }
  return bytes;
}

export function writePc1AdditionalNames(additional: Pc1AdditionalNames, buildVersion: number, sequence: number): Uint8Array {
  const bytes = new Uint8Array(PC1_STRINGS_ADDITIONAL_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, buildVersion, true);
  view.setUint8(2, ((sequence & 0x3f) << 2) | PC1_PACKET_TYPE.participantStringsAdditional);
  view.setUint8(3, additional.offset);
  for (let i = 0; i < PER_PACKET; i++) writeCString(bytes, 4 + i * NAME, NAME, additional.names[i] ?? '');
  return bytes;
}
