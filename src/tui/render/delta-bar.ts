/**
 * The live delta bar: a centre mark with the fill growing left (ahead of the reference, green)
 * or right (behind, red), `range` s at either end; values beyond are clipped to a full half.
 * Returned as the two halves (each `half` cells) so the screen can colour them.
 *
 *   renderDeltaBar(-0.5, 4, 1) → { left: "  ██", right: "    " }
 */
export function renderDeltaBar(delta: number | undefined, half: number, range = 1): { left: string; right: string } {
  const empty = ' '.repeat(Math.max(0, half));
  if (half <= 0 || delta === undefined || !Number.isFinite(delta) || !(range > 0)) return { left: empty, right: empty };
  const cells = Math.min(half, Math.round((Math.abs(delta) / range) * half));
  if (delta < 0) return { left: ' '.repeat(half - cells) + '█'.repeat(cells), right: empty };
  return { left: empty, right: '█'.repeat(cells) + ' '.repeat(half - cells) };
}
