/**
 * Forza identifies cars and tracks only by number ("ordinals"); names need a lookup table the
 * game does not send. Keys: car 'forza:<CarOrdinal>', track 'forza:<TrackOrdinal>' (FM 2023
 * only). Class and performance index go into the car's display name because SessionInfo has
 * no field for them (a tuned car keeps its ordinal but changes PI).
 */
import type { SessionInfo } from '../../model/index.js';
import type { ForzaFormat } from './layout.js';
import type { ForzaIdentity } from './read.js';

export function sessionFromIdentity(format: ForzaFormat, identity: ForzaIdentity): SessionInfo {
  const session: { -readonly [K in keyof SessionInfo]: SessionInfo[K] } = {
    game: 'forza',
    format,
    carKey: forzaKey(identity.carOrdinal),
    carName: `Forza car ${identity.carOrdinal} (class ${identity.carClass}, PI ${identity.performanceIndex})`,
  };
  if (Number.isFinite(identity.engineMaxRpm) && identity.engineMaxRpm > 0) session.maxRpm = identity.engineMaxRpm;
  if (identity.trackOrdinal !== undefined) session.trackKey = forzaKey(identity.trackOrdinal);
  return session;
}

export function forzaKey(ordinal: number): string {
  return `forza:${ordinal}`;
}

/** The ordinal in a 'forza:<n>' key, or undefined for any other key. */
export function ordinalOfKey(key: string | undefined): number | undefined {
  if (key === undefined || !/^forza:-?\d+$/.test(key)) return undefined;
  return Number(key.slice(6));
}
