/**
 * Assetto Corsa KSUDP decoder. Messages are told apart by length (408 handshake response,
 * 328 RTCarInfo, 212 RTLap). RTCarInfo carries no session clock, so t is rebuilt from the lap
 * clock (LapTimer): the Monza capture's first packet is t = 212.240 s, the lap clock having run
 * since the session started in the pits.
 *
 * Session restarts show up as the lap counter or lap clock going back; the decoder then emits
 * 'new-session' (the capture layer should re-handshake: AC may have changed car or track).
 * Paused games keep sending the identical packet: those are skipped (the lap clock stands still).
 */
import type { DecodeResult, Decoder } from '../types.js';
import { decodeError } from '../types.js';
import type { SessionInfo } from '../../model/index.js';
import { guardDecode } from '../common/guard.js';
import { LapTimer } from '../common/lap-clock.js';
import { AC_CAR_INFO_SIZE, readAcCarInfo } from './car-info.js';
import { DEFAULT_AC_STEER_LOCK_DEG, frameFromCarInfo } from './frame.js';
import { AC_HANDSHAKE_RESPONSE_SIZE, AC_HANDSHAKE_SIZE, isDecodeError, readAcHandshakeResponse } from './handshake.js';
import { AC_RT_LAP_SIZE, readAcRtLap } from './rt-lap.js';
import { sessionFromHandshake } from './session.js';

/** Lap counts and lap times beyond these are corrupt packets, not racing. */
const MAX_LAP_COUNT = 100_000;
const MAX_LAP_TIME_MS = 24 * 3600 * 1000;

export type AcDecoderOptions = {
  /** m, track length when known up front (AC does not send it). */
  readonly trackLength?: number;
  /** deg, steering-wheel angle that maps to steer = ±1 (default DEFAULT_AC_STEER_LOCK_DEG). */
  readonly steerLockDeg?: number;
};

export type AcDecoder = Decoder & {
  /**
   * Sets the track length (m) once the capture layer knows it (library track model, or a lap
   * measured by the track model); from then on frames carry lapDistance. `undefined` clears it.
   */
  setTrackLength(meters: number | undefined): void;
};

export function createAcDecoder(options: AcDecoderOptions = {}): AcDecoder {
  let trackLength = options.trackLength;
  const steerLockDeg = options.steerLockDeg ?? DEFAULT_AC_STEER_LOCK_DEG;
  let timer = new LapTimer();
  let session: SessionInfo | undefined;

  function decodeCarInfo(packet: Uint8Array): readonly DecodeResult[] {
    const info = readAcCarInfo(packet);
    if (isDecodeError(info)) return [{ kind: 'error', error: info }];
    if (info.lapCount < 0 || info.lapCount > MAX_LAP_COUNT || info.lapTime < 0 || info.lapTime > MAX_LAP_TIME_MS) {
      return decodeError('bad-value', `RTCarInfo lapCount ${info.lapCount} / lapTime ${info.lapTime} ms out of range`);
    }
    const rawLastLap = info.lastLap > 0 && info.lastLap <= MAX_LAP_TIME_MS ? info.lastLap / 1000 : 0;
    timer.observeLastLap(rawLastLap);
    const reading = timer.tick(info.lapCount, info.lapTime / 1000);
    if (reading.kind === 'stale') return [{ kind: 'skip', reason: 'AC lap clock did not advance (paused or repeated packet)' }];
    const frame = frameFromCarInfo(info, reading.t, timer.lastLapTime, { trackLength, steerLockDeg });
    if (reading.kind === 'reset') return [{ kind: 'new-session' }, { kind: 'frame', frame }];
    return [{ kind: 'frame', frame }];
  }

  function decodeHandshakeResponse(packet: Uint8Array): readonly DecodeResult[] {
    const response = readAcHandshakeResponse(packet);
    if (isDecodeError(response)) return [{ kind: 'error', error: response }];
    const next = sessionFromHandshake(response);
    const changed =
      session !== undefined &&
      (session.trackKey !== next.trackKey || session.carKey !== next.carKey || session.driver !== next.driver);
    session = next;
    if (!changed) return [{ kind: 'session', session: next }];
    // A different car, track or driver: whatever the lap clock said belongs to the old session.
    timer = new LapTimer();
    return [{ kind: 'new-session' }, { kind: 'session', session: next }];
  }

  function decodeRtLap(packet: Uint8Array): readonly DecodeResult[] {
    const lap = readAcRtLap(packet);
    if (isDecodeError(lap)) return [{ kind: 'error', error: lap }];
    // Spot events cover every car; the player's laps already come from RTCarInfo.
    return [{ kind: 'skip', reason: `AC RTLap: car ${lap.carIdentifierNumber} lap ${lap.lap} ${lap.time} ms` }];
  }

  return {
    decode: guardDecode((packet: Uint8Array): readonly DecodeResult[] => {
      switch (packet.length) {
        case AC_CAR_INFO_SIZE:
          return decodeCarInfo(packet);
        case AC_HANDSHAKE_RESPONSE_SIZE:
          return decodeHandshakeResponse(packet);
        case AC_RT_LAP_SIZE:
          return decodeRtLap(packet);
        case AC_HANDSHAKE_SIZE:
          return [{ kind: 'skip', reason: 'AC handshake request (client to game), not telemetry' }];
        default:
          return decodeError('bad-size', `AC packets are 408, 328 or 212 bytes, got ${packet.length}`);
      }
    }),
    setTrackLength(meters: number | undefined): void {
      trackLength = meters !== undefined && Number.isFinite(meters) && meters > 0 ? meters : undefined;
    },
  };
}
