/**
 * Gran Turismo 7 / GT Sport "Simulator Interface": Salsa20-encrypted UDP packets the console streams at 60 Hz
 * after a one-byte heartbeat (protocols.md §4).
 */
import type { GameProtocol } from '../types.js';
import { opensAsGt7 } from './crypto.js';
import { createGt7Decoder } from './decode.js';
import { createGt7Encoder } from './encode.js';
import { formatForSize, GT7_TELEMETRY_PORT } from './formats.js';

export const gt7Protocol: GameProtocol = {
  id: 'gt7',
  label: 'Gran Turismo 7 / GT Sport (Simulator Interface)',
  defaultPorts: [GT7_TELEMETRY_PORT],
  setup: [
    'Gran Turismo 7 has no telemetry switch: the console streams to whoever sends it a heartbeat.',
    '1. Note the console\'s IPv4 address: PS5 Settings > Network > Connection Status > View Connection Status',
    '   (PS4: Settings > Network > View Connection Status).',
    '2. Run racecraft on a computer on the same local network and give it that address.',
    '3. Allow inbound UDP port 33740 on that computer (firewall). racecraft sends a one-byte heartbeat to',
    '   the console\'s UDP port 33739 every 1.5 s and receives about 60 packets/s on 33740.',
    '4. Drive, or watch a replay. The console keeps streaming in menus and while paused; racecraft skips paused,',
    '   loading and parked-in-menu packets, so only driving is recorded.',
    'GT Sport works the same way on ports 33339 (heartbeat) and 33340 (telemetry):',
    '   racecraft record --game gt7 --port 33340 --host <console IP>',
  ].join('\n'),
  sniff(packet: Uint8Array): boolean {
    const format = formatForSize(packet.length);
    return format !== undefined && opensAsGt7(packet, format);
  },
  createDecoder: createGt7Decoder,
  createEncoder: () => createGt7Encoder(),
};

export { createGt7Decoder, gt7Frame, gt7Session, gt7SkipReason, gearFromNibble, gt7CarKey, STANDARD_GRAVITY } from './decode.js';
export { createGt7Encoder, gt7PacketFromFrame, nibbleFromGear, type Gt7Encoder, type Gt7EncoderOptions } from './encode.js';
export { createGt7Decryptor, encryptGt7Packet, opensAsGt7, IV_OFFSET, type Decrypted, type Gt7Decryptor, type Gt7Variant } from './crypto.js';
export {
  encodeGt7Heartbeat,
  parseGt7Heartbeat,
  formatForSize,
  FORMAT_SPECS,
  GT7_FORMATS,
  GT7_MAGIC,
  GT7_DEFAULT_FORMAT,
  GT7_HEARTBEAT_PORT,
  GT7_TELEMETRY_PORT,
  GT7_HEARTBEAT_INTERVAL_MS,
  GT7_PACKET_RATE_HZ,
  GTS_HEARTBEAT_PORT,
  GTS_TELEMETRY_PORT,
  type Gt7Format,
  type Gt7FormatSpec,
} from './formats.js';
export { OFFSETS as GT7_OFFSETS, FLAG as GT7_FLAG, type Gt7Packet, type Gt7FormatB, type Gt7FormatTilde, type Gt7FormatC } from './packet.js';
export { readGt7Packet } from './read.js';
export { writeGt7Packet } from './write.js';
export { quaternionToEuler, eulerToQuaternion, forwardVector } from './orientation.js';
export { salsa20Block, salsa20Key, salsa20Xor, salsa20XorRange, type Salsa20Key } from './salsa20.js';
