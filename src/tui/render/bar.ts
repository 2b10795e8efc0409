/**
 * A horizontal bar of `width` cells filled to `fraction` (0..1), with eighth-block precision.
 *
 *   renderBar(0.55, 10) → "█████▌    "
 */
export function renderBar(fraction: number, width: number): string {
  if (width <= 0) return '';
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const eighths = Math.round(f * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const partials = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const body = '█'.repeat(full) + (full < width ? partials[partial]! : '');
  return body.padEnd(width, ' ');
}
