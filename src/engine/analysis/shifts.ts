import type { Trace } from '../model/trace.js';
import { median, quantileSorted } from './stats.js';
import { scratchF64, scratchI32 } from './scratch.js';
import { NormalEquations } from './solve.js';

/** Upshift advice for one gear (gear → gear + 1). Speeds m/s, time s. */
export type GearShift = {
  readonly gear: number;
  /** rpm at which to shift up; null when there is not enough data. */
  readonly optimalRpm: number | null;
  readonly optimalSpeed: number | null;
  /** rpm in the next gear right after the optimal shift. */
  readonly rpmAfter: number | null;
  /**
   * 'crossover': the acceleration curves cross inside the observed rpm band;
   * 'extrapolated': they cross where the next gear's rpm is below any observed (torque shape
   *   extrapolated linearly, less certain);
   * 'limiter': this gear pulls harder up to the highest rpm seen, so shift at the limiter;
   * 'insufficient': a gear has too little full-throttle data;
   * 'implausible': the curves cross below every rpm driven in this gear at full throttle, where
   *   both gears' torque is extrapolated: no advice is given rather than absurd advice.
   */
  readonly basis: 'crossover' | 'extrapolated' | 'limiter' | 'insufficient' | 'implausible';
  /** Upshifts actually made at full throttle in this gear: count, median rpm and total time lost vs optimum. */
  readonly shifts: number;
  readonly medianShiftRpm: number | null;
  readonly timeLost: number;
};

/** One upshift made in the session and what it cost. */
export type ShiftEvent = {
  /** Index of the trace (lap) in the input and the session time of the change. */
  readonly trace: number;
  readonly t: number;
  readonly fromGear: number;
  readonly rpm: number;
  readonly speed: number;
  /** s lost against shifting at the optimum (0 when the optimum is unknown). */
  readonly timeLost: number;
  /** 'early' / 'late' relative to the optimum, or 'ok' within 100 rpm. */
  readonly verdict: 'early' | 'late' | 'ok' | 'unknown';
};

export type ShiftAnalysis = {
  readonly gears: readonly GearShift[];
  /** rpm per m/s for each gear, index = gear (0 unused). */
  readonly ratios: readonly (number | null)[];
  /** rpm, highest rpm seen at full throttle (≈ the limiter when the driver reaches it). */
  readonly maxRpm: number;
  /** Drag model fitted with the torque curve: deceleration = d0 + d2·v², m/s² and 1/m. */
  readonly drag: { readonly d0: number; readonly d2: number };
  readonly events: readonly ShiftEvent[];
};

const FULL_THROTTLE = 0.98;
/** s kept clear of each gear change (the shift's torque cut and the driveline shunt). */
const AFTER_CHANGE_S = 0.15;
const BEFORE_CHANGE_S = 0.08;
/** rpm, the torque shape is extended this far below the lowest observed rpm (linear extrapolation by the smoothness term). */
const EXTRAPOLATE_RPM = 1500;
const MAX_LAT_G = 0.3;
const MIN_SPEED = 5;
const RPM_BIN = 100;
const SLOPE_HALF_WINDOW = 3;
const MIN_SAMPLES_PER_GEAR = 20;
/** Samples per gear used for the ratio's median (the ratio barely varies; sorting 50,000 would not help). */
const RATIO_SAMPLES = 2000;

/**
 * Shift points from full-throttle acceleration. In each gear the measured acceleration is
 * a_g(v) = τ(v·r_g)·r_g − d0 − d2·v², with r_g = rpm/v the gear's ratio, τ the engine's
 * torque shape on a shared rpm axis and d0 + d2·v² the resistance (the same in every gear at
 * one speed). One linear least-squares fit over all gears gives τ and the drag, which lets the
 * curves of adjacent gears be compared where the driver never drove both (he always shifts at
 * about the same rpm). The best upshift is the lowest speed at which the next gear pulls at
 * least as hard — drag cancels there — or the limiter when it never does (Messersmith).
 * Samples: throttle ≥ 98 %, no brake, |gLat| < 0.3 g, gear held ≥ 0.3 s either side;
 * acceleration is the slope of speed over ±3 samples (speed is cleaner than accelerometers).
 */
export function analyzeShifts(traces: readonly Trace[]): ShiftAnalysis | undefined {
  let capacity = 0;
  for (const tr of traces) capacity += tr.length;
  const obs: Observations = { gear: scratchI32('shifts.gear', capacity), rpm: scratchF64('shifts.rpm', capacity), v: scratchF64('shifts.v', capacity), a: scratchF64('shifts.a', capacity), count: 0 };
  for (const tr of traces) collect(tr, obs);
  const count = obs.count;
  let maxGear = 0;
  let maxRpm = 0;
  const perGear = new Int32Array(128);
  const lowestRpm = new Float64Array(128).fill(Infinity);
  for (let i = 0; i < count; i++) {
    const g = obs.gear[i]!;
    maxGear = Math.max(maxGear, g);
    maxRpm = Math.max(maxRpm, obs.rpm[i]!);
    perGear[g]!++;
    lowestRpm[g] = Math.min(lowestRpm[g]!, obs.rpm[i]!);
  }
  // Gear ratio (rpm per m/s): the median of rpm/v over (an even subsample of) the gear's samples.
  const ratios: (number | null)[] = new Array<number | null>(maxGear + 1).fill(null);
  const stride = new Int32Array(maxGear + 1);
  const lists: Float64Array[] = [];
  const filled = new Int32Array(maxGear + 1);
  const seen = new Int32Array(maxGear + 1);
  for (let g = 0; g <= maxGear; g++) {
    stride[g] = Math.max(1, Math.floor(perGear[g]! / RATIO_SAMPLES));
    lists.push(new Float64Array(Math.ceil(perGear[g]! / stride[g]!)));
  }
  for (let i = 0; i < count; i++) {
    const g = obs.gear[i]!;
    if (seen[g]!++ % stride[g]! === 0 && filled[g]! < lists[g]!.length) lists[g]![filled[g]!++] = obs.rpm[i]! / obs.v[i]!;
  }
  for (let g = 1; g <= maxGear; g++) {
    if (perGear[g]! >= MIN_SAMPLES_PER_GEAR) ratios[g] = quantileSorted(lists[g]!.subarray(0, filled[g]!).sort(), 0.5);
  }
  const gearsSeen: number[] = [];
  for (let g = 1; g <= maxGear; g++) if (ratios[g] !== null) gearsSeen.push(g);
  if (gearsSeen.length < 2) return undefined;

  // Bin per gear and rpm bin: mean a and mean v² (the regression inputs).
  let rpmMin = Infinity;
  for (let i = 0; i < count; i++) if (ratios[obs.gear[i]!] !== null) rpmMin = Math.min(rpmMin, obs.rpm[i]!);
  const b0 = Math.floor((rpmMin - EXTRAPOLATE_RPM) / RPM_BIN);
  const nb = Math.floor(maxRpm / RPM_BIN) - b0 + 1;
  const sumA = new Float64Array((maxGear + 1) * nb);
  const sumV2 = new Float64Array((maxGear + 1) * nb);
  const n = new Int32Array((maxGear + 1) * nb);
  for (let i = 0; i < count; i++) {
    const g = obs.gear[i]!;
    if (ratios[g] === null) continue;
    const cell = g * nb + Math.floor(obs.rpm[i]! / RPM_BIN) - b0;
    sumA[cell] = sumA[cell]! + obs.a[i]!;
    sumV2[cell] = sumV2[cell]! + obs.v[i]! * obs.v[i]!;
    n[cell] = n[cell]! + 1;
  }
  // Normal equations of the sparse rows (three non-zeros each), accumulated directly.
  const normal = new NormalEquations(nb + 2);
  for (const g of gearsSeen) {
    for (let bin = 0; bin < nb; bin++) {
      const cell = g * nb + bin;
      const c = n[cell]!;
      if (c < 2) continue;
      normal.add([bin, nb, nb + 1], [ratios[g]!, -1, -(sumV2[cell]! / c)], sumA[cell]! / c, Math.sqrt(c));
    }
  }
  // Smoothness of τ (second differences) fills bins no gear covered and damps noise.
  const meanRatio = median(gearsSeen.map((g) => ratios[g]!));
  const smooth = 0.5 * meanRatio;
  for (let b = 1; b + 1 < nb; b++) normal.add([b - 1, b, b + 1], [smooth, -2 * smooth, smooth], 0, 1);
  const sol = normal.solve();
  if (sol === undefined) return undefined;
  const tau = sol.slice(0, nb);
  const d0 = sol[nb]!;
  const d2 = sol[nb + 1]!;
  const tauAt = (rpm: number): number => {
    const x = rpm / RPM_BIN - b0 - 0.5;
    if (x <= 0) return tau[0]!;
    if (x >= nb - 1) return tau[nb - 1]!;
    const i = Math.floor(x);
    return tau[i]! + (x - i) * (tau[i + 1]! - tau[i]!);
  };
  const accel = (gear: number, v: number): number => tauAt(v * ratios[gear]!) * ratios[gear]! - d0 - d2 * v * v;
  const observedLow = rpmMin;
  const extendedLow = (b0 + 0.5) * RPM_BIN;
  const gears: GearShift[] = [];
  const optimum = new Map<number, number>();
  for (const g of gearsSeen) {
    const rg = ratios[g]!;
    const rn = ratios[g + 1];
    if (rn == null) continue;
    const vLo = extendedLow / rn;
    const vHi = maxRpm / rg;
    let found: number | undefined;
    if (vHi > vLo) {
      const dv = 0.05;
      let prev = accel(g, vLo) - accel(g + 1, vLo);
      if (prev <= 0) found = vLo;
      for (let v = vLo + dv; found === undefined && v <= vHi; v += dv) {
        const diff = accel(g, v) - accel(g + 1, v);
        if (diff <= 0) found = v - dv + (dv * prev) / (prev - diff);
        prev = diff;
      }
    }
    const fitted: GearShift['basis'] =
      vHi <= vLo || (found !== undefined && found <= vLo) ? 'insufficient' : found === undefined ? 'limiter' : found * rn < observedLow ? 'extrapolated' : 'crossover';
    // A crossover below every rpm driven in this gear at full throttle rests on nothing but the
    // torque shape's extrapolation in both gears. GT6's MoTeC log put all four there (about
    // 2,200 rpm, 20-50 km/h, pricing one 2→3 shift at 31.8 s): no advice beats absurd advice.
    const credible = found === undefined || found * rg >= lowestRpm[g]!;
    const basis: GearShift['basis'] = fitted !== 'insufficient' && !credible ? 'implausible' : fitted;
    const vOpt = basis === 'insufficient' || basis === 'implausible' ? undefined : found ?? vHi;
    if (vOpt !== undefined) optimum.set(g, vOpt);
    gears.push({
      gear: g,
      optimalRpm: vOpt === undefined ? null : vOpt * rg,
      optimalSpeed: vOpt ?? null,
      rpmAfter: vOpt === undefined ? null : vOpt * rn,
      basis,
      shifts: 0,
      medianShiftRpm: null,
      timeLost: 0,
    });
  }

  const events: ShiftEvent[] = [];
  traces.forEach((tr, ti) => {
    for (const e of upshifts(tr)) {
      const vOpt = optimum.get(e.fromGear);
      const rg = ratios[e.fromGear];
      let timeLost = 0;
      let verdict: ShiftEvent['verdict'] = 'unknown';
      if (vOpt !== undefined && rg != null && ratios[e.fromGear + 1] != null) {
        timeLost = shiftCost(accel, e.fromGear, e.speed, vOpt);
        const drpm = e.rpm - vOpt * rg;
        verdict = Math.abs(drpm) <= 100 ? 'ok' : drpm < 0 ? 'early' : 'late';
      }
      events.push({ trace: ti, t: e.t, fromGear: e.fromGear, rpm: e.rpm, speed: e.speed, timeLost, verdict });
    }
  });
  const withEvents = gears.map((g) => {
    const mine = events.filter((e) => e.fromGear === g.gear);
    if (mine.length === 0) return g;
    return { ...g, shifts: mine.length, medianShiftRpm: median(mine.map((e) => e.rpm)), timeLost: mine.reduce((s, e) => s + e.timeLost, 0) };
  });
  return { gears: withEvents, ratios, maxRpm, drag: { d0, d2 }, events };
}

/**
 * s lost by shifting g → g+1 at speed vs instead of vOpt: over the speeds in between the car was
 * in the weaker gear, costing ∫ (1/a_weaker − 1/a_stronger) dv.
 */
function shiftCost(accel: (gear: number, v: number) => number, g: number, vs: number, vOpt: number): number {
  const lo = Math.min(vs, vOpt);
  const hi = Math.max(vs, vOpt);
  if (hi - lo < 1e-6) return 0;
  const steps = Math.max(8, Math.ceil((hi - lo) / 0.05));
  const dv = (hi - lo) / steps;
  let cost = 0;
  for (let i = 0; i < steps; i++) {
    const v = lo + (i + 0.5) * dv;
    const used = accel(vs > vOpt ? g : g + 1, v);
    const best = accel(vs > vOpt ? g + 1 : g, v);
    if (used > 0.05 && best > 0.05) cost += (1 / used - 1 / best) * dv;
  }
  return Math.max(0, cost);
}

/** Selected samples, columnar and preallocated (no per-sample objects). */
type Observations = { gear: Int32Array; rpm: Float64Array; v: Float64Array; a: Float64Array; count: number };

function collect(tr: Trace, obs: Observations): void {
  const { speed, rpm, gear, throttle, brake, gLat, clutch } = tr.channels;
  if (speed === undefined || rpm === undefined || gear === undefined || throttle === undefined) return;
  const n = tr.length;
  const t = tr.t;
  // Time since the previous and until the next gear change, per sample.
  const since = scratchF64('shifts.since', n);
  const until = scratchF64('shifts.until', n);
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    if (i > 0 && gear[i] !== gear[i - 1]) last = t[i]!;
    since[i] = t[i]! - last;
  }
  let next = Infinity;
  for (let i = n - 1; i >= 0; i--) {
    until[i] = next - t[i]!;
    if (i > 0 && gear[i] !== gear[i - 1]) next = t[i]!;
  }
  const w = 2 * SLOPE_HALF_WINDOW + 1;
  for (let i = SLOPE_HALF_WINDOW; i + SLOPE_HALF_WINDOW < n; i++) {
    const g = gear[i]!;
    if (!(g >= 1) || since[i]! < AFTER_CHANGE_S || until[i]! < BEFORE_CHANGE_S) continue;
    if (!(throttle[i]! >= FULL_THROTTLE)) continue;
    if (brake !== undefined && brake[i]! > 0.02) continue;
    if (clutch !== undefined && clutch[i]! > 0.1) continue;
    if (gLat !== undefined && Math.abs(gLat[i]!) > MAX_LAT_G) continue;
    const v = speed[i]!;
    const r = rpm[i]!;
    if (!(v > MIN_SPEED) || !(r > 0)) continue;
    // Least-squares slope of v over t in the window (times relative to t[i] for precision).
    const ti = t[i]!;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let j = i - SLOPE_HALF_WINDOW; j <= i + SLOPE_HALF_WINDOW; j++) {
      const x = t[j]! - ti;
      const y = speed[j]!;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    const den = w * sxx - sx * sx;
    const num = w * sxy - sx * sy;
    if (!(den > 0) || num !== num) continue;
    const c = obs.count++;
    obs.gear[c] = g;
    obs.rpm[c] = r;
    obs.v[c] = v;
    obs.a[c] = num / den;
  }
}

/**
 * s, longest run of neutral (gear 0) still read as one gear change: an H-pattern box passes
 * through neutral on every shift (iRacing's Formula Vee reads 0 for ~33 ms), a longer one is a
 * coast in neutral, not a shift.
 */
const MAX_NEUTRAL_S = 0.5;

/**
 * Upshifts by one gear made with the throttle down: rpm and speed on the last sample in the old
 * gear, t at the first sample in the new one. A brief pass through neutral between the two
 * gears (a → 0 → a+1) is one upshift.
 */
function upshifts(tr: Trace): { t: number; fromGear: number; rpm: number; speed: number }[] {
  const { speed, rpm, gear, throttle } = tr.channels;
  const out: { t: number; fromGear: number; rpm: number; speed: number }[] = [];
  if (speed === undefined || rpm === undefined || gear === undefined || throttle === undefined) return out;
  for (let i = 1; i < tr.length; i++) {
    const a = gear[i - 1]!;
    if (!(a >= 1) || gear[i] === a) continue;
    let k = i;
    while (k < tr.length && gear[k] === 0 && tr.t[k]! - tr.t[i - 1]! <= MAX_NEUTRAL_S) k++;
    if (k >= tr.length || gear[k] !== a + 1) continue;
    // The throttle must have been down just before the change (not a lift-and-shift while cruising).
    let full = false;
    for (let j = i - 1; j >= 0 && tr.t[i - 1]! - tr.t[j]! <= 0.1; j--) if (throttle[j]! >= 0.9) full = true;
    if (!full) continue;
    out.push({ t: tr.t[k]!, fromGear: a, rpm: rpm[i - 1]!, speed: speed[i - 1]! });
  }
  return out;
}
