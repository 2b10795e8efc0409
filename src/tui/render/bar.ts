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

/**
 * A bar centred on zero for signed values (steering -1..1): `width` cells with the centre marked
 * '│' and the fill running left or right from it in whole cells.
 *
 *   renderCentredBar(-0.5, 9) → "  ██│    "
 */
export function renderCentredBar(value: number, width: number): string {
  if (width <= 0) return '';
  const half = Math.floor(width / 2);
  const v = Number.isFinite(value) ? Math.min(1, Math.max(-1, value)) : 0;
  const cells = Math.round(Math.abs(v) * half);
  const left = v < 0 ? ' '.repeat(half - cells) + '█'.repeat(cells) : ' '.repeat(half);
  const rightWidth = width - half - 1;
  const right = v > 0 ? '█'.repeat(Math.min(cells, rightWidth)).padEnd(rightWidth) : ' '.repeat(rightWidth);
  return `${left}│${right}`;
}
