import { CHANNELS, type ChannelName } from '../model/channels.js';
import type { Lap } from '../model/lap.js';
import type { Trace } from '../model/trace.js';
import type { DistanceGrid } from './grid.js';
import { scratchF32, scratchF64, scratchI32 } from './scratch.js';

/**
 * The channels analysis needs on the distance grid (others can be asked for explicitly; yaw is
 * added for traces without positions, where it gives the curvature). rpm is not here: shift
 * analysis works on the raw samples.
 */
export const ANALYSIS_CHANNELS: readonly ChannelName[] = ['speed', 'throttle', 'brake', 'steer', 'gear', 'gLat', 'gLon', 'posX', 'posY', 'posZ'];

/** How trustworthy a resampled lap is (data quality, not driving quality). */
export type ResampleQuality = {
  /** 0..1, share of the lap length covered by samples at most MAX_COVERED_GAP_M apart. */
  readonly coverage: number;
  /** m, largest distance between consecutive kept samples (line anchors included). */
  readonly maxGapM: number;
  /** s, largest time between consecutive kept samples. */
  readonly maxGapS: number;
  /** Samples not used: no distance, outside the lap, glitches, or overwritten by a rewind. */
  readonly droppedSamples: number;
  /** Time or distance went backwards (flashback, reversing) and later samples replaced earlier ones. */
  readonly rewound: boolean;
  /** The car jumped further than it could drive in one sample (reset, tow, teleport). */
  readonly teleport: boolean;
};

/** One lap on the common distance grid. Channels are Float32 like the trace; time is Float64. */
export type ResampledLap = {
  readonly lapNumber: number;
  /** s, the lap time: t[cells] when the lap is complete. */
  readonly lapTime: number;
  readonly grid: DistanceGrid;
  /** s since the lap's start line crossing at each grid point; NaN where the lap has no data. */
  readonly t: Float64Array;
  readonly channels: Partial<Record<ChannelName, Float32Array>>;
  readonly quality: ResampleQuality;
};

/** The lap fields resampling needs. */
export type LapTiming = Pick<Lap, 'number' | 'time' | 'startT' | 'endT' | 'category'>;

export type ResampleOptions = {
  /** Channels to resample (those present in the trace). Default ANALYSIS_CHANNELS. */
  readonly channels?: readonly ChannelName[];
};

/** Samples further apart than this do not count as covering the road between them. */
const MAX_COVERED_GAP_M = 30;
/** A backward distance step larger than this without a time rewind is a glitch, not reversing. */
const MAX_REVERSE_M = 300;
/** Backward movement below this is jitter of a slow car, not worth calling a rewind. */
const REWIND_NOTICE_M = 5;
/** The line anchor (0 m, 0 s) is only trusted when the first sample is this close to the line. */
const MAX_ANCHOR_GAP_M = 40;
/** s, … and its time this soon after the lap start (an out-lap from the pit box starts elsewhere). */
const MAX_ANCHOR_DELAY_S = 2;
/** Angles wrap at ±π: they interpolate the short way round. */
const ANGLE_CHANNELS: ReadonlySet<ChannelName> = new Set(['yaw', 'pitch', 'roll']);

/**
 * Resample one lap onto the grid. Distance is the game's lap distance (track-relative), never
 * integrated speed. Handles, in order:
 * - NaN distance (skipped) and the wrap at the line (a sample of the previous lap reading ≈ L
 *   just after the crossing, or one reading ≈ 0 before it, is moved by ∓L and then dropped);
 * - rewinds: session time going back (flashback) or distance going back (reversing) drop the
 *   overwritten samples, so the last pass over each metre wins;
 * - exact edges: the points (0 m, 0 s) and (L, lap time) are synthesised from the line crossings,
 *   so δ(L) equals the lap-time difference exactly.
 * Continuous channels interpolate linearly, discrete ones (CHANNELS kind) hold the previous
 * sample; a NaN neighbour falls back to the other one.
 */
export function resampleLap(trace: Trace, lap: LapTiming, grid: DistanceGrid, options: ResampleOptions = {}): ResampledLap {
  const n = trace.length;
  const L = grid.length;
  const duration = lap.endT - lap.startT;
  // The game's lap time and our session-clock crossings can differ by a tick: spread it evenly.
  const scale = duration > 0 && Math.abs(lap.time / duration - 1) < 0.01 ? lap.time / duration : 1;

  // Kept samples form a stack: a rewind pops what it overwrites (last writer wins).
  const idx = scratchI32('resample.idx', n);
  const kd = scratchF64('resample.kd', n);
  const kt = scratchF64('resample.kt', n);
  let m = 0;
  let rewound = false;
  let peak = -Infinity;
  // Locals, not property loads, in the hot loops.
  const dist = trace.distance;
  const times = trace.t;
  const startT = lap.startT;
  const lapTime = lap.time;
  const invTime = duration > 0 ? 1 / lapTime : 0;
  for (let i = 0; i < n; i++) {
    let d = dist[i]!;
    if (d !== d) continue;
    const rel = (times[i]! - startT) * scale;
    const frac = duration > 0 ? rel * invTime : i / n;
    if (frac < 0.5 && d > 0.75 * L) d -= L;
    else if (frac >= 0.5 && d < 0.25 * L) d += L;
    if (m > 0 && rel < kt[m - 1]!) {
      while (m > 0 && kt[m - 1]! >= rel) m--;
      rewound = true;
    }
    if (m > 0 && d <= kd[m - 1]!) {
      const back = kd[m - 1]! - d;
      if (back > MAX_REVERSE_M) continue;
      if (peak - d > REWIND_NOTICE_M) rewound = true;
      while (m > 0 && kd[m - 1]! >= d) m--;
    }
    if (d > peak) peak = d;
    idx[m] = i;
    kd[m] = d;
    kt[m] = rel;
    m++;
  }
  // Samples outside (0, L) or outside the lap's time span are the neighbours' business.
  let first = 0;
  while (first < m && (kd[first]! <= 0 || kt[first]! < 0)) first++;
  let last = m - 1;
  while (last >= first && (kd[last]! >= L || kt[last]! > lapTime)) last--;
  const count = Math.max(0, last - first + 1);
  const dropped = n - count;

  const timed = lap.category !== 'incomplete';
  // A lap that started at the line (its first sample is just past it, just after the start).
  const anchorStart = timed && count > 0 && kd[first]! <= MAX_ANCHOR_GAP_M && kt[first]! <= MAX_ANCHOR_DELAY_S;
  const anchorEnd = lap.category !== 'incomplete' && count > 0 && L - kd[last]! <= MAX_ANCHOR_GAP_M;

  // Interpolation nodes: optional anchors around the kept samples. Node sample index −1 = anchor.
  const nodes = count + (anchorStart ? 1 : 0) + (anchorEnd ? 1 : 0);
  const nd = scratchF64('resample.nd', nodes);
  const nt = scratchF64('resample.nt', nodes);
  const ni = scratchI32('resample.ni', nodes);
  let p = 0;
  if (anchorStart) {
    nd[p] = 0;
    nt[p] = 0;
    ni[p++] = -1;
  }
  for (let j = first; j <= last; j++) {
    nd[p] = kd[j]!;
    nt[p] = kt[j]!;
    ni[p++] = idx[j]!;
  }
  if (anchorEnd) {
    nd[p] = L;
    nt[p] = lap.time;
    ni[p++] = -1;
  }

  // Quality: gaps, coverage, teleports.
  let maxGapM = 0;
  let maxGapS = 0;
  let uncovered = nodes > 0 ? nd[0]! + (L - nd[nodes - 1]!) : L;
  let teleport = false;
  const speed = trace.channels.speed;
  for (let j = 1; j < nodes; j++) {
    const gd = nd[j]! - nd[j - 1]!;
    const gt = nt[j]! - nt[j - 1]!;
    if (gd > maxGapM) maxGapM = gd;
    if (gt > maxGapS) maxGapS = gt;
    if (gd > MAX_COVERED_GAP_M) uncovered += gd;
    const i = ni[j]!;
    if (speed !== undefined && i >= 0) {
      const v = speed[i]!;
      if (Number.isFinite(v) && gd > Math.max(10, 2 * v * gt + 2)) teleport = true;
    }
  }

  const t = new Float64Array(grid.cells + 1);
  const lo = scratchI32('resample.lo', grid.cells + 1);
  const hi = scratchI32('resample.hi', grid.cells + 1);
  const fr = scratchF32('resample.fr', grid.cells + 1);
  const firstSample = count > 0 ? idx[first]! : 0;
  const lastSample = count > 0 ? idx[last]! : 0;
  let j = 0;
  for (let k = 0; k <= grid.cells; k++) {
    const s = k === grid.cells ? L : k * grid.step;
    while (j + 1 < nodes && nd[j + 1]! <= s) j++;
    // Gaps inside the lap are bridged (and counted against coverage); outside the data is unknown.
    if (nodes === 0 || s < nd[0]! || s > nd[nodes - 1]!) {
      t[k] = Number.NaN;
      lo[k] = -1;
      hi[k] = -1;
      continue;
    }
    const j1 = j + 1 < nodes ? j + 1 : j;
    const span = nd[j1]! - nd[j]!;
    const f = span > 0 ? (s - nd[j]!) / span : 0;
    t[k] = nt[j]! + f * (nt[j1]! - nt[j]!);
    // An anchor node (−1) reads the nearest real sample: the first at the line, the last at the end.
    lo[k] = ni[j]! >= 0 ? ni[j]! : j === 0 && anchorStart ? firstSample : lastSample;
    hi[k] = ni[j1]! >= 0 ? ni[j1]! : j1 === 0 && anchorStart ? firstSample : lastSample;
    fr[k] = f;
  }
  // Exact edges where anchored (no rounding from the interpolation arithmetic).
  if (anchorStart) t[0] = 0;
  if (anchorEnd) t[grid.cells] = lap.time;

  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  const wanted = options.channels ?? (trace.channels.posX === undefined ? [...ANALYSIS_CHANNELS, 'yaw' as const] : ANALYSIS_CHANNELS);
  for (const name of wanted) {
    const col = trace.channels[name];
    if (col === undefined) continue;
    channels[name] =
      CHANNELS[name].kind === 'discrete'
        ? holdColumn(col, lo, grid.cells + 1)
        : ANGLE_CHANNELS.has(name)
          ? lerpAngleColumn(col, lo, hi, fr, grid.cells + 1)
          : lerpColumn(col, lo, hi, fr, grid.cells + 1);
  }

  return {
    lapNumber: lap.number,
    lapTime: lap.time,
    grid,
    t,
    channels,
    quality: {
      coverage: Math.max(0, Math.min(1, 1 - uncovered / L)),
      maxGapM,
      maxGapS,
      droppedSamples: dropped,
      rewound,
      teleport,
    },
  };
}

function lerpColumn(col: Float32Array, lo: Int32Array, hi: Int32Array, fr: Float32Array, len: number): Float32Array {
  const out = new Float32Array(len);
  for (let k = 0; k < len; k++) {
    const a = lo[k]!;
    if (a < 0) {
      out[k] = Number.NaN;
      continue;
    }
    const va = col[a]!;
    const vb = col[hi[k]!]!;
    if (va !== va) out[k] = vb;
    else if (vb !== vb) out[k] = va;
    else out[k] = va + fr[k]! * (vb - va);
  }
  return out;
}

function lerpAngleColumn(col: Float32Array, lo: Int32Array, hi: Int32Array, fr: Float32Array, len: number): Float32Array {
  const out = new Float32Array(len);
  for (let k = 0; k < len; k++) {
    const a = lo[k]!;
    if (a < 0) {
      out[k] = Number.NaN;
      continue;
    }
    const va = col[a]!;
    const vb = col[hi[k]!]!;
    if (va !== va || vb !== vb) {
      out[k] = va !== va ? vb : va;
      continue;
    }
    const d = vb - va;
    let v = va + fr[k]! * (d - 2 * Math.PI * Math.round(d / (2 * Math.PI)));
    if (v > Math.PI) v -= 2 * Math.PI;
    else if (v <= -Math.PI) v += 2 * Math.PI;
    out[k] = v;
  }
  return out;
}

function holdColumn(col: Float32Array, lo: Int32Array, len: number): Float32Array {
  const out = new Float32Array(len);
  for (let k = 0; k < len; k++) {
    const a = lo[k]!;
    out[k] = a < 0 ? Number.NaN : col[a]!;
  }
  return out;
}
