import { MAX_LAP_TIME_S, MIN_LAP_TIME_S, type Lap, type LapCategory } from '../model/lap.js';
import type { TelemetryFrame } from '../model/frame.js';

/** A lap the tracker closed, with exactly the frames that belong to it. */
export type ClosedLap = {
  readonly lap: Lap;
  readonly frames: readonly TelemetryFrame[];
};

export type LapTrackerOptions = {
  /** m, used to interpolate the line crossing when the game sends no current-lap time. */
  readonly trackLength?: number;
  /** m, lap distances where sector 2 and 3 start. */
  readonly sectorStarts?: readonly number[];
};

type Segment = {
  number: number;
  frames: TelemetryFrame[];
  /** The segment began at an observed line crossing, so it can be a timed lap. */
  startedAtLine: boolean;
  /** s, session time of the crossing that started it (or of its first frame). */
  startT: number;
  rewound: boolean;
  invalid: boolean;
};

/** The game's lap time is trusted over our interpolation unless they disagree by more than this. */
const GAME_TIME_TOLERANCE_S = 0.5;
/** s, a first frame whose lap timer reads less than this was taken at the line crossing. */
const JUST_CROSSED_S = 0.05;
/** A current-lap time below this on the first frame of a lap is the time since the crossing. */
const FRESH_LAP_TIME_S = 2;

/**
 * Splits the live frame stream into laps using the game's own lap counter and lap distance,
 * never integrated speed. Lap times are the game's own when it sends them; crossings are
 * interpolated below one sample otherwise. The first segment of a recording (joined mid-lap,
 * or an out-lap from the pits) and the last one (stopped mid-lap) are kept, never dropped, with
 * categories that say what they are.
 *
 * Pure logic: the recorder feeds it frames and stores what it closes.
 */
export class LapTracker {
  private segment: Segment | undefined;
  private options: LapTrackerOptions;
  /** Lap numbers already closed, so a run-up to the line is never given a number a lap has. */
  private readonly closedNumbers = new Set<number>();

  constructor(options: LapTrackerOptions = {}) {
    this.options = options;
  }

  configure(options: LapTrackerOptions): void {
    this.options = { ...this.options, ...options };
  }

  /** The frames of the lap in progress. */
  currentFrames(): readonly TelemetryFrame[] {
    return this.segment?.frames ?? [];
  }

  currentLapNumber(): number | undefined {
    return this.segment?.number;
  }

  /** s, session time at which the lap in progress started (its line crossing when seen). */
  currentLapStart(): number | undefined {
    return this.segment?.startT;
  }

  /** Feed one frame; returns the lap it closed, if any. */
  push(frame: TelemetryFrame): ClosedLap | undefined {
    const seg = this.segment;
    if (seg === undefined) {
      // A recording that starts just as the car crosses the line (the game's lap timer still
      // under a tick or two) has seen that lap from its start: it can be a timed lap.
      // (Not an F1 out-lap, whose distance is negative until the line and whose timer runs from 0.)
      const atLine =
        frame.lapTime !== undefined &&
        frame.lapTime >= 0 &&
        frame.lapTime < JUST_CROSSED_S &&
        (frame.lapDistance === undefined || frame.lapDistance >= 0) &&
        frame.inPit !== true;
      this.segment = newSegment(frame, atLine, atLine ? frame.t - frame.lapTime! : frame.t);
      return undefined;
    }
    const last = seg.frames[seg.frames.length - 1];
    let closed: ClosedLap | undefined;
    if (frame.lap > seg.number && last !== undefined) {
      const crossT = this.crossingTime(last, frame, 'wrap');
      closed = this.close(seg, crossT, frame);
      this.segment = newSegment(frame, true, crossT);
    } else if (frame.lap < seg.number) {
      // The counter went back (flashback across the line, session restart): keep what we had.
      closed = this.close(seg, last?.t ?? frame.t, undefined);
      this.segment = { ...newSegment(frame, false, frame.t), rewound: true };
    } else if (last !== undefined && crossesFromNegative(last, frame) && !seg.startedAtLine) {
      // F1's run-up to the line (a race grid, a time trial's start): lap distance negative, and the
      // counter does not change at the line, so the lap after it carries the same number. The
      // run-up is the lap before it (lap 0 on a grid), unless that number is taken.
      const crossT = this.crossingTime(last, frame, 'from-negative');
      const below = seg.number - 1;
      closed = this.close(below >= 0 && !this.closedNumbers.has(below) ? { ...seg, number: below } : seg, crossT, undefined);
      this.segment = newSegment(frame, true, crossT);
    } else {
      seg.frames.push(frame);
      if (frame.lapInvalid === true) seg.invalid = true;
    }
    return closed;
  }

  /**
   * Sector times of a closed lap from its frames, for a lap whose lap distances were filled in
   * after it closed (the lap that defined a track model). Empty when they cannot be known.
   */
  sectorsOf(closed: ClosedLap): number[] {
    const lap = closed.lap;
    if ((lap.category !== 'flying' && lap.category !== 'in') || lap.sectors.length > 0) return [...lap.sectors];
    const seg: Segment = { number: lap.number, frames: [...closed.frames], startedAtLine: true, startT: lap.startT, rewound: false, invalid: false };
    return this.sectorTimes(seg, lap.time);
  }

  /**
   * Replaces the frame pushed last (same sample, more facts: the lap distance a track model
   * found for it after the lap it closed defined the model). Never changes how laps split.
   */
  replaceLast(frame: TelemetryFrame): void {
    const frames = this.segment?.frames;
    if (frames !== undefined && frames.length > 0 && frames[frames.length - 1]!.t === frame.t) frames[frames.length - 1] = frame;
  }

  /** The game rewound to session time `toT` (F1 flashback): drop later samples, mark the lap. */
  rewind(toT: number): void {
    const seg = this.segment;
    if (seg === undefined) return;
    const kept = seg.frames.filter((f) => f.t <= toT);
    if (kept.length !== seg.frames.length) seg.rewound = true;
    seg.frames = kept;
  }

  /** Close the lap in progress as incomplete (recording stopped, game quit, session changed). */
  flush(): ClosedLap | undefined {
    const seg = this.segment;
    this.segment = undefined;
    this.closedNumbers.clear(); // what follows is another session, numbered afresh
    if (seg === undefined || seg.frames.length === 0) return undefined;
    const last = seg.frames[seg.frames.length - 1]!;
    const time = Math.max(0, last.t - seg.startT);
    return {
      lap: { number: seg.number, time, timeSource: 'interpolated', valid: false, category: 'incomplete', sectors: [], startT: seg.startT, endT: last.t },
      frames: seg.frames,
    };
  }

  private close(seg: Segment, endT: number, next: TelemetryFrame | undefined): ClosedLap | undefined {
    if (seg.frames.length === 0) return undefined;
    const interpolated = endT - seg.startT;
    const gameTime = next?.lastLapTime;
    const useGame =
      seg.startedAtLine && gameTime !== undefined && gameTime > 0 && Math.abs(gameTime - interpolated) < GAME_TIME_TOLERANCE_S;
    const time = useGame ? gameTime : interpolated;
    const category = categorize(seg, time);
    const timed = seg.startedAtLine && category !== 'incomplete';
    const lap: Lap = {
      number: seg.number,
      time,
      timeSource: useGame ? 'game' : 'interpolated',
      valid: timed && !seg.invalid && category !== 'rewound',
      category,
      sectors: timed ? this.sectorTimes(seg, time) : [],
      startT: seg.startT,
      endT,
    };
    this.closedNumbers.add(lap.number);
    return { lap, frames: seg.frames };
  }

  /** Session time of the line crossing between two consecutive frames, below one sample. */
  private crossingTime(a: TelemetryFrame, b: TelemetryFrame, how: 'wrap' | 'from-negative'): number {
    if (b.lapTime !== undefined && b.lapTime >= 0 && b.lapTime < FRESH_LAP_TIME_S && b.lapTime <= b.t - a.t + 1e-6) {
      return b.t - b.lapTime;
    }
    const da = a.lapDistance;
    const db = b.lapDistance;
    if (da !== undefined && db !== undefined) {
      let before: number;
      if (how === 'from-negative') before = -da;
      else {
        const length = this.options.trackLength;
        if (length === undefined || length <= da) return b.t;
        before = length - da;
      }
      const after = Math.max(0, db);
      if (before + after > 0) return a.t + (before / (before + after)) * (b.t - a.t);
    }
    return b.t;
  }

  private sectorTimes(seg: Segment, lapTime: number): number[] {
    const boundaries = this.sectorBoundaries(seg);
    if (boundaries.length === 0) return [];
    const times: number[] = [];
    let previous = 0;
    for (const at of boundaries) {
      times.push(at - previous);
      previous = at;
    }
    times.push(lapTime - previous);
    return times.every((s) => s > 0) ? times : [];
  }

  /** Lap times (s since the line) at which each later sector starts. */
  private sectorBoundaries(seg: Segment): number[] {
    const starts = this.options.sectorStarts;
    const frames = seg.frames;
    const out: number[] = [];
    if (starts !== undefined && starts.length > 0) {
      for (const start of starts) {
        for (let i = 1; i < frames.length; i++) {
          const a = frames[i - 1]!;
          const b = frames[i]!;
          if (a.lapDistance === undefined || b.lapDistance === undefined) continue;
          if (a.lapDistance < start && b.lapDistance >= start) {
            const f = (start - a.lapDistance) / (b.lapDistance - a.lapDistance);
            out.push(a.t + f * (b.t - a.t) - seg.startT);
            break;
          }
        }
      }
      return out.length === starts.length ? out : [];
    }
    for (let i = 1; i < frames.length; i++) {
      const a = frames[i - 1]!;
      const b = frames[i]!;
      if (a.sector !== undefined && b.sector !== undefined && b.sector === a.sector + 1) out.push(b.t - seg.startT);
    }
    return out;
  }
}

function newSegment(frame: TelemetryFrame, startedAtLine: boolean, startT: number): Segment {
  return { number: frame.lap, frames: [frame], startedAtLine, startT, rewound: false, invalid: frame.lapInvalid === true };
}

function crossesFromNegative(a: TelemetryFrame, b: TelemetryFrame): boolean {
  return a.lapDistance !== undefined && b.lapDistance !== undefined && a.lapDistance < 0 && b.lapDistance >= 0;
}

function categorize(seg: Segment, time: number): LapCategory {
  const first = seg.frames[0]!;
  const last = seg.frames[seg.frames.length - 1]!;
  if (seg.rewound) return 'rewound';
  if (!seg.startedAtLine) {
    const fromPit = first.inPit === true || (first.lapDistance !== undefined && first.lapDistance < 0) || first.lap === 0;
    return fromPit ? 'out' : 'incomplete';
  }
  if (time < MIN_LAP_TIME_S || time > MAX_LAP_TIME_S) return 'incomplete';
  const startPit = first.inPit === true;
  const endPit = last.inPit === true;
  if (startPit && endPit && seg.frames.every((f) => f.inPit === true)) return 'pit';
  if (startPit) return 'out';
  if (endPit) return 'in';
  return 'flying';
}
