/**
 * EA / Codemasters F1 23, F1 24 and F1 25 UDP telemetry (packet formats 2023, 2024, 2025).
 * Layouts and traps: shared/research/protocols.md §1.
 */
import type { GameProtocol } from '../types.js';
import { HEADER } from './header.js';
import { isF1Format, PACKET_SIZES } from './formats.js';
import { createF1Decoder } from './decoder.js';
import { createF1Encoder } from './encoder.js';

export { createF1Decoder } from './decoder.js';
export { createF1Encoder, type F1Encoder, type F1EncoderOptions, SESSION_INTERVAL_S, PARTICIPANTS_INTERVAL_S } from './encoder.js';
export { F1_FORMATS, PACKET_SIZES, PacketId, type F1Format } from './formats.js';
export { F1_TRACKS, f1TrackKey, f1TrackName } from './tracks.js';
export { f1SessionType, type F1SessionKind } from './session-types.js';
export { f1TeamName } from './teams.js';

/** Cheap auto-detect: a supported m_packetFormat at offset 0 and the exact size of the packet id at offset 6. */
export function sniffF1(packet: Uint8Array): boolean {
  if (packet.byteLength < HEADER.size) return false;
  const format = packet[0]! | (packet[1]! << 8);
  if (!isF1Format(format)) return false;
  const size = PACKET_SIZES[format][packet[HEADER.packetId]!] ?? 0;
  return size !== 0 && size === packet.byteLength;
}

export const F1_SETUP = [
  'In F1 23, F1 24 or F1 25: Settings > Telemetry Settings, then set',
  '  UDP Telemetry: On',
  '  UDP Broadcast Mode: Off (unicast) with UDP IP Address = the IP of the machine running racecraft,',
  '    or On to broadcast to the whole local network',
  '  UDP Port: 20777',
  '  UDP Send Rate: 60Hz',
  '  UDP Format: 2025, 2024 or 2023 (F1 22 and older formats are not supported)',
  'Allow UDP port 20777 through the firewall of the racecraft machine.',
].join('\n');

export const f1Protocol: GameProtocol = {
  id: 'f1',
  label: 'F1 23/24/25 (EA/Codemasters)',
  defaultPorts: [20777],
  setup: F1_SETUP,
  sniff: sniffF1,
  createDecoder: createF1Decoder,
  createEncoder: () => createF1Encoder(),
};
