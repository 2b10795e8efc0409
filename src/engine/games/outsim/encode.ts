/**
 * OutSim encoder: frames → the packets LFS would send with a given OutSim Opts (default ff: header, ID, time, main,
 * inputs, drive, distance, wheels = 272 bytes), for the demo, replay and round-trip tests. The inverse of decode.ts's
 * axis mapping; what frames do not carry (angular velocity, input steer, handbrake, torque, wheels) is 0.
 */
import type { SessionInfo, TelemetryFrame } from '../../model/index.js';
import type { Encoder } from '../types.js';
import { classicLayout, outSim2Layout, type OutSimLayout } from './layout.js';
import { writeOutSimPacket, type OutSimPacket } from './packet.js';

const STANDARD_GRAVITY = 9.80665;

/** The option set racecraft asks users to configure ("OutSim Opts ff"). */
export const OUTSIM_RECOMMENDED_OPTS = 0xff;

export type OutSimEncoderOptions = {
  /** OutSim Opts; 0 = the classic packet. Default ff. */
  readonly opts?: number;
  /** "OutSim ID": in the classic packet, a non-zero ID appends it (68 bytes); in OutSim2 it fills OSO_ID. */
  readonly id?: number;
};

/**
 * LFS's IndexedDistance is a "track ruler measurement": before the line (a grid or run-up) it reads near the track
 * length and drops to 0 at the line, which is how the decoder counts laps. Frames give that stretch as negative
 * metres (F1's convention), so it is wrapped onto the ruler when the track length is known.
 */
function indexedDistance(lapDistance: number, trackLength: number | undefined): number {
  return lapDistance < 0 && trackLength !== undefined && trackLength > 0 ? lapDistance + trackLength : lapDistance;
}

export function outSimPacketFromFrame(frame: TelemetryFrame, layout: OutSimLayout, id: number, trackLength?: number): OutSimPacket {
  const heading = frame.yaw ?? 0;
  const pitch = frame.pitch ?? 0;
  const speed = frame.speed ?? 0;
  const sin = Math.sin(heading);
  const cos = Math.cos(heading);
  // Nose direction in LFS axes (X right, Y forward, Z up), then velocity along it.
  const nose = { x: -sin * Math.cos(pitch), y: cos * Math.cos(pitch), z: Math.sin(pitch) };
  const lon = (frame.gLon ?? 0) * STANDARD_GRAVITY;
  const lat = (frame.gLat ?? 0) * STANDARD_GRAVITY;
  const gear = frame.gear === undefined || !Number.isFinite(frame.gear) ? 1 : Math.max(0, Math.min(255, Math.round(frame.gear) + 1));
  return {
    opts: layout.opts,
    id,
    time: Math.max(0, Math.round(frame.t * 1000)),
    main: {
      angVel: { x: 0, y: 0, z: 0 },
      heading,
      pitch,
      roll: frame.roll ?? 0,
      accel: { x: -sin * lon + cos * lat, y: cos * lon + sin * lat, z: (frame.gVert ?? 0) * STANDARD_GRAVITY },
      vel: { x: nose.x * speed, y: nose.y * speed, z: nose.z * speed },
      pos: { x: frame.posX ?? 0, y: -(frame.posZ ?? 0), z: frame.posY ?? 0 },
    },
    inputs: { throttle: frame.throttle ?? 0, brake: frame.brake ?? 0, inputSteer: 0, clutch: frame.clutch ?? 0, handbrake: 0 },
    drive: { gear, engineAngVel: ((frame.rpm ?? 0) * 2 * Math.PI) / 60, maxTorqueAtVel: 0 },
    distance: { currentLapDist: frame.lapDistance ?? 0, indexedDistance: indexedDistance(frame.lapDistance ?? 0, trackLength) },
  };
}

export function createOutSimEncoder(options: OutSimEncoderOptions = {}): Encoder {
  const opts = options.opts ?? OUTSIM_RECOMMENDED_OPTS;
  const id = options.id ?? 0;
  const layout = opts === 0 ? classicLayout(id !== 0) : outSim2Layout(opts);
  return {
    encode(frame: TelemetryFrame, session: SessionInfo): readonly Uint8Array[] {
      return [writeOutSimPacket(outSimPacketFromFrame(frame, layout, id, session.trackLength), layout)];
    },
  };
}
