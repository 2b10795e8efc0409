import type { TrackPlane, TrackShape } from './shape.js';

/** m, a trail keeps a point each time the car has moved this far (an even-enough spacing for matching). */
export const TRAIL_SPACING_M = 5;

/**
 * The path driven so far, thinned to a point every ≈ TRAIL_SPACING_M, for identifying the track
 * before the first lap is complete. Bounded: it keeps at most `maxLengthM` of the latest path.
 */
export class PathTrail {
  private xs: number[] = [];
  private ys: number[] = [];
  private total = 0;

  constructor(
    readonly plane: TrackPlane,
    private readonly maxLengthM = 4000,
  ) {}

  /** m of path kept. */
  get length(): number {
    return this.total;
  }

  add(x: number, y: number): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const n = this.xs.length;
    if (n > 0) {
      const d = Math.hypot(x - this.xs[n - 1]!, y - this.ys[n - 1]!);
      if (d < TRAIL_SPACING_M) return;
      this.total += d;
    }
    this.xs.push(x);
    this.ys.push(y);
    if (this.total > this.maxLengthM) {
      // Drop the oldest quarter at once (amortised O(1) per point).
      const drop = Math.floor(this.xs.length / 4);
      for (let i = 0; i < drop; i++) this.total -= Math.hypot(this.xs[i + 1]! - this.xs[i]!, this.ys[i + 1]! - this.ys[i]!);
      this.xs.splice(0, drop);
      this.ys.splice(0, drop);
    }
  }

  clear(): void {
    this.xs = [];
    this.ys = [];
    this.total = 0;
  }

  /** The trail as an open path (for compareShapes with closed = false). */
  toPath(): TrackShape {
    return { length: this.total, plane: this.plane, x: Float32Array.from(this.xs), y: Float32Array.from(this.ys) };
  }
}
