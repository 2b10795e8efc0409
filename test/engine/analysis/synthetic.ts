/**
 * Test-only generators of laps with known answers: a speed profile v(s) on a closed line is
 * driven with constant acceleration between profile points (TUMFTM calc_t_profile's scheme),
 * then sampled at a fixed rate in session time. Everything is deterministic (seeded PRNG).
 */
import { readFileSync } from 'node:fs';
import type { Lap, LapCategory } from '../../../src/engine/model/lap.js';
import type { ChannelName } from '../../../src/engine/model/channels.js';
import type { Trace } from '../../../src/engine/model/trace.js';
import { G0 } from '../../../src/engine/analysis/track-model.js';
import { mulberry32 } from '../../helpers/prng.js';

/** Numeric rows of a CSV, skipping '#' comments and a header line. */
export function readCsv(path: string): number[][] {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#') && !/^[a-zA-Z_]/.test(l))
    .map((l) => l.split(',').map(Number));
}

export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(rand() + 1e-300)) * Math.cos(2 * Math.PI * rand());
}

/** A closed driving line: profile points at distances s (m) with speed v (m/s); optional plan positions and curvature. */
export type Profile = {
  readonly length: number;
  readonly s: readonly number[];
  readonly v: readonly number[];
  readonly x?: readonly number[];
  readonly y?: readonly number[];
  readonly kappa?: readonly number[];
};

/** s, time at each profile point from the line (constant acceleration per segment); index n = lap time. */
export function profileTimes(p: Profile): number[] {
  const n = p.s.length;
  const out = [0];
  for (let i = 0; i < n; i++) {
    const ds = (i + 1 < n ? p.s[i + 1]! : p.length) - p.s[i]!;
    const v0 = p.v[i]!;
    const v1 = p.v[(i + 1) % n]!;
    out.push(out[i]! + (2 * ds) / (v0 + v1));
  }
  return out;
}

/** Distance, speed and acceleration at time τ after the line (τ may exceed the lap: wraps). */
function stateAt(p: Profile, times: readonly number[], tau: number): { s: number; v: number; a: number; seg: number; f: number } {
  const n = p.s.length;
  const lapTime = times[n]!;
  let laps = Math.floor(tau / lapTime);
  let r = tau - laps * lapTime;
  if (r < 0) {
    r += lapTime;
    laps--;
  }
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= r) lo = mid;
    else hi = mid - 1;
  }
  const ds = (lo + 1 < n ? p.s[lo + 1]! : p.length) - p.s[lo]!;
  const v0 = p.v[lo]!;
  const v1 = p.v[(lo + 1) % n]!;
  const a = (v1 * v1 - v0 * v0) / (2 * ds);
  const dt = r - times[lo]!;
  const d = v0 * dt + 0.5 * a * dt * dt;
  return { s: laps * p.length + p.s[lo]! + d, v: v0 + a * dt, a, seg: lo, f: ds > 0 ? d / ds : 0 };
}

export type SampledLapOptions = {
  readonly number?: number;
  /** Session time of this lap's line crossing. */
  readonly startT?: number;
  readonly hz?: number;
  /** s, phase of the first sample after the crossing (0..1/hz). */
  readonly phase?: number;
  readonly category?: LapCategory;
  readonly valid?: boolean;
  /** Add plan positions (posX, posZ = x, y; posY = 0) when the profile has x/y. */
  readonly positions?: boolean;
  /** Mirror the plan (posZ = −y) to test handedness detection. */
  readonly mirror?: boolean;
  /** m, σ of Gaussian noise added to positions. */
  readonly positionNoise?: number;
  /** m, smooth lateral offset function of s (positive to the left of travel). */
  readonly lateral?: (s: number) => number;
  readonly seed?: number;
  /** Channel values to impose at lap distance s (planted events), applied after the derived ones. */
  readonly overrides?: (s: number) => Partial<Record<ChannelName, number>>;
};

/**
 * One lap sampled at `hz` in session time: distance from the line, speed, pedals derived from
 * the acceleration (throttle 1 when accelerating, brake ∝ deceleration), steer and lateral g
 * from curvature (both positive to the right), longitudinal g, plan positions.
 */
export function sampleLap(p: Profile, options: SampledLapOptions = {}): { lap: Lap; trace: Trace } {
  const hz = options.hz ?? 60;
  const startT = options.startT ?? 100;
  const times = profileTimes(p);
  const lapTime = times[p.s.length]!;
  const phase = options.phase ?? 0.37 / hz;
  const rows: { t: number; s: number; v: number; a: number; seg: number; f: number }[] = [];
  for (let tau = phase; tau < lapTime; tau += 1 / hz) rows.push({ t: startT + tau, ...stateAt(p, times, tau) });
  const n = rows.length;
  const col = (): Float32Array => new Float32Array(n);
  const channels: Partial<Record<ChannelName, Float32Array>> = { speed: col(), throttle: col(), brake: col(), gLon: col() };
  const distance = new Float64Array(n);
  const t = new Float64Array(n);
  const hasK = p.kappa !== undefined;
  if (hasK) {
    channels.steer = col();
    channels.gLat = col();
  }
  const withPos = options.positions === true && p.x !== undefined && p.y !== undefined;
  if (withPos) {
    channels.posX = col();
    channels.posY = col();
    channels.posZ = col();
  }
  const noise = gaussian(mulberry32(options.seed ?? 1));
  const ps = p.s.length;
  rows.forEach((r, i) => {
    t[i] = r.t;
    distance[i] = r.s;
    channels.speed![i] = r.v;
    channels.throttle![i] = r.a > 0.05 ? 1 : r.a < -0.5 ? 0 : 0.3;
    channels.brake![i] = r.a < -0.5 ? Math.min(1, -r.a / 12) : 0;
    channels.gLon![i] = r.a / G0;
    const j = (r.seg + 1) % ps;
    if (hasK) {
      const k = p.kappa![r.seg]! + r.f * (p.kappa![j]! - p.kappa![r.seg]!);
      channels.steer![i] = Math.max(-1, Math.min(1, -k * 40));
      channels.gLat![i] = (-r.v * r.v * k) / G0;
    }
    if (withPos) {
      let x = p.x![r.seg]! + r.f * (p.x![j]! - p.x![r.seg]!);
      let y = p.y![r.seg]! + r.f * (p.y![j]! - p.y![r.seg]!);
      if (options.lateral !== undefined) {
        const hx = p.x![j]! - p.x![r.seg]!;
        const hy = p.y![j]! - p.y![r.seg]!;
        const h = Math.hypot(hx, hy) || 1;
        const off = options.lateral(r.s);
        x += (-hy / h) * off;
        y += (hx / h) * off;
      }
      const sigma = options.positionNoise ?? 0;
      channels.posX![i] = x + sigma * noise();
      channels.posZ![i] = (options.mirror === true ? -1 : 1) * (y + sigma * noise());
      channels.posY![i] = 0;
    }
    if (options.overrides !== undefined) {
      for (const [name, value] of Object.entries(options.overrides(r.s)) as [ChannelName, number][]) {
        const c = (channels[name] ??= col());
        c[i] = value;
      }
    }
  });
  const lap: Lap = {
    number: options.number ?? 1,
    time: lapTime,
    timeSource: 'interpolated',
    valid: options.valid ?? true,
    category: options.category ?? 'flying',
    sectors: [],
    startT,
    endT: startT + lapTime,
  };
  return { lap, trace: { length: n, t, distance, channels } };
}

/** A TUMFTM QSS profile (shared/reference-data/tumftm-derived-qss-velocity-profiles) as a Profile. */
export function qssProfile(path: string): Profile {
  const rows = readCsv(path);
  const last = rows[rows.length - 1]!;
  return {
    length: last[0]! + last[4]!,
    s: rows.map((r) => r[0]!),
    x: rows.map((r) => r[1]!),
    y: rows.map((r) => r[2]!),
    kappa: rows.map((r) => r[3]!),
    v: rows.map((r) => r[5]!),
  };
}

/** Scale the speed by `factor` over [from, to] m with 30 m cosine ramps (a planted slow corner). */
export function slowDown(p: Profile, from: number, to: number, factor: number): Profile {
  const ramp = 30;
  const v = p.v.map((v0, i) => {
    const s = p.s[i]!;
    let w = 0;
    if (s >= from && s <= to) w = 1;
    else if (s > from - ramp && s < from) w = 0.5 - 0.5 * Math.cos((Math.PI * (s - from + ramp)) / ramp);
    else if (s > to && s < to + ramp) w = 0.5 + 0.5 * Math.cos((Math.PI * (s - to)) / ramp);
    return v0 * (1 - (1 - factor) * w);
  });
  return { ...p, v };
}
