import type { SessionInfo, TelemetryFrame } from '../model/index.js';
import type { Lap } from '../model/lap.js';

/** Counters a capture keeps so the user can see what arrived and what was dropped. */
export type CaptureCounters = {
  packets: number;
  frames: number;
  /** Malformed packets: counted and dropped, never fatal. */
  errors: number;
  /** Packets recognised and skipped on purpose (other packet types, menus, paused game). */
  skipped: number;
};

export type BusEvent =
  | { readonly kind: 'frame'; readonly frame: TelemetryFrame }
  | { readonly kind: 'session'; readonly session: SessionInfo }
  | { readonly kind: 'lap'; readonly lap: Lap }
  | { readonly kind: 'message'; readonly level: 'info' | 'warn'; readonly text: string };

export type BusListener = (event: BusEvent) => void;

export type BusMessage = { readonly level: 'info' | 'warn'; readonly text: string };

/** Messages are each said once per state change: a few dozen in a long session. The cap only bounds a pathological run. */
const MESSAGE_LOG_LIMIT = 200;

/**
 * The live data hub between capture and the screens. It knows nothing of React: the TUI samples
 * `latest()` on its own clock (at most ~30 fps) instead of re-rendering per packet, and lists of
 * laps and messages come as events.
 */
export class FrameBus {
  private latestFrame: TelemetryFrame | undefined;
  private currentSession: SessionInfo | undefined;
  private readonly listeners = new Set<BusListener>();
  private readonly completedLaps: Lap[] = [];
  /** Current lap's frames, for the rolling speed trace; cleared at each new lap. */
  private currentLapFrames: TelemetryFrame[] = [];
  private readonly messageLog: BusMessage[] = [];
  readonly counters: CaptureCounters = { packets: 0, frames: 0, errors: 0, skipped: 0 };

  publishFrame(frame: TelemetryFrame): void {
    const previous = this.latestFrame;
    if (previous !== undefined && frame.lap !== previous.lap) this.currentLapFrames = [];
    this.latestFrame = frame;
    this.currentLapFrames.push(frame);
    this.counters.frames++;
    this.emit({ kind: 'frame', frame });
  }

  publishSession(session: SessionInfo): void {
    this.currentSession = session;
    this.emit({ kind: 'session', session });
  }

  publishLap(lap: Lap): void {
    this.completedLaps.push(lap);
    this.emit({ kind: 'lap', lap });
  }

  publishMessage(level: 'info' | 'warn', text: string): void {
    if (this.messageLog.length < MESSAGE_LOG_LIMIT) this.messageLog.push({ level, text });
    this.emit({ kind: 'message', level, text });
  }

  /** Drop frames after a rewind (F1 flashback) from the live view too. */
  rewind(toT: number): void {
    this.currentLapFrames = this.currentLapFrames.filter((f) => f.t <= toT);
  }

  latest(): TelemetryFrame | undefined {
    return this.latestFrame;
  }

  session(): SessionInfo | undefined {
    return this.currentSession;
  }

  laps(): readonly Lap[] {
    return this.completedLaps;
  }

  /**
   * Every message so far. A game that answers at once (AC's handshake response, GT7's first packets) speaks
   * before a screen has subscribed; a screen shows these first, then follows the events.
   */
  messages(): readonly BusMessage[] {
    return this.messageLog;
  }

  lapFrames(): readonly TelemetryFrame[] {
    return this.currentLapFrames;
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: BusEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
