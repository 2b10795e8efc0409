/**
 * OutGauge: the dashboard packet of Live for Speed, also sent by BeamNG.drive (protocols.md §6).
 */
import type { GameProtocol } from '../types.js';
import { createOutGaugeDecoder, sniffOutGauge } from './decode.js';
import { createOutGaugeEncoder } from './encode.js';

/** racecraft's default OutGauge port (LFS has no default; 4444 is BeamNG's usual one). */
export const OUTGAUGE_DEFAULT_PORT = 4444;

export const outgaugeProtocol: GameProtocol = {
  id: 'outgauge',
  label: 'OutGauge (Live for Speed, BeamNG.drive)',
  defaultPorts: [OUTGAUGE_DEFAULT_PORT],
  setup: [
    'Live for Speed: quit LFS, open cfg.txt in the LFS folder and set',
    '  OutGauge Mode 1        (1 = while driving, 2 = driving and replays)',
    '  OutGauge Delay 1       (hundredths of a second between packets: 1 = 100 Hz)',
    '  OutGauge IP 127.0.0.1  (the address of the computer running racecraft)',
    '  OutGauge Port 4444',
    '  OutGauge ID 0          (any non-zero ID adds 4 bytes; racecraft reads both sizes)',
    'BeamNG.drive: Options > Other > Protocols > OutGauge UDP protocol: enable it, IP 127.0.0.1, port 4444.',
    'OutGauge has no laps, track position or lap times: use OutSim (LFS, with distance) for lap analysis.',
  ].join('\n'),
  sniff: sniffOutGauge,
  createDecoder: () => createOutGaugeDecoder(),
  createEncoder: () => createOutGaugeEncoder(),
};

export { createOutGaugeDecoder, outGaugeFrame, outGaugeSession, gearFromWire, sniffOutGauge, BEAMNG_CAR, type OutGaugeDecoderOptions } from './decode.js';
export { createOutGaugeEncoder, outGaugePacketFromFrame, wireGear, type OutGaugeEncoderOptions } from './encode.js';
export {
  readOutGaugePacket,
  writeOutGaugePacket,
  OFFSETS as OUTGAUGE_OFFSETS,
  OG,
  DL,
  OUTGAUGE_SIZE,
  OUTGAUGE_SIZE_WITH_ID,
  type OutGaugePacket,
} from './packet.js';
