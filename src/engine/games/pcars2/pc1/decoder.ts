/**
 * Project CARS 1 protocol decoder (the PC1 UDP mode, also offered by PC2/AMS2). One telemetry
 * packet carries everything for a frame: physics, the viewed car's lap data (participant array),
 * current and last lap times, track length. Strings packets name the car, track and drivers.
 *
 * Bit layouts differ from PC2: pit mode = sPitModeSchedule bits 0-2; lap invalidated =
 * sRaceStateFlags bit 3 (the capture sets it on the grid together with lapsCompleted bit 7).
 */
import type { DecodeResult } from '../../types.js';
import { NO_RESULTS, decodeError } from '../../types.js';
import { gearCountOf, pcarsFrame, refinedPosition } from '../frame.js';
import { LapTimer, isRunningLapTime } from '../../common/lap-clock.js';
import { sessionTypeOf } from '../race-data.js';
import { PcarsSession } from '../session.js';
import { readCString } from '../cstring.js';
import {
  PC1_ADDITIONAL_NAMES_START,
  PC1_NAMES_PER_PACKET,
  PC1_NAMES_START,
  PC1_STRINGS_ADDITIONAL_SIZE,
  PC1_STRINGS_SIZE,
  PC1_STRING_OFFSET,
} from './strings.js';
import { PC1_PACKET_TYPE, PC1_PARTICIPANTS, readPc1Participant, readPc1Telemetry } from './telemetry.js';

const LAP_INVALID_FLAG = 0x08;
const PIT_MODE_MASK = 0x07;

export function createPc1Assembler(): { decode(packet: Uint8Array): readonly DecodeResult[] } {
  let timer = new LapTimer();
  const session = new PcarsSession('pc1');

  function withNews(results: DecodeResult[]): readonly DecodeResult[] {
    const news = session.takeNews();
    if (news !== undefined) results.push({ kind: 'session', session: news });
    return results.length === 0 ? NO_RESULTS : results;
  }

  function onTelemetry(packet: Uint8Array, view: DataView): readonly DecodeResult[] {
    const telemetry = readPc1Telemetry(packet, view);
    if ('code' in telemetry) return [{ kind: 'error', error: telemetry }];
    const viewed = telemetry.viewedParticipantIndex;
    // No viewed car = menus: the rest of the packet is leftovers (the capture's menu packets say 15 gears).
    if (viewed < 0 || viewed >= PC1_PARTICIPANTS) return [{ kind: 'skip', reason: `PC1 viewed participant ${viewed} (none: menus)` }];
    session.setViewed(viewed);
    session.setTrackLength(telemetry.trackLength);
    session.setCarLimits(telemetry.maxRpm, gearCountOf(telemetry.gearNumGears));
    session.setSessionType(sessionTypeOf((telemetry.gameSessionState >> 4) & 0x07));
    const car = readPc1Participant(view, viewed);
    if (!isRunningLapTime(telemetry.currentTime) || car.currentLap === 0) return withNews([{ kind: 'skip', reason: 'PC1 lap clock not running (before the start or in the menus)' }]);

    timer.observeLastLap(telemetry.lastLapTime);
    const reading = timer.tick(car.currentLap, telemetry.currentTime);
    if (reading.kind === 'stale') return [{ kind: 'skip', reason: 'PC1 lap clock did not advance (paused)' }];
    const results: DecodeResult[] = reading.kind === 'reset' ? [{ kind: 'new-session' }] : [];
    const frame = pcarsFrame(reading.t, telemetry, {
      lap: car.currentLap,
      lapTime: telemetry.currentTime,
      lastLapTime: timer.lastLapTime,
      lapDistance: car.currentLapDistance,
      lapInvalid: (telemetry.raceStateFlags & LAP_INVALID_FLAG) !== 0,
      inPit: (telemetry.pitModeSchedule & PIT_MODE_MASK) !== 0,
      sectorByte: car.sector,
      position: refinedPosition(car.worldPosition, car.sector),
    });
    const withSession = withNews(results);
    return [...withSession, { kind: 'frame', frame }];
  }

  function onStrings(packet: Uint8Array): readonly DecodeResult[] {
    if (packet.length !== PC1_STRINGS_SIZE) return decodeError('bad-size', `PC1 participant strings are ${PC1_STRINGS_SIZE} bytes, got ${packet.length}`);
    const results: DecodeResult[] = [];
    const track = readCString(packet, PC1_STRING_OFFSET.trackLocation, 64);
    if (session.setTrack(track, readCString(packet, PC1_STRING_OFFSET.trackVariation, 64), Number.NaN)) {
      timer = new LapTimer();
      results.push({ kind: 'new-session' });
    }
    session.setPlayerCar(readCString(packet, PC1_STRING_OFFSET.carName, 64));
    for (let i = 0; i < PC1_NAMES_PER_PACKET; i++) session.setDriverNameAt(i, packet, PC1_NAMES_START + i * 64);
    return withNews(results);
  }

  function onAdditional(packet: Uint8Array): readonly DecodeResult[] {
    if (packet.length !== PC1_STRINGS_ADDITIONAL_SIZE) return decodeError('bad-size', `PC1 additional strings are ${PC1_STRINGS_ADDITIONAL_SIZE} bytes, got ${packet.length}`);
    const offset = packet[3] ?? 0;
    for (let i = 0; i < PC1_NAMES_PER_PACKET; i++) session.setDriverNameAt(offset + i, packet, PC1_ADDITIONAL_NAMES_START + i * 64);
    return withNews([]);
  }

  return {
    decode(packet: Uint8Array): readonly DecodeResult[] {
      if (packet.length < 3) return decodeError('too-short', `PC1 packets have a 3-byte header, got ${packet.length} bytes`);
      const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
      switch ((packet[2] ?? 0) & 0x03) {
        case PC1_PACKET_TYPE.telemetry:
          return onTelemetry(packet, view);
        case PC1_PACKET_TYPE.participantStrings:
          return onStrings(packet);
        case PC1_PACKET_TYPE.participantStringsAdditional:
          return onAdditional(packet);
        default:
          return decodeError('bad-format', 'PC1 packet type 3 is not defined');
      }
    },
  };
}
