/**
 * Car Status packet (id 7): fuel, rev limit, gear count, DRS permission per car.
 *
 * Spec (protocols.md §1.9, "Car Status (id 7) — 55 bytes/car from @29 (same 2023–2025)"), 1239 bytes:
 *
 * | offset | type   | field                    | offset | type   | field                     |
 * |-------:|--------|--------------------------|-------:|--------|---------------------------|
 * |      0 | uint8  | m_tractionControl        |     22 | uint8  | m_drsAllowed              |
 * |      1 | uint8  | m_antiLockBrakes         |     23 | uint16 | m_drsActivationDistance   |
 * |      2 | uint8  | m_fuelMix                |     25 | uint8  | m_actualTyreCompound      |
 * |      3 | uint8  | m_frontBrakeBias (%)     |     26 | uint8  | m_visualTyreCompound      |
 * |      4 | uint8  | m_pitLimiterStatus       |     27 | uint8  | m_tyresAgeLaps            |
 * |      5 | float  | m_fuelInTank (kg)        |     28 | int8   | m_vehicleFIAFlags         |
 * |      9 | float  | m_fuelCapacity           |     29 | float  | m_enginePowerICE (W)      |
 * |     13 | float  | m_fuelRemainingLaps      |     33 | float  | m_enginePowerMGUK (W)     |
 * |     17 | uint16 | m_maxRPM                 |     37 | float  | m_ersStoreEnergy (J)      |
 * |     19 | uint16 | m_idleRPM                |     41 | uint8  | m_ersDeployMode           |
 * |     21 | uint8  | m_maxGears               |  42/46/50 | float | ERS harvested/deployed |
 * |        |        |                          |     54 | uint8  | m_networkPaused           |
 */
export const CAR_STATUS = {
  size: 1239,
  carsAt: 29,
  carStride: 55,
  tractionControl: 0,
  antiLockBrakes: 1,
  fuelMix: 2,
  frontBrakeBias: 3,
  pitLimiterStatus: 4,
  fuelInTank: 5,
  fuelCapacity: 9,
  fuelRemainingLaps: 13,
  maxRPM: 17,
  idleRPM: 19,
  maxGears: 21,
  drsAllowed: 22,
  drsActivationDistance: 23,
  actualTyreCompound: 25,
  visualTyreCompound: 26,
  tyresAgeLaps: 27,
  vehicleFIAFlags: 28,
  enginePowerICE: 29,
  enginePowerMGUK: 33,
  ersStoreEnergy: 37,
  ersDeployMode: 41,
  ersHarvestedThisLapMGUK: 42,
  ersHarvestedThisLapMGUH: 46,
  ersDeployedThisLap: 50,
  networkPaused: 54,
} as const;

/** One car's status as sent (kg of fuel, rpm). */
export type CarStatus = {
  /** kg */
  fuelInTank: number;
  /** kg */
  fuelCapacity: number;
  maxRpm: number;
  idleRpm: number;
  maxGears: number;
  drsAllowed: number;
  pitLimiter: number;
};

export function emptyCarStatus(): CarStatus {
  return { fuelInTank: 0, fuelCapacity: 0, maxRpm: 0, idleRpm: 0, maxGears: 0, drsAllowed: 0, pitLimiter: 0 };
}

/** Reads car slot `car` of a 1239-byte car-status packet at `base`. */
export function readCarStatus(v: DataView, base: number, car: number, out: CarStatus): void {
  const o = base + CAR_STATUS.carsAt + CAR_STATUS.carStride * car;
  out.fuelInTank = v.getFloat32(o + CAR_STATUS.fuelInTank, true);
  out.fuelCapacity = v.getFloat32(o + CAR_STATUS.fuelCapacity, true);
  out.maxRpm = v.getUint16(o + CAR_STATUS.maxRPM, true);
  out.idleRpm = v.getUint16(o + CAR_STATUS.idleRPM, true);
  out.maxGears = v.getUint8(o + CAR_STATUS.maxGears);
  out.drsAllowed = v.getUint8(o + CAR_STATUS.drsAllowed);
  out.pitLimiter = v.getUint8(o + CAR_STATUS.pitLimiterStatus);
}

function u16(value: number): number {
  return Math.max(0, Math.min(0xffff, Math.round(value)));
}

/** Writes car slot `car`; the FIA flag is written as 0 ("none"), the rest of the unmodelled fields stay 0. */
export function writeCarStatus(v: DataView, car: number, s: CarStatus): void {
  const o = CAR_STATUS.carsAt + CAR_STATUS.carStride * car;
  v.setUint8(o + CAR_STATUS.pitLimiterStatus, s.pitLimiter ? 1 : 0);
  v.setFloat32(o + CAR_STATUS.fuelInTank, s.fuelInTank, true);
  v.setFloat32(o + CAR_STATUS.fuelCapacity, s.fuelCapacity, true);
  v.setUint16(o + CAR_STATUS.maxRPM, u16(s.maxRpm), true);
  v.setUint16(o + CAR_STATUS.idleRPM, u16(s.idleRpm), true);
  v.setUint8(o + CAR_STATUS.maxGears, Math.max(0, Math.min(255, Math.round(s.maxGears))));
  v.setUint8(o + CAR_STATUS.drsAllowed, s.drsAllowed ? 1 : 0);
  v.setInt8(o + CAR_STATUS.vehicleFIAFlags, 0);
}
