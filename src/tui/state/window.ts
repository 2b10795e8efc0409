/**
 * The rows of a list to show in `visible` lines so the cursor stays in view (centred while the
 * list scrolls). Returns the first index to show.
 *
 *   listWindow(50, 10, 5) → 8
 */
export function listWindow(cursor: number, count: number, visible: number): number {
  if (visible <= 0 || count <= visible) return 0;
  return Math.max(0, Math.min(count - visible, cursor - Math.floor(visible / 2)));
}
