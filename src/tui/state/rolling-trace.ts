import type { TelemetryFrame } from '../../engine/model/index.js';
import type { ActiveReference } from '../data/reference.js';
import { liveSpeedTrace } from './live-view.js';

/**
 * The rolling speed trace of the lap in progress, kept up to date frame by frame: each redraw
 * adds only the frames that arrived since the last one to the per-column sums, instead of
 * walking the whole lap (up to ~6000 frames) again 30 times a second. The result is the same as
 * liveSpeedTrace's over the same frames (the tests hold them equal).
 *
 * It starts over when the bus starts a new lap (a new frames array), after a rewind (the array
 * is replaced), or when the column count or the lap length changes.
 */
export class RollingSpeedTrace {
  private frames: readonly TelemetryFrame[] | undefined;
  private seen = 0;
  private length = 0;
  private sum = new Float64Array(0);
  private count = new Uint32Array(0);
  private last = -1;
  private series: number[] = [];
  private dirty = true;

  /** The lap's series (m/s per column, ending at the car) and the reference's, as liveSpeedTrace returns them. */
  update(lapFrames: readonly TelemetryFrame[], reference: ActiveReference | undefined, trackLength: number | undefined, columns: number): { lap: number[]; reference: number[] } {
    const length = trackLength ?? reference?.length;
    if (!(length !== undefined && length > 0) || columns <= 0) return { lap: [], reference: [] };
    if (lapFrames !== this.frames || lapFrames.length < this.seen || length !== this.length || columns !== this.sum.length) {
      this.frames = lapFrames;
      this.seen = 0;
      this.length = length;
      this.sum = new Float64Array(columns);
      this.count = new Uint32Array(columns);
      this.last = -1;
      this.dirty = true;
    }
    for (; this.seen < lapFrames.length; this.seen++) {
      const f = lapFrames[this.seen]!;
      const d = f.lapDistance;
      if (d === undefined || f.speed === undefined || d < 0 || d > length) continue;
      const c = Math.min(columns - 1, Math.floor((d / length) * columns));
      this.sum[c]! += f.speed;
      this.count[c]!++;
      if (c > this.last) this.last = c;
      this.dirty = true;
    }
    if (this.dirty) {
      this.series = this.lapSeries(columns);
      this.dirty = false;
    }
    // The reference's columns are cached by liveSpeedTrace itself (per reference and width).
    return { lap: this.series, reference: liveSpeedTrace([], reference, length, columns).reference };
  }

  private lapSeries(columns: number): number[] {
    // Same rule as liveSpeedTrace: a lap joined part-way has no trace until the next lap.
    const first = this.count.findIndex((n) => n > 0);
    if (!(first >= 0 && first <= Math.max(1, columns * 0.03))) return [];
    const lap: number[] = [];
    for (let c = 0; c <= this.last; c++) lap.push(this.count[c]! > 0 ? this.sum[c]! / this.count[c]! : Number.NaN);
    return lap;
  }
}
