/**
 * What PCARS packets say about the session, gathered from several packet types and handed to
 * the capture layer when it changes. Keys: track 'pcars2:<location>/<variation>' (the game's
 * untranslated names, e.g. 'pcars2:Dubai Autodrome/International'), car 'pcars2:<car name>'.
 */
import type { SessionInfo } from '../../model/index.js';
import { NameTable } from './cstring.js';

/** Participant slots kept (PC2 has 32, PC1 56 + additional packets up to 64). */
const NAME_SLOTS = 64;
const NAME_BYTES = 64;

type Mutable = { -readonly [K in keyof SessionInfo]: SessionInfo[K] };

export function pcarsTrackKey(location: string, variation: string): string {
  return variation === '' ? `pcars2:${location}` : `pcars2:${location}/${variation}`;
}

export class PcarsSession {
  private track: { location: string; variation: string } | undefined;
  private trackLength: number | undefined;
  private readonly drivers = new NameTable(NAME_SLOTS, NAME_BYTES);
  private readonly vehicles = new NameTable(NAME_SLOTS, NAME_BYTES);
  private playerCar = '';
  private viewed = -1;
  private maxRpm: number | undefined;
  private gearCount: number | undefined;
  private sessionType: string | undefined;
  private lastSent: SessionInfo | undefined;
  /** Something may have changed since the last takeNews (keeps the per-frame cost at one check). */
  private dirty = true;

  /** `format` is SessionInfo.format: 'pc2' (PC2/AMS2 protocol) or 'pc1' (Project CARS 1 protocol). */
  constructor(private readonly format: 'pc1' | 'pc2') {}

  /** Returns true when a different track replaces a known one (a new session). */
  setTrack(location: string, variation: string, trackLength: number): boolean {
    this.setTrackLength(trackLength);
    if (location === '') return false;
    if (this.track !== undefined && this.track.location === location && this.track.variation === variation) return false;
    const changed = this.track !== undefined;
    this.track = { location, variation };
    this.dirty = true;
    return changed;
  }

  /** m; ignored unless a positive finite number. */
  setTrackLength(trackLength: number): void {
    if (!Number.isFinite(trackLength) || trackLength <= 0 || trackLength === this.trackLength) return;
    this.trackLength = trackLength;
    this.dirty = true;
  }

  /** PC1 names only the player's car (not one per participant). */
  setPlayerCar(name: string): void {
    if (name === '' || name === this.playerCar) return;
    this.playerCar = name;
    this.dirty = true;
  }

  /** The 64-byte C string at `source[offset]` is participant `index`'s name (decoded only if viewed). */
  setDriverNameAt(index: number, source: Uint8Array, offset: number): void {
    if (this.drivers.set(index, source, offset) && index === this.viewed) this.dirty = true;
  }

  /** The 64-byte C string at `source[offset]` is participant `index`'s car (PC2 vehicle names). */
  setVehicleNameAt(index: number, source: Uint8Array, offset: number): void {
    if (this.vehicles.set(index, source, offset) && index === this.viewed) this.dirty = true;
  }

  setViewed(index: number): void {
    if (index === this.viewed) return;
    this.viewed = index;
    this.dirty = true;
  }

  /** rpm at the limiter and number of forward gears, from every telemetry packet (0 = unknown). */
  setCarLimits(maxRpm: number, gearCount: number): void {
    if (maxRpm > 0 && maxRpm !== this.maxRpm) {
      this.maxRpm = maxRpm;
      this.dirty = true;
    }
    if (gearCount > 0 && gearCount !== this.gearCount) {
      this.gearCount = gearCount;
      this.dirty = true;
    }
  }

  setSessionType(sessionType: string | undefined): void {
    if (sessionType === undefined || sessionType === this.sessionType) return;
    this.sessionType = sessionType;
    this.dirty = true;
  }

  /** The session as known now, if it changed since the last call. */
  takeNews(): SessionInfo | undefined {
    if (!this.dirty) return undefined;
    this.dirty = false;
    const session = this.current();
    if (this.lastSent !== undefined && sameSession(session, this.lastSent)) return undefined;
    this.lastSent = session;
    return session;
  }

  current(): SessionInfo {
    const session: Mutable = { game: 'pcars2', format: this.format };
    if (this.maxRpm !== undefined) session.maxRpm = this.maxRpm;
    if (this.gearCount !== undefined) session.gearCount = this.gearCount;
    if (this.sessionType !== undefined) session.sessionType = this.sessionType;
    if (this.track !== undefined) {
      session.trackKey = pcarsTrackKey(this.track.location, this.track.variation);
      session.trackName = this.track.variation === '' ? this.track.location : `${this.track.location} ${this.track.variation}`;
    }
    if (this.trackLength !== undefined) session.trackLength = this.trackLength;
    const carName = this.vehicles.get(this.viewed) || this.playerCar;
    if (carName !== '') {
      session.carKey = `pcars2:${carName}`;
      session.carName = carName;
    }
    const driver = this.drivers.get(this.viewed);
    if (driver !== undefined && driver !== '') session.driver = driver;
    return session;
  }
}

function sameSession(a: SessionInfo, b: SessionInfo): boolean {
  const keysA = Object.keys(a) as (keyof SessionInfo)[];
  return keysA.length === Object.keys(b).length && keysA.every((key) => a[key] === b[key]);
}

/** Track location and variation back from a 'pcars2:' key (the encoder plays the game). */
export function splitPcarsTrackKey(session: SessionInfo): { readonly location: string; readonly variation: string } {
  const key = session.trackKey;
  if (key !== undefined && key.startsWith('pcars2:')) {
    const body = key.slice('pcars2:'.length);
    const slash = body.indexOf('/');
    return slash < 0 ? { location: body, variation: '' } : { location: body.slice(0, slash), variation: body.slice(slash + 1) };
  }
  return { location: session.trackName ?? '', variation: '' };
}

/** The car name for the encoder: from a 'pcars2:' car key, else the display name. */
export function pcarsCarName(session: SessionInfo): string {
  return session.carKey?.startsWith('pcars2:') ? session.carKey.slice('pcars2:'.length) : (session.carName ?? '');
}

/** PCARS session state for racecraft's session type (inverse of sessionTypeOf). */
export function sessionStateOf(sessionType: string | undefined): number {
  switch (sessionType) {
    case 'practice':
      return 1;
    case 'qualifying':
      return 3;
    case 'race':
      return 5;
    case 'time-trial':
      return 6;
    default:
      return 0;
  }
}
