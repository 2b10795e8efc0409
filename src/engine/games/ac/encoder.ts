/**
 * Assetto Corsa writer, used by the demo to play the game: it answers a client's handshake
 * with `encodeAcHandshakeResponse(session)` and then streams one RTCarInfo per tick.
 */
import type { SessionInfo, TelemetryFrame } from '../../model/index.js';
import type { Encoder } from '../types.js';
import { writeAcCarInfo } from './car-info.js';
import { DEFAULT_AC_STEER_LOCK_DEG, carInfoFromFrame } from './frame.js';
import { writeAcHandshakeResponse } from './handshake.js';
import { handshakeFromSession } from './session.js';

export type AcEncoderOptions = {
  /** deg, must match the decoder's to round-trip steer (default DEFAULT_AC_STEER_LOCK_DEG). */
  readonly steerLockDeg?: number;
};

/** The 408-byte response AC sends to a HANDSHAKE request, built from the session's car, track and driver. */
export function encodeAcHandshakeResponse(session: SessionInfo): Uint8Array {
  return writeAcHandshakeResponse(handshakeFromSession(session));
}

/** One RTCarInfo per frame; keeps the running best lap like AC does. */
export function createAcEncoder(options: AcEncoderOptions = {}): Encoder {
  const steerLockDeg = options.steerLockDeg ?? DEFAULT_AC_STEER_LOCK_DEG;
  let bestLapMs = 0;
  return {
    encode(frame: TelemetryFrame, session: SessionInfo): readonly Uint8Array[] {
      if (frame.lastLapTime !== undefined && frame.lastLapTime > 0) {
        const lastMs = Math.round(frame.lastLapTime * 1000);
        if (bestLapMs === 0 || lastMs < bestLapMs) bestLapMs = lastMs;
      }
      return [writeAcCarInfo(carInfoFromFrame(frame, session, steerLockDeg, bestLapMs))];
    },
  };
}
