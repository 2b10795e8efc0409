/**
 * Lap Data packet (id 2): lap number, lap times, lap distance, sector, pit and validity per car.
 *
 * Spec (protocols.md §1.5). The per-car record differs by format, so each format has its own
 * offset table instead of branches in the reader:
 *
 * 2024/2025 — "per-car LapData (57 bytes; car i at 29 + 57·i; after the array: u8 m_timeTrialPBCarIdx
 * @1283, u8 m_timeTrialRivalCarIdx @1284)":
 *   0 u32 m_lastLapTimeInMS · 4 u32 m_currentLapTimeInMS · 8 u16 m_sector1TimeMSPart · 10 u8 m_sector1TimeMinutesPart
 *   · 11 u16 m_sector2TimeMSPart · 13 u8 m_sector2TimeMinutesPart · 14 u16 m_deltaToCarInFrontMSPart
 *   · 16 u8 m_deltaToCarInFrontMinutesPart · 17 u16 m_deltaToRaceLeaderMSPart · 19 u8 m_deltaToRaceLeaderMinutesPart
 *   · 20 f32 m_lapDistance · 24 f32 m_totalDistance · 28 f32 m_safetyCarDelta · 32 u8 m_carPosition
 *   · 33 u8 m_currentLapNum · 34 u8 m_pitStatus · 35 u8 m_numPitStops · 36 u8 m_sector · 37 u8 m_currentLapInvalid
 *   · 38 u8 m_penalties · 39 u8 m_totalWarnings · 40 u8 m_cornerCuttingWarnings · 41 u8 m_numUnservedDriveThroughPens
 *   · 42 u8 m_numUnservedStopGoPens · 43 u8 m_gridPosition · 44 u8 m_driverStatus · 45 u8 m_resultStatus
 *   · 46 u8 m_pitLaneTimerActive · 47 u16 m_pitLaneTimeInLaneInMS · 49 u16 m_pitStopTimerInMS
 *   · 51 u8 m_pitStopShouldServePen · 52 f32 m_speedTrapFastestSpeed · 56 u8 m_speedTrapFastestLap (255 = not set)
 *
 * 2023 — "per-car LapData (50 bytes; car i at 29 + 50·i; trailer at 1129/1130)": as above up to 14, then
 *   14 u16 m_deltaToCarInFrontInMS · 16 u16 m_deltaToRaceLeaderInMS · 18 f32 m_lapDistance · 22 f32 m_totalDistance
 *   · 26 f32 m_safetyCarDelta · 30 u8 m_carPosition · 31 u8 m_currentLapNum · 32 u8 m_pitStatus · 33 u8 m_numPitStops
 *   · 34 u8 m_sector · 35 u8 m_currentLapInvalid · 36..41 penalties…gridPosition · 42 u8 m_driverStatus
 *   · 43 u8 m_resultStatus · 44 u8 m_pitLaneTimerActive · 45 u16 m_pitLaneTimeInLaneInMS · 47 u16 m_pitStopTimerInMS
 *   · 49 u8 m_pitStopShouldServePen
 *
 * The trap: m_lapDistance moves from offset 18 (2023) to 20 (2024+).
 */
import type { F1Format } from './formats.js';

export type LapDataLayout = {
  readonly size: number;
  readonly carsAt: number;
  readonly carStride: number;
  readonly lastLapTimeInMS: number;
  readonly currentLapTimeInMS: number;
  readonly sector1TimeMSPart: number;
  readonly sector1TimeMinutesPart: number;
  readonly sector2TimeMSPart: number;
  readonly sector2TimeMinutesPart: number;
  readonly lapDistance: number;
  readonly totalDistance: number;
  readonly carPosition: number;
  readonly currentLapNum: number;
  readonly pitStatus: number;
  readonly numPitStops: number;
  readonly sector: number;
  readonly currentLapInvalid: number;
  readonly gridPosition: number;
  readonly driverStatus: number;
  readonly resultStatus: number;
  /** 2024+ only. */
  readonly speedTrapFastestLap: number | undefined;
  readonly timeTrialPBCarIdx: number;
  readonly timeTrialRivalCarIdx: number;
};

const LAP_DATA_2024: LapDataLayout = {
  size: 1285,
  carsAt: 29,
  carStride: 57,
  lastLapTimeInMS: 0,
  currentLapTimeInMS: 4,
  sector1TimeMSPart: 8,
  sector1TimeMinutesPart: 10,
  sector2TimeMSPart: 11,
  sector2TimeMinutesPart: 13,
  lapDistance: 20,
  totalDistance: 24,
  carPosition: 32,
  currentLapNum: 33,
  pitStatus: 34,
  numPitStops: 35,
  sector: 36,
  currentLapInvalid: 37,
  gridPosition: 43,
  driverStatus: 44,
  resultStatus: 45,
  speedTrapFastestLap: 56,
  timeTrialPBCarIdx: 1283,
  timeTrialRivalCarIdx: 1284,
};

export const LAP_DATA_LAYOUTS: Readonly<Record<F1Format, LapDataLayout>> = {
  2023: {
    size: 1131,
    carsAt: 29,
    carStride: 50,
    lastLapTimeInMS: 0,
    currentLapTimeInMS: 4,
    sector1TimeMSPart: 8,
    sector1TimeMinutesPart: 10,
    sector2TimeMSPart: 11,
    sector2TimeMinutesPart: 13,
    lapDistance: 18,
    totalDistance: 22,
    carPosition: 30,
    currentLapNum: 31,
    pitStatus: 32,
    numPitStops: 33,
    sector: 34,
    currentLapInvalid: 35,
    gridPosition: 41,
    driverStatus: 42,
    resultStatus: 43,
    speedTrapFastestLap: undefined,
    timeTrialPBCarIdx: 1129,
    timeTrialRivalCarIdx: 1130,
  },
  2024: LAP_DATA_2024,
  2025: LAP_DATA_2024,
};

/** One car's lap state as sent (ms, m, raw enums). */
export type CarLap = {
  lastLapTimeMs: number;
  currentLapTimeMs: number;
  /** m, negative before the car first crosses the line. */
  lapDistance: number;
  totalDistance: number;
  carPosition: number;
  currentLapNum: number;
  /** 0 = none, 1 = pitting, 2 = in pit area. */
  pitStatus: number;
  /** 0-based sector index. */
  sector: number;
  currentLapInvalid: number;
  /** 0 garage, 1 flying lap, 2 in lap, 3 out lap, 4 on track. */
  driverStatus: number;
  /** 2 = active. */
  resultStatus: number;
};

export function emptyCarLap(): CarLap {
  return {
    lastLapTimeMs: 0, currentLapTimeMs: 0, lapDistance: 0, totalDistance: 0, carPosition: 0,
    currentLapNum: 0, pitStatus: 0, sector: 0, currentLapInvalid: 0, driverStatus: 0, resultStatus: 0,
  };
}

/** Reads car slot `car` of a lap-data packet whose size the caller checked against `layout.size`. */
export function readCarLap(v: DataView, base: number, layout: LapDataLayout, car: number, out: CarLap): void {
  const o = base + layout.carsAt + layout.carStride * car;
  out.lastLapTimeMs = v.getUint32(o + layout.lastLapTimeInMS, true);
  out.currentLapTimeMs = v.getUint32(o + layout.currentLapTimeInMS, true);
  out.lapDistance = v.getFloat32(o + layout.lapDistance, true);
  out.totalDistance = v.getFloat32(o + layout.totalDistance, true);
  out.carPosition = v.getUint8(o + layout.carPosition);
  out.currentLapNum = v.getUint8(o + layout.currentLapNum);
  out.pitStatus = v.getUint8(o + layout.pitStatus);
  out.sector = v.getUint8(o + layout.sector);
  out.currentLapInvalid = v.getUint8(o + layout.currentLapInvalid);
  out.driverStatus = v.getUint8(o + layout.driverStatus);
  out.resultStatus = v.getUint8(o + layout.resultStatus);
}

/** Writes car slot `car`; also the "not set" markers the game uses for fields we do not model. */
export function writeCarLap(v: DataView, layout: LapDataLayout, car: number, lap: CarLap): void {
  const o = layout.carsAt + layout.carStride * car;
  v.setUint32(o + layout.lastLapTimeInMS, lap.lastLapTimeMs >>> 0, true);
  v.setUint32(o + layout.currentLapTimeInMS, lap.currentLapTimeMs >>> 0, true);
  v.setFloat32(o + layout.lapDistance, lap.lapDistance, true);
  v.setFloat32(o + layout.totalDistance, lap.totalDistance, true);
  v.setUint8(o + layout.carPosition, lap.carPosition);
  v.setUint8(o + layout.currentLapNum, lap.currentLapNum);
  v.setUint8(o + layout.pitStatus, lap.pitStatus);
  v.setUint8(o + layout.sector, lap.sector);
  v.setUint8(o + layout.currentLapInvalid, lap.currentLapInvalid);
  v.setUint8(o + layout.gridPosition, lap.carPosition);
  v.setUint8(o + layout.driverStatus, lap.driverStatus);
  v.setUint8(o + layout.resultStatus, lap.resultStatus);
  if (layout.speedTrapFastestLap !== undefined) v.setUint8(o + layout.speedTrapFastestLap, 255);
}

/** Writes the two time-trial car indices after the array (255 = none). */
export function writeLapDataTrailer(v: DataView, layout: LapDataLayout): void {
  v.setUint8(layout.timeTrialPBCarIdx, 255);
  v.setUint8(layout.timeTrialRivalCarIdx, 255);
}
