import type { DecodeResult } from '../games/types.js';
import { mergeSessionInfo, toTrace, type GameId, type SessionInfo, type TelemetryFrame } from '../model/index.js';
import type { Lap } from '../model/lap.js';
import type { FrameBus } from './frame-bus.js';
import { LapTracker, type ClosedLap } from './lap-tracker.js';
import type { RecordingSink } from './recording-sink.js';
import { TrackLocator, type TrackShapeStore } from './track-locator.js';

export type RecorderOptions = {
  readonly game: GameId;
  /** Wall clock in ms (injected so tests control time). */
  readonly now: () => number;
  /** Checkpoint the lap in progress at least this often; DESIGN: a kill loses at most 1 s. */
  readonly checkpointMs?: number;
  /** Session facts known before any packet (e.g. from the demo or an import). */
  readonly session?: Partial<SessionInfo>;
  /**
   * Facts packets may not override: the demo sends F1 packets, but its session is the demo's
   * own track and car, which the F1 format has no way to name.
   */
  readonly pinned?: Partial<SessionInfo>;
};

export type RecorderSummary = {
  readonly sessionIds: readonly number[];
  readonly laps: readonly Lap[];
  readonly frames: number;
};

/**
 * Turns decoded results into a stored session: creates the session on the first frame (a port
 * that never hears a game leaves nothing behind), splits laps with the LapTracker, checkpoints the
 * lap in progress so a killed process loses at most the last checkpoint interval, and writes each
 * closed lap with exactly the samples that were analysed.
 */
export class Recorder {
  private readonly tracker = new LapTracker();
  /** Lap distance and track identity for games that send positions only (Forza, GT7). */
  private readonly locator: TrackLocator;
  private readonly checkpointMs: number;
  private info: SessionInfo;
  private sessionId: number | undefined;
  private readonly sessionIds: number[] = [];
  private readonly laps: Lap[] = [];
  /** Frames not yet checkpointed, per lap number. */
  private pending = new Map<number, TelemetryFrame[]>();
  private lastCheckpoint: number;
  private frameCount = 0;
  private infoDirty = false;
  /** The protocol the frames come from (the session's game may be pinned to something else). */
  private sourceGame: GameId | undefined;

  constructor(
    private readonly sink: RecordingSink,
    private readonly bus: FrameBus | undefined,
    private readonly options: RecorderOptions,
  ) {
    this.checkpointMs = options.checkpointMs ?? 500;
    this.locator = new TrackLocator(shapeStoreOf(sink));
    this.info = this.withPinned(mergeSessionInfo({ game: options.game }, options.session ?? {}));
    this.tracker.configure(trackerOptions(this.info));
    this.lastCheckpoint = options.now();
  }

  /** What is known about the session being recorded (game, track, car...). */
  currentInfo(): SessionInfo {
    return this.info;
  }

  /** The session being written, if a frame has arrived. */
  currentSessionId(): number | undefined {
    return this.sessionId;
  }

  handle(result: DecodeResult): void {
    switch (result.kind) {
      case 'frame':
        this.onFrame(result.frame);
        break;
      case 'session':
        this.onSession(result.session);
        break;
      case 'rewind':
        this.onRewind(result.toT);
        break;
      case 'new-session':
        if (this.sessionId !== undefined) this.endSession();
        if (result.gameSessionId !== undefined) this.info = this.withPinned({ game: this.info.game, gameSessionId: result.gameSessionId });
        break;
      case 'skip':
      case 'error':
        break;
    }
  }

  /** Called on a timer (and by onFrame): checkpoint when due. */
  tick(): void {
    if (this.options.now() - this.lastCheckpoint >= this.checkpointMs) this.checkpoint();
  }

  /** Write everything: the lap in progress as incomplete, and close the session. */
  stop(): RecorderSummary {
    if (this.sessionId !== undefined) this.endSession();
    return { sessionIds: this.sessionIds, laps: this.laps, frames: this.frameCount };
  }

  private onFrame(frame: TelemetryFrame): void {
    if (this.sessionId === undefined) {
      this.sessionId = this.sink.createSession(this.info, this.options.now());
      this.sessionIds.push(this.sessionId);
      this.infoDirty = false;
      this.locator.begin(this.info);
    }
    this.frameCount++;
    let located = this.locator.locate(frame);
    let closed = this.tracker.push(located);
    if (closed) {
      const version = this.locator.modelVersion();
      const outcome = this.locator.lapClosed(closed);
      const filled = { lap: closed.lap, frames: outcome.frames };
      // Distances filled in at the close (the lap defined the track) give the sector times the tracker could not.
      const sectors = closed.lap.sectors.length === 0 && outcome.frames !== closed.frames ? this.tracker.sectorsOf(filled) : closed.lap.sectors;
      closed = sectors.length === closed.lap.sectors.length ? filled : { lap: { ...closed.lap, sectors }, frames: outcome.frames };
      if (outcome.message !== undefined) this.bus?.publishMessage('info', outcome.message);
      if (outcome.session !== undefined) this.mergeInfo(outcome.session);
      // The lap that just closed may have defined (or replaced) the track: the new lap's first frame is located on it.
      if (this.locator.modelVersion() !== version) {
        located = this.locator.locate(frame);
        this.tracker.replaceLast(located);
      }
      this.storeLap(closed);
    }
    const identified = this.locator.takeUpdate();
    if (identified !== undefined) this.mergeInfo(identified);
    let list = this.pending.get(frame.lap);
    if (!list) this.pending.set(frame.lap, (list = []));
    list.push(located);
    this.bus?.publishFrame(located);
    if (closed) this.bus?.publishLap(closed.lap);
    this.tick();
  }

  private onSession(update: Partial<SessionInfo>): void {
    // Another game started sending (e.g. --game auto, F1 closed and AMS2 opened): a new session.
    if (update.game !== undefined && update.game !== this.sourceGame) {
      const switching = this.sourceGame !== undefined && this.sessionId !== undefined;
      this.sourceGame = update.game;
      if (switching) {
        this.endSession();
        this.info = this.withPinned({ game: update.game });
        this.tracker.configure({ trackLength: undefined, sectorStarts: undefined });
      }
    }
    this.mergeInfo(update);
  }

  /** Newer session knowledge (from the game, or from track identification), pinned facts kept. */
  private mergeInfo(update: Partial<SessionInfo>): void {
    const merged = this.withPinned(mergeSessionInfo(this.info, update));
    if (JSON.stringify(merged) === JSON.stringify(this.info)) return;
    this.info = merged;
    this.tracker.configure(trackerOptions(merged));
    this.locator.sessionChanged(merged);
    this.infoDirty = true;
    if (this.sessionId !== undefined) {
      this.sink.updateSession(this.sessionId, merged);
      this.infoDirty = false;
    }
    this.bus?.publishSession(merged);
  }

  private withPinned(info: SessionInfo): SessionInfo {
    return this.options.pinned === undefined ? info : mergeSessionInfo(info, this.options.pinned);
  }

  private onRewind(toT: number): void {
    this.tracker.rewind(toT);
    for (const [lap, frames] of this.pending) this.pending.set(lap, frames.filter((f) => f.t <= toT));
    this.bus?.rewind(toT);
    if (this.sessionId !== undefined) this.sink.discardAfter(this.sessionId, toT);
  }

  private storeLap(closed: ClosedLap): void {
    // Pending frames and checkpoints are keyed by the game's lap counter, which the frames carry
    // (a run-up to the line is numbered below it: see LapTracker).
    const checkpointLap = closed.frames[0]?.lap ?? closed.lap.number;
    this.pending.delete(checkpointLap);
    this.laps.push(closed.lap);
    if (this.sessionId !== undefined) this.sink.insertLap(this.sessionId, closed.lap, toTrace(closed.frames), checkpointLap);
  }

  private checkpoint(): void {
    this.lastCheckpoint = this.options.now();
    if (this.sessionId === undefined) return;
    for (const [lap, frames] of this.pending) {
      if (frames.length > 0) this.sink.appendChunk(this.sessionId, lap, toTrace(frames));
    }
    this.pending = new Map();
    if (this.infoDirty) {
      this.sink.updateSession(this.sessionId, this.info);
      this.infoDirty = false;
    }
  }

  private endSession(): void {
    const flushed = this.tracker.flush();
    if (flushed) {
      // An incomplete lap defines no track, but gets the lap distances a known track gives it.
      const closed = { lap: flushed.lap, frames: this.locator.lapClosed(flushed).frames };
      this.storeLap(closed);
      this.bus?.publishLap(closed.lap);
    }
    if (this.sessionId !== undefined) {
      if (this.infoDirty) this.sink.updateSession(this.sessionId, this.info);
      this.sink.finishSession(this.sessionId, this.options.now());
    }
    this.sessionId = undefined;
    this.pending = new Map();
    this.infoDirty = false;
  }
}

/** The sink's track-shape storage, when it has one (an import or test sink may not). */
function shapeStoreOf(sink: RecordingSink): TrackShapeStore | undefined {
  const { trackShapes, saveTrackShape } = sink;
  if (trackShapes === undefined || saveTrackShape === undefined) return undefined;
  return { list: (game) => trackShapes.call(sink, game), save: (game, key, name, shape) => saveTrackShape.call(sink, game, key, name, shape) };
}

function trackerOptions(info: SessionInfo): { trackLength?: number; sectorStarts?: readonly number[] } {
  const out: { trackLength?: number; sectorStarts?: readonly number[] } = {};
  if (info.trackLength !== undefined) out.trackLength = info.trackLength;
  if (info.sectorStarts !== undefined) out.sectorStarts = info.sectorStarts;
  return out;
}
