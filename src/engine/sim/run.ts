import type { SessionInfo, TelemetryFrame } from '../model/index.js';
import { DEMO_CAR, topSpeed, type CarModel } from './car.js';
import { DEMO_DRIVER, type CornerPlan, type DriverStyle, type PlantedError } from './driver.js';
import { frameCount, generateFrames } from './frames.js';
import { BRAKE_POINT_THRESHOLD, driveRun, layoutRun } from './plan.js';
import { optimalShiftRpm } from './shift.js';
import { runChannels } from './timing.js';
import { SIM_TRACKS, getSimTrack } from './tracks/index.js';
import type { DesignCorner, SimTrack } from './types.js';

export { BRAKE_POINT_THRESHOLD };

export type DemoRunOptions = {
  /** A built-in track id: 'kestrel' or 'harbour'. */
  readonly trackId: string;
  /** Timed flying laps (≥ 1). */
  readonly laps: number;
  /** Any integer; the same seed gives the same run. */
  readonly seed: number;
  /** Frames per second of session time (default 60). */
  readonly hz?: number;
  readonly plantedErrors?: readonly PlantedError[];
  readonly car?: CarModel;
  readonly driver?: DriverStyle;
  /** m of flying run-up before the first line crossing (default 300). */
  readonly runUpM?: number;
  /** m driven after the last line crossing (default 150). */
  readonly overrunM?: number;
};


/** What the driver actually did at one corner on one timed lap. */
export type CornerLapTruth = {
  readonly corner: number;
  /**
   * m, lap distance (from this lap's line; negative if the braking started on the previous lap)
   * where the brake pedal first reaches BRAKE_POINT_THRESHOLD before the slowest point, or null
   * when the corner is taken without braking.
   */
  readonly brakePoint: number | null;
  /** m/s and m (lap distance) of the slowest point in the corner. */
  readonly minSpeed: number;
  readonly minSpeedDistance: number;
  readonly plan: CornerPlan;
};

export type DemoGroundTruth = {
  /** s, exact line-to-line time of timed laps 1..N. */
  readonly lapTimes: readonly number[];
  /** s, per timed lap, the three sector times (they sum to the lap time). */
  readonly sectorTimes: readonly (readonly number[])[];
  /** s, session time of each line crossing: [0] starts lap 1, [N] ends lap N. */
  readonly lineTimes: readonly number[];
  readonly corners: readonly DesignCorner[];
  /** rpm, the car's optimal upshift out of gear i+1 at index i (see optimalShiftRpm). */
  readonly shiftRpm: readonly number[];
  /** rpm, per timed lap, the driver's upshift out of gear i+1 at index i. */
  readonly driverShiftRpm: readonly (readonly number[])[];
  /** Per timed lap, per design corner (index = corner number − 1). */
  readonly cornerLaps: readonly (readonly CornerLapTruth[])[];
  /** m/s */
  readonly topSpeed: number;
  readonly track: SimTrack;
  readonly car: CarModel;
};

/** The driven run in the distance domain (run grid), for tests and known-answer analysis. */
export type DemoProfile = {
  /** m between nodes. */
  readonly spacing: number;
  readonly nodeCount: number;
  /** Node of the first frame and of each line crossing. */
  readonly startNode: number;
  readonly lineNodes: readonly number[];
  /** m/s and s (session time) at each node. */
  readonly speed: Float64Array;
  readonly time: Float64Array;
  /** 1/m at each node. */
  readonly curvature: Float64Array;
  /** Per cell (node i to i+1): gear, pedals, acceleration in m/s². */
  readonly gear: Int8Array;
  readonly throttle: Float32Array;
  readonly brake: Float32Array;
  readonly accel: Float64Array;
};

export type DemoRun = {
  readonly session: SessionInfo;
  readonly frameCount: number;
  /** A fresh lazy sequence of frames at `hz` each time it is called. */
  frames(): Iterable<TelemetryFrame>;
  readonly groundTruth: DemoGroundTruth;
  readonly profile: DemoProfile;
};

/**
 * Simulate a flying run on a built-in track: a run-up from before the line, `laps` timed laps,
 * then a short overrun. Deterministic for a given seed; throws on an unknown track id or a
 * non-positive lap count or rate (programming errors, not input data).
 */
export function createDemoRun(options: DemoRunOptions): DemoRun {
  const track = getSimTrack(options.trackId);
  if (!track) throw new Error(`unknown demo track '${options.trackId}' (known: ${SIM_TRACKS.map((t) => t.id).join(', ')})`);
  const laps = options.laps;
  if (!Number.isInteger(laps) || laps < 1) throw new Error(`laps must be a positive integer, got ${laps}`);
  const hz = options.hz ?? 60;
  if (!(hz > 0)) throw new Error(`hz must be positive, got ${hz}`);
  const car = options.car ?? DEMO_CAR;
  const style = options.driver ?? DEMO_DRIVER;
  const planted = options.plantedErrors ?? [];

  const layout = layoutRun(track, laps, options.runUpM ?? 300, options.overrunM ?? 150);
  const driven = driveRun(layout, car, style, options.seed, planted);
  const channels = runChannels(layout, car, driven);
  const { time } = channels;
  const { lineNodes, spacing } = layout;

  const lineTimes = lineNodes.map((j) => time[j]!);
  const lapTimes = lineTimes.slice(1).map((t, k) => t - lineTimes[k]!);
  const sectorOffsets = track.sectorStarts.map((s) => Math.round(s / spacing));
  const sectorTimes = lapTimes.map((lapTime, k) => {
    const start = lineNodes[k]!;
    const t1 = time[start + sectorOffsets[0]!]! - time[start]!;
    const t2 = time[start + sectorOffsets[1]!]! - time[start]!;
    return [t1, t2 - t1, lapTime - t2];
  });

  const cornerLaps: CornerLapTruth[][] = [];
  for (let lap = 1; lap <= laps; lap++) cornerLaps.push([]);
  driven.corners.forEach((c, i) => {
    if (c.lap < 1 || c.lap > laps) return;
    const minNode = driven.minNodes[i]!;
    const from = i > 0 ? driven.minNodes[i - 1]! + 1 : 0;
    let brakeNode = -1;
    for (let j = from; j < minNode; j++) {
      if (channels.brake[j]! >= BRAKE_POINT_THRESHOLD) {
        brakeNode = j;
        break;
      }
    }
    const lapLine = lineNodes[c.lap - 1]!;
    cornerLaps[c.lap - 1]!.push({
      corner: c.corner,
      brakePoint: brakeNode < 0 ? null : (brakeNode - lapLine) * spacing,
      minSpeed: driven.speed[minNode]!,
      minSpeedDistance: (minNode - lapLine) * spacing,
      plan: c.plan,
    });
  });

  const source = { layout, car, driven, channels, lapTimes, hz };
  const session: SessionInfo = {
    game: 'demo',
    format: 'sim-1',
    gameSessionId: `demo-${track.id}-${options.seed}`,
    trackKey: `demo:${track.id}`,
    trackName: track.name,
    trackLength: track.length,
    sectorStarts: [...track.sectorStarts],
    carKey: car.key,
    carName: car.name,
    driver: style.name,
    sessionType: 'practice',
    maxRpm: car.maxRpm,
    gearCount: car.gearRatios.length,
  };
  return {
    session,
    frameCount: frameCount(source),
    frames: () => ({ [Symbol.iterator]: () => generateFrames(source) }),
    groundTruth: {
      lapTimes,
      sectorTimes,
      lineTimes,
      corners: track.corners,
      shiftRpm: optimalShiftRpm(car),
      // shiftRpm rows start at the pre-roll lap −1, so timed lap L is row L + 1.
      driverShiftRpm: lapTimes.map((_, k) => [...driven.shiftRpm[k + 2]!]),
      cornerLaps,
      topSpeed: topSpeed(car),
      track,
      car,
    },
    profile: {
      spacing,
      nodeCount: layout.nodeCount,
      startNode: layout.startNode,
      lineNodes,
      speed: driven.speed,
      time,
      curvature: layout.curvature,
      gear: driven.gear,
      throttle: channels.throttle,
      brake: channels.brake,
      accel: channels.accel,
    },
  };
}
