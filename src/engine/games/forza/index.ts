/**
 * Forza "Data Out" (protocols.md §3): one-way UDP to a user-chosen IP:port, no handshake.
 * FM7 Sled (232) / Dash (311), Forza Motorsport 2023 (331), Forza Horizon 4/5 (324, with the
 * 12-byte gap). There is no standard port; racecraft listens on FORZA_DEFAULT_PORT unless told
 * otherwise.
 */
import type { GameProtocol } from '../types.js';
import { createForzaDecoder } from './decoder.js';
import { createForzaEncoder } from './encoder.js';
import { SLED_OFFSET, forzaFormatOfSize } from './layout.js';

export { createForzaDecoder } from './decoder.js';
export { createForzaEncoder, forzaFieldsFromFrame, type ForzaEncoderOptions } from './encoder.js';
export {
  DASH_FIELDS,
  DASH_OFFSET,
  DASH_START,
  FORZA_LAYOUTS,
  FORZA_PACKET_SIZES,
  FORZA_VARIANTS,
  SLED_FIELDS,
  forzaFormatOfSize,
  forzaFormatOfVariant,
  forzaOffset,
  type ForzaField,
  type ForzaFieldName,
  type ForzaFormat,
  type ForzaVariant,
} from './layout.js';
export { readForzaPacket, writeForzaPacket, type ForzaFields, type ForzaPacket } from './packet.js';
export { FORZA_NEUTRAL_GEAR, STANDARD_GRAVITY, channelGearToForza, forzaGearToChannel } from './read.js';
export { forzaKey, ordinalOfKey, sessionFromIdentity } from './session.js';

/**
 * Port racecraft suggests and listens on by default. 5300 is the value most Forza tools and
 * guides use; any free port works (FH6's documentation asks to avoid 5200-5300 on the game PC,
 * so with racecraft on the same PC as FH6 pick e.g. 5607).
 */
export const FORZA_DEFAULT_PORT = 5300;

/**
 * Size is the format; then the small integers of the Sled block must be in range: IsRaceOn
 * 0/1, CarClass 0..15 (the FM7 recordings say 8, above the documented 0..7), DrivetrainType 0..2,
 * NumCylinders 0..16. Float data (an OutSim2 packet of 232 bytes, say) fails those at once.
 */
export function sniffForza(packet: Uint8Array): boolean {
  if (forzaFormatOfSize(packet.length) === undefined) return false;
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const inRange = (offset: number, max: number): boolean => {
    const value = view.getInt32(offset, true);
    return value >= 0 && value <= max;
  };
  return inRange(SLED_OFFSET.IsRaceOn, 1) && inRange(SLED_OFFSET.CarClass, 15) && inRange(SLED_OFFSET.DrivetrainType, 2) && inRange(SLED_OFFSET.NumCylinders, 16);
}

export const forzaProtocol: GameProtocol = {
  id: 'forza',
  label: 'Forza Motorsport / Forza Horizon (Data Out)',
  defaultPorts: [FORZA_DEFAULT_PORT],
  setup: [
    'Forza has no fixed port: you choose one in the game, and racecraft listens on 5300 unless you pass another port.',
    'Forza Motorsport (2023) and FM7: Settings > Gameplay & HUD > "Data Out" On; "Data Out IP Address" = the IP of the PC running racecraft (127.0.0.1 on the same PC);',
    '  "Data Out IP Port" = 5300; "Data Out Packet Format" = "Car Dash" (Sled has no speed, lap or position data).',
    'Forza Horizon 4 / 5: Settings > HUD and Gameplay > "Data Out" On, same IP and port (Horizon always sends the Dash format).',
    'Same PC on Windows: FM7/FH4/FH5 need a loopback exemption for the game (CheckNetIsolation LoopbackExempt); FM 2023 sends to 127.0.0.1 directly.',
    'Allow racecraft through the firewall for inbound UDP on the chosen port when the game runs on another machine or console.',
  ].join('\n'),
  sniff: sniffForza,
  createDecoder: () => createForzaDecoder(),
  createEncoder: () => createForzaEncoder(),
};
