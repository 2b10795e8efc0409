/**
 * What the decoder knows about the current F1 session, and whether it changed since it was last
 * reported (session news is sent only on change, not with every packet).
 */
import type { SessionInfo } from '../../model/index.js';
import type { F1Era } from './formats.js';
import type { SessionData } from './session.js';
import type { Participant } from './participants.js';
import { f1TrackKey, f1TrackName } from './tracks.js';
import { f1SessionType } from './session-types.js';
import { f1CarKey, f1TeamName } from './teams.js';

/** A newly known value that differs from what we had (an unknown one never counts as a change). */
function changes<T>(next: T | undefined, known: T | undefined): boolean {
  return next !== undefined && next !== known;
}

type MutableSessionInfo = { -readonly [K in keyof SessionInfo]: SessionInfo[K] };

export class F1SessionKnowledge {
  format: string | undefined;
  gameSessionId: string | undefined;
  trackKey: string | undefined;
  trackName: string | undefined;
  trackLength: number | undefined;
  sector2Start: number | undefined;
  sector3Start: number | undefined;
  sessionType: string | undefined;
  maxRpm: number | undefined;
  gearCount: number | undefined;
  driver: string | undefined;
  carName: string | undefined;
  carKey: string | undefined;
  /** Something changed since the last snapshot. */
  dirty = false;

  /** Forget everything (new session). */
  reset(gameSessionId: string | undefined, format: string | undefined): void {
    this.format = format;
    this.gameSessionId = gameSessionId;
    this.trackKey = this.trackName = this.sessionType = this.driver = this.carName = this.carKey = undefined;
    this.trackLength = this.sector2Start = this.sector3Start = this.maxRpm = this.gearCount = undefined;
    this.dirty = true;
  }

  setFormat(format: string): void {
    if (format !== this.format) {
      this.format = format;
      this.dirty = true;
    }
  }

  /** From a Session packet. Unknown values (track id -1, length 0, session type 0) are left out. */
  applySession(s: SessionData, era: F1Era): void {
    const trackKey = s.trackId >= 0 ? f1TrackKey(s.trackId) : undefined;
    const trackName = s.trackId >= 0 ? f1TrackName(s.trackId) : undefined;
    const trackLength = s.trackLength > 0 ? s.trackLength : undefined;
    const sessionType = f1SessionType(era, s.sessionType)?.kind;
    // Both starts must be real distances inside the lap; 2023 packets have none (NaN).
    const sectorsOk = s.sector2Start > 0 && s.sector3Start > s.sector2Start && s.sector3Start < 1e6;
    const sector2Start = sectorsOk ? s.sector2Start : undefined;
    const sector3Start = sectorsOk ? s.sector3Start : undefined;
    if (changes(trackKey, this.trackKey) || changes(trackName, this.trackName) || changes(trackLength, this.trackLength) ||
        changes(sessionType, this.sessionType) || changes(sector2Start, this.sector2Start) || changes(sector3Start, this.sector3Start)) {
      // A value that disappears (e.g. track id back to -1) is not reported as erased: later packets
      // refine, never erase (mergeSessionInfo); the last known value stays.
      this.trackKey = trackKey ?? this.trackKey;
      this.trackName = trackName ?? this.trackName;
      this.trackLength = trackLength ?? this.trackLength;
      this.sessionType = sessionType ?? this.sessionType;
      this.sector2Start = sector2Start ?? this.sector2Start;
      this.sector3Start = sector3Start ?? this.sector3Start;
      this.dirty = true;
    }
  }

  /** From the player's entry of a Participants packet. */
  applyPlayer(p: Participant, era: F1Era): void {
    const driver = p.name.length > 0 ? p.name : undefined;
    const carName = f1TeamName(era, p.teamId);
    const carKey = p.teamId !== 255 ? f1CarKey(era, p.teamId) : undefined;
    if (changes(driver, this.driver) || changes(carName, this.carName) || changes(carKey, this.carKey)) {
      this.driver = driver ?? this.driver;
      this.carName = carName ?? this.carName;
      this.carKey = carKey ?? this.carKey;
      this.dirty = true;
    }
  }

  /**
   * From the player's Car Status: rev limit and m_maxGears (0 = not sent). The game counts one more
   * than the forward gears: 9 for the 8-speed F1 car (the 2025 capture shows gear 8 at 305 km/h
   * with m_maxGears 9), so gearCount = m_maxGears - 1.
   */
  applyCar(maxRpm: number, maxGears: number): void {
    const gearCount = maxGears > 1 ? maxGears - 1 : 0;
    if ((maxRpm > 0 && maxRpm !== this.maxRpm) || (gearCount > 0 && gearCount !== this.gearCount)) {
      if (maxRpm > 0) this.maxRpm = maxRpm;
      if (gearCount > 0) this.gearCount = gearCount;
      this.dirty = true;
    }
  }

  /** Everything known, as SessionInfo (absent fields left out), and clears `dirty`. */
  snapshot(): SessionInfo {
    this.dirty = false;
    const s: MutableSessionInfo = { game: 'f1' };
    if (this.format !== undefined) s.format = this.format;
    if (this.gameSessionId !== undefined) s.gameSessionId = this.gameSessionId;
    if (this.trackKey !== undefined) s.trackKey = this.trackKey;
    if (this.trackName !== undefined) s.trackName = this.trackName;
    if (this.trackLength !== undefined) s.trackLength = this.trackLength;
    if (this.sector2Start !== undefined && this.sector3Start !== undefined) s.sectorStarts = [this.sector2Start, this.sector3Start];
    if (this.sessionType !== undefined) s.sessionType = this.sessionType;
    if (this.maxRpm !== undefined) s.maxRpm = this.maxRpm;
    if (this.gearCount !== undefined) s.gearCount = this.gearCount;
    if (this.driver !== undefined) s.driver = this.driver;
    if (this.carName !== undefined) s.carName = this.carName;
    if (this.carKey !== undefined) s.carKey = this.carKey;
    return s;
  }
}
