/**
 * Project CARS 1 protocol writer (round-trip tests, and a demo of the legacy UDP mode): one
 * 1367-byte telemetry packet per tick, the participant strings packet on the first tick and
 * about once a second. The player is participant 0 and the viewed car.
 */
import type { SessionInfo, TelemetryFrame } from '../../../model/index.js';
import type { Encoder } from '../../types.js';
import { physicsFromFrame, quantizePosition } from '../frame.js';
import { PC_GAME_STATE } from '../race-data.js';
import { pcarsCarName, sessionStateOf, splitPcarsTrackKey } from '../session.js';
import { writePc1Strings } from './strings.js';
import { writePc1Telemetry } from './telemetry.js';

export type Pc1EncoderOptions = {
  /** sBuildVersionNumber (the capture's game sent 1200). */
  readonly buildVersion?: number;
  readonly sessionEvery?: number;
  /** litres (default 100) */
  readonly fuelCapacity?: number;
  readonly className?: string;
};

const RACE_STATE_RACING = 2;
const LAP_INVALID_FLAG = 0x08;
const PIT_MODE_IN_PIT = 2;
const ACTIVE_BIT = 0x80;

export function createPc1Encoder(options: Pc1EncoderOptions = {}): Encoder {
  const buildVersion = options.buildVersion ?? 1200;
  const sessionEvery = Math.max(1, options.sessionEvery ?? 60);
  const fuelCapacity = options.fuelCapacity ?? 100;
  let tick = 0;
  let sequence = 0;
  let best = 0;

  return {
    encode(frame: TelemetryFrame, session: SessionInfo): readonly Uint8Array[] {
      const packets: Uint8Array[] = [];
      if (tick % sessionEvery === 0) {
        const { location, variation } = splitPcarsTrackKey(session);
        packets.push(
          writePc1Strings(
            { carName: pcarsCarName(session), carClassName: options.className ?? '', trackLocation: location, trackVariation: variation, names: [session.driver ?? ''], fastestLapTimes: [best] },
            buildVersion,
            sequence++,
          ),
        );
      }
      if (frame.lastLapTime !== undefined && frame.lastLapTime > 0 && (best === 0 || frame.lastLapTime < best)) best = frame.lastLapTime;
      const physics = physicsFromFrame(frame, session.gearCount ?? 0, fuelCapacity);
      const place = quantizePosition(frame.posX ?? 0, frame.posY ?? 0, frame.posZ ?? 0);
      const sector = frame.sector !== undefined ? frame.sector + 1 : 0;
      packets.push(
        writePc1Telemetry(
          {
            ...physics,
            buildVersion,
            sequence: sequence++,
            gameSessionState: PC_GAME_STATE.playing | (sessionStateOf(session.sessionType) << 4),
            viewedParticipantIndex: 0,
            numParticipants: 1,
            raceStateFlags: RACE_STATE_RACING | (frame.lapInvalid ? LAP_INVALID_FLAG : 0),
            bestLapTime: best > 0 ? best : -1,
            lastLapTime: frame.lastLapTime ?? -1,
            currentTime: frame.lapTime ?? -1,
            eventTimeRemaining: -1,
            highestFlag: 0,
            pitModeSchedule: frame.inPit ? PIT_MODE_IN_PIT : 0,
            maxRpm: Math.max(0, Math.min(65535, Math.round(session.maxRpm ?? 0))),
            localVelocity: [0, 0, -(frame.speed ?? 0)],
            worldVelocity: [0, 0, 0],
            trackLength: session.trackLength ?? 0,
          },
          [
            {
              worldPosition: place.world,
              currentLapDistance: Math.max(0, Math.min(65535, Math.round(frame.lapDistance ?? 0))),
              racePosition: 1 | ACTIVE_BIT,
              lapsCompleted: Math.max(0, Math.min(127, frame.lap - 1)) | (frame.lapInvalid ? 0x80 : 0),
              currentLap: Math.max(0, Math.min(255, frame.lap)),
              sector: (sector & 0x07) | place.precisionBits,
              lastSectorTime: -1,
            },
          ],
        ),
      );
      tick++;
      return packets;
    },
  };
}
