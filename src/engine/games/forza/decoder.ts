/**
 * Forza Data Out decoder (FM7 Sled/Dash, FM 2023, FH4/FH5; told apart by size).
 *
 * - IsRaceOn = 0 (menus, pause) → skip; anything but 0/1 there is a corrupt packet.
 * - t = the game's TimestampMS (ms, u32) unwrapped, in s. It keeps running while the game is
 *   paused (those packets have IsRaceOn = 0 and are skipped), so a pause is a gap in t; lap
 *   times still come from the game (CurrentLap / LastLap).
 * - Session (car ordinal, class, PI, max rpm; track ordinal in FM 2023) is emitted when it
 *   changes; a different car or track, the lap counter going back or the timestamp jumping
 *   back (game restarted) is a 'new-session'.
 */
import type { SessionInfo } from '../../model/index.js';
import type { DecodeResult, Decoder } from '../types.js';
import { decodeError } from '../types.js';
import { guardDecode } from '../common/guard.js';
import { forzaFormatOfSize, type ForzaFormat } from './layout.js';
import { readForzaFrame, readIdentity, readIsRaceOn, readLapNumber, readTimestampMs, type ForzaIdentity } from './read.js';
import { sessionFromIdentity } from './session.js';

const WRAP_MS = 2 ** 32;
/** A timestamp going back by more than this is a restarted game, not a reordered packet. */
const RESTART_STEP_MS = 1000;

export function createForzaDecoder(): Decoder {
  let wraps = 0;
  let lastTimestamp: number | undefined;
  let lastLapNumber: number | undefined;
  let identityNow: ForzaIdentity | undefined;
  let formatNow: ForzaFormat | undefined;

  function decode(packet: Uint8Array): readonly DecodeResult[] {
    const format = forzaFormatOfSize(packet.length);
    if (format === undefined) return decodeError('bad-size', `Forza packets are 232, 311, 324 or 331 bytes, got ${packet.length}`);
    const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
    const isRaceOn = readIsRaceOn(view);
    if (isRaceOn === 0) return [{ kind: 'skip', reason: 'Forza IsRaceOn = 0 (menus or paused)' }];
    if (isRaceOn !== 1) return decodeError('bad-value', `Forza IsRaceOn must be 0 or 1, got ${isRaceOn}`);

    const results: DecodeResult[] = [];
    const timestamp = readTimestampMs(view);
    let restarted = false;
    if (lastTimestamp !== undefined) {
      if (timestamp === lastTimestamp) return [{ kind: 'skip', reason: 'Forza timestamp repeated' }];
      if (timestamp < lastTimestamp) {
        if (lastTimestamp - timestamp > WRAP_MS / 2) wraps++;
        else if (lastTimestamp - timestamp <= RESTART_STEP_MS) return [{ kind: 'skip', reason: 'Forza packet out of order' }];
        else {
          restarted = true;
          wraps = 0;
        }
      }
    }
    lastTimestamp = timestamp;

    const identity = readIdentity(view, format);
    const lapNumber = readLapNumber(view, format);
    const lapWentBack = lapNumber !== undefined && lastLapNumber !== undefined && lapNumber < lastLapNumber;
    lastLapNumber = lapNumber;
    if (identityNow === undefined || format !== formatNow || !sameIdentity(identityNow, identity)) {
      if (identityNow !== undefined) restarted = true;
      identityNow = identity;
      formatNow = format;
      if (restarted) results.push({ kind: 'new-session' });
      results.push({ kind: 'session', session: sessionFromIdentity(format, identity) satisfies SessionInfo });
    } else if (restarted || lapWentBack) {
      results.push({ kind: 'new-session' });
    }

    const t = (wraps * WRAP_MS + timestamp) / 1000;
    results.push({ kind: 'frame', frame: readForzaFrame(view, format, t) });
    return results;
  }

  return { decode: guardDecode(decode) };
}

/** Same car, tune and track. Max rpm compared to the rpm: it is a float the game recomputes. */
function sameIdentity(a: ForzaIdentity, b: ForzaIdentity): boolean {
  return (
    a.carOrdinal === b.carOrdinal &&
    a.carClass === b.carClass &&
    a.performanceIndex === b.performanceIndex &&
    a.trackOrdinal === b.trackOrdinal &&
    (Math.round(a.engineMaxRpm) === Math.round(b.engineMaxRpm) || (Number.isNaN(a.engineMaxRpm) && Number.isNaN(b.engineMaxRpm)))
  );
}
