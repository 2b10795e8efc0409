/**
 * OutSim / OutSim2 decoder (Live for Speed): one packet in, a frame out.
 *
 * Supported layouts: the classic packet (64 B, 68 B with ID) and OutSim2 with any OutSim Opts that include OSO_TIME
 * (the frame clock). Without configuration the decoder recognises 64, 68 and the "LFST"-headed 272 (Opts ff) and
 * 280 (Opts 1ff) byte packets; other OutSim2 sizes need the Opts value passed in (several option sets share a size),
 * else they get an 'unsupported-version' error saying what to set.
 *
 * Axes: LFS is X right/east, Y forward/north, Z up. Frames are Y up like GT7 and F1, right-handed:
 * posX = X, posY = Z, posZ = −Y. Heading, pitch and roll already follow the frame convention (yaw counter-clockwise
 * from above with 0 = north, pitch nose up, roll right side down), so they pass through. Accelerations are world
 * axes on the wire; gLon/gLat are their projections on the car's heading (pitch and roll ignored).
 *
 * Laps: OutSim has no lap counter. With OSO_DISTANCE the decoder counts start-line crossings as drops of the
 * game's IndexedDistance ("track ruler measurement"), so `lap` is 0 until the first crossing seen; without it
 * `lap` stays 0.
 */
import type { TelemetryFrame } from '../../model/index.js';
import { decodeError, type DecodeResult, type Decoder } from '../types.js';
import { classicLayout, hasLfstHeader, layoutForPacket, outSim2Layout, type OutSimLayout } from './layout.js';
import { readOutSimPacket, type OutSimPacket } from './packet.js';

const STANDARD_GRAVITY = 9.80665;
const RAD_PER_S_TO_RPM = 60 / (2 * Math.PI);
/** Packets this much older than the newest are a restarted stream (new session), not a late datagram. */
const RESTART_GAP_MS = 1000;
/** A crossing is a drop of IndexedDistance by more than this (m) and more than half the longest distance seen. */
const MIN_CROSSING_DROP_M = 100;

export type OutSimDecoderOptions = {
  /** The "OutSim Opts" value from LFS cfg.txt (hex there). 0 = classic packet. Undefined = infer from the size. */
  readonly opts?: number;
};

type MutableFrame = { -readonly [K in keyof TelemetryFrame]: TelemetryFrame[K] };
const ok = Number.isFinite as (value: unknown) => value is number;

/** Normalises an angle to (−π, π]. */
function wrapAngle(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}

/** The frame for one packet; `lap` is the decoder's count of line crossings. */
export function outSimFrame(p: OutSimPacket, lap: number): TelemetryFrame {
  const f: MutableFrame = { t: (p.time ?? 0) / 1000, lap };
  const m = p.main;
  if (m) {
    if (ok(m.pos.x)) f.posX = m.pos.x;
    if (ok(m.pos.z)) f.posY = m.pos.z;
    if (ok(m.pos.y)) f.posZ = -m.pos.y;
    const speed = Math.hypot(m.vel.x, m.vel.y, m.vel.z);
    if (ok(speed)) f.speed = speed;
    if (ok(m.heading)) f.yaw = wrapAngle(m.heading);
    if (ok(m.pitch)) f.pitch = m.pitch;
    if (ok(m.roll)) f.roll = m.roll;
    // Heading h counter-clockwise from +Y: nose (−sin h, cos h), right side (cos h, sin h).
    const sin = Math.sin(m.heading);
    const cos = Math.cos(m.heading);
    const lon = (-sin * m.accel.x + cos * m.accel.y) / STANDARD_GRAVITY;
    const lat = (cos * m.accel.x + sin * m.accel.y) / STANDARD_GRAVITY;
    if (ok(lon)) f.gLon = lon;
    if (ok(lat)) f.gLat = lat;
    if (ok(m.accel.z)) f.gVert = m.accel.z / STANDARD_GRAVITY;
  }
  const i = p.inputs;
  if (i) {
    if (ok(i.throttle)) f.throttle = i.throttle;
    if (ok(i.brake)) f.brake = i.brake;
    if (ok(i.clutch)) f.clutch = i.clutch;
  }
  const d = p.drive;
  if (d) {
    if (d.gear <= 20) f.gear = d.gear - 1;
    if (ok(d.engineAngVel)) f.rpm = d.engineAngVel * RAD_PER_S_TO_RPM;
  }
  if (p.distance && ok(p.distance.indexedDistance)) f.lapDistance = p.distance.indexedDistance;
  return f;
}

function optsLabel(layout: OutSimLayout): string {
  return layout.opts === 0 ? 'outsim' : `outsim2:${layout.opts.toString(16)}`;
}

/** The layout this packet must have, or the error explaining why it cannot be read. */
function resolveLayout(packet: Uint8Array, opts: number | undefined): OutSimLayout | readonly DecodeResult[] {
  let layout: OutSimLayout | undefined;
  if (opts === undefined) {
    layout = layoutForPacket(packet);
    if (!layout) {
      return decodeError('unsupported-version', `OutSim packet of ${packet.length} bytes: its OutSim Opts cannot be told from the size. Set "OutSim Opts ff" in LFS cfg.txt (272-byte packets), or configure racecraft with your Opts value`);
    }
  } else if (opts === 0) {
    if (packet.length !== 64 && packet.length !== 68) return decodeError('bad-size', `classic OutSim packets are 64 or 68 bytes; got ${packet.length}`);
    layout = classicLayout(packet.length === 68);
  } else {
    layout = outSim2Layout(opts);
    if (packet.length !== layout.size) {
      return decodeError('bad-size', `OutSim Opts ${opts.toString(16)} makes ${layout.size}-byte packets; got ${packet.length}`);
    }
  }
  if (layout.offsets.time === undefined) {
    return decodeError('unsupported-version', `OutSim Opts ${layout.opts.toString(16)} has no OSO_TIME (4): racecraft needs the time; add 4 to OutSim Opts`);
  }
  if (layout.offsets.header !== undefined && !hasLfstHeader(packet)) {
    return decodeError('bad-format', 'OutSim2 header is not "LFST"');
  }
  return layout;
}

export function createOutSimDecoder(options: OutSimDecoderOptions = {}): Decoder {
  let lastTime: number | undefined;
  let lastFormat = '';
  let lap = 0;
  let lastDistance: number | undefined;
  let longestDistance = 0;

  return {
    decode(packet: Uint8Array): readonly DecodeResult[] {
      const layout = resolveLayout(packet, options.opts);
      if (!('offsets' in layout)) return layout;
      const p = readOutSimPacket(packet, layout);
      const time = p.time!;
      const results: DecodeResult[] = [];

      if (lastTime !== undefined && time <= lastTime) {
        if (time === lastTime) return [{ kind: 'skip', reason: 'time did not advance (paused)' }];
        if (lastTime - time < RESTART_GAP_MS) return [{ kind: 'skip', reason: 'late packet' }];
        results.push({ kind: 'new-session' });
        lastFormat = '';
        lap = 0;
        lastDistance = undefined;
        longestDistance = 0;
      }
      lastTime = time;

      const format = optsLabel(layout);
      if (format !== lastFormat) {
        results.push({ kind: 'session', session: { game: 'outsim', format } });
        lastFormat = format;
      }

      const distance = p.distance?.indexedDistance;
      if (distance !== undefined && Number.isFinite(distance)) {
        if (lastDistance !== undefined && lastDistance - distance > Math.max(MIN_CROSSING_DROP_M, longestDistance / 2)) lap++;
        lastDistance = distance;
        longestDistance = Math.max(longestDistance, distance);
      }
      results.push({ kind: 'frame', frame: outSimFrame(p, lap) });
      return results;
    },
  };
}

/**
 * Cheap auto-detect: an "LFST" header, or a classic 64/68-byte packet whose floats are finite and physically
 * plausible (angles within ±2π, speeds and accelerations below 1000).
 */
export function sniffOutSim(packet: Uint8Array): boolean {
  if (hasLfstHeader(packet)) return packet.length >= 8;
  if (packet.length !== 64 && packet.length !== 68) return false;
  const v = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  for (let at = 4; at < 52; at += 4) {
    const x = v.getFloat32(at, true);
    const limit = at >= 16 && at < 28 ? 2 * Math.PI + 0.01 : 1000;
    if (!(Math.abs(x) <= limit)) return false;
  }
  return true;
}

