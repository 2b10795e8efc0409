/**
 * Session packet (id 1): track, session type, lengths, sector starts. Sent twice a second.
 *
 * Spec (protocols.md §1.4). Identical in 2023/2024/2025 up to the weather forecast array; the 2023
 * packet has 56 forecast samples instead of 64 (every later field moves back 64 bytes) and ends at
 * m_numRedFlagPeriods (644 bytes); 2024/2025 add the rules block and the sector starts (753 bytes).
 *
 * | offset | type   | field                          | note                                   |
 * |-------:|--------|--------------------------------|----------------------------------------|
 * |     29 | uint8  | m_weather                      |                                        |
 * |     30 | int8   | m_trackTemperature (°C)        |                                        |
 * |     31 | int8   | m_airTemperature (°C)          |                                        |
 * |     32 | uint8  | m_totalLaps                    |                                        |
 * |     33 | uint16 | m_trackLength (m)              |                                        |
 * |     35 | uint8  | m_sessionType                  | table differs F1 23 vs F1 24/25        |
 * |     36 | int8   | m_trackId                      | -1 unknown                             |
 * |     37 | uint8  | m_formula                      |                                        |
 * |     38 | uint16 | m_sessionTimeLeft (s)          |                                        |
 * |     40 | uint16 | m_sessionDuration (s)          |                                        |
 * |     42 | uint8  | m_pitSpeedLimit (km/h)         |                                        |
 * |     45 | uint8  | m_spectatorCarIndex            |                                        |
 * |     47 | uint8  | m_numMarshalZones              |                                        |
 * |    155 | uint8  | m_numWeatherForecastSamples    | samples of 8 bytes from 156            |
 * | 668/604| uint8  | m_forecastAccuracy             | 2024+/2023                             |
 * | 701/637| uint8  | m_speedUnitsLeadPlayer         | 0 MPH, 1 KPH                           |
 * | 703/639| uint8  | m_speedUnitsSecondaryPlayer    |                                        |
 * |    732 | uint8  | m_numSessionsInWeekend         | 2024+                                  |
 * |    733 | uint8  | m_weekendStructure[12]         | 2024+                                  |
 * |    745 | float  | m_sector2LapDistanceStart (m)  | 2024+                                  |
 * |    749 | float  | m_sector3LapDistanceStart (m)  | 2024+                                  |
 */
import type { F1Format } from './formats.js';

export const SESSION = {
  weather: 29,
  trackTemperature: 30,
  airTemperature: 31,
  totalLaps: 32,
  trackLength: 33,
  sessionType: 35,
  trackId: 36,
  formula: 37,
  sessionTimeLeft: 38,
  sessionDuration: 40,
  pitSpeedLimit: 42,
  spectatorCarIndex: 45,
  numMarshalZones: 47,
  numWeatherForecastSamples: 155,
} as const;

/** The parts of the session packet whose place (or presence) depends on the format. */
export type SessionLayout = {
  readonly size: number;
  readonly forecastAccuracy: number;
  readonly speedUnitsLeadPlayer: number;
  readonly speedUnitsSecondaryPlayer: number;
  readonly numSessionsInWeekend: number | undefined;
  readonly weekendStructure: number | undefined;
  readonly sector2LapDistanceStart: number | undefined;
  readonly sector3LapDistanceStart: number | undefined;
};

const SESSION_2024: SessionLayout = {
  size: 753,
  forecastAccuracy: 668,
  speedUnitsLeadPlayer: 701,
  speedUnitsSecondaryPlayer: 703,
  numSessionsInWeekend: 732,
  weekendStructure: 733,
  sector2LapDistanceStart: 745,
  sector3LapDistanceStart: 749,
};

export const SESSION_LAYOUTS: Readonly<Record<F1Format, SessionLayout>> = {
  2023: {
    size: 644,
    forecastAccuracy: 604,
    speedUnitsLeadPlayer: 637,
    speedUnitsSecondaryPlayer: 639,
    numSessionsInWeekend: undefined,
    weekendStructure: undefined,
    sector2LapDistanceStart: undefined,
    sector3LapDistanceStart: undefined,
  },
  2024: SESSION_2024,
  2025: SESSION_2024,
};

/** The session facts racecraft uses, as sent. */
export type SessionData = {
  totalLaps: number;
  /** m */
  trackLength: number;
  sessionType: number;
  /** -1 unknown. */
  trackId: number;
  formula: number;
  /** s */
  sessionDuration: number;
  /** m, NaN when the format has no sector starts (2023). */
  sector2Start: number;
  sector3Start: number;
};

export function emptySessionData(): SessionData {
  return { totalLaps: 0, trackLength: 0, sessionType: 0, trackId: -1, formula: 0, sessionDuration: 0, sector2Start: NaN, sector3Start: NaN };
}

/** Reads a session packet whose size the caller checked against `layout.size`. */
export function readSession(v: DataView, base: number, layout: SessionLayout, out: SessionData): void {
  out.totalLaps = v.getUint8(base + SESSION.totalLaps);
  out.trackLength = v.getUint16(base + SESSION.trackLength, true);
  out.sessionType = v.getUint8(base + SESSION.sessionType);
  out.trackId = v.getInt8(base + SESSION.trackId);
  out.formula = v.getUint8(base + SESSION.formula);
  out.sessionDuration = v.getUint16(base + SESSION.sessionDuration, true);
  out.sector2Start = layout.sector2LapDistanceStart === undefined ? NaN : v.getFloat32(base + layout.sector2LapDistanceStart, true);
  out.sector3Start = layout.sector3LapDistanceStart === undefined ? NaN : v.getFloat32(base + layout.sector3LapDistanceStart, true);
}

/**
 * Writes a session packet body. The demo has no weather, marshals or rules: those stay 0 (clear,
 * none, off); units are set to km/h, the spectator index to 255 (not spectating), and a one-session
 * weekend structure names the session type.
 */
export function writeSession(v: DataView, layout: SessionLayout, s: SessionData): void {
  v.setUint8(SESSION.totalLaps, Math.max(0, Math.min(255, Math.round(s.totalLaps))));
  v.setUint16(SESSION.trackLength, Math.max(0, Math.min(0xffff, Math.round(s.trackLength))), true);
  v.setUint8(SESSION.sessionType, s.sessionType);
  v.setInt8(SESSION.trackId, s.trackId);
  v.setUint8(SESSION.formula, s.formula);
  v.setUint16(SESSION.sessionDuration, Math.max(0, Math.min(0xffff, Math.round(s.sessionDuration))), true);
  v.setUint8(SESSION.pitSpeedLimit, 80);
  v.setUint8(SESSION.spectatorCarIndex, 255);
  v.setUint8(layout.speedUnitsLeadPlayer, 1);
  v.setUint8(layout.speedUnitsSecondaryPlayer, 1);
  if (layout.numSessionsInWeekend !== undefined && layout.weekendStructure !== undefined) {
    v.setUint8(layout.numSessionsInWeekend, 1);
    v.setUint8(layout.weekendStructure, s.sessionType);
  }
  if (layout.sector2LapDistanceStart !== undefined && Number.isFinite(s.sector2Start)) {
    v.setFloat32(layout.sector2LapDistanceStart, s.sector2Start, true);
  }
  if (layout.sector3LapDistanceStart !== undefined && Number.isFinite(s.sector3Start)) {
    v.setFloat32(layout.sector3LapDistanceStart, s.sector3Start, true);
  }
}
