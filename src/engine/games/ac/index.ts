/**
 * Assetto Corsa (original) remote telemetry, "KSUDP" (protocols.md §2).
 *
 * AC is the SERVER: it listens on UDP 9996 while a session is loaded and only talks to clients
 * that handshake. The capture layer (engine/capture) owns the socket: bind an ephemeral port,
 * send `encodeAcHandshake(AC_OPERATION.handshake)` to <AC host>:9996, wait for the 408-byte
 * response (decode it: it is the session's car/track/driver), then send
 * `encodeAcHandshake(AC_OPERATION.subscribeUpdate)` and RTCarInfo packets stream to that port.
 */
import type { GameProtocol } from '../types.js';
import { AC_CAR_INFO_IDENTIFIER, AC_CAR_INFO_SIZE } from './car-info.js';
import { createAcDecoder } from './decoder.js';
import { createAcEncoder } from './encoder.js';
import { AC_HANDSHAKE_RESPONSE_SIZE, AC_SERVER_IDENTIFIER } from './handshake.js';
import { AC_RT_LAP_SIZE } from './rt-lap.js';

export { AC_CAR_INFO_SIZE, readAcCarInfo, writeAcCarInfo, type AcCarInfo } from './car-info.js';
export { createAcDecoder, type AcDecoder, type AcDecoderOptions } from './decoder.js';
export { createAcEncoder, encodeAcHandshakeResponse, type AcEncoderOptions } from './encoder.js';
export { DEFAULT_AC_STEER_LOCK_DEG, carInfoFromFrame, frameFromCarInfo } from './frame.js';
export {
  AC_HANDSHAKE_RESPONSE_SIZE,
  AC_HANDSHAKE_SIZE,
  AC_OPERATION,
  AC_SERVER_IDENTIFIER,
  encodeAcHandshake,
  readAcHandshake,
  readAcHandshakeResponse,
  writeAcHandshakeResponse,
  type AcHandshakeRequest,
  type AcHandshakeResponse,
  type AcOperation,
} from './handshake.js';
export { AC_RT_LAP_SIZE, readAcRtLap, writeAcRtLap, type AcRtLap } from './rt-lap.js';
export { AC_FORMAT, acTrackKey, handshakeFromSession, sessionFromHandshake } from './session.js';

/** AC's remote telemetry port (the game listens; racecraft sends its handshake there). */
export const AC_PORT = 9996;

/**
 * Cheap shape check: RTCarInfo by size + 'a' + size field; the handshake response by size and
 * its 4242 identifier or UTF-16 text; RTLap by size and UTF-16 names.
 */
export function sniffAc(packet: Uint8Array): boolean {
  switch (packet.length) {
    case AC_CAR_INFO_SIZE:
      return (
        packet[0] === AC_CAR_INFO_IDENTIFIER &&
        packet[4] === (AC_CAR_INFO_SIZE & 0xff) &&
        packet[5] === AC_CAR_INFO_SIZE >> 8 &&
        packet[6] === 0 &&
        packet[7] === 0
      );
    case AC_HANDSHAKE_RESPONSE_SIZE: {
      const identifier = (packet[200] ?? 0) | ((packet[201] ?? 0) << 8) | ((packet[202] ?? 0) << 16) | ((packet[203] ?? 0) << 24);
      return identifier === AC_SERVER_IDENTIFIER || (isUtf16Start(packet, 0) && isUtf16Start(packet, 208));
    }
    case AC_RT_LAP_SIZE:
      return isUtf16Start(packet, 8) && isUtf16Start(packet, 108);
    default:
      return false;
  }
}

/** A non-empty UTF-16LE string whose first character is printable ASCII. */
function isUtf16Start(packet: Uint8Array, offset: number): boolean {
  const low = packet[offset] ?? 0;
  return low >= 0x20 && low < 0x7f && packet[offset + 1] === 0;
}

export const acProtocol: GameProtocol = {
  id: 'ac',
  label: 'Assetto Corsa',
  defaultPorts: [AC_PORT],
  setup: [
    'Nothing to switch on in Assetto Corsa: its remote telemetry server is built in and listens on UDP 9996 while a session is loaded.',
    '1. Start any session (practice, hotlap, race) and get to the car, past the menus.',
    '2. Run `racecraft record` on the same PC, or on another PC with the AC machine as host; racecraft sends the handshake to port 9996 and subscribes to updates.',
    '3. Racing on another PC: allow acs.exe through the Windows firewall for UDP (inbound 9996).',
    'After changing car, track or session, racecraft re-handshakes by itself (AC stops sending and needs a new handshake).',
  ].join('\n'),
  sniff: sniffAc,
  createDecoder: () => createAcDecoder(),
  createEncoder: () => createAcEncoder(),
};
