/** Corner detection on a track model's curvature (|κ| hysteresis, merge, minimum turn). */

export type CornerDirection = 'L' | 'R';

/** A corner found in the curvature. Distances in m along the lap. */
export type DetectedCorner = {
  readonly direction: CornerDirection;
  /** m, where |κ| first exceeded the enter threshold (negative when the corner spans the line). */
  readonly entry: number;
  /** m, geometric apex: the middle of the region within 90 % of the peak |κ|, in [0, length). */
  readonly apex: number;
  /** m, where |κ| fell below the leave threshold (may exceed the length when spanning the line). */
  readonly exit: number;
  /** rad, total heading change, left > 0. */
  readonly turn: number;
  /** 1/m, curvature at the apex (left > 0). */
  readonly peakCurvature: number;
};

export type CornerDetectionOptions = {
  /** 1/m, |κ| that starts a corner. Default 1/300. */
  readonly enterCurvature?: number;
  /** 1/m, |κ| below which it ends (hysteresis). Default ⅔ of the enter value. */
  readonly leaveCurvature?: number;
  /** deg, minimum total heading change. Default 15. */
  readonly minTurnDeg?: number;
  /** m, minimum length between entry and exit. Default 8. */
  readonly minLengthM?: number;
  /** m, same-direction corners closer than this are one corner (double apex). Default 30. */
  readonly mergeGapM?: number;
};

/** The curvature profile of a closed loop: `curvature[k]` at k·step, k < curvature.length. */
export type CurvatureProfile = {
  readonly curvature: ArrayLike<number>;
  readonly step: number;
  readonly length: number;
};

type Run = { a: number; b: number; sign: number; turn: number; apex: number; peak: number };

/**
 * Corners from curvature, as prescribed in the research notes (§4.2): |κ| ≥ enter starts a
 * candidate which extends while |κ| ≥ leave with the same sign; same-sign candidates with a gap
 * under `mergeGapM` merge (double apex); opposite signs stay apart, so a chicane is two corners;
 * candidates turning less than `minTurnDeg` or shorter than `minLengthM` are dropped. The loop
 * is scanned from its straightest point so no corner is split at the array seam.
 * Returns corners sorted by apex distance.
 */
export function detectCorners(profile: CurvatureProfile, options: CornerDetectionOptions = {}): DetectedCorner[] {
  const kappa = profile.curvature;
  const n = kappa.length;
  const step = profile.step;
  const on = options.enterCurvature ?? 1 / 300;
  const off = options.leaveCurvature ?? (2 / 3) * on;
  const minTurn = ((options.minTurnDeg ?? 15) * Math.PI) / 180;
  const minLength = options.minLengthM ?? 8;
  const mergeGap = options.mergeGapM ?? 30;
  if (n < 3) return [];

  let rot = 0;
  for (let i = 1; i < n; i++) if (Math.abs(kappa[i]!) < Math.abs(kappa[rot]!)) rot = i;
  const at = (j: number): number => kappa[(rot + j) % n]!;

  let runs: Run[] = [];
  let j = 0;
  while (j < n) {
    const k = at(j);
    if (Math.abs(k) < on) {
      j++;
      continue;
    }
    const sign = Math.sign(k);
    const run: Run = { a: j, b: j, sign, turn: 0, apex: j, peak: 0 };
    while (j < n && at(j) * sign >= off) {
      const v = at(j);
      run.turn += v * step;
      if (Math.abs(v) > run.peak) {
        run.peak = Math.abs(v);
        run.apex = j;
      }
      j++;
    }
    run.b = j;
    runs.push(run);
  }

  runs = mergeRuns(runs, mergeGap / step);
  runs = runs.filter((r) => Math.abs(r.turn) >= minTurn && (r.b - r.a) * step >= minLength);
  runs = mergeRuns(runs, mergeGap / step);

  const corners = runs.map((r): DetectedCorner => {
    const apexIndex = (rot + plateauMiddle(r, at)) % n;
    const apex = apexIndex * step;
    const apexJ = plateauMiddle(r, at);
    return {
      direction: r.sign > 0 ? 'L' : 'R',
      entry: apex - (apexJ - r.a) * step,
      apex,
      exit: apex + (r.b - apexJ) * step,
      turn: r.turn,
      peakCurvature: r.sign * r.peak,
    };
  });
  return corners.sort((p, q) => p.apex - q.apex);
}

/** Share of the peak |κ| that still counts as the apex region. */
const PLATEAU_SHARE = 0.9;

/**
 * The apex: the middle of the stretch around the peak where |κ| stays within 90 % of it. On a
 * constant-radius arc that is the arc's middle, not whichever sample the noise made highest.
 */
function plateauMiddle(r: Run, at: (j: number) => number): number {
  const floor = PLATEAU_SHARE * r.peak;
  let lo = r.apex;
  let hi = r.apex;
  while (lo - 1 >= r.a && Math.abs(at(lo - 1)) >= floor) lo--;
  while (hi + 1 < r.b && Math.abs(at(hi + 1)) >= floor) hi++;
  return Math.round((lo + hi) / 2);
}

function mergeRuns(runs: readonly Run[], gapSamples: number): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.sign === r.sign && r.a - prev.b < gapSamples) {
      out[out.length - 1] = {
        a: prev.a,
        b: r.b,
        sign: r.sign,
        turn: prev.turn + r.turn,
        apex: r.peak > prev.peak ? r.apex : prev.apex,
        peak: Math.max(prev.peak, r.peak),
      };
    } else {
      out.push({ ...r });
    }
  }
  return out;
}
