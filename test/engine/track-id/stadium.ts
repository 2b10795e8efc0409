import { resampleShape, type TrackShape } from '../../../src/engine/track-id/index.js';

/** m: a stadium loop, two 300 m straights joined by two r = 50 m half circles, run anticlockwise from (0, 0). */
export const STRAIGHT = 300;
export const RADIUS = 50;
export const STADIUM_LENGTH = 2 * STRAIGHT + 2 * Math.PI * RADIUS;

/** The point `s` metres along the stadium (wrapping), `lateral` metres to the left of the line. */
export function stadiumPoint(s: number, lateral = 0): { x: number; y: number } {
  const L = STADIUM_LENGTH;
  let d = ((s % L) + L) % L;
  const arc = Math.PI * RADIUS;
  if (d < STRAIGHT) return { x: d, y: lateral };
  d -= STRAIGHT;
  if (d < arc) {
    const a = -Math.PI / 2 + d / RADIUS;
    const r = RADIUS - lateral;
    return { x: STRAIGHT + r * Math.cos(a), y: RADIUS + r * Math.sin(a) };
  }
  d -= arc;
  if (d < STRAIGHT) return { x: STRAIGHT - d, y: 2 * RADIUS - lateral };
  d -= STRAIGHT;
  const a = Math.PI / 2 + d / RADIUS;
  const r = RADIUS - lateral;
  return { x: r * Math.cos(a), y: RADIUS + r * Math.sin(a) };
}

/** The stadium as a stored shape (a point every ≈ 2 m), optionally moved and scaled. */
export function stadiumShape(options: { lateral?: number; reverse?: boolean; scale?: number } = {}): TrackShape {
  const dense = 4000;
  const xs: number[] = [];
  const ys: number[] = [];
  const scale = options.scale ?? 1;
  for (let k = 0; k < dense; k++) {
    const s = ((options.reverse ? dense - k : k) / dense) * STADIUM_LENGTH;
    const p = stadiumPoint(s, options.lateral ?? 0);
    xs.push(p.x * scale);
    ys.push(p.y * scale);
  }
  const length = STADIUM_LENGTH * scale;
  return resampleShape(xs, ys, length, 'xz', Math.round(length / 2));
}
