/**
 * Track length from a normalized lap position. Some games send where the car is along the lap
 * as a fraction (Assetto Corsa's carPositionNormalized, 0 at the timing line, 1 back at it) but
 * no length in metres (AC sends none at all). The length follows from how far the car drives per
 * unit of progress: fit the driven path length s against the progress p, s ≈ a + L·p, by least
 * squares; then lap distance = p·L. Only samples at speed count (a car creeping out of the pit
 * box, or standing, adds position noise and no progress) and the fit runs over one unbroken
 * stretch per lap (the wrap at the line restarts it). The spline is the game's racing line, so
 * L is the racing-line length, a little shorter than the official centerline length.
 */

/** m/s, samples slower than this are left out of the fit (pit limiter speeds still count). */
export const PROGRESS_FIT_MIN_SPEED = 5;
/** The fit needs at least this share of a lap of progress to be worth anything. */
export const PROGRESS_FIT_MIN_SPAN = 0.5;

export type ProgressSamples = {
  /** 0..1, the game's normalized lap position per sample. */
  readonly progress: ArrayLike<number>;
  /** m, plan coordinates per sample (any horizontal plane). */
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** m/s per sample; optional (without it every moving sample counts). */
  readonly speed?: ArrayLike<number>;
};

export type ProgressLength = {
  /** m, estimated lap length (slope of driven metres over progress). */
  readonly length: number;
  /** m, root-mean-square residual of the fit (how straight the line s(p) is). */
  readonly rmsResidual: number;
  /** Share of a lap of progress the fit spans. */
  readonly span: number;
  readonly samples: number;
};

/**
 * Least-squares slope of driven path length over normalized progress, over every stretch of
 * samples at speed with progress moving forward (a backward step larger than half a lap is the
 * line: a new stretch begins). Returns undefined when the stretches span less than
 * PROGRESS_FIT_MIN_SPAN of a lap in total.
 */
export function lengthFromProgress(laps: readonly ProgressSamples[]): ProgressLength | undefined {
  // Σ over stretches of the centred sums, so each stretch has its own intercept.
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let count = 0;
  let span = 0;
  const stretch = { n: 0, sp: 0, ss: 0, spp: 0, sps: 0, sss: 0, p0: 0, p1: 0 };
  const close = (): void => {
    if (stretch.n >= 2) {
      const mp = stretch.sp / stretch.n;
      const ms = stretch.ss / stretch.n;
      sxx += stretch.spp - stretch.n * mp * mp;
      sxy += stretch.sps - stretch.n * mp * ms;
      syy += stretch.sss - stretch.n * ms * ms;
      count += stretch.n;
      span += stretch.p1 - stretch.p0;
    }
    stretch.n = stretch.sp = stretch.ss = stretch.spp = stretch.sps = stretch.sss = 0;
  };
  for (const lap of laps) {
    let s = 0;
    let px = Number.NaN;
    let py = Number.NaN;
    let prevP = Number.NaN;
    for (let i = 0; i < lap.progress.length; i++) {
      const p = lap.progress[i]!;
      const x = lap.x[i]!;
      const y = lap.y[i]!;
      if (!Number.isFinite(p) || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      const v = lap.speed?.[i];
      const moving = v === undefined || !Number.isFinite(v) ? true : v >= PROGRESS_FIT_MIN_SPEED;
      if (prevP === prevP && (p < prevP - 0.5 || !moving)) {
        close();
        s = 0;
      }
      if (px === px && moving) s += Math.hypot(x - px, y - py);
      px = x;
      py = y;
      prevP = p;
      if (!moving) continue;
      if (stretch.n === 0) stretch.p0 = p;
      stretch.p1 = p;
      stretch.n++;
      stretch.sp += p;
      stretch.ss += s;
      stretch.spp += p * p;
      stretch.sps += p * s;
      stretch.sss += s * s;
    }
    close();
  }
  if (!(sxx > 0) || span < PROGRESS_FIT_MIN_SPAN) return undefined;
  const length = sxy / sxx;
  if (!(length > 0)) return undefined;
  const residual = Math.max(0, syy - length * sxy);
  return { length, rmsResidual: Math.sqrt(residual / Math.max(1, count)), span, samples: count };
}
