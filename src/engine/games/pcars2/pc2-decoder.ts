/**
 * Project CARS 2 / AMS2 frame assembly. The frame of a tick needs two packets: telemetry
 * (type 0: physics of the VIEWED car) and timings (type 3: lap, lap time, lap distance, flags of
 * all 32 cars). A frame is emitted per telemetry packet, combined with the latest timings entry
 * at sViewedParticipantIndex; session facts come from race data, participants, vehicle names
 * and game state; last-lap times from time stats (type 7), whenever they arrive.
 *
 * t is rebuilt from the lap clock (LapTimer): PC2 sends no session time.
 */
import type { DecodeResult } from '../types.js';
import { NO_RESULTS, decodeError } from '../types.js';
import { gearCountOf, pcarsFrame, refinedPosition } from './frame.js';
import { PC2_HEADER_SIZE, PC2_PACKET_TYPE, readPc2Header } from './header.js';
import { LapTimer, isRunningLapTime } from '../common/lap-clock.js';
import {
  PC2_CLASS_NAMES_SIZE,
  PC2_NAMES_START,
  PC2_PARTICIPANTS_MIN_SIZE,
  PC2_VEHICLES_START,
  PC2_VEHICLE_NAMES_SIZE,
  PC2_VEHICLE_STRIDE,
  PER_PART,
  firstIndexOfPart,
} from './participants.js';
import { readPc2GameState, readPc2RaceData, sessionTypeOf } from './race-data.js';
import { readPc2Telemetry } from './telemetry.js';
import { PC2_PARTICIPANTS_MAX, readPc2LastLapTime, readPc2ParticipantTiming, timeStatsStride, timingsStride } from './timings.js';
import { PcarsSession } from './session.js';

/** SMS_UDP_MAX_PACKETSIZE */
const PC2_MAX_PACKET = 1500;
/** sRaceState bit 7: the current lap is invalidated (CrewChief's reading of the PC2 header). */
const LAP_INVALID_BIT = 0x80;

/** Pit mode = bits 2-4 of sPitModeSchedule; anything but PIT_MODE_NONE (0) is the pit lane or garage. */
export function pc2PitMode(pitModeSchedule: number): number {
  return (pitModeSchedule >> 2) & 0x07;
}

export function createPc2Assembler(): { decode(packet: Uint8Array): readonly DecodeResult[] } {
  let timer = new LapTimer();
  const session = new PcarsSession('pc2');
  // The latest timings packet, copied into a buffer owned here (the capture layer may reuse its
  // receive buffer) and allocated once: a copy per tick would cost more than the decode.
  const timingsBytes = new Uint8Array(PC2_MAX_PACKET);
  const timingsView = new DataView(timingsBytes.buffer);
  let timingsStrideNow: number | undefined;
  let viewed = -1;

  function withNews(results: DecodeResult[]): readonly DecodeResult[] {
    const news = session.takeNews();
    if (news !== undefined) results.push({ kind: 'session', session: news });
    return results.length === 0 ? NO_RESULTS : results;
  }

  function onTelemetry(packet: Uint8Array, view: DataView): readonly DecodeResult[] {
    const telemetry = readPc2Telemetry(packet, view);
    if ('code' in telemetry) return [{ kind: 'error', error: telemetry }];
    viewed = telemetry.viewedParticipantIndex;
    // No viewed car = menus: the rest of the packet is leftovers, not session facts.
    if (viewed < 0 || viewed >= PC2_PARTICIPANTS_MAX) return [{ kind: 'skip', reason: `PC2 viewed participant ${viewed} (none: menus)` }];
    session.setViewed(viewed);
    session.setCarLimits(telemetry.maxRpm, gearCountOf(telemetry.gearNumGears));
    if (timingsStrideNow === undefined) return withNews([{ kind: 'skip', reason: 'PC2 telemetry before any timings packet (no lap data yet)' }]);
    const car = readPc2ParticipantTiming(timingsView, timingsStrideNow, viewed);
    if (!isRunningLapTime(car.currentTime) || car.currentLap === 0) return withNews([{ kind: 'skip', reason: 'PC2 lap clock not running' }]);

    const reading = timer.tick(car.currentLap, car.currentTime);
    if (reading.kind === 'stale') return [{ kind: 'skip', reason: 'PC2 lap clock did not advance' }];
    const results: DecodeResult[] = [];
    if (reading.kind === 'reset') results.push({ kind: 'new-session' });
    const news = session.takeNews();
    if (news !== undefined) results.push({ kind: 'session', session: news });
    const position = telemetry.fullPosition ?? refinedPosition(car.worldPosition, car.sector);
    results.push({
      kind: 'frame',
      frame: pcarsFrame(reading.t, telemetry, {
        lap: car.currentLap,
        lapTime: car.currentTime,
        lastLapTime: timer.lastLapTime,
        lapDistance: car.currentLapDistance,
        lapInvalid: (car.raceState & LAP_INVALID_BIT) !== 0,
        inPit: pc2PitMode(car.pitModeSchedule) !== 0,
        sectorByte: car.sector,
        position,
      }),
    });
    return results;
  }

  function onTimings(packet: Uint8Array): readonly DecodeResult[] {
    const stride = timingsStride(packet.length);
    if (stride === undefined) return decodeError('too-short', `PC2 timings need 993 bytes, got ${packet.length}`);
    if (packet.length > PC2_MAX_PACKET) return decodeError('bad-size', `PC2 packets are at most ${PC2_MAX_PACKET} bytes, got ${packet.length}`);
    timingsBytes.set(packet);
    timingsStrideNow = stride;
    return NO_RESULTS;
  }

  function onTimeStats(packet: Uint8Array, view: DataView): readonly DecodeResult[] {
    const stride = timeStatsStride(packet.length);
    if (stride === undefined) return decodeError('too-short', `PC2 time stats need 784 bytes, got ${packet.length}`);
    if (viewed < 0 || viewed >= PC2_PARTICIPANTS_MAX) return NO_RESULTS;
    const lastLap = readPc2LastLapTime(view, stride, viewed);
    if (lastLap !== undefined) timer.observeLastLap(lastLap);
    return NO_RESULTS;
  }

  function onRaceData(packet: Uint8Array, view: DataView): readonly DecodeResult[] {
    const race = readPc2RaceData(packet, view);
    if ('code' in race) return [{ kind: 'error', error: race }];
    if (!session.setTrack(race.trackLocation, race.trackVariation, race.trackLength)) return withNews([]);
    timer = new LapTimer();
    return withNews([{ kind: 'new-session' }]);
  }

  function onParticipants(packet: Uint8Array, partIndex: number): readonly DecodeResult[] {
    if (packet.length < PC2_PARTICIPANTS_MIN_SIZE) return decodeError('too-short', `PC2 participants need ${PC2_PARTICIPANTS_MIN_SIZE} bytes, got ${packet.length}`);
    const first = firstIndexOfPart(partIndex);
    for (let i = 0; i < PER_PART; i++) session.setDriverNameAt(first + i, packet, PC2_NAMES_START + i * 64);
    return withNews([]);
  }

  function onVehicleNames(packet: Uint8Array, partIndex: number): readonly DecodeResult[] {
    // The last part holds class names; SessionInfo has no car class, so they are not decoded.
    if (packet.length >= PC2_CLASS_NAMES_SIZE) return NO_RESULTS;
    if (packet.length < PC2_VEHICLE_NAMES_SIZE) return decodeError('too-short', `PC2 vehicle names need ${PC2_VEHICLE_NAMES_SIZE} bytes, got ${packet.length}`);
    const first = firstIndexOfPart(partIndex);
    for (let i = 0; i < PER_PART; i++) session.setVehicleNameAt(first + i, packet, PC2_VEHICLES_START + i * PC2_VEHICLE_STRIDE + 8);
    return withNews([]);
  }

  function onGameState(packet: Uint8Array, view: DataView): readonly DecodeResult[] {
    const state = readPc2GameState(packet, view);
    if ('code' in state) return [{ kind: 'error', error: state }];
    session.setSessionType(sessionTypeOf(state.sessionState));
    return withNews([]);
  }

  return {
    decode(packet: Uint8Array): readonly DecodeResult[] {
      if (packet.length < PC2_HEADER_SIZE) return decodeError('too-short', `PC2 packets have a 12-byte header, got ${packet.length} bytes`);
      const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
      const header = readPc2Header(view);
      switch (header.packetType) {
        case PC2_PACKET_TYPE.telemetry:
          return onTelemetry(packet, view);
        case PC2_PACKET_TYPE.timings:
          return onTimings(packet);
        case PC2_PACKET_TYPE.timeStats:
          return onTimeStats(packet, view);
        case PC2_PACKET_TYPE.raceData:
          return onRaceData(packet, view);
        case PC2_PACKET_TYPE.participants:
          return onParticipants(packet, header.partialPacketIndex);
        case PC2_PACKET_TYPE.participantVehicleNames:
          return onVehicleNames(packet, header.partialPacketIndex);
        case PC2_PACKET_TYPE.gameState:
          return onGameState(packet, view);
        case PC2_PACKET_TYPE.weatherState:
        case PC2_PACKET_TYPE.vehicleNames:
          return [{ kind: 'skip', reason: `PC2 packet type ${header.packetType} carries nothing racecraft uses` }];
        default:
          return decodeError('bad-format', `PC2 packet type ${header.packetType} is not defined`);
      }
    },
  };
}
