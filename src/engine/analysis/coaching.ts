import type { CornerMetrics } from './corner-metrics.js';
import type { LossAttribution } from './loss.js';

/** One measured difference behind a tip, SI units, lap minus reference. */
export type TipFact = {
  readonly kind: 'brakePoint' | 'turnIn' | 'minSpeed' | 'entrySpeed' | 'exitSpeed' | 'throttlePickup' | 'fullThrottle' | 'coasting';
  /** m for positions (negative = earlier), m/s for speeds (negative = slower), s for coasting (positive = longer). */
  readonly diff: number;
};

/** A coaching tip: where time went and the numbers that explain it. Times s. */
export type Tip = {
  readonly corner: number;
  /** s lost at this corner (its braking, mid and exit phases, plus the following straight when the exit was slower). */
  readonly loss: number;
  /** The phase that lost the most. */
  readonly phase: 'braking' | 'mid' | 'exit';
  readonly facts: readonly TipFact[];
};

export type UnitSystem = 'metric' | 'imperial';

export type TipOptions = {
  /** Most tips to return. Default 3. */
  readonly maxTips?: number;
  /** s, smaller losses are not worth a tip. Default 0.05. */
  readonly minLoss?: number;
};

/** Smallest difference worth saying, per fact kind (SI). */
const THRESHOLD: Record<TipFact['kind'], number> = {
  brakePoint: 5,
  turnIn: 8,
  minSpeed: 2 / 3.6,
  entrySpeed: 3 / 3.6,
  exitSpeed: 3 / 3.6,
  throttlePickup: 10,
  fullThrottle: 15,
  coasting: 0.1,
};

/** Per phase, the facts that explain it, the driver's action (cause) before its effect. */
const PHASE_FACTS: Record<Tip['phase'], readonly TipFact['kind'][]> = {
  braking: ['brakePoint', 'coasting', 'entrySpeed', 'turnIn'],
  mid: ['minSpeed', 'turnIn', 'coasting'],
  exit: ['throttlePickup', 'fullThrottle', 'exitSpeed', 'minSpeed'],
};

/**
 * The largest losses of a lap as tips. A straight's loss is charged to the corner before it when
 * that corner's exit speed was lower (a slow exit costs time all down the next straight).
 * Each tip keeps at most two facts: those of its worst phase first (cause before effect: the
 * brake point before the entry speed), then the largest of the rest against their thresholds.
 */
export function coachingTips(loss: LossAttribution, lap: readonly CornerMetrics[], reference: readonly CornerMetrics[], options: TipOptions = {}): Tip[] {
  const maxTips = options.maxTips ?? 3;
  const minLoss = options.minLoss ?? 0.05;
  const byNumber = (list: readonly CornerMetrics[], n: number): CornerMetrics | undefined => list.find((c) => c.number === n);
  const tips: Tip[] = [];
  for (const c of loss.corners) {
    const mine = byNumber(lap, c.number);
    const ref = byNumber(reference, c.number);
    if (mine === undefined || ref === undefined) continue;
    const straight = loss.straights.find((s) => s.after === c.number);
    const carry = straight !== undefined && straight.loss > 0 && mine.exitSpeed !== null && ref.exitSpeed !== null && mine.exitSpeed < ref.exitSpeed - THRESHOLD.exitSpeed ? straight.loss : 0;
    const total = c.total + carry;
    if (!(total >= minLoss)) continue;
    const phases: [Tip['phase'], number][] = [['braking', c.braking], ['mid', c.mid], ['exit', c.exit + carry]];
    phases.sort((a, b) => b[1] - a[1]);
    const phase = phases[0]![0];
    tips.push({ corner: c.number, loss: total, phase, facts: pickFacts(mine, ref, phase) });
  }
  tips.sort((a, b) => b.loss - a.loss || a.corner - b.corner);
  return tips.slice(0, maxTips);
}

function pickFacts(mine: CornerMetrics, ref: CornerMetrics, phase: Tip['phase']): TipFact[] {
  const diff = (a: number | null, b: number | null): number | undefined => (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) ? undefined : a - b);
  const all: TipFact[] = [];
  const add = (kind: TipFact['kind'], d: number | undefined): void => {
    if (d !== undefined && Math.abs(d) >= THRESHOLD[kind]) all.push({ kind, diff: d });
  };
  add('brakePoint', diff(mine.brakePoint, ref.brakePoint));
  add('turnIn', diff(mine.turnIn, ref.turnIn));
  add('minSpeed', diff(mine.minSpeed, ref.minSpeed));
  add('entrySpeed', diff(mine.entrySpeed, ref.entrySpeed));
  add('exitSpeed', diff(mine.exitSpeed, ref.exitSpeed));
  add('throttlePickup', diff(mine.throttlePickup, ref.throttlePickup));
  add('fullThrottle', diff(mine.fullThrottle, ref.fullThrottle));
  add('coasting', diff(mine.coastingTime, ref.coastingTime));
  const preferred = PHASE_FACTS[phase];
  // The worst phase's facts in their listed order, then the rest by size against their thresholds.
  const score = (f: TipFact): number => {
    const at = preferred.indexOf(f.kind);
    return (at >= 0 ? (preferred.length - at) * 1e6 : 0) + Math.abs(f.diff) / THRESHOLD[f.kind];
  };
  return all.sort((a, b) => score(b) - score(a)).slice(0, 2);
}

/**
 * One line of plain language: "T4: braked 18 m earlier than your best, apex 6 km/h slower: 0.21 s".
 * Numbers in the tip are SI; this is the only place they become km/h or mph, m or ft.
 */
export function formatTip(tip: Tip, units: UnitSystem = 'metric', referenceLabel = 'your best'): string {
  const parts = tip.facts.map((f, i) => phrase(f, units) + (i === 0 ? ` than ${referenceLabel}` : ''));
  const what = parts.length > 0 ? parts.join(', ') : `time lost ${PHASE_WORDS[tip.phase]}`;
  return `T${tip.corner}: ${what}: ${tip.loss.toFixed(2)} s`;
}

const PHASE_WORDS: Record<Tip['phase'], string> = { braking: 'under braking', mid: 'in mid-corner', exit: 'on the exit' };

function phrase(f: TipFact, units: UnitSystem): string {
  const dist = (m: number): string => (units === 'imperial' ? `${Math.round(Math.abs(m) * 3.28084)} ft` : `${Math.round(Math.abs(m))} m`);
  const spd = (v: number): string => (units === 'imperial' ? `${Math.round(Math.abs(v) * 2.236936)} mph` : `${Math.round(Math.abs(v) * 3.6)} km/h`);
  const earlyLate = f.diff < 0 ? 'earlier' : 'later';
  const slowFast = f.diff < 0 ? 'slower' : 'faster';
  switch (f.kind) {
    case 'brakePoint':
      return `braked ${dist(f.diff)} ${earlyLate}`;
    case 'turnIn':
      return `turned in ${dist(f.diff)} ${earlyLate}`;
    case 'minSpeed':
      return `apex ${spd(f.diff)} ${slowFast}`;
    case 'entrySpeed':
      return `entry ${spd(f.diff)} ${slowFast}`;
    case 'exitSpeed':
      return `exit ${spd(f.diff)} ${slowFast}`;
    case 'throttlePickup':
      return `throttle ${dist(f.diff)} ${earlyLate}`;
    case 'fullThrottle':
      return `full throttle ${dist(f.diff)} ${earlyLate}`;
    case 'coasting':
      return `coasted ${Math.abs(f.diff).toFixed(1)} s ${f.diff > 0 ? 'longer' : 'less'}`;
  }
}
