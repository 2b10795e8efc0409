import { cornerSpeedLimit, speedAtRpm, type CarModel } from './car.js';
import { cornerPlan, driverShiftRpm, type CornerPlan, type DriverStyle, type PlantedError } from './driver.js';
import { backwardPass, forwardPass, type EarlyBrake, type ForwardResult } from './profile.js';
import { optimalShiftRpm } from './shift.js';
import { cellBrake, cellTyreForce } from './timing.js';
import type { SimTrack } from './types.js';

/** The brake pedal threshold (0..1) that defines a brake point, here and in the ground truth. */
export const BRAKE_POINT_THRESHOLD = 0.05;

/**
 * The whole run laid out on one distance grid: a hidden pre-roll lap (so the run-up starts at a
 * converged speed), the run-up to the line, the timed laps and a short overrun. Node j is at
 * run distance (j − lineNodes[0]) · spacing from the first line crossing.
 */
export type RunLayout = {
  readonly track: SimTrack;
  readonly laps: number;
  readonly spacing: number;
  readonly nodeCount: number;
  /** Node of the first frame (the run-up start, before the line). */
  readonly startNode: number;
  /** Node of each line crossing: [0] starts lap 1, [laps] ends the last timed lap. */
  readonly lineNodes: readonly number[];
  /** 1/m at each node. */
  readonly curvature: Float64Array;
};

/** One corner on one lap of the run. Nodes are run-grid indices. */
export type CornerInstance = {
  /** The lap it belongs to: the lap of its apex (0 = run-up). */
  readonly lap: number;
  /** Corner number in the design list. */
  readonly corner: number;
  readonly entryNode: number;
  readonly exitNode: number;
  readonly plan: CornerPlan;
};

export function layoutRun(track: SimTrack, laps: number, runUpM: number, overrunM: number): RunLayout {
  const lapNodes = track.centerline.length;
  const spacing = track.spacing;
  const runUp = Math.round(runUpM / spacing);
  const overrun = Math.round(overrunM / spacing);
  const startNode = lapNodes; // one hidden lap of pre-roll before the run-up
  const line0 = startNode + runUp;
  const nodeCount = line0 + laps * lapNodes + overrun + 1;
  const curvature = new Float64Array(nodeCount);
  const source = track.centerline.curvature;
  for (let j = 0; j < nodeCount; j++) curvature[j] = source[(((j - line0) % lapNodes) + lapNodes) % lapNodes]!;
  const lineNodes: number[] = [];
  for (let k = 0; k <= laps; k++) lineNodes.push(line0 + k * lapNodes);
  return { track, laps, spacing, nodeCount, startNode, lineNodes, curvature };
}

/** Every corner of every lap that touches the run grid, in driving order. */
export function cornerInstances(layout: RunLayout, style: DriverStyle, seed: number, planted: readonly PlantedError[]): CornerInstance[] {
  const { track, spacing, nodeCount } = layout;
  const lapNodes = track.centerline.length;
  const line0 = layout.lineNodes[0]!;
  const out: CornerInstance[] = [];
  for (let lap = -1; lap <= layout.laps + 1; lap++) {
    const lapStart = line0 + (lap - 1) * lapNodes;
    for (const c of track.corners) {
      const entryNode = lapStart + Math.floor(c.entryDistance / spacing);
      const exitNode = lapStart + Math.ceil(c.exitDistance / spacing);
      if (exitNode < 0 || entryNode >= nodeCount) continue;
      out.push({
        lap,
        corner: c.number,
        entryNode: Math.max(0, entryNode),
        exitNode: Math.min(nodeCount - 1, exitNode),
        plan: cornerPlan(style, seed, lap, c.number, planted),
      });
    }
  }
  return out;
}

export type DrivenProfile = ForwardResult & {
  readonly corners: readonly CornerInstance[];
  /** Node of the slowest point of each corner instance (same order as `corners`). */
  readonly minNodes: readonly number[];
  /** Driver upshift rpm per lap (index = lap + 1, from the pre-roll lap −1) and gear (index = gear − 1). */
  readonly shiftRpm: readonly (readonly number[])[];
};

/**
 * First node in [from, to) whose cell has the brake pedal at or above BRAKE_POINT_THRESHOLD: the
 * brake point as the ground truth and the analysis define it. Undefined when there is none.
 */
export function brakeOnset(profile: ForwardResult, car: CarModel, spacing: number, from: number, to: number): number | undefined {
  for (let j = from; j < to; j++) {
    const v0 = profile.speed[j]!;
    const brake = cellBrake(car, cellTyreForce(car, v0, profile.speed[j + 1]!, spacing), v0, profile.cut[j] === 1);
    if (brake >= BRAKE_POINT_THRESHOLD) return j;
  }
  return undefined;
}

function argMin(values: Float64Array, from: number, to: number): number {
  let best = from;
  for (let j = from + 1; j <= to; j++) if (values[j]! < values[best]!) best = j;
  return best;
}

/**
 * Drive the run: caps from the corners' curvature scaled by the driver's apex factor, the
 * braking envelope, a first forward pass to find where the driver would brake, then the final
 * forward pass with any planted early brakes.
 */
export function driveRun(layout: RunLayout, car: CarModel, style: DriverStyle, seed: number, planted: readonly PlantedError[]): DrivenProfile {
  const { nodeCount: n, curvature, spacing } = layout;
  const corners = cornerInstances(layout, style, seed, planted);
  const cap = new Float64Array(n);
  for (let j = 0; j < n; j++) cap[j] = cornerSpeedLimit(car, curvature[j]!);
  const brakeShare = new Float64Array(n).fill(style.brakeFactor);
  let zoneStart = 0;
  for (const c of corners) {
    for (let j = c.entryNode; j <= c.exitNode; j++) cap[j] = cap[j]! * c.plan.apexSpeedFactor;
    // The braking zone before a corner (since the previous corner) uses this corner's brake share.
    for (let j = zoneStart; j <= c.exitNode; j++) brakeShare[j] = c.plan.brakeFactor;
    zoneStart = c.exitNode + 1;
  }
  const envelope = backwardPass(car, spacing, curvature, cap, brakeShare);
  const hold = new Uint8Array(n);
  const plannedMin = corners.map((c) => argMin(envelope, c.entryNode, c.exitNode));
  corners.forEach((c, i) => {
    // Through a constant arc the planned speed is flat; the throttle pickup is where it would
    // start to rise, and the driver holds the minimum speed this lap's delay beyond it.
    const floor = envelope[plannedMin[i]!]! * (1 + 1e-4);
    let from = plannedMin[i]!;
    while (from < c.exitNode && envelope[from + 1]! <= floor) from++;
    const to = Math.min(n - 1, from + Math.round(c.plan.throttleDelayM / spacing));
    for (let j = from; j < to; j++) hold[j] = 1;
  });
  const optimal = optimalShiftRpm(car);
  const shiftRpm: number[][] = [];
  for (let lap = -1; lap <= layout.laps + 1; lap++) {
    shiftRpm.push(optimal.map((rpm, g) => driverShiftRpm(style, seed, lap, g + 1, rpm, car.maxRpm)));
  }
  // Road speed of each lap's upshifts, looked up per node in the forward pass.
  const shiftSpeeds = shiftRpm.map((row) => Float64Array.from(row, (rpm, g) => speedAtRpm(car, g + 1, Math.min(rpm, car.maxRpm))));
  const line0 = layout.lineNodes[0]!;
  const lapNodes = layout.track.centerline.length;
  const upshiftSpeed = (node: number, gear: number): number => {
    const lapRow = node < line0 ? 1 : Math.min(layout.laps + 2, Math.floor((node - line0) / lapNodes) + 2);
    return shiftSpeeds[lapRow]![gear - 1]!;
  };
  const base = {
    car,
    spacing,
    kappa: curvature,
    envelope,
    brakeShare,
    hold,
    upshiftSpeed,
    downshiftRpm: style.downshiftRpm,
    initialSpeed: 40,
  };
  const first = forwardPass({ ...base, earlyBrakes: [] });
  const minNodes = corners.map((c) => argMin(first.speed, c.entryNode, c.exitNode));
  const earlyBrakes: EarlyBrake[] = [];
  corners.forEach((c, i) => {
    if (c.plan.brakeEarlyM <= 0) return;
    const minNode = minNodes[i]!;
    const earliest = i > 0 ? minNodes[i - 1]! + 1 : 0;
    const onset = brakeOnset(first, car, spacing, earliest, minNode);
    if (onset === undefined) throw new Error(`planted brakeEarlyM: corner ${c.corner} is taken without braking on lap ${c.lap}`);
    const start = onset - Math.round(c.plan.brakeEarlyM / spacing);
    if (start < earliest) {
      const room = ((onset - earliest) * spacing).toFixed(0);
      throw new Error(`planted brakeEarlyM: corner ${c.corner} on lap ${c.lap} has only ${room} m of braking room after the previous corner`);
    }
    const vStart = first.speed[start]!;
    const vMin = first.speed[minNode]!;
    if (vStart <= vMin) {
      throw new Error(`planted brakeEarlyM: on lap ${c.lap} the car is already at corner ${c.corner}'s minimum speed ${c.plan.brakeEarlyM} m before its brake point`);
    }
    // The driver notices at half the planned energy loss, releases and coasts onto the plan.
    const release = Math.sqrt(vMin * vMin + 0.5 * (vStart * vStart - vMin * vMin));
    earlyBrakes.push({ start, end: minNode, releaseSpeed: release, floorSpeed: vMin });
  });
  const final = earlyBrakes.length > 0 ? forwardPass({ ...base, earlyBrakes }) : first;
  return { ...final, corners, minNodes, shiftRpm };
}
