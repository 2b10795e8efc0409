import type { CornerPhases } from './phases.js';

/** One piece of the lap in the loss attribution. Distances in m, loss in s (> 0 = time lost). */
export type LossSegment = {
  readonly kind: 'braking' | 'mid' | 'exit' | 'straight';
  /** The corner for braking/mid/exit; for a straight, the corner before it (null before the first). */
  readonly corner: number | null;
  /** For a straight, the corner after it (null after the last). */
  readonly nextCorner: number | null;
  readonly start: number;
  readonly end: number;
  readonly loss: number;
};

export type CornerLoss = {
  readonly number: number;
  readonly braking: number;
  readonly mid: number;
  readonly exit: number;
  /** braking + mid + exit. */
  readonly total: number;
};

export type LossAttribution = {
  /** s, lap time minus reference lap time (as quantised, the sum of all segment losses). */
  readonly total: number;
  readonly segments: readonly LossSegment[];
  readonly corners: readonly CornerLoss[];
  /** Straight losses; the one over the line joins the piece after the last corner and before the first. */
  readonly straights: readonly { readonly after: number | null; readonly before: number | null; readonly loss: number }[];
};

/**
 * Loss quantum, s: 2⁻³⁰ ≈ 0.93 ns. Every loss is a multiple of it, so sums of up to ~2²² s are
 * exact in binary floating point whatever the order of addition: the losses add up to `total`
 * exactly, not just to rounding error.
 */
const QUANTUM = 2 ** -30;
// (+ 0 turns −0 into 0, so the JSON form equals the object.)
const quantise = (v: number): number => Math.round(v / QUANTUM) * QUANTUM + 0;

/**
 * Time lost per corner phase and straight: loss = δ(end) − δ(start) on the reference's phase
 * points, which telescopes to δ(L) − δ(0) = the lap-time difference. The losses are quantised
 * and the rounding residual (a few ns at most) is given to the segment with the largest |loss|
 * (first one on a tie), so Σ losses = total exactly and deterministically.
 * `delta` is δ on the lap's grid (deltaCurve), `phases` from cornerPhases on the same grid.
 */
export function attributeLoss(delta: ArrayLike<number>, phases: readonly CornerPhases[], step: number): LossAttribution {
  const cells = delta.length - 1;
  const cuts: { at: number; kind: LossSegment['kind']; corner: number | null; next: number | null }[] = [];
  // Each cut starts a segment that runs to the next cut; the first straight starts at 0.
  const firstCorner = phases[0]?.number ?? null;
  cuts.push({ at: 0, kind: 'straight', corner: phases.length > 0 ? phases[phases.length - 1]!.number : null, next: firstCorner });
  phases.forEach((p, i) => {
    const next = phases[i + 1]?.number ?? firstCorner;
    cuts.push({ at: p.brakingStart, kind: 'braking', corner: p.number, next: null });
    cuts.push({ at: p.turnIn, kind: 'mid', corner: p.number, next: null });
    cuts.push({ at: p.apex, kind: 'exit', corner: p.number, next: null });
    cuts.push({ at: p.exitEnd, kind: 'straight', corner: p.number, next });
  });

  const raw: LossSegment[] = [];
  for (let i = 0; i < cuts.length; i++) {
    const c = cuts[i]!;
    const end = i + 1 < cuts.length ? cuts[i + 1]!.at : cells;
    raw.push({ kind: c.kind, corner: c.corner, nextCorner: c.next, start: c.at * step, end: end * step, loss: quantise(delta[end]! - delta[c.at]!) });
  }
  const total = quantise(delta[cells]! - delta[0]!);
  let sum = 0;
  let largest = 0;
  for (let i = 0; i < raw.length; i++) {
    sum += raw[i]!.loss;
    if (Math.abs(raw[i]!.loss) > Math.abs(raw[largest]!.loss)) largest = i;
  }
  const residual = total - sum;
  const segments = raw.map((s, i) => (i === largest && raw.length > 0 ? { ...s, loss: s.loss + residual } : s));

  const corners: CornerLoss[] = phases.map((p) => {
    const of = (kind: LossSegment['kind']): number => segments.find((s) => s.kind === kind && s.corner === p.number)?.loss ?? 0;
    const braking = of('braking');
    const mid = of('mid');
    const exit = of('exit');
    return { number: p.number, braking, mid, exit, total: braking + mid + exit };
  });
  const straights: { after: number | null; before: number | null; loss: number }[] = [];
  const wrapStraight = segments[0];
  for (const s of segments) {
    if (s.kind !== 'straight' || s === wrapStraight) continue;
    const isLast = s.corner === phases[phases.length - 1]?.number;
    straights.push({ after: s.corner, before: s.nextCorner, loss: isLast && wrapStraight !== undefined ? s.loss + wrapStraight.loss : s.loss });
  }
  if (phases.length === 0 && wrapStraight !== undefined) straights.push({ after: null, before: null, loss: wrapStraight.loss });
  return { total, segments, corners, straights };
}
