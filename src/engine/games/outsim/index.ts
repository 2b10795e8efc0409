/**
 * OutSim / OutSim2: Live for Speed's motion packet (protocols.md §6). With OutSim Opts ff it also carries the
 * pedals, gear, rpm and the distance along the lap, which makes it LFS's best source for lap analysis.
 */
import type { GameProtocol } from '../types.js';
import { createOutSimDecoder, sniffOutSim } from './decode.js';
import { createOutSimEncoder } from './encode.js';

/** racecraft's default OutSim port (LFS has no default). */
export const OUTSIM_DEFAULT_PORT = 4123;

export const outsimProtocol: GameProtocol = {
  id: 'outsim',
  label: 'OutSim / OutSim2 (Live for Speed)',
  defaultPorts: [OUTSIM_DEFAULT_PORT],
  setup: [
    'Live for Speed: quit LFS, open cfg.txt in the LFS folder and set',
    '  OutSim Mode 1        (1 = while driving, 2 = driving and replays)',
    '  OutSim Delay 1       (hundredths of a second between packets: 1 = 100 Hz)',
    '  OutSim IP 127.0.0.1  (the address of the computer running racecraft)',
    '  OutSim Port 4123',
    '  OutSim ID 0',
    '  OutSim Opts ff       (hex: header, ID, time, car motion, pedals, gear/rpm, lap distance, wheels = 272 bytes)',
    'racecraft also reads Opts 1ff (280 bytes) and the classic packet (Opts 0, 64/68 bytes: motion only, no pedals).',
    'Other Opts values must include 4 (time) and have to be given to racecraft, as the packet does not name them.',
  ].join('\n'),
  sniff: sniffOutSim,
  createDecoder: () => createOutSimDecoder(),
  createEncoder: () => createOutSimEncoder(),
};

export { createOutSimDecoder, outSimFrame, sniffOutSim, type OutSimDecoderOptions } from './decode.js';
export { createOutSimEncoder, outSimPacketFromFrame, OUTSIM_RECOMMENDED_OPTS, type OutSimEncoderOptions } from './encode.js';
export {
  OSO,
  OSO_ALL,
  classicLayout,
  outSim2Layout,
  layoutForPacket,
  hasLfstHeader,
  POS_SCALE,
  type OutSimLayout,
  type OutSimOffsets,
} from './layout.js';
export { readOutSimPacket, writeOutSimPacket, type OutSimPacket, type OutSimMainBlock, type OutSimWheel } from './packet.js';
