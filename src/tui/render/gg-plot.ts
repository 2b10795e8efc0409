import { BrailleCanvas } from './braille.js';

/** One g sample: lateral (right > 0) and longitudinal (forward > 0), g. */
export type GPoint = { readonly lat: number; readonly lon: number };

export type GGPlotInput = {
  /** Envelope radius (g) per angle bin, bin j centred on −180 + (j + ½)·360/n degrees (analysis GripEnvelope convention: 0° = right, 90° = traction). */
  readonly envelope?: readonly (number | null)[];
  /** Samples drawn as dots. */
  readonly samples?: readonly GPoint[];
  /** The current sample, drawn as a marker on top. */
  readonly current?: GPoint;
  /** g at the plot's edge. */
  readonly maxG: number;
};

export const G_MARK = '●';

/**
 * A g-g diagram in Braille: axes through the centre, a ring at every whole g, the envelope
 * outline (angle bins joined, gaps skipped), sample dots, and the current sample as a marker.
 * Lateral right is to the right, acceleration (traction) up, braking down.
 */
export function renderGGPlot(input: GGPlotInput, columns: number, rows: number): string[] {
  const canvas = new BrailleCanvas(Math.max(1, columns), Math.max(1, rows));
  const cx = (canvas.width - 1) / 2;
  const cy = (canvas.height - 1) / 2;
  const radius = Math.min(cx, cy);
  const maxG = input.maxG > 0 ? input.maxG : 1;
  const toPx = (lat: number, lon: number): { x: number; y: number } => ({ x: cx + (lat / maxG) * radius, y: cy - (lon / maxG) * radius });

  for (let x = 0; x < canvas.width; x += 2) canvas.set(x, Math.round(cy));
  for (let y = 0; y < canvas.height; y += 2) canvas.set(Math.round(cx), y);
  for (let g = 1; g < maxG + 1e-9; g++) {
    const steps = 64;
    for (let i = 0; i < steps; i += 2) {
      const a = (i / steps) * 2 * Math.PI;
      const p = toPx(g * Math.cos(a), g * Math.sin(a));
      canvas.set(p.x, p.y);
    }
  }
  const env = input.envelope;
  if (env && env.length > 0) {
    const n = env.length;
    const at = (j: number): { x: number; y: number } | undefined => {
      const r = env[((j % n) + n) % n];
      if (r === null || r === undefined || !Number.isFinite(r)) return undefined;
      const a = ((-180 + ((j % n) + 0.5) * (360 / n)) * Math.PI) / 180;
      return toPx(Math.min(r, maxG) * Math.cos(a), Math.min(r, maxG) * Math.sin(a));
    };
    for (let j = 0; j < n; j++) {
      const a = at(j);
      const b = at(j + 1);
      if (a && b) canvas.line(a.x, a.y, b.x, b.y);
      else if (a) canvas.set(a.x, a.y);
    }
  }
  for (const s of input.samples ?? []) {
    if (!Number.isFinite(s.lat) || !Number.isFinite(s.lon)) continue;
    const p = toPx(Math.max(-maxG, Math.min(maxG, s.lat)), Math.max(-maxG, Math.min(maxG, s.lon)));
    canvas.set(p.x, p.y);
  }
  if (input.current && Number.isFinite(input.current.lat) && Number.isFinite(input.current.lon)) {
    const p = toPx(Math.max(-maxG, Math.min(maxG, input.current.lat)), Math.max(-maxG, Math.min(maxG, input.current.lon)));
    const cell = canvas.cellOf(p.x, p.y);
    canvas.text(cell.column, cell.row, G_MARK);
  }
  return canvas.lines();
}
