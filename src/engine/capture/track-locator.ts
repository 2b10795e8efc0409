import { MAX_LAP_TIME_S, MIN_LAP_TIME_S } from '../model/lap.js';
import type { SessionInfo, TelemetryFrame } from '../model/index.js';
import { toTrace } from '../model/trace.js';
import {
  LapPositioner,
  PathTrail,
  closureGap,
  compareShapes,
  identifyShape,
  isMatch,
  largestStep,
  nextUnknownNumber,
  shapeFromLap,
  unknownTrackKey,
  unknownTrackName,
  type KnownShape,
  type TrackPlane,
  type TrackShape,
} from '../track-id/index.js';
import type { ClosedLap } from './lap-tracker.js';

/** Where track shapes are kept between sessions (the store, through the recording sink). */
export type TrackShapeStore = {
  /** Every stored shape of a game (its world coordinates are only comparable within that game). */
  list(game: string): readonly KnownShape[];
  /** Stores (or replaces) the shape of a track. `name` is the display name, when there is one. */
  save(game: string, trackKey: string, name: string | undefined, shape: TrackShape): void;
};

/** What closing a lap changed: the lap's frames (with lap distances filled in), session facts, a note for the user. */
export type LapOutcome = {
  readonly frames: readonly TelemetryFrame[];
  readonly session?: Partial<SessionInfo>;
  readonly message?: string;
};

/**
 * m: a lap whose first and last positions are further apart than this did not run line to line
 * closely enough to define the track (GT7's first lap may start up to ≈ 130 m past the line:
 * 126 m on the real Spa recording; the gap is bridged by the path's closing spline).
 */
const MAX_CLOSURE_GAP_M = 150;
/** m, a step between consecutive samples longer than this is a reset or teleport inside the lap. */
const MAX_STEP_M = 100;
/** m of driven path before identification of a track is tried on a partial lap, and between tries. */
const FIRST_TRY_M = 1000;
const TRY_EVERY_M = 250;

/**
 * Track identity and live lap distance for one recording, for games that send positions but no
 * lap distance (Forza, GT7) or no track id (GT7, Forza without the FM 2023 ordinal):
 *
 * - A model is known from the start when the session names its track and a shape of it is
 *   stored; else the first complete clean lap defines it (and is stored).
 * - A session without a track id is identified among the game's stored shapes: early, from the
 *   path driven so far, and definitively on its first complete lap; a track matching none
 *   becomes 'unknown-N' ("unknown track N"), stored so the next session finds it.
 * - Every frame then gets a lap distance by constant-time projection (LapPositioner); frames
 *   before a model exists keep none, and a closed lap's missing distances are filled in when it
 *   is stored (the lap that defined the model is projected onto itself, as the analysis would).
 *
 * Pure logic apart from the injected store; the recorder calls it for every frame and lap.
 */
export class TrackLocator {
  private info: SessionInfo | undefined;
  private plane: TrackPlane | undefined;
  /** The game sends positions but no lap distance: frames are projected. */
  private projecting = false;
  private positioner: LapPositioner | undefined;
  /** The session's track key came from identification here (not from the game or the caller). */
  private identifiedKey: string | undefined;
  /** The first complete lap has been checked against the model (or has defined it). */
  private verified = false;
  /** The lap length was set here (from the shape), not sent by the game. */
  private lengthIsOurs = false;
  private stored: readonly KnownShape[] | undefined;
  private trail: PathTrail | undefined;
  private nextTry = FIRST_TRY_M;
  private update: Partial<SessionInfo> | undefined;
  private version = 0;
  /** A storage problem to tell the user with the next closed lap. */
  private problem: string | undefined;

  constructor(private readonly store: TrackShapeStore | undefined) {}

  /** A new session starts with these facts. */
  begin(info: SessionInfo): void {
    this.info = info;
    this.plane = undefined;
    this.projecting = false;
    this.positioner = undefined;
    this.identifiedKey = undefined;
    this.verified = false;
    this.lengthIsOurs = false;
    this.stored = undefined;
    this.trail = undefined;
    this.nextTry = FIRST_TRY_M;
    this.update = undefined;
    this.problem = undefined;
  }

  /** The session's facts changed (the game named its track, say). */
  sessionChanged(info: SessionInfo): void {
    const before = this.info;
    this.info = info;
    if (!this.projecting || info.trackKey === undefined || info.trackKey === before?.trackKey) return;
    if (info.trackKey === this.identifiedKey) return;
    // The game (or the caller) named the track: its stored shape wins over anything found here.
    this.identifiedKey = undefined;
    this.positioner = undefined;
    this.verified = false;
    this.loadKeyed();
  }

  /** The session facts identification changed since the last call (track key, name, length), once. */
  takeUpdate(): Partial<SessionInfo> | undefined {
    const u = this.update;
    this.update = undefined;
    return u;
  }

  /** m, the lap length of the current model (after scaling), if any. */
  modelLength(): number | undefined {
    return this.positioner?.lapLength;
  }

  /** Changes whenever the model changes (so a frame located on an older one can be located again). */
  modelVersion(): number {
    return this.version;
  }

  /**
   * The frame with a lap distance from its position, when the game sends none and a model exists.
   * The distance is written into the frame itself (the decoder made it for this recording, and
   * copying its 25 fields 60 times a second is most of the cost); a frozen frame is copied.
   * Once a session is projected, a frame's distance is always this locator's, so a frame can be
   * located again after the model changed.
   */
  locate(frame: TelemetryFrame): TelemetryFrame {
    if (frame.posX === undefined || (!this.projecting && (frame.lapDistance !== undefined || sendsLapFraction(frame)))) return frame;
    if (this.plane === undefined) {
      this.plane = frame.posZ !== undefined ? 'xz' : frame.posY !== undefined ? 'xy' : undefined;
      if (this.plane === undefined) return frame;
    }
    const y = this.plane === 'xz' ? frame.posZ : frame.posY;
    if (y === undefined) return frame;
    if (!this.projecting) {
      this.projecting = true;
      this.loadKeyed();
    }
    if (this.positioner === undefined) this.tryEarlyIdentification(frame.posX, y);
    return withDistance(frame, this.positioner?.locate(frame.lap, frame.posX, y));
  }

  /** A lap closed: may define or confirm the track, and fills in the lap's missing distances. */
  lapClosed(closed: ClosedLap): LapOutcome {
    if (!this.projecting || this.plane === undefined) return { frames: closed.frames };
    let message: string | undefined;
    let remodelled = false;
    if (!this.verified && this.isDefiningLap(closed)) {
      const shape = shapeFromLap(toTrace(closed.frames), this.plane, lineAhead(closed));
      if (shape !== undefined) {
        this.verified = true;
        const before = this.positioner?.shape;
        message = this.settleTrack(shape);
        remodelled = this.positioner?.shape !== before;
      }
    }
    if (this.problem !== undefined) {
      message = message === undefined ? this.problem : `${message}; ${this.problem}`;
      this.problem = undefined;
    }
    const positioner = this.positioner;
    if (positioner === undefined) return message === undefined ? { frames: closed.frames } : { frames: closed.frames, message };
    const frames = this.fill(closed.frames, positioner.shape, remodelled);
    const session = this.takeUpdate();
    return { frames, ...(session === undefined ? {} : { session }), ...(message === undefined ? {} : { message }) };
  }

  /** A flying lap, valid, of a plausible time, whose path closes and never jumps. */
  private isDefiningLap(closed: ClosedLap): boolean {
    const lap = closed.lap;
    if (lap.category !== 'flying' || !lap.valid || lap.time < MIN_LAP_TIME_S || lap.time > MAX_LAP_TIME_S) return false;
    const trace = toTrace(closed.frames);
    return closureGap(trace, this.plane!) <= MAX_CLOSURE_GAP_M && largestStep(trace, this.plane!) <= MAX_STEP_M;
  }

  /** The first complete lap's shape decides: confirm the model, replace it, identify or name the track. */
  private settleTrack(shape: TrackShape): string | undefined {
    const info = this.info!;
    // The track key the game (or the caller) gave, as opposed to one identification found here.
    const named = info.trackKey !== undefined && info.trackKey !== this.identifiedKey ? info.trackKey : undefined;
    const current = this.positioner;
    if (current !== undefined) {
      if (isMatch(compareShapes(shape, current.shape, true))) return undefined;
      if (named !== undefined) {
        // The game named the track but its stored shape is not where this lap ran: the stored one is stale.
        this.save(named, info.trackName, shape);
        this.useShape(shape);
        return `track ${info.trackName ?? named}: the stored track shape did not match this lap; replaced it`;
      }
      // An early identification that the full lap does not confirm: identify afresh.
      this.positioner = undefined;
      this.identifiedKey = undefined;
    }
    if (named !== undefined) {
      this.save(named, info.trackName, shape);
      this.useShape(shape);
      return undefined;
    }
    const known = this.storedShapes();
    const match = identifyShape(shape, known, true);
    if (match !== undefined) {
      this.adopt(match.known);
      return undefined;
    }
    const n = nextUnknownNumber(known.map((k) => k.trackKey));
    const entry: KnownShape = { trackKey: unknownTrackKey(n), name: unknownTrackName(n), shape };
    this.save(entry.trackKey, entry.name, shape);
    this.stored = [...known, entry];
    this.adopt(entry);
    return `new track: ${entry.name} (its shape is stored; later sessions on it get the same name)`;
  }

  /** Before the first lap is complete: match the path so far against the stored shapes. */
  private tryEarlyIdentification(x: number, y: number): void {
    if (this.verified || this.info?.trackKey !== undefined) return;
    const known = this.storedShapes();
    if (known.length === 0) return;
    this.trail ??= new PathTrail(this.plane!);
    this.trail.add(x, y);
    if (this.trail.length < this.nextTry) return;
    this.nextTry = this.trail.length + TRY_EVERY_M;
    const match = identifyShape(this.trail.toPath(), known, false);
    if (match === undefined) return;
    this.adopt(match.known);
    this.trail = undefined;
  }

  private adopt(known: KnownShape): void {
    this.identifiedKey = known.trackKey;
    this.useShape(known.shape);
    this.addUpdate({ trackKey: known.trackKey, trackName: known.name ?? known.trackKey });
  }

  private useShape(shape: TrackShape): void {
    const info = this.info!;
    const official = info.trackLength !== undefined && !this.lengthIsOurs ? info.trackLength : undefined;
    this.positioner = new LapPositioner(shape, official);
    this.version++;
    if (info.lapDistanceFrom !== 'track-shape') this.addUpdate({ lapDistanceFrom: 'track-shape' });
    if (official === undefined) {
      this.lengthIsOurs = true;
      this.addUpdate({ trackLength: shape.length });
    }
  }

  /** The game (or caller) named the track: use its stored shape from the first frame. */
  private loadKeyed(): void {
    const info = this.info;
    if (info?.trackKey === undefined || this.store === undefined) return;
    const stored = this.storedShapes().filter((k) => k.trackKey === info.trackKey);
    // Forza names its tracks only by number: the name given with `racecraft tracks rename` names later sessions too.
    const named = stored.find((k) => k.name !== undefined);
    if (info.trackName === undefined && named !== undefined) this.addUpdate({ trackName: named.name! });
    const known = stored.find((k) => k.shape.plane === this.plane);
    if (known !== undefined) this.useShape(known.shape);
  }

  private storedShapes(): readonly KnownShape[] {
    if (this.stored === undefined) {
      try {
        this.stored = this.store && this.info ? this.store.list(this.info.game) : [];
      } catch (error) {
        // A damaged stored shape must not stop a recording: this session learns its track afresh.
        this.stored = [];
        this.problem = `stored track shapes could not be read (${(error as Error).message}); identifying this track afresh`;
      }
    }
    return this.stored;
  }

  private save(trackKey: string, name: string | undefined, shape: TrackShape): void {
    try {
      this.store?.save(this.info!.game, trackKey, name, shape);
    } catch (error) {
      this.problem = `the track shape of ${name ?? trackKey} could not be stored (${(error as Error).message})`;
    }
  }

  private addUpdate(u: Partial<SessionInfo>): void {
    this.update = { ...this.update, ...u };
    if (this.info !== undefined) this.info = { ...this.info, ...u };
  }

  /** The lap's frames with every missing distance projected (all of them when the model changed at this lap). */
  private fill(frames: readonly TelemetryFrame[], shape: TrackShape, all: boolean): readonly TelemetryFrame[] {
    if (!all && frames.every((f) => f.lapDistance !== undefined || f.posX === undefined)) return frames;
    const info = this.info!;
    const official = info.trackLength !== undefined && !this.lengthIsOurs ? info.trackLength : undefined;
    const positioner = new LapPositioner(shape, official);
    const plane = this.plane!;
    return frames.map((f) => {
      const y = plane === 'xz' ? f.posZ : f.posY;
      if (f.posX === undefined || y === undefined) return f;
      // Run every frame through the positioner (it follows the lap), replace only what is missing or stale.
      const d = positioner.locate(f.lap, f.posX, y);
      return !all && f.lapDistance !== undefined ? f : withDistance(f, d);
    });
  }
}

/**
 * The game sends where in the lap the car is, as a fraction (AC's normalized spline position when
 * the track length is not known yet): that is the game's lap position, never to be replaced by a
 * projection. (Checked by name: the channel is newer than this module.)
 */
function sendsLapFraction(frame: TelemetryFrame): boolean {
  return (frame as { readonly lapFraction?: number }).lapFraction !== undefined;
}

type WritableFrame = { -readonly [K in keyof TelemetryFrame]: TelemetryFrame[K] };

/** The frame carrying `d` as its lap distance (none when undefined), in place when it can be written. */
function withDistance(frame: TelemetryFrame, d: number | undefined): TelemetryFrame {
  if (d === undefined && frame.lapDistance === undefined) return frame;
  if (Object.isExtensible(frame) && !Object.isFrozen(frame)) {
    const w = frame as WritableFrame;
    if (d === undefined) delete w.lapDistance;
    else w.lapDistance = d;
    return frame;
  }
  if (d !== undefined) return { ...frame, lapDistance: d };
  const { lapDistance: _drop, ...rest } = frame;
  return rest as TelemetryFrame;
}

/** m from the lap's last sample to the line: its speed times the time left to the crossing (≤ one sample). */
function lineAhead(closed: ClosedLap): number {
  const frames = closed.frames;
  const last = frames[frames.length - 1];
  const before = frames[frames.length - 2];
  if (last?.speed === undefined) return 0;
  const dt = closed.lap.endT - last.t;
  if (!(dt > 0 && dt < 0.5)) return 0;
  // A crossing "at the next sample" means the game gave no time for it (no lap timer, e.g. GT7
  // formats A and B): the line lies somewhere within that sample; half of it halves the worst error.
  const unknown = before !== undefined && Math.abs(dt - (last.t - before.t)) < 1e-6;
  return last.speed * (unknown ? dt / 2 : dt);
}
