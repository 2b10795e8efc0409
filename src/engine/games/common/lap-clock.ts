/**
 * A session clock rebuilt from the game's own lap clock, for protocols that send no session
 * time (Assetto Corsa RTCarInfo, Project CARS 1 / 2 UDP): t = sum of the completed laps' times
 * + the current lap time. It stops when the game pauses (the lap clock stops) and never reads
 * the wall clock, so replays decode exactly like live capture.
 *
 * The AC decoder imports this too: it is the same arithmetic for every game whose only clock
 * is "current lap time" (helpers may only live inside the game folders of this task).
 */

/** s; a lap clock reading outside [0, this] is unset (-1) or corrupt, never a lap in progress. */
export const MAX_LAP_CLOCK_S = 24 * 3600;

/** True for a usable "current lap time" reading (s). */
export function isRunningLapTime(seconds: number): boolean {
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_LAP_CLOCK_S;
}

/** A backwards step of the lap clock smaller than this is a reordered/stale packet, not a restart. */
const STALE_WINDOW_S = 1;
/** The game's completed-lap time may exceed the last lap time we saw by at most one packet gap. */
const CLOSE_SLACK_S = 1;

export type LapClockReading =
  /**
   * t advanced: a new sample. `newLap` when this reading started a lap; `exactClose` when that
   * lap was closed with the game's own time for the previous lap (else with an estimate).
   */
  | { readonly kind: 'tick'; readonly t: number; readonly newLap: boolean; readonly exactClose: boolean }
  /** Same instant as the previous sample (paused game, duplicate or reordered packet). */
  | { readonly kind: 'stale' }
  /** The lap counter or lap clock went back: the game restarted the session. t restarts at the lap time. */
  | { readonly kind: 'reset'; readonly t: number };

export class LapClock {
  /** s, session time at which the current lap started. */
  private lapStart = 0;
  private lap: number | undefined;
  /** s, latest lap time seen in the current lap. */
  private lapTime = 0;
  private lastT = Number.NEGATIVE_INFINITY;
  /** Set when a lap was closed with our last-seen lap time because the game's own time was not known yet. */
  private pendingClose: { readonly lap: number; readonly used: number } | undefined;

  /**
   * Feed one reading of the game's lap counter and current lap time (s). `freshLastLapTime` is
   * the game's time (s) for the lap just completed, only when it changed in this very packet
   * (a stale value from the lap before would shift the clock); it closes the lap exactly.
   * Without it the lap is closed with the last lap time seen, and `completeLap` corrects that
   * when the game's time arrives.
   */
  advance(lap: number, lapTime: number, freshLastLapTime?: number): LapClockReading {
    if (this.lap === undefined) return this.restart(lap, lapTime, false);
    if (lap < this.lap) return this.restart(lap, lapTime, true);
    const newLap = lap > this.lap;
    let exact = false;
    if (newLap) {
      exact = freshLastLapTime !== undefined && this.isPlausibleClose(freshLastLapTime);
      const closing = exact ? (freshLastLapTime as number) : this.lapTime;
      this.pendingClose = exact || lap !== this.lap + 1 ? undefined : { lap: this.lap, used: closing };
      this.lapStart += closing;
      this.lap = lap;
      this.lapTime = lapTime;
    } else if (lapTime < this.lapTime) {
      if (this.lapTime - lapTime > STALE_WINDOW_S) return this.restart(lap, lapTime, true);
      return { kind: 'stale' };
    } else {
      this.lapTime = lapTime;
    }
    const t = this.lapStart + lapTime;
    if (t <= this.lastT) return { kind: 'stale' };
    this.lastT = t;
    return { kind: 'tick', t, newLap, exactClose: exact };
  }

  /**
   * The game's own time (s) for the lap before the current one, arriving after the boundary
   * (PC2 sends it in another packet): if that lap was closed with an estimate, move the clock
   * forward by the difference (at most one packet gap, so t stays monotonic and laps keep the
   * game's length). Returns false when no estimated close was waiting for it.
   */
  completeLap(lapTime: number): boolean {
    const pending = this.pendingClose;
    if (pending === undefined || this.lap !== pending.lap + 1) return false;
    const correction = lapTime - pending.used;
    if (correction > 0 && correction <= CLOSE_SLACK_S) this.lapStart += correction;
    this.pendingClose = undefined;
    return true;
  }

  /** The lap being timed, once known. */
  get currentLap(): number | undefined {
    return this.lap;
  }

  private isPlausibleClose(lastLapTime: number): boolean {
    return Number.isFinite(lastLapTime) && lastLapTime >= this.lapTime - 0.05 && lastLapTime <= this.lapTime + CLOSE_SLACK_S;
  }

  private restart(lap: number, lapTime: number, isReset: boolean): LapClockReading {
    this.lap = lap;
    this.lapTime = lapTime;
    this.lapStart = 0;
    this.pendingClose = undefined;
    this.lastT = lapTime;
    return isReset ? { kind: 'reset', t: lapTime } : { kind: 'tick', t: lapTime, newLap: false, exactClose: false };
  }
}

/**
 * The game's "last lap time" field, trusted only when it is news: games update it a packet
 * (PC2: a different packet type) after the lap counter, so right after a boundary the old value
 * belongs to the lap before. `observe` every reading; `lapCompleted` at each boundary that did
 * not bring a fresh value; `current` is the value to put in frames (undefined while stale).
 */
export class GameLastLapTime {
  private raw: number | undefined;
  private valid = false;

  /** Records the raw field (s; ≤ 0 or non-finite = none). Returns the time when it just changed to one. */
  observe(raw: number): number | undefined {
    if (raw === this.raw || (Number.isNaN(raw) && this.raw !== undefined && Number.isNaN(this.raw))) return undefined;
    this.raw = raw;
    this.valid = Number.isFinite(raw) && raw > 0;
    return this.valid ? raw : undefined;
  }

  lapCompleted(): void {
    this.valid = false;
  }

  /** s, the completed lap's game time, or undefined while unknown or stale. */
  get current(): number | undefined {
    return this.valid ? this.raw : undefined;
  }
}

/**
 * Lap clock + the game's last-lap field, in whatever order the game sends them: the last-lap
 * value may change in the same packet as the lap counter (AC, PC1), one packet later, or in
 * another packet type before or after it (PC2 time stats). A value that changes before our
 * lap counter moves is kept for the coming boundary; one that changes after it corrects the
 * estimated close.
 */
export class LapTimer {
  private readonly clock = new LapClock();
  private readonly lastLap = new GameLastLapTime();
  /** A fresh game lap time seen before the boundary it belongs to. */
  private early: number | undefined;

  /** Feed the game's last-lap field (s; ≤ 0 = none) whenever a packet carries it. */
  observeLastLap(raw: number): void {
    const fresh = this.lastLap.observe(raw);
    if (fresh !== undefined && !this.clock.completeLap(fresh)) this.early = fresh;
  }

  /** Feed the lap counter and current lap time (s) of a packet; see LapClock.advance. */
  tick(lap: number, lapTime: number): LapClockReading {
    const reading = this.clock.advance(lap, lapTime, this.early);
    if (reading.kind === 'reset') {
      // The old session's last lap means nothing in the new one.
      this.lastLap.lapCompleted();
      this.early = undefined;
    } else if (reading.kind === 'tick' && reading.newLap) {
      if (!reading.exactClose) this.lastLap.lapCompleted();
      this.early = undefined;
    }
    return reading;
  }

  /** s, the game's time for the previous lap, undefined while unknown or stale. */
  get lastLapTime(): number | undefined {
    return this.lastLap.current;
  }
}
