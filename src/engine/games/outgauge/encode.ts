/**
 * OutGauge encoder: frames → the packets LFS (or BeamNG, with `game: 'beamng'`) would send, for the demo,
 * replay and round-trip tests. Metric units flagged (OG_KM | OG_BAR), empty display strings; fuel, turbo and
 * oil, which frames do not carry as OutGauge defines them, are 0.
 */
import type { SessionInfo, TelemetryFrame } from '../../model/index.js';
import type { Encoder } from '../types.js';
import { BEAMNG_CAR } from './decode.js';
import { OG, writeOutGaugePacket, type OutGaugePacket } from './packet.js';

export type OutGaugeEncoderOptions = {
  /** 'beamng' writes Time = 0, car "beam" and PLID 0, as BeamNG does. Default 'lfs'. */
  readonly game?: 'lfs' | 'beamng';
  /** The "OutGauge ID" from cfg.txt: when set, packets are 96 bytes with this id at the end. */
  readonly id?: number;
  /** LFS car code when the session has none. Default "XRT". */
  readonly car?: string;
};

function carFrom(session: SessionInfo, fallback: string): string {
  const fromKey = /^lfs:(.+)$/.exec(session.carKey ?? '');
  return (fromKey?.[1] ?? session.carName ?? fallback).slice(0, 4);
}

/** Frame gear → wire gear (0 = R, 1 = N, 2 = 1st). */
export function wireGear(gear: number | undefined): number {
  if (gear === undefined || !Number.isFinite(gear)) return 1;
  return Math.max(0, Math.min(255, Math.round(gear) + 1));
}

export function outGaugePacketFromFrame(frame: TelemetryFrame, session: SessionInfo, options: OutGaugeEncoderOptions = {}): OutGaugePacket {
  const beamng = options.game === 'beamng';
  const packet: OutGaugePacket = {
    time: beamng ? 0 : Math.max(1, Math.round(frame.t * 1000)),
    car: beamng ? BEAMNG_CAR : carFrom(session, options.car ?? 'XRT'),
    flags: OG.km | OG.bar,
    gear: wireGear(frame.gear),
    plid: beamng ? 0 : 1,
    speed: frame.speed ?? 0,
    rpm: frame.rpm ?? 0,
    turbo: 0,
    engTemp: frame.engineTemp ?? 0,
    fuel: 0,
    oilPressure: 0,
    oilTemp: 0,
    dashLights: 0,
    showLights: 0,
    throttle: frame.throttle ?? 0,
    brake: frame.brake ?? 0,
    clutch: frame.clutch ?? 0,
    display1: '',
    display2: '',
  };
  if (options.id !== undefined) packet.id = options.id;
  return packet;
}

export function createOutGaugeEncoder(options: OutGaugeEncoderOptions = {}): Encoder {
  return {
    encode(frame: TelemetryFrame, session: SessionInfo): readonly Uint8Array[] {
      return [writeOutGaugePacket(outGaugePacketFromFrame(frame, session, options))];
    },
  };
}
