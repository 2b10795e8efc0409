import type { TelemetryFrame } from '../model/index.js';
import { G, engineRpm, type CarModel } from './car.js';
import type { DrivenProfile, RunLayout } from './plan.js';
import type { RunChannels } from './timing.js';

export type FrameSource = {
  readonly layout: RunLayout;
  readonly car: CarModel;
  readonly driven: DrivenProfile;
  readonly channels: RunChannels;
  /** s, exact line-to-line time of each timed lap. */
  readonly lapTimes: readonly number[];
  /** Frames per second of session time. */
  readonly hz: number;
};

const TWO_PI = 2 * Math.PI;

function wrapAngle(a: number): number {
  return a - TWO_PI * Math.round(a / TWO_PI);
}

/** Number of frames a run emits: every 1/hz s from the run-up start to the end of the overrun. */
export function frameCount(source: FrameSource): number {
  const { time } = source.channels;
  return Math.floor(time[time.length - 1]! * source.hz + 1e-9) + 1;
}

/**
 * Sample the run at exactly `hz`: frame k is at t = k / hz. Inside a cell the acceleration is
 * constant, so speed and distance are exact (v = v0 + a·τ, s = v0·τ + a·τ²/2); the centerline
 * pose is interpolated linearly between its ≤ 1 m points.
 */
export function* generateFrames(source: FrameSource): Generator<TelemetryFrame> {
  const { layout, car, driven, channels, lapTimes, hz } = source;
  const { track, spacing: ds, lineNodes, curvature } = layout;
  const { speed, gear } = driven;
  const { time, accel, throttle, brake, fuel, tyreTemp } = channels;
  const [fl, fr, rl, rr] = tyreTemp;
  const line = track.centerline;
  const lapNodes = line.length;
  const line0 = lineNodes[0]!;
  const last = layout.nodeCount - 1;
  const [s2, s3] = track.sectorStarts;
  const total = frameCount(source);
  let j = layout.startNode;
  for (let k = 0; k < total; k++) {
    const t = k / hz;
    while (j < last - 1 && time[j + 1]! <= t) j++;
    const tau = Math.max(0, t - time[j]!);
    const a = accel[j]!;
    const v0 = speed[j]!;
    const v = Math.max(0, v0 + a * tau);
    const along = Math.min(ds, v0 * tau + 0.5 * a * tau * tau);
    const frac = along / ds;
    const q = j - line0;
    const lap = q < 0 ? 0 : Math.floor(q / lapNodes) + 1;
    const lapDistance = lap === 0 ? q * ds + along : (q - (lap - 1) * lapNodes) * ds + along;
    const lapTime = lap === 0 ? t : t - time[lineNodes[lap - 1]!]!;
    const m0 = ((q % lapNodes) + lapNodes) % lapNodes;
    const m1 = (m0 + 1) % lapNodes;
    const h0 = line.heading[m0]!;
    const yaw = wrapAngle(h0 + wrapAngle(line.heading[m1]! - h0) * frac);
    const kappa = curvature[j]! + (curvature[j + 1]! - curvature[j]!) * frac;
    const g = gear[j]!;
    const frame: { -readonly [K in keyof TelemetryFrame]: TelemetryFrame[K] } = {
      t,
      lap,
      lapDistance,
      // As AC sends it: 0..1 along the lap, wrapping at the line (the out-lap starts before it).
      lapFraction: (((q * ds + along) / (lapNodes * ds)) % 1 + 1) % 1,
      lapTime,
      speed: v,
      rpm: Math.max(car.idleRpm, engineRpm(car, g, v)),
      gear: g,
      throttle: throttle[j]!,
      brake: brake[j]!,
      clutch: 0,
      // Kinematic small-angle steering: road-wheel angle = wheelbase × curvature, left positive.
      steer: Math.max(-1, Math.min(1, (-car.wheelbaseM * kappa) / car.steeringLockRad)),
      // Positive to the right: a left turn (kappa > 0) pulls the car to the left.
      gLat: (-v * v * kappa) / G,
      gLon: a / G,
      gVert: 0,
      posX: line.x[m0]! + (line.x[m1]! - line.x[m0]!) * frac,
      posY: 0,
      posZ: line.y[m0]! + (line.y[m1]! - line.y[m0]!) * frac,
      yaw,
      sector: lap === 0 ? 2 : lapDistance < s2 ? 0 : lapDistance < s3 ? 1 : 2,
      fuel: fuel[j]! + (fuel[j + 1]! - fuel[j]!) * frac,
      tyreTempFL: fl[j]! + (fl[j + 1]! - fl[j]!) * frac,
      tyreTempFR: fr[j]! + (fr[j + 1]! - fr[j]!) * frac,
      tyreTempRL: rl[j]! + (rl[j + 1]! - rl[j]!) * frac,
      tyreTempRR: rr[j]! + (rr[j + 1]! - rr[j]!) * frac,
      drs: 0,
    };
    // Added after the literal (not spread into it) so every frame keeps one of two fast shapes.
    if (lap >= 2) frame.lastLapTime = lapTimes[lap - 2]!;
    yield frame;
  }
}
