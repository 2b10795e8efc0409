/**
 * OutGauge decoder (Live for Speed, BeamNG.drive): one 92/96-byte packet in, a frame out.
 *
 * What OutGauge does not carry, the frame leaves absent: no lap number (always 0: OutGauge has no lap data; LFS
 * sends laps over InSim), no lap distance, no position. Fuel is a 0..1 fraction of the tank, not litres, so it
 * stays in the wire packet and out of the `fuel` channel.
 *
 * Clock: LFS stamps each packet in ms ("to check order"); BeamNG hard-codes 0. For Time = 0 the decoder uses the
 * clock the capture layer passes in (receive time, s) or, without one, numbers the packets at `zeroTimeRateHz`.
 */
import type { GameId, SessionInfo, TelemetryFrame } from '../../model/index.js';
import { decodeError, type DecodeResult, type Decoder } from '../types.js';
import { OUTGAUGE_SIZE, OUTGAUGE_SIZE_WITH_ID, readOutGaugePacket, type OutGaugePacket } from './packet.js';

/** BeamNG's fixed car name. */
export const BEAMNG_CAR = 'beam';

/** An OutSim2 packet with the header option starts with these bytes; OutGauge never does in practice. */
const OUTSIM_HEADER = [0x4c, 0x46, 0x53, 0x54]; // "LFST"

/** LFS packets this much older than the newest are a restarted stream (new session), not a late datagram. */
const RESTART_GAP_MS = 1000;

export type OutGaugeDecoderOptions = {
  /** s, the capture layer's receive clock, used only for packets whose Time is 0 (BeamNG). */
  readonly clock?: () => number;
  /** Packet rate assumed for Time = 0 packets when there is no clock. Default 60. */
  readonly zeroTimeRateHz?: number;
};

type MutableFrame = { -readonly [K in keyof TelemetryFrame]: TelemetryFrame[K] };
const ok = Number.isFinite as (value: unknown) => value is number;

/** Wire gear (0 = R, 1 = N, 2 = 1st) → frame gear (−1 R, 0 N, 1 = 1st); implausible values are absent. */
export function gearFromWire(wire: number): number | undefined {
  return wire <= 20 ? wire - 1 : undefined;
}

export function isOutSimHeader(packet: Uint8Array): boolean {
  return packet.length >= 4 && OUTSIM_HEADER.every((b, i) => packet[i] === b);
}

/** The frame for one packet at session time `t` (s). */
export function outGaugeFrame(p: OutGaugePacket, t: number): TelemetryFrame {
  const f: MutableFrame = { t, lap: 0 };
  if (ok(p.speed)) f.speed = p.speed;
  if (ok(p.rpm)) f.rpm = p.rpm;
  const gear = gearFromWire(p.gear);
  if (gear !== undefined) f.gear = gear;
  if (ok(p.throttle)) f.throttle = p.throttle;
  if (ok(p.brake)) f.brake = p.brake;
  if (ok(p.clutch)) f.clutch = p.clutch;
  if (ok(p.engTemp)) f.engineTemp = p.engTemp;
  return f;
}

/** Session facts: which game (BeamNG names every car "beam"), and the LFS car code. */
export function outGaugeSession(p: OutGaugePacket): Partial<SessionInfo> & { readonly game: GameId } {
  if (p.car === BEAMNG_CAR) return { game: 'outgauge', format: 'beamng' };
  const session: { -readonly [K in keyof SessionInfo]?: SessionInfo[K] } & { game: GameId } = { game: 'outgauge', format: 'lfs' };
  if (p.car.length > 0) {
    session.carKey = `lfs:${p.car}`;
    session.carName = p.car;
  }
  return session;
}

export function createOutGaugeDecoder(options: OutGaugeDecoderOptions = {}): Decoder {
  const zeroTimeInterval = 1 / (options.zeroTimeRateHz ?? 60);
  let zeroTimePackets = 0;
  let lastTime: number | undefined;
  let lastSessionKey = '';
  let lastPlid: number | undefined;

  return {
    decode(packet: Uint8Array): readonly DecodeResult[] {
      if (packet.length !== OUTGAUGE_SIZE && packet.length !== OUTGAUGE_SIZE_WITH_ID) {
        return decodeError('bad-size', `OutGauge packets are 92 or 96 bytes; got ${packet.length}`);
      }
      if (isOutSimHeader(packet)) return decodeError('bad-format', 'starts with "LFST": an OutSim packet sent to the OutGauge port');
      const p = readOutGaugePacket(packet);
      const results: DecodeResult[] = [];

      let t: number;
      if (p.time > 0) {
        if (lastTime !== undefined && p.time <= lastTime) {
          if (p.time === lastTime) return [{ kind: 'skip', reason: 'time did not advance (paused)' }];
          if (lastTime - p.time < RESTART_GAP_MS) return [{ kind: 'skip', reason: 'late packet' }];
          results.push({ kind: 'new-session' });
          lastSessionKey = '';
        }
        lastTime = p.time;
        t = p.time / 1000;
      } else {
        t = options.clock ? options.clock() : zeroTimePackets * zeroTimeInterval;
        zeroTimePackets++;
      }

      // The viewed player changed (LFS spectating another car): another car's data from here on.
      if (p.plid !== 0 && lastPlid !== undefined && lastPlid !== 0 && p.plid !== lastPlid && results.length === 0) {
        results.push({ kind: 'new-session' });
        lastSessionKey = '';
      }
      lastPlid = p.plid;

      const session = outGaugeSession(p);
      const sessionKey = `${session.format}|${session.carKey ?? ''}`;
      if (sessionKey !== lastSessionKey) {
        if (lastSessionKey !== '' && results.length === 0) results.push({ kind: 'new-session' });
        results.push({ kind: 'session', session });
        lastSessionKey = sessionKey;
      }
      results.push({ kind: 'frame', frame: outGaugeFrame(p, t) });
      return results;
    },
  };
}

/** Cheap auto-detect: the size, no OutSim header, a printable car name, a plausible gear and pedals in 0..1. */
export function sniffOutGauge(packet: Uint8Array): boolean {
  if ((packet.length !== OUTGAUGE_SIZE && packet.length !== OUTGAUGE_SIZE_WITH_ID) || isOutSimHeader(packet)) return false;
  for (let i = 4; i < 8; i++) {
    const c = packet[i]!;
    if (c !== 0 && (c < 0x20 || c >= 0x7f)) return false;
  }
  if (packet[10]! > 20) return false;
  const v = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  for (const at of [48, 52, 56]) {
    const pedal = v.getFloat32(at, true);
    if (!(pedal >= -0.01 && pedal <= 1.01)) return false;
  }
  const speed = v.getFloat32(12, true);
  return Number.isFinite(speed) && Math.abs(speed) < 1000;
}
