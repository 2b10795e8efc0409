import type { CornerPhases } from './phases.js';
import type { ResampledLap } from './resample.js';
import { expectedMaxOfNormals } from './stats.js';

/** A sum of per-segment minima over laps, with the lap that gave each segment. */
export type SegmentBest = {
  /** s, Σ of the best segment times. */
  readonly time: number;
  /** m, segment start distances (first = 0); the last segment ends at the lap length. */
  readonly boundaries: readonly number[];
  /** s and lap number of the best time in each segment. */
  readonly segmentTimes: readonly number[];
  readonly segmentLaps: readonly number[];
  /** Boundaries where the chosen laps' speeds differ by > 3 km/h: the stitched lap is not driveable there. */
  readonly incoherentBoundaries: number;
};

export type TheoreticalBest = {
  /** Best official (or model) sectors stitched: the classic "theoretical best". */
  readonly sectors: SegmentBest;
  /** Best of ~20–40 segments cut at the corner zones' fast points and apexes. */
  readonly segments: SegmentBest;
  /** s, best actual lap among the laps used. */
  readonly bestLap: number;
  /**
   * s, how much more the fine segmentation claims than the sector one (sectors.time −
   * segments.time). Part is real (best corners from different laps), part is noise picked by
   * the minimum.
   */
  readonly optimism: number;
  /**
   * s, the part of the segment gain expected from timing noise alone: each boundary carries a
   * position error σ_s (m) ⇒ σ_b = σ_s / v there; the minimum of n laps picks
   * E[max of n normals]·√(σ_a² + σ_b²) per segment (research notes §7: ≈ 2.64·K·σ_b at n = 20).
   */
  readonly expectedNoiseBias: number;
  /** m, the position error assumed per boundary for expectedNoiseBias. */
  readonly positionNoise: number;
  readonly lapsUsed: number;
};

/** m, progress error assumed per boundary: a 60 Hz game lap distance interpolated between samples, including the line-dependence of the game's track projection (an assumption, stated in the output). */
export const BOUNDARY_POSITION_NOISE_M = 0.25;
const MIN_SEGMENTS = 20;
const MAX_SEGMENTS = 40;
const INCOHERENT_SPEED = 3 / 3.6;

/**
 * Theoretical best lap from segment minima over the given (clean, complete) laps, both from
 * sectors (`sectorStarts`, m) and from 20–40 segments whose boundaries are the corner zones'
 * fastest points and the reference apexes (high-speed boundaries cost the least time per metre
 * of position error; a per-metre minimum would be meaningless noise).
 */
export function theoreticalBest(laps: readonly ResampledLap[], phases: readonly CornerPhases[], sectorStarts: readonly number[], reference: ResampledLap): TheoreticalBest | undefined {
  if (laps.length === 0) return undefined;
  const grid = reference.grid;
  const cells = grid.cells;
  const step = grid.step;
  const sectorIdx = sectorStarts.map((s) => Math.round(s / step)).filter((k) => k > 0 && k < cells);
  const sectors = segmentBest(laps, [0, ...sectorIdx], step);

  let cuts = new Set<number>([0]);
  for (const p of phases) {
    if (p.zoneEnd > 0 && p.zoneEnd < cells) cuts.add(p.zoneEnd);
    if (p.apex > 0 && p.apex < cells) cuts.add(p.apex);
  }
  if (cuts.size > MAX_SEGMENTS) cuts = new Set([0, ...phases.map((p) => p.zoneEnd).filter((k) => k > 0 && k < cells)]);
  const list = [...cuts].sort((a, b) => a - b);
  while (list.length < MIN_SEGMENTS && cells / list.length >= 2) {
    // Split the longest segment in two.
    let longest = 0;
    let len = 0;
    for (let i = 0; i < list.length; i++) {
      const l = (i + 1 < list.length ? list[i + 1]! : cells) - list[i]!;
      if (l > len) {
        len = l;
        longest = i;
      }
    }
    list.splice(longest + 1, 0, list[longest]! + Math.floor(len / 2));
  }
  const segments = segmentBest(laps, list, step);

  const speed = reference.channels.speed;
  const sigmaAt = (k: number): number => {
    if (k === 0 || speed === undefined) return 0; // the line crossing is timed by the game
    const v = speed[k]!;
    return v > 1 ? BOUNDARY_POSITION_NOISE_M / v : BOUNDARY_POSITION_NOISE_M;
  };
  let sumSigma = 0;
  for (let i = 0; i < list.length; i++) {
    const a = sigmaAt(list[i]!);
    const b = i + 1 < list.length ? sigmaAt(list[i + 1]!) : 0;
    sumSigma += Math.sqrt(a * a + b * b);
  }
  const bestLap = Math.min(...laps.map((l) => l.t[cells]!));
  return {
    sectors,
    segments,
    bestLap,
    optimism: sectors.time - segments.time,
    expectedNoiseBias: expectedMaxOfNormals(laps.length) * sumSigma,
    positionNoise: BOUNDARY_POSITION_NOISE_M,
    lapsUsed: laps.length,
  };
}

function segmentBest(laps: readonly ResampledLap[], starts: readonly number[], step: number): SegmentBest {
  const cells = laps[0]!.grid.cells;
  const segmentTimes: number[] = [];
  const segmentLaps: number[] = [];
  const chosen: number[] = [];
  let time = 0;
  for (let i = 0; i < starts.length; i++) {
    const a = starts[i]!;
    const b = i + 1 < starts.length ? starts[i + 1]! : cells;
    let best = Infinity;
    let which = 0;
    laps.forEach((lap, li) => {
      const d = lap.t[b]! - lap.t[a]!;
      if (d < best) {
        best = d;
        which = li;
      }
    });
    segmentTimes.push(best);
    segmentLaps.push(laps[which]!.lapNumber);
    chosen.push(which);
    time += best;
  }
  let incoherent = 0;
  for (let i = 1; i < starts.length; i++) {
    const k = starts[i]!;
    const before = laps[chosen[i - 1]!]!.channels.speed;
    const after = laps[chosen[i]!]!.channels.speed;
    if (before !== undefined && after !== undefined && Math.abs(before[k]! - after[k]!) > INCOHERENT_SPEED) incoherent++;
  }
  return { time, boundaries: starts.map((k) => k * step), segmentTimes, segmentLaps, incoherentBoundaries: incoherent };
}
