/**
 * Assetto Corsa remote telemetry handshake (protocols.md §2). racecraft is the CLIENT: AC
 * listens on UDP 9996, we send these 12-byte requests from an ephemeral port and AC answers
 * to that port.
 *
 *   struct handshaker { int identifier; int version; int operationId; }    // 12 bytes
 *     operationId: 0 HANDSHAKE, 1 SUBSCRIBE_UPDATE, 2 SUBSCRIBE_SPOT, 3 DISMISS
 *     identifier/version: "not used" by AC; clients send 1/1
 *
 *   handshaker response (408 bytes, computed; strings are UTF-16LE wchar[50], see utf16.ts):
 *   | offset | bytes | field                    |
 *   |      0 |   100 | carName[50]              |
 *   |    100 |   100 | driverName[50]           |
 *   |    200 |     4 | int32 identifier (4242)  |
 *   |    204 |     4 | int32 version (1)        |
 *   |    208 |   100 | trackName[50]            |
 *   |    308 |   100 | trackConfig[50]          |
 */
import type { DecodeError } from '../types.js';
import { readAcString, writeAcString } from './utf16.js';

export const AC_OPERATION = { handshake: 0, subscribeUpdate: 1, subscribeSpot: 2, dismiss: 3 } as const;
export type AcOperation = (typeof AC_OPERATION)[keyof typeof AC_OPERATION];

export const AC_HANDSHAKE_SIZE = 12;
export const AC_HANDSHAKE_RESPONSE_SIZE = 408;
/** What AC puts in the response's identifier field "for now". */
export const AC_SERVER_IDENTIFIER = 4242;

const RESPONSE = { carName: 0, driverName: 100, identifier: 200, version: 204, trackName: 208, trackConfig: 308 } as const;

export type AcHandshakeRequest = {
  readonly identifier: number;
  readonly version: number;
  readonly operation: number;
};

/** The 408-byte handshake response, strings already cut at AC's '%' / NUL terminator. */
export type AcHandshakeResponse = {
  /** AC car folder name, e.g. 'ks_audi_r8_lms'. */
  readonly carName: string;
  readonly driverName: string;
  readonly identifier: number;
  readonly version: number;
  /** AC track folder name, e.g. 'ks_monza'. */
  readonly trackName: string;
  /** Track layout folder, '' for single-layout tracks. */
  readonly trackConfig: string;
};

/** The 12-byte request racecraft sends to AC:9996 (identifier/version are ignored by AC). */
export function encodeAcHandshake(operation: AcOperation, identifier = 1, version = 1): Uint8Array {
  const bytes = new Uint8Array(AC_HANDSHAKE_SIZE);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, identifier, true);
  view.setInt32(4, version, true);
  view.setInt32(8, operation, true);
  return bytes;
}

/** Reads a client's 12-byte request (the demo plays the game side). */
export function readAcHandshake(packet: Uint8Array): AcHandshakeRequest | DecodeError {
  if (packet.length !== AC_HANDSHAKE_SIZE) {
    return { code: 'bad-size', detail: `AC handshake is ${AC_HANDSHAKE_SIZE} bytes, got ${packet.length}` };
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  return { identifier: view.getInt32(0, true), version: view.getInt32(4, true), operation: view.getInt32(8, true) };
}

export function readAcHandshakeResponse(packet: Uint8Array): AcHandshakeResponse | DecodeError {
  if (packet.length !== AC_HANDSHAKE_RESPONSE_SIZE) {
    return { code: 'bad-size', detail: `AC handshake response is ${AC_HANDSHAKE_RESPONSE_SIZE} bytes, got ${packet.length}` };
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  return {
    carName: readAcString(view, RESPONSE.carName),
    driverName: readAcString(view, RESPONSE.driverName),
    identifier: view.getInt32(RESPONSE.identifier, true),
    version: view.getInt32(RESPONSE.version, true),
    trackName: readAcString(view, RESPONSE.trackName),
    trackConfig: readAcString(view, RESPONSE.trackConfig),
  };
}

/** Writes the response exactly as laid out above (strings '%'-terminated, NUL padded). */
export function writeAcHandshakeResponse(response: AcHandshakeResponse): Uint8Array {
  const bytes = new Uint8Array(AC_HANDSHAKE_RESPONSE_SIZE);
  const view = new DataView(bytes.buffer);
  writeAcString(view, RESPONSE.carName, response.carName);
  writeAcString(view, RESPONSE.driverName, response.driverName);
  view.setInt32(RESPONSE.identifier, response.identifier, true);
  view.setInt32(RESPONSE.version, response.version, true);
  writeAcString(view, RESPONSE.trackName, response.trackName);
  writeAcString(view, RESPONSE.trackConfig, response.trackConfig);
  return bytes;
}

export function isDecodeError(value: object): value is DecodeError {
  return 'code' in value && 'detail' in value;
}
