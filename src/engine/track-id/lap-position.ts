import { createShapeProjector, type ShapeProjector } from './projector.js';
import type { TrackPlane, TrackShape } from './shape.js';

/**
 * m, how near the line a projection may disagree with the game's lap counter and be held at the
 * line. The shape starts at a lap's first sample, up to one sample after the game's line
 * (≈ 1.5 m at 60 Hz, ≈ 10 m at Forza's sub-sampled 9 Hz), so around the line the game's counter
 * and the shape can be a few metres apart.
 */
export const LINE_HOLD_M = 50;

/**
 * Lap distance for frames of a game that sends none, from their positions: projection onto the
 * track's shape, kept consistent with the game's own lap counter at the line. After the counter
 * changes, a position still just before the shape's start counts as 0 (the game says the lap has
 * begun); late in a lap, a position just past the shape's start counts as the full length (the
 * game has not counted the lap yet). Distances are scaled to `lapLength` when the session knows
 * an official length, so they agree with the game's other numbers.
 */
export class LapPositioner {
  private readonly projector: ShapeProjector;
  private readonly scale: number;
  private readonly length: number;
  private lap: number | undefined;
  /** The car has been in the middle half of the lap since the counter last changed. */
  private pastMiddle = false;

  constructor(
    readonly shape: TrackShape,
    lapLength: number | undefined = undefined,
  ) {
    this.projector = createShapeProjector(shape);
    this.length = lapLength !== undefined && lapLength > 0 ? lapLength : shape.length;
    this.scale = this.length / shape.length;
  }

  get plane(): TrackPlane {
    return this.shape.plane;
  }

  /** m, the lap length distances run to. */
  get lapLength(): number {
    return this.length;
  }

  /** m from the line for a car at (x, y) on lap `lap` (the game's counter), or undefined when off this track. */
  locate(lap: number, x: number, y: number): number | undefined {
    const raw = this.projector.project(x, y);
    if (raw === undefined) return undefined;
    const L = this.shape.length;
    if (this.lap === undefined) {
      // Joined mid-lap: a car near the end of the shape is late in its lap (a run-up before the line).
      this.pastMiddle = raw > L / 4;
    } else if (lap !== this.lap) {
      this.pastMiddle = false;
    }
    this.lap = lap;
    if (raw >= L / 4 && raw <= (3 * L) / 4) this.pastMiddle = true;
    let s = raw;
    if (!this.pastMiddle && raw > L - LINE_HOLD_M) s = 0;
    else if (this.pastMiddle && raw < LINE_HOLD_M && raw < L / 4) s = L;
    return s * this.scale;
  }

  /** Start afresh (a new session, or the car was reset). */
  reset(): void {
    this.projector.reset();
    this.lap = undefined;
    this.pastMiddle = false;
  }
}

/** Plan coordinates of a frame-like record in a plane. */
export function planOf(frame: { readonly posX?: number; readonly posY?: number; readonly posZ?: number }, plane: TrackPlane): { x: number; y: number } | undefined {
  const x = frame.posX;
  const y = plane === 'xz' ? frame.posZ : frame.posY;
  return x === undefined || y === undefined ? undefined : { x, y };
}
