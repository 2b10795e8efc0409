import { renderBar } from './bar.js';

/** Shift light state: off below 94 % of the shift point, 'near' from there, 'shift' at or above it. */
export type ShiftLight = 'off' | 'near' | 'shift';

/** Fraction of the shift point at which the light starts (the driver's warning, before the point). */
export const SHIFT_LIGHT_NEAR = 0.94;

export function shiftLight(rpm: number | undefined, shiftRpm: number | undefined): ShiftLight {
  if (rpm === undefined || shiftRpm === undefined || !(shiftRpm > 0)) return 'off';
  if (rpm >= shiftRpm) return 'shift';
  if (rpm >= shiftRpm * SHIFT_LIGHT_NEAR) return 'near';
  return 'off';
}

/**
 * The rev bar: filled to rpm / maxRpm, with '┃' marking the shift point's cell (drawn over the
 * fill so the driver sees where it is at any rpm).
 *
 *   renderRpmBar(6000, 8000, 7000, 16) → "████████████┃   " (cell 14 of 16 holds the marker)
 */
export function renderRpmBar(rpm: number | undefined, maxRpm: number, shiftRpm: number | undefined, width: number): string {
  if (width <= 0) return '';
  const bar = [...renderBar(rpm === undefined || !(maxRpm > 0) ? 0 : rpm / maxRpm, width)];
  if (shiftRpm !== undefined && maxRpm > 0 && shiftRpm > 0 && shiftRpm <= maxRpm) {
    const cell = Math.min(width - 1, Math.round((shiftRpm / maxRpm) * width) - 1);
    if (cell >= 0) bar[cell] = '┃';
  }
  return bar.join('');
}
