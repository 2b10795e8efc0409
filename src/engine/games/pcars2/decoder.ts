/**
 * The port-5606 decoder: Project CARS 2 / AMS2 packets (PC2 protocol, both header revisions)
 * and Project CARS 1 protocol packets (the legacy UDP mode of PC1/PC2/AMS2), told apart by
 * size and type byte. Switching between the two mid-stream is a new session.
 */
import type { DecodeResult, Decoder } from '../types.js';
import { guardDecode } from '../common/guard.js';
import { createPc1Assembler } from './pc1/decoder.js';
import { PC1_STRINGS_ADDITIONAL_SIZE, PC1_STRINGS_SIZE } from './pc1/strings.js';
import { PC1_PACKET_TYPE, PC1_TELEMETRY_SIZE } from './pc1/telemetry.js';
import { createPc2Assembler } from './pc2-decoder.js';

/** PC1 packets have unique sizes (1367/1347/1028), each with its type in the low 2 bits of byte 2. */
export function isPc1Packet(packet: Uint8Array): boolean {
  const type = (packet[2] ?? 0) & 0x03;
  switch (packet.length) {
    case PC1_TELEMETRY_SIZE:
      return type === PC1_PACKET_TYPE.telemetry;
    case PC1_STRINGS_SIZE:
      return type === PC1_PACKET_TYPE.participantStrings;
    case PC1_STRINGS_ADDITIONAL_SIZE:
      return type === PC1_PACKET_TYPE.participantStringsAdditional;
    default:
      return false;
  }
}

export function createPcarsDecoder(): Decoder {
  const pc1 = createPc1Assembler();
  const pc2 = createPc2Assembler();
  let family: 'pc1' | 'pc2' | undefined;

  return {
    decode: guardDecode((packet: Uint8Array): readonly DecodeResult[] => {
      const next = isPc1Packet(packet) ? 'pc1' : 'pc2';
      const results = next === 'pc1' ? pc1.decode(packet) : pc2.decode(packet);
      const switched = family !== undefined && family !== next && results.some((r) => r.kind === 'frame');
      if (results.some((r) => r.kind === 'frame')) family = next;
      return switched ? [{ kind: 'new-session' }, ...results] : results;
    }),
  };
}
