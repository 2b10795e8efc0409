/**
 * How often the live screens redraw through Ink: the Track map, and the Live screen where no
 * painter draws it (ink-testing-library, a terminal under 11 rows). On a real terminal the Live
 * screen is drawn by the painter (live-painter.ts) at MAX_LIVE_FPS, whatever its size: the
 * bench's figure is the whole process at that rate. Ink re-renders every cell it draws on each redraw, changed
 * or not (about 9 ms for the 120x25 cells of the Live screen in a 120x40 terminal on the 2-core
 * reference machine), so the rate keeps cells × redraws per second at what costs under 10 % of
 * one core there with a margin for a busy machine (`npm run bench`, tui area): 8 redraws a
 * second for the Live screen at 120x40, 13 at 80x24, at most 30, never below 6. The newest frame is always the one drawn, so the
 * delay to the screen stays within one redraw interval whatever the rate.
 *
 *   liveFrameRate(120, 25) → 8;  liveFrameRate(80, 23) → 13
 */
export const CELL_REDRAWS_PER_SECOND = 8 * 120 * 25;
export const MAX_LIVE_FPS = 30;
export const MIN_LIVE_FPS = 6;

/** Redraws per second for a screen drawing `columns` × `rows` cells. */
export function liveFrameRate(columns: number, rows: number): number {
  const cells = Math.max(1, columns * rows);
  return Math.max(MIN_LIVE_FPS, Math.min(MAX_LIVE_FPS, Math.round(CELL_REDRAWS_PER_SECOND / cells)));
}
