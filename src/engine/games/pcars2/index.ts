/**
 * Project CARS 2 / Automobilista 2 UDP on port 5606 (protocols.md §5), and the Project CARS 1
 * protocol that the same games offer as a legacy UDP mode (decoded too: the only PCARS-family
 * capture we have is PC1). The games broadcast on the LAN; no handshake.
 */
import type { GameProtocol } from '../types.js';
import { createPcarsDecoder, isPc1Packet } from './decoder.js';
import { createPc2Encoder } from './encoder.js';
import { PC2_HEADER_SIZE, PC2_KNOWN_SIZES } from './header.js';

export { createPcarsDecoder, isPc1Packet } from './decoder.js';
export { createPc2Encoder, type Pc2EncoderOptions } from './encoder.js';
export { gearCountOf, gearOf, packGear, pcarsFrame, physicsFromFrame, quantizePosition, refinedPosition, type PcarsPhysics } from './frame.js';
export { PC2_HEADER_SIZE, PC2_KNOWN_SIZES, PC2_PACKET_TYPE, PC2_SIZES, readPc2Header, type Pc2Header, type Pc2Revision } from './header.js';
export { GameLastLapTime, LapClock, LapTimer, type LapClockReading } from '../common/lap-clock.js';
export { readPc2Participants, readPc2VehicleOrClassNames } from './participants.js';
export { pc2PitMode } from './pc2-decoder.js';
export { readPc2GameState, readPc2RaceData, sessionTypeOf, type Pc2GameState, type Pc2RaceData } from './race-data.js';
export { pcarsTrackKey } from './session.js';
export { readPc2Telemetry, writePc2Telemetry, type Pc2Telemetry } from './telemetry.js';
export { readPc2LastLapTime, readPc2ParticipantTiming, timeStatsStride, timingsStride, type Pc2ParticipantTiming } from './timings.js';
export { createPc1Encoder, type Pc1EncoderOptions } from './pc1/encoder.js';
export { readPc1AdditionalNames, readPc1Strings, type Pc1Strings } from './pc1/strings.js';
export { PC1_PACKET_TYPE, PC1_TELEMETRY_SIZE, readPc1Participant, readPc1Telemetry, type Pc1Telemetry } from './pc1/telemetry.js';

/** SMS_UDP_PORT */
export const PCARS_PORT = 5606;

/** A PC2 packet: a defined type in byte 10 and one of that type's real sizes. */
export function isPc2Packet(packet: Uint8Array): boolean {
  if (packet.length < PC2_HEADER_SIZE) return false;
  const sizes = PC2_KNOWN_SIZES[packet[10] ?? 255];
  return sizes !== undefined && sizes.includes(packet.length);
}

export function sniffPcars(packet: Uint8Array): boolean {
  return isPc2Packet(packet) || isPc1Packet(packet);
}

export const pcars2Protocol: GameProtocol = {
  id: 'pcars2',
  label: 'Project CARS 2 / Automobilista 2',
  defaultPorts: [PCARS_PORT],
  setup: [
    'Automobilista 2 and Project CARS 2: Options > System:',
    '  "UDP Frequency" = 1 (the fastest; 0 turns UDP off, higher numbers send less often),',
    '  "UDP Protocol Version" = "Project CARS 2" (the "Project CARS 1" legacy mode is decoded too, with fewer session details).',
    'The game broadcasts on the local network to UDP port 5606: run racecraft on any PC of that network (or the same PC); nothing else to configure.',
    'Allow racecraft through the firewall for inbound UDP 5606 when it runs on another machine.',
  ].join('\n'),
  sniff: sniffPcars,
  createDecoder: () => createPcarsDecoder(),
  createEncoder: () => createPc2Encoder(),
};
