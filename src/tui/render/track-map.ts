import { BrailleCanvas } from './braille.js';

/** A point in the map's plan coordinates (m, right-handed: x right, y up). */
export type PlanPoint = { readonly x: number; readonly y: number };

export type TrackMapInput = {
  /** The track line, in driving order; drawn closed when `closed`. */
  readonly path: readonly PlanPoint[];
  readonly closed: boolean;
  /** Corner numbers at their apexes. */
  readonly corners?: readonly (PlanPoint & { readonly number: number })[];
  /** The car's position. */
  readonly car?: PlanPoint;
  /** The start/finish line. */
  readonly start?: PlanPoint;
};

/** Characters drawn over the Braille line, for the screen to colour. */
export const CAR_MARK = '●';
export const START_MARK = '┃';

/**
 * The track drawn in Braille dots in a `columns`×`rows` box, scaled to fit with its aspect kept
 * (a Braille dot is about square), corner numbers set just outside the line at each apex
 * (pushed away from the track's centre), the start line and the car marker on top.
 */
export function renderTrackMap(input: TrackMapInput, columns: number, rows: number): string[] {
  const canvas = new BrailleCanvas(Math.max(1, columns), Math.max(1, rows));
  const pts = input.path.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (pts.length < 2) return canvas.lines();
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (const p of pts) {
    xmin = Math.min(xmin, p.x);
    xmax = Math.max(xmax, p.x);
    ymin = Math.min(ymin, p.y);
    ymax = Math.max(ymax, p.y);
  }
  const spanX = Math.max(1e-9, xmax - xmin);
  const spanY = Math.max(1e-9, ymax - ymin);
  const scale = Math.min((canvas.width - 1) / spanX, (canvas.height - 1) / spanY);
  const ox = (canvas.width - 1 - spanX * scale) / 2;
  const oy = (canvas.height - 1 - spanY * scale) / 2;
  const toPx = (p: PlanPoint): { x: number; y: number } => ({ x: ox + (p.x - xmin) * scale, y: oy + (ymax - p.y) * scale });

  let prev = toPx(pts[0]!);
  for (let i = 1; i < pts.length; i++) {
    const next = toPx(pts[i]!);
    canvas.line(prev.x, prev.y, next.x, next.y);
    prev = next;
  }
  if (input.closed) {
    const first = toPx(pts[0]!);
    canvas.line(prev.x, prev.y, first.x, first.y);
  }

  const centre = toPx({ x: (xmin + xmax) / 2, y: (ymin + ymax) / 2 });
  for (const corner of input.corners ?? []) {
    const at = toPx(corner);
    const dx = at.x - centre.x;
    const dy = at.y - centre.y;
    const norm = Math.hypot(dx, dy) || 1;
    // One and a half cells outward: beside the line, not on it.
    const lx = at.x + (dx / norm) * 3;
    const ly = at.y + (dy / norm) * 6;
    const cell = canvas.cellOf(Math.min(canvas.width - 1, Math.max(0, lx)), Math.min(canvas.height - 1, Math.max(0, ly)));
    const label = String(corner.number);
    const column = Math.min(columns - label.length, Math.max(0, cell.column - (dx < 0 ? label.length - 1 : 0)));
    canvas.text(column, cell.row, label);
  }
  if (input.start) {
    const s = canvas.cellOf(...xy(toPx(input.start)));
    canvas.text(s.column, s.row, START_MARK);
  }
  if (input.car && Number.isFinite(input.car.x) && Number.isFinite(input.car.y)) {
    const c = canvas.cellOf(...xy(toPx(input.car)));
    canvas.text(c.column, c.row, CAR_MARK);
  }
  return canvas.lines();
}

function xy(p: { x: number; y: number }): [number, number] {
  return [p.x, p.y];
}
