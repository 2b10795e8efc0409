import type { Trace } from '../model/trace.js';
import type { CornerPhases } from './phases.js';
import type { ResampledLap } from './resample.js';
import { timeBetween, valueIndex } from './events.js';

/**
 * The measured g-g-V envelope: per speed bin and acceleration direction, a high percentile of
 * |g| (not the convex hull, which one kerb strike inflates). Angle θ = atan2(gLon, gLat) in
 * degrees: 0 = pure right lateral, 90 = pure traction, −90 = pure braking, ±180 = pure left.
 * This is the driver's envelope on these laps, not the car's limit.
 */
export type GripEnvelope = {
  /** m/s, width of the speed bins; bin i covers [i·w, (i+1)·w). */
  readonly speedBinWidth: number;
  /** deg, width of the angle bins; bin j is centred on −180 + (j + ½)·width. */
  readonly angleBinWidth: number;
  readonly percentile: number;
  /** Samples needed in a bin before its percentile is trusted (else filled from neighbours). */
  readonly minCount: number;
  /** g, envelope radius [speed bin][angle bin]; null where the speed bin has no trusted bin. */
  readonly radius: readonly (readonly (number | null)[])[];
  /** Samples per [speed bin][angle bin]. */
  readonly counts: readonly (readonly number[])[];
  /**
   * g per speed bin: the envelope at pure lateral (max of left/right), braking and traction; null
   * when no bin within SUMMARY_FILL_DEG of that direction has enough samples.
   */
  readonly maxLateral: readonly (number | null)[];
  readonly maxBraking: readonly (number | null)[];
  readonly maxTraction: readonly (number | null)[];
  readonly samples: number;
};

/** deg, how far from a measured bin the summary's pure directions may read the filled envelope. */
const SUMMARY_FILL_DEG = 20;

export type GripOptions = {
  /** m/s, default 10 km/h. */
  readonly speedBinWidth?: number;
  /** deg, default 5. */
  readonly angleBinWidth?: number;
  /** 0..1, default 0.98. */
  readonly percentile?: number;
  /** default 20. */
  readonly minCount?: number;
  /** m/s, samples below are ignored (parking, pit lane). Default 30 km/h. */
  readonly minSpeed?: number;
};

/** g, histogram resolution of |g| and its top (anything above is clipped to the top bucket). */
const G_RESOLUTION = 0.025;
const G_BUCKETS = 240;
const MAX_SPEED_BINS = 40;

/**
 * Envelope from the raw (not resampled) samples of the given laps. Each channel is filtered
 * with a 3-sample median first (kerb strikes and collision spikes are one or two samples),
 * then |g| is histogrammed per (speed, angle) bin and the percentile read from the histogram
 * (no sorting). Bins below minCount are filled by circular interpolation across angle.
 */
export function gripEnvelope(traces: readonly Trace[], options: GripOptions = {}): GripEnvelope | undefined {
  const sw = options.speedBinWidth ?? 10 / 3.6;
  const aw = options.angleBinWidth ?? 5;
  const pct = options.percentile ?? 0.98;
  const minCount = options.minCount ?? 20;
  const minSpeed = options.minSpeed ?? 30 / 3.6;
  const nA = Math.round(360 / aw);
  const usable = traces.filter((t) => t.channels.gLat !== undefined && t.channels.gLon !== undefined && t.channels.speed !== undefined);
  if (usable.length === 0) return undefined;
  let vmax = 0;
  for (const tr of usable) {
    const v = tr.channels.speed!;
    for (let i = 0; i < tr.length; i++) if (v[i]! > vmax) vmax = v[i]!;
  }
  const nS = Math.min(MAX_SPEED_BINS, Math.floor(vmax / sw) + 1);
  // Uint16 halves the memory; a bucket saturates at 65,535 samples (far above any percentile's need).
  const hist = new Uint16Array(nS * nA * G_BUCKETS);
  const counts = new Int32Array(nS * nA);
  const toBin = nA / (2 * Math.PI);
  let samples = 0;
  for (const tr of usable) {
    const lat = tr.channels.gLat!;
    const lon = tr.channels.gLon!;
    const v = tr.channels.speed!;
    for (let i = 1; i + 1 < tr.length; i++) {
      const sp = v[i]!;
      if (!(sp >= minSpeed)) continue;
      const x = median3(lat[i - 1]!, lat[i]!, lat[i + 1]!);
      const y = median3(lon[i - 1]!, lon[i]!, lon[i + 1]!);
      if (x !== x || y !== y) continue;
      const r = Math.sqrt(x * x + y * y);
      let a = Math.floor((Math.atan2(y, x) + Math.PI) * toBin);
      if (a >= nA) a = nA - 1;
      let s = Math.floor(sp / sw);
      if (s >= nS) s = nS - 1;
      let g = Math.floor(r / G_RESOLUTION);
      if (g >= G_BUCKETS) g = G_BUCKETS - 1;
      const cell = s * nA + a;
      const h = cell * G_BUCKETS + g;
      if (hist[h]! < 65535) hist[h]!++;
      counts[cell]!++;
      samples++;
    }
  }

  const radius: (number | null)[][] = [];
  const measuredRows: Float64Array[] = [];
  const countRows: number[][] = [];
  for (let s = 0; s < nS; s++) {
    const row = new Float64Array(nA).fill(Number.NaN);
    for (let a = 0; a < nA; a++) {
      const cell = s * nA + a;
      const n = counts[cell]!;
      if (n < minCount) continue;
      // Percentile from the histogram with linear interpolation inside the bucket.
      const target = pct * n;
      let acc = 0;
      for (let g = 0; g < G_BUCKETS; g++) {
        const c = hist[cell * G_BUCKETS + g]!;
        if (acc + c >= target) {
          row[a] = (g + (c > 0 ? (target - acc) / c : 0)) * G_RESOLUTION;
          break;
        }
        acc += c;
      }
    }
    radius.push(fillCircular(row));
    measuredRows.push(row);
    countRows.push(Array.from(counts.subarray(s * nA, (s + 1) * nA)));
  }
  // The summary's pure directions read the filled envelope only near a measured bin: filled
  // across the whole circle, one trusted bin would print the same g for lateral, braking and
  // traction.
  const near = Math.max(1, Math.round(SUMMARY_FILL_DEG / aw));
  const atAngle = (s: number, deg: number): number | null => {
    const j = Math.min(nA - 1, Math.floor(((deg + 180) / 360) * nA));
    const measured = (k: number): boolean => !Number.isNaN(measuredRows[s]![((k % nA) + nA) % nA]!);
    for (let d = 0; d <= near; d++) if (measured(j + d) || measured(j - d)) return radius[s]![j] ?? null;
    return null;
  };
  return {
    speedBinWidth: sw,
    angleBinWidth: aw,
    percentile: pct,
    minCount,
    radius,
    counts: countRows,
    maxLateral: radius.map((_, s) => maxOrNull(atAngle(s, 0), atAngle(s, 179.9))),
    maxBraking: radius.map((_, s) => atAngle(s, -90)),
    maxTraction: radius.map((_, s) => atAngle(s, 90)),
    samples,
  };
}

/** g, the envelope radius for a speed and acceleration direction (NaN without data). */
export function envelopeAt(env: GripEnvelope, speed: number, gLat: number, gLon: number): number {
  const nS = env.radius.length;
  const nA = Math.round(360 / env.angleBinWidth);
  let s = Math.floor(speed / env.speedBinWidth);
  if (s >= nS) s = nS - 1;
  if (s < 0) s = 0;
  let a = Math.floor(((Math.atan2(gLon, gLat) + Math.PI) * nA) / (2 * Math.PI));
  if (a >= nA) a = nA - 1;
  return env.radius[s]?.[a] ?? Number.NaN;
}

/** Mean grip utilisation (|g| / envelope, time-weighted) of a lap per corner phase. */
export type PhaseUtilisation = {
  readonly number: number;
  readonly braking: number | null;
  readonly mid: number | null;
  readonly exit: number | null;
};

export function phaseUtilisation(lap: ResampledLap, phases: readonly CornerPhases[], env: GripEnvelope): PhaseUtilisation[] {
  const { gLat, gLon, speed } = lap.channels;
  const cells = lap.grid.cells;
  const mean = (a: number, b: number): number | null => {
    if (gLat === undefined || gLon === undefined || speed === undefined || b <= a) return null;
    let num = 0;
    let den = 0;
    for (let k = a; k < b; k++) {
      const i = valueIndex(k, cells);
      const x = gLat[i]!;
      const y = gLon[i]!;
      const e = envelopeAt(env, speed[i]!, x, y);
      if (!(e > 0) || x !== x || y !== y) continue;
      const dt = timeBetween(lap.t, cells, k, k + 1);
      num += (Math.sqrt(x * x + y * y) / e) * dt;
      den += dt;
    }
    return den > 0 ? num / den : null;
  };
  return phases.map((p) => ({ number: p.number, braking: mean(p.brakingStart, p.turnIn), mid: mean(p.turnIn, p.apex), exit: mean(p.apex, p.exitEnd) }));
}

function median3(a: number, b: number, c: number): number {
  return a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** Fill NaN bins from the nearest trusted bins on either side (circular, linear in angle). */
function fillCircular(row: Float64Array): (number | null)[] {
  const n = row.length;
  const known: number[] = [];
  for (let i = 0; i < n; i++) if (row[i] === row[i]) known.push(i);
  if (known.length === 0) return Array.from({ length: n }, () => null);
  const out: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (row[i] === row[i]) {
      out[i] = row[i]!;
      continue;
    }
    let prev = known[known.length - 1]!;
    let next = known[0]!;
    for (const k of known) {
      if (k < i) prev = k;
      else {
        next = k;
        break;
      }
    }
    const gapPrev = (i - prev + n) % n;
    const gapNext = (next - i + n) % n;
    const total = gapPrev + gapNext;
    out[i] = total === 0 ? row[prev]! : row[prev]! + ((row[next]! - row[prev]!) * gapPrev) / total;
  }
  return out;
}
