/**
 * Project CARS 2 / AMS2 writer (PC2 protocol): plays the game for the demo and the round-trip
 * tests. Per tick it sends timings then telemetry (the decoder pairs a telemetry packet with
 * the latest timings); about once a second (and on the first tick) the session packets: race
 * data, participants, vehicle + class names, game state; time stats on the first tick and
 * whenever a lap completes. The player is participant 0 and the viewed car.
 */
import type { SessionInfo, TelemetryFrame } from '../../model/index.js';
import type { Encoder } from '../types.js';
import { physicsFromFrame, quantizePosition } from './frame.js';
import { PC2_PACKET_TYPE, PC2_SIZES, type Pc2Revision } from './header.js';
import { writePc2ClassNames, writePc2Participants, writePc2VehicleNames } from './participants.js';
import { PC_GAME_STATE, writePc2GameState, writePc2RaceData } from './race-data.js';
import { pcarsCarName, sessionStateOf, splitPcarsTrackKey } from './session.js';
import { writePc2Telemetry } from './telemetry.js';
import { writePc2TimeStats, writePc2Timings } from './timings.js';

export type Pc2EncoderOptions = {
  /** Header revision to write: 'v2' (default; AMS2 / patched PC2 sizes) or 'v1' (2017 sizes). */
  readonly revision?: Pc2Revision;
  /** Ticks between two rounds of session packets (default 60, about 1 s at 60 Hz). */
  readonly sessionEvery?: number;
  /** litres, the tank size used to express the frame's fuel as sFuelLevel (default 100). */
  readonly fuelCapacity?: number;
  /** Vehicle class name for the class names packet. */
  readonly className?: string;
};

/** PIT_MODE_IN_PIT, placed in bits 2-4 of sPitModeSchedule. */
const IN_PIT_BITS = 2 << 2;
const RACE_STATE_RACING = 2;
const LAP_INVALID_BIT = 0x80;
const ACTIVE_BIT = 0x80;

export function createPc2Encoder(options: Pc2EncoderOptions = {}): Encoder {
  const sizes = PC2_SIZES[options.revision ?? 'v2'];
  const sessionEvery = Math.max(1, options.sessionEvery ?? 60);
  const fuelCapacity = options.fuelCapacity ?? 100;
  let tick = 0;
  let packetNumber = 0;
  const category = new Map<number, number>();
  let lastLapSent: number | undefined;
  let best = 0;
  const next = (type: number): [number, number] => {
    const c = category.get(type) ?? 0;
    category.set(type, c + 1);
    return [packetNumber++, c];
  };

  function sessionPackets(session: SessionInfo): Uint8Array[] {
    const { location, variation } = splitPcarsTrackKey(session);
    const carName = pcarsCarName(session);
    return [
      writePc2RaceData(
        { worldFastestLapTime: -1, personalFastestLapTime: best > 0 ? best : -1, trackLength: session.trackLength ?? 0, trackLocation: location, trackVariation: variation, translatedTrackLocation: location, translatedTrackVariation: variation, lapsTimeInEvent: 0, enforcedPitStopLap: -1 },
        ...next(PC2_PACKET_TYPE.raceData),
      ),
      writePc2Participants([session.driver ?? ''], sizes.participants, { ...header(next(PC2_PACKET_TYPE.participants)), part: 1, parts: 1 }),
      writePc2VehicleNames([{ index: 0, classIndex: 0, name: carName }], { ...header(next(PC2_PACKET_TYPE.participantVehicleNames)), part: 1, parts: 2 }),
      writePc2ClassNames([{ classIndex: 0, name: options.className ?? '' }], { ...header(next(PC2_PACKET_TYPE.participantVehicleNames)), part: 2, parts: 2 }),
      writePc2GameState(
        { buildVersion: 0, gameState: PC_GAME_STATE.playing, sessionState: sessionStateOf(session.sessionType), ambientTemperature: 0, trackTemperature: 0, rainDensity: 0 },
        ...next(PC2_PACKET_TYPE.gameState),
      ),
    ];
  }

  return {
    encode(frame: TelemetryFrame, session: SessionInfo): readonly Uint8Array[] {
      const packets: Uint8Array[] = tick % sessionEvery === 0 ? sessionPackets(session) : [];
      if (frame.lastLapTime !== undefined && frame.lastLapTime > 0 && (best === 0 || frame.lastLapTime < best)) best = frame.lastLapTime;
      if (tick === 0 || frame.lastLapTime !== lastLapSent) {
        lastLapSent = frame.lastLapTime;
        packets.push(writePc2TimeStats([{ fastestLapTime: best > 0 ? best : -1, lastLapTime: frame.lastLapTime ?? 0 }], sizes.timeStats, ...next(PC2_PACKET_TYPE.timeStats)));
      }
      const place = quantizePosition(frame.posX ?? 0, frame.posY ?? 0, frame.posZ ?? 0);
      const sector = frame.sector !== undefined ? frame.sector + 1 : 0;
      packets.push(
        writePc2Timings(
          {
            numParticipants: 1,
            eventTimeRemaining: -1,
            localParticipantIndex: 0,
            participants: [
              {
                worldPosition: place.world,
                currentLapDistance: Math.max(0, Math.min(65535, Math.round(frame.lapDistance ?? 0))),
                racePosition: 1 | ACTIVE_BIT,
                sector: (sector & 0x07) | place.precisionBits,
                highestFlag: 0,
                pitModeSchedule: frame.inPit ? IN_PIT_BITS : 0,
                carIndex: 0,
                raceState: RACE_STATE_RACING | (frame.lapInvalid ? LAP_INVALID_BIT : 0),
                currentLap: Math.max(0, Math.min(255, frame.lap)),
                currentTime: frame.lapTime ?? 0,
                currentSectorTime: 0,
              },
            ],
          },
          sizes.timings,
          ...next(PC2_PACKET_TYPE.timings),
        ),
      );
      const physics = physicsFromFrame(frame, session.gearCount ?? 0, fuelCapacity);
      const speed = frame.speed ?? 0;
      packets.push(
        writePc2Telemetry(
          {
            ...physics,
            viewedParticipantIndex: 0,
            unfilteredThrottle: physics.throttle,
            unfilteredBrake: physics.brake,
            unfilteredSteering: physics.steering,
            unfilteredClutch: physics.clutch,
            carFlags: 0,
            oilTempCelsius: 0,
            maxRpm: Math.max(0, Math.min(65535, Math.round(session.maxRpm ?? 0))),
            odometerKm: 0,
            localVelocity: [0, 0, -speed],
            worldVelocity: [0, 0, 0],
            angularVelocity: [0, 0, 0],
            fullPosition: [frame.posX ?? 0, frame.posY ?? 0, frame.posZ ?? 0],
          },
          sizes.telemetry,
          ...next(PC2_PACKET_TYPE.telemetry),
        ),
      );
      tick++;
      return packets;
    },
  };
}

function header([packetNumber, categoryPacketNumber]: [number, number]): { packetNumber: number; categoryPacketNumber: number } {
  return { packetNumber, categoryPacketNumber };
}
