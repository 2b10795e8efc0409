/**
 * Down-sampling of per-distance arrays to screen columns. Each column takes the mean of the
 * finite samples in its slice of [from, to); a column with none is NaN (a gap).
 *
 *   downsample([1, 2, 3, 4], 2) → [1.5, 3.5]
 */
export function downsample(values: ArrayLike<number | null>, columns: number, from = 0, to = values.length): number[] {
  const out: number[] = [];
  const start = Math.max(0, Math.floor(from));
  const end = Math.min(values.length, Math.ceil(to));
  if (columns <= 0 || end <= start) return out;
  const span = end - start;
  for (let c = 0; c < columns; c++) {
    const a = start + Math.floor((c * span) / columns);
    const b = Math.max(a + 1, start + Math.floor(((c + 1) * span) / columns));
    let sum = 0;
    let n = 0;
    for (let i = a; i < b && i < end; i++) {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      sum += v;
      n++;
    }
    out.push(n > 0 ? sum / n : Number.NaN);
  }
  return out;
}

/** Finite minimum and maximum over several series; undefined when none has a finite value. */
export function rangeOf(series: readonly (readonly number[])[]): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (const v of s) {
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : undefined;
}

/**
 * Gaps filled for drawing: leading gaps take the first finite value, later ones hold the last
 * (a line chart cannot draw holes). Trailing gaps are cut so a lap in progress ends where the car is.
 */
export function fillGaps(values: readonly number[]): number[] {
  let last = values.length - 1;
  while (last >= 0 && !Number.isFinite(values[last]!)) last--;
  if (last < 0) return [];
  const first = values.findIndex((v) => Number.isFinite(v));
  const out: number[] = [];
  let held = values[first]!;
  for (let i = 0; i <= last; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) held = v;
    out.push(held);
  }
  return out;
}
