const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One row of block characters for values between `min` and `max` (defaults: the data's own
 * range). A gap (NaN / null) is a space. One cell per value: downsample first (see series.ts).
 *
 *   renderSparkline([0, 0.5, 1], 0, 1) → "▁▅█"
 */
export function renderSparkline(values: readonly (number | null)[], min?: number, max?: number): string {
  let lo = min ?? Infinity;
  let hi = max ?? -Infinity;
  if (min === undefined || max === undefined) {
    for (const v of values) {
      if (v === null || !Number.isFinite(v)) continue;
      if (min === undefined && v < lo) lo = v;
      if (max === undefined && v > hi) hi = v;
    }
  }
  const span = hi - lo;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      if (!(span > 0)) return LEVELS[0]!;
      const f = Math.min(1, Math.max(0, (v - lo) / span));
      return LEVELS[Math.min(LEVELS.length - 1, Math.round(f * (LEVELS.length - 1)))]!;
    })
    .join('');
}
