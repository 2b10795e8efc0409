/**
 * sRaceData (type 1, 308 bytes, both revisions) and sGameStateData (type 4, 24 bytes, natural
 * alignment), protocols.md §5.
 *
 * sRaceData:
 * | offset | type     | field                                  |
 * |     12 | f32      | sWorldFastestLapTime                   |
 * |     16 | f32      | sPersonalFastestLapTime                |
 * |     44 | f32      | sTrackLength  (m)                      |
 * |     48 | char[64] | sTrackLocation  (untranslated)         |
 * |    112 | char[64] | sTrackVariation                        |
 * |    176 | char[64] | sTranslatedTrackLocation               |
 * |    240 | char[64] | sTranslatedTrackVariation              |
 * |    304 | u16      | sLapsTimeInEvent  (top bit: timed)     |
 * |    306 | s8       | sEnforcedPitStopLap                    |
 *
 * sGameStateData:
 * | offset | type | field                                                        |
 * |     12 | u16  | mBuildVersionNumber                                          |
 * |     14 | u8   | mGameState  low 3 bits game state, bits 4..6 session state    |
 * |     15 | s8   | sAmbientTemperature                                          |
 * |     16 | s8   | sTrackTemperature                                            |
 * |     17 | u8   | sRainDensity                                                 |
 *
 * Session state >> 4 (not >> 3): the PC1 capture's 0x52 is "playing, race" = 2 | 5 << 4.
 */
import type { DecodeError } from '../types.js';
import { readCString, writeCString } from './cstring.js';
import { PC2_PACKET_TYPE, PC2_PACKET_VERSION, writePc2Header } from './header.js';

export const PC2_RACE_DATA_MIN_SIZE = 307;
export const PC2_GAME_STATE_MIN_SIZE = 22;

const R = { worldFastestLapTime: 12, personalFastestLapTime: 16, trackLength: 44, trackLocation: 48, trackVariation: 112, translatedTrackLocation: 176, translatedTrackVariation: 240, lapsTimeInEvent: 304, enforcedPitStopLap: 306 } as const;
const NAME = 64;

export type Pc2RaceData = {
  readonly worldFastestLapTime: number;
  readonly personalFastestLapTime: number;
  /** m */
  readonly trackLength: number;
  readonly trackLocation: string;
  readonly trackVariation: string;
  readonly translatedTrackLocation: string;
  readonly translatedTrackVariation: string;
  readonly lapsTimeInEvent: number;
  readonly enforcedPitStopLap: number;
};

export function readPc2RaceData(packet: Uint8Array, view: DataView): Pc2RaceData | DecodeError {
  if (packet.length < PC2_RACE_DATA_MIN_SIZE) return { code: 'too-short', detail: `PC2 race data needs ${PC2_RACE_DATA_MIN_SIZE} bytes, got ${packet.length}` };
  return {
    worldFastestLapTime: view.getFloat32(R.worldFastestLapTime, true),
    personalFastestLapTime: view.getFloat32(R.personalFastestLapTime, true),
    trackLength: view.getFloat32(R.trackLength, true),
    trackLocation: readCString(packet, R.trackLocation, NAME),
    trackVariation: readCString(packet, R.trackVariation, NAME),
    translatedTrackLocation: readCString(packet, R.translatedTrackLocation, NAME),
    translatedTrackVariation: readCString(packet, R.translatedTrackVariation, NAME),
    lapsTimeInEvent: view.getUint16(R.lapsTimeInEvent, true),
    enforcedPitStopLap: view.getInt8(R.enforcedPitStopLap),
  };
}

export function writePc2RaceData(data: Pc2RaceData, packetNumber: number, categoryPacketNumber: number): Uint8Array {
  const bytes = new Uint8Array(308);
  const view = new DataView(bytes.buffer);
  writePc2Header(view, { packetNumber, categoryPacketNumber, partialPacketIndex: 1, partialPacketNumber: 1, packetType: PC2_PACKET_TYPE.raceData, packetVersion: PC2_PACKET_VERSION[PC2_PACKET_TYPE.raceData] ?? 0 });
  view.setFloat32(R.worldFastestLapTime, data.worldFastestLapTime, true);
  view.setFloat32(R.personalFastestLapTime, data.personalFastestLapTime, true);
  view.setFloat32(R.trackLength, data.trackLength, true);
  writeCString(bytes, R.trackLocation, NAME, data.trackLocation);
  writeCString(bytes, R.trackVariation, NAME, data.trackVariation);
  writeCString(bytes, R.translatedTrackLocation, NAME, data.translatedTrackLocation);
  writeCString(bytes, R.translatedTrackVariation, NAME, data.translatedTrackVariation);
  view.setUint16(R.lapsTimeInEvent, data.lapsTimeInEvent, true);
  view.setInt8(R.enforcedPitStopLap, data.enforcedPitStopLap);
  return bytes;
}

/** ePCars game states (shared-memory header): 2 = in game playing, 3 = paused. */
export const PC_GAME_STATE = { exited: 0, frontEnd: 1, playing: 2, paused: 3, inGameInMenuTimeTicking: 4, restarting: 5, replay: 6, frontEndReplay: 7 } as const;

export type Pc2GameState = {
  readonly buildVersion: number;
  /** low 3 bits of mGameState */
  readonly gameState: number;
  /** mGameState >> 4: 0 invalid, 1 practice, 2 test, 3 qualify, 4 formation lap, 5 race, 6 time attack */
  readonly sessionState: number;
  readonly ambientTemperature: number;
  readonly trackTemperature: number;
  readonly rainDensity: number;
};

export function readPc2GameState(packet: Uint8Array, view: DataView): Pc2GameState | DecodeError {
  if (packet.length < PC2_GAME_STATE_MIN_SIZE) return { code: 'too-short', detail: `PC2 game state needs ${PC2_GAME_STATE_MIN_SIZE} bytes, got ${packet.length}` };
  const packed = view.getUint8(14);
  return {
    buildVersion: view.getUint16(12, true),
    gameState: packed & 0x07,
    sessionState: (packed >> 4) & 0x07,
    ambientTemperature: view.getInt8(15),
    trackTemperature: view.getInt8(16),
    rainDensity: view.getUint8(17),
  };
}

export function writePc2GameState(state: Pc2GameState, packetNumber: number, categoryPacketNumber: number): Uint8Array {
  const bytes = new Uint8Array(24);
  const view = new DataView(bytes.buffer);
  writePc2Header(view, { packetNumber, categoryPacketNumber, partialPacketIndex: 1, partialPacketNumber: 1, packetType: PC2_PACKET_TYPE.gameState, packetVersion: PC2_PACKET_VERSION[PC2_PACKET_TYPE.gameState] ?? 0 });
  view.setUint16(12, state.buildVersion, true);
  view.setUint8(14, (state.gameState & 0x07) | ((state.sessionState & 0x07) << 4));
  view.setInt8(15, state.ambientTemperature);
  view.setInt8(16, state.trackTemperature);
  view.setUint8(17, state.rainDensity);
  return bytes;
}

/** racecraft's session type for a PCARS session state (shared by PC1 and PC2). */
export function sessionTypeOf(sessionState: number): string | undefined {
  switch (sessionState) {
    case 1:
    case 2:
      return 'practice';
    case 3:
      return 'qualifying';
    case 4:
    case 5:
      return 'race';
    case 6:
      return 'time-trial';
    default:
      return undefined;
  }
}
