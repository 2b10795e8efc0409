/**
 * GT7 / GT Sport decoder: one encrypted packet in, a frame (plus session news) out.
 *
 * Decisions checked against the real captures in shared/captures/gt7:
 * - Clock: `t = packetId / 60`. The console counts packets at exactly 60 Hz (Laguna Seca speedboard file:
 *   80,753 ms of timeOfDay over 4,845 packet ids = 16.667 ms each), while timeOfDay itself can stand still
 *   (constant for the whole Spa lap), so it is no clock.
 * - Skips: paused and loading/processing packets. The CarOnTrack bit is NOT a gate: it is clear on every packet
 *   of the genuine Spa lap (flags 0x18) and of the Laguna Seca recording, both real driving (GT7 clears it in
 *   replays). A packet with CarOnTrack clear AND the car standing still is skipped as menu/idle data.
 * - Duplicates (same packetId, seen in real captures) are skipped; a packetId far behind the last one means the
 *   console restarted its stream and opens a new session.
 * - Axes: Y up, right-handed, nose along −Z (see orientation.ts). sway/heave/surge are m/s² in the car frame with
 *   gravity removed: on the Spa lap surge matches d(speed)/dt (slope 0.98, r = 0.99) and sway matches −v·yawRate
 *   (slope −1.02, r = −0.97), i.e. sway is positive to the right; heave averages 0.38 m/s².
 */
import type { GameId, SessionInfo, TelemetryFrame } from '../../model/index.js';
import { decodeError, type DecodeResult, type Decoder } from '../types.js';
import { createGt7Decryptor, type Gt7Variant } from './crypto.js';
import { formatForSize, GT7_PACKET_RATE_HZ } from './formats.js';
import { quaternionToEuler } from './orientation.js';
import { FLAG, type Gt7Packet } from './packet.js';
import { readGt7Packet } from './read.js';

/** Standard gravity, m/s² per g. */
export const STANDARD_GRAVITY = 9.80665;

/** A packetId this far behind the last one (10 s) is a restarted stream, not a late datagram. */
const RESTART_GAP_PACKETS = 10 * GT7_PACKET_RATE_HZ;

/** Car codes are small positive integers; 10-speed cars spill a gear ratio's float bits over the field. */
const MAX_PLAUSIBLE_CAR_CODE = 1_000_000;

type MutableFrame = { -readonly [K in keyof TelemetryFrame]: TelemetryFrame[K] };

/** True for a finite number: channels are set only then, so absent stays absent, never NaN or 0. */
const ok = Number.isFinite as (value: unknown) => value is number;

/** Gear nibble → frame gear: 0 = reverse (zetetos; cross-checked with other clients), 15 = neutral, 1..8 forward. */
export function gearFromNibble(nibble: number): number | undefined {
  if (nibble === 0) return -1;
  if (nibble === 15) return 0;
  if (nibble >= 1 && nibble <= 10) return nibble;
  return undefined;
}

/** The car key racecraft stores for a GT7 car code, or undefined when the code is overwritten/implausible. */
export function gt7CarKey(carCode: number): string | undefined {
  return carCode > 0 && carCode < MAX_PLAUSIBLE_CAR_CODE ? `gt7:${carCode}` : undefined;
}

/** The frame for one packet. `staleLapTime` drops format C's lap timer on the packet where it was not yet reset. */
export function gt7Frame(p: Gt7Packet, staleLapTime: boolean): TelemetryFrame {
  // Plain property assignments (no computed keys): this runs for every packet.
  const f: MutableFrame = { t: p.packetId / GT7_PACKET_RATE_HZ, lap: p.lapCount };
  if (p.lastLapTimeMs > 0) f.lastLapTime = p.lastLapTimeMs / 1000;
  if (p.c && p.c.currentLapTimeMs >= 0 && !staleLapTime) f.lapTime = p.c.currentLapTimeMs / 1000;
  if (ok(p.metersPerSecond)) f.speed = p.metersPerSecond;
  if (ok(p.engineRpm)) f.rpm = p.engineRpm;
  const gear = gearFromNibble(p.currentGear);
  if (gear !== undefined) f.gear = gear;
  // The pedal, when the format has it: 0x91 is the engine's throttle and includes auto-blips on downshifts.
  f.throttle = (p.tilde ? p.tilde.throttleInput : p.throttle) / 255;
  f.brake = p.brake / 255;
  if (ok(p.clutchPedal)) f.clutch = p.clutchPedal;
  if (ok(p.position.x)) f.posX = p.position.x;
  if (ok(p.position.y)) f.posY = p.position.y;
  if (ok(p.position.z)) f.posZ = p.position.z;
  const { yaw, pitch, roll } = quaternionToEuler(p.rotation);
  if (ok(yaw)) f.yaw = yaw;
  if (ok(pitch)) f.pitch = pitch;
  if (ok(roll)) f.roll = roll;
  if (p.b) {
    if (ok(p.b.sway)) f.gLat = p.b.sway / STANDARD_GRAVITY;
    if (ok(p.b.surge)) f.gLon = p.b.surge / STANDARD_GRAVITY;
    if (ok(p.b.heave)) f.gVert = p.b.heave / STANDARD_GRAVITY;
  }
  // Electric cars report capacity 0 and a charge in gasLevel: not litres, so no fuel channel.
  if (p.gasCapacity > 0 && ok(p.gasLevel)) f.fuel = p.gasLevel;
  if (ok(p.waterTemperature)) f.engineTemp = p.waterTemperature;
  const [fl, fr, rl, rr] = p.tyreTemp;
  if (ok(fl)) f.tyreTempFL = fl;
  if (ok(fr)) f.tyreTempFR = fr;
  if (ok(rl)) f.tyreTempRL = rl;
  if (ok(rr)) f.tyreTempRR = rr;
  return f;
}

/** What the packet says about the session (car, limiter, gears, format). */
export function gt7Session(p: Gt7Packet, variant: Gt7Variant): Partial<SessionInfo> & { readonly game: GameId } {
  const session: { -readonly [K in keyof SessionInfo]?: SessionInfo[K] } & { game: GameId } = {
    game: 'gt7',
    format: variant === 'gts' ? 'gts' : p.format,
  };
  const carKey = gt7CarKey(p.carCode);
  if (carKey) session.carKey = carKey;
  if (p.maxAlertRpm > 0) session.maxRpm = p.maxAlertRpm;
  const gears = countGears(p.gearRatios);
  if (gears > 0) session.gearCount = gears;
  return session;
}

/** Gear ratios the car has (positive, finite). */
function countGears(ratios: readonly number[]): number {
  let count = 0;
  for (const r of ratios) if (r > 0 && r < Number.POSITIVE_INFINITY) count++;
  return count;
}

/** Why a decoded packet carries no driving sample, or undefined when it does. */
export function gt7SkipReason(p: Gt7Packet): string | undefined {
  if (p.flags & FLAG.paused) return 'paused';
  if (p.flags & FLAG.loadingOrProcessing) return 'loading';
  if (!(p.flags & FLAG.carOnTrack) && !(p.metersPerSecond > 0)) return 'not on track and stationary (menu)';
  if (p.lapCount < 0) return 'no lap count (not in an event)';
  return undefined;
}

/** A stateful decoder: de-duplicates packet ids, notices car changes and restarts, guards format C's lap timer. */
export function createGt7Decoder(): Decoder {
  const decrypt = createGt7Decryptor();
  let lastPacketId: number | undefined;
  let lastLapCount: number | undefined;
  let lastCarCode: number | undefined;
  let sessionStale = true;
  let lastFormatLabel = '';
  let lastSessionCar = 0;
  let lastMaxRpm = 0;
  let lastGearCount = 0;

  return {
    decode(packet: Uint8Array): readonly DecodeResult[] {
      const format = formatForSize(packet.length);
      if (!format) {
        return decodeError('bad-size', `GT7 packets are 296, 316, 344 or 368 bytes; got ${packet.length}`);
      }
      const opened = decrypt(packet, format);
      if (!opened) {
        return decodeError('decrypt-failed', `${packet.length}-byte packet does not decrypt to the GT7 magic (wrong key or format)`);
      }
      const p = readGt7Packet(opened.plain, format);

      const results: DecodeResult[] = [];
      if (lastPacketId !== undefined && p.packetId <= lastPacketId) {
        if (p.packetId > lastPacketId - RESTART_GAP_PACKETS) return [{ kind: 'skip', reason: 'duplicate or late packet' }];
        results.push({ kind: 'new-session' });
        lastLapCount = undefined;
        sessionStale = true;
      }
      lastPacketId = p.packetId;

      const skip = gt7SkipReason(p);
      if (skip) return [...results, { kind: 'skip', reason: skip }];

      const carKey = gt7CarKey(p.carCode);
      const carChanged = carKey !== undefined && lastCarCode !== undefined && p.carCode !== lastCarCode;
      const restarted = lastLapCount !== undefined && p.lapCount < lastLapCount;
      if ((carChanged || restarted) && results.length === 0) {
        results.push({ kind: 'new-session' });
        sessionStale = true;
      }
      if (carKey !== undefined) lastCarCode = p.carCode;

      // Session news only when something it is made of changed (this runs for every packet).
      const gearCount = countGears(p.gearRatios);
      const formatLabel = opened.variant === 'gts' ? 'gts' : p.format;
      if (sessionStale || formatLabel !== lastFormatLabel || p.carCode !== lastSessionCar || p.maxAlertRpm !== lastMaxRpm || gearCount !== lastGearCount) {
        results.push({ kind: 'session', session: gt7Session(p, opened.variant) });
        sessionStale = false;
        lastFormatLabel = formatLabel;
        lastSessionCar = p.carCode;
        lastMaxRpm = p.maxAlertRpm;
        lastGearCount = gearCount;
      }

      // Format C's timer still shows the finished lap on the first packet of the next one: never report it.
      const newLap = lastLapCount !== undefined && p.lapCount !== lastLapCount;
      const staleLapTime = newLap && p.c !== undefined && p.lastLapTimeMs > 0 && p.c.currentLapTimeMs >= p.lastLapTimeMs;
      lastLapCount = p.lapCount;

      results.push({ kind: 'frame', frame: gt7Frame(p, staleLapTime) });
      return results;
    },
  };
}
