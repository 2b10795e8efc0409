/**
 * RTLap, AC's "spot" event sent to SUBSCRIBE_SPOT clients when any car completes a lap
 * (protocols.md §2; 212 bytes):
 *
 * | offset | bytes | field                          |
 * |      0 |     4 | int32 carIdentifierNumber      |
 * |      4 |     4 | int32 lap                      |
 * |      8 |   100 | driverName[50] (UTF-16LE)      |
 * |    108 |   100 | carName[50] (UTF-16LE)         |
 * |    208 |     4 | int32 time (ms)                |
 */
import type { DecodeError } from '../types.js';
import { readAcString, writeAcString } from './utf16.js';

export const AC_RT_LAP_SIZE = 212;

const O = { carIdentifierNumber: 0, lap: 4, driverName: 8, carName: 108, time: 208 } as const;

export type AcRtLap = {
  readonly carIdentifierNumber: number;
  readonly lap: number;
  readonly driverName: string;
  readonly carName: string;
  /** ms */
  readonly time: number;
};

export function readAcRtLap(packet: Uint8Array): AcRtLap | DecodeError {
  if (packet.length !== AC_RT_LAP_SIZE) {
    return { code: 'bad-size', detail: `RTLap is ${AC_RT_LAP_SIZE} bytes, got ${packet.length}` };
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  return {
    carIdentifierNumber: view.getInt32(O.carIdentifierNumber, true),
    lap: view.getInt32(O.lap, true),
    driverName: readAcString(view, O.driverName),
    carName: readAcString(view, O.carName),
    time: view.getInt32(O.time, true),
  };
}

export function writeAcRtLap(lap: AcRtLap): Uint8Array {
  const bytes = new Uint8Array(AC_RT_LAP_SIZE);
  const view = new DataView(bytes.buffer);
  view.setInt32(O.carIdentifierNumber, lap.carIdentifierNumber, true);
  view.setInt32(O.lap, lap.lap, true);
  writeAcString(view, O.driverName, lap.driverName);
  writeAcString(view, O.carName, lap.carName);
  view.setInt32(O.time, lap.time, true);
  return bytes;
}
