/**
 * Car Telemetry packet (id 6): pedals, steering, gear, rpm, temperatures and pressures per car.
 *
 * Spec (protocols.md §1.8, "Car Telemetry (id 6) — 60 bytes/car from @29; trailer u8 m_mfdPanelIndex @1349,
 * u8 m_mfdPanelIndexSecondaryPlayer @1350, i8 m_suggestedGear @1351 (same in 2023/2024/2025)"), 1352 bytes:
 *
 * | offset | type      | field                              |
 * |-------:|-----------|------------------------------------|
 * |      0 | uint16    | m_speed (km/h)                     |
 * |      2 | float     | m_throttle (0..1)                  |
 * |      6 | float     | m_steer (-1 full left .. 1 right)  |
 * |     10 | float     | m_brake (0..1)                     |
 * |     14 | uint8     | m_clutch (0..100)                  |
 * |     15 | int8      | m_gear (1-8, N=0, R=-1)            |
 * |     16 | uint16    | m_engineRPM                        |
 * |     18 | uint8     | m_drs (0 off, 1 on)                |
 * |     19 | uint8     | m_revLightsPercent                 |
 * |     20 | uint16    | m_revLightsBitValue                |
 * |     22 | uint16[4] | m_brakesTemperature (°C)           |
 * |     30 | uint8[4]  | m_tyresSurfaceTemperature (°C)     |
 * |     34 | uint8[4]  | m_tyresInnerTemperature (°C)       |
 * |     38 | uint16    | m_engineTemperature (°C)           |
 * |     40 | float[4]  | m_tyresPressure (PSI)              |
 * |     56 | uint8[4]  | m_surfaceType                      |
 *
 * "Wheel-array order in F1 packets is RL, RR, FL, FR."
 */
export const CAR_TELEMETRY = {
  size: 1352,
  carsAt: 29,
  carStride: 60,
  speed: 0,
  throttle: 2,
  steer: 6,
  brake: 10,
  clutch: 14,
  gear: 15,
  engineRPM: 16,
  drs: 18,
  revLightsPercent: 19,
  revLightsBitValue: 20,
  brakesTemperature: 22,
  tyresSurfaceTemperature: 30,
  tyresInnerTemperature: 34,
  engineTemperature: 38,
  tyresPressure: 40,
  surfaceType: 56,
  mfdPanelIndex: 1349,
  mfdPanelIndexSecondaryPlayer: 1350,
  suggestedGear: 1351,
} as const;

/** Index of each wheel in the F1 wheel arrays. */
export const WHEEL = { RL: 0, RR: 1, FL: 2, FR: 3 } as const;

/** One car's telemetry as sent (km/h, raw pedal scales, °C, PSI). Wheel arrays in RL, RR, FL, FR order. */
export type CarTelemetry = {
  speedKmh: number;
  throttle: number;
  steer: number;
  brake: number;
  /** 0..100 */
  clutch: number;
  gear: number;
  rpm: number;
  drs: number;
  revLightsPercent: number;
  brakeTemp: [number, number, number, number];
  tyreSurfaceTemp: [number, number, number, number];
  tyreInnerTemp: [number, number, number, number];
  engineTemp: number;
  tyrePressurePsi: [number, number, number, number];
};

export function emptyCarTelemetry(): CarTelemetry {
  return {
    speedKmh: 0, throttle: 0, steer: 0, brake: 0, clutch: 0, gear: 0, rpm: 0, drs: 0, revLightsPercent: 0,
    brakeTemp: [0, 0, 0, 0], tyreSurfaceTemp: [0, 0, 0, 0], tyreInnerTemp: [0, 0, 0, 0], engineTemp: 0,
    tyrePressurePsi: [0, 0, 0, 0],
  };
}

/** Reads car slot `car` of a 1352-byte car-telemetry packet at `base`. */
export function readCarTelemetry(v: DataView, base: number, car: number, out: CarTelemetry): void {
  const o = base + CAR_TELEMETRY.carsAt + CAR_TELEMETRY.carStride * car;
  out.speedKmh = v.getUint16(o + CAR_TELEMETRY.speed, true);
  out.throttle = v.getFloat32(o + CAR_TELEMETRY.throttle, true);
  out.steer = v.getFloat32(o + CAR_TELEMETRY.steer, true);
  out.brake = v.getFloat32(o + CAR_TELEMETRY.brake, true);
  out.clutch = v.getUint8(o + CAR_TELEMETRY.clutch);
  out.gear = v.getInt8(o + CAR_TELEMETRY.gear);
  out.rpm = v.getUint16(o + CAR_TELEMETRY.engineRPM, true);
  out.drs = v.getUint8(o + CAR_TELEMETRY.drs);
  out.revLightsPercent = v.getUint8(o + CAR_TELEMETRY.revLightsPercent);
  out.engineTemp = v.getUint16(o + CAR_TELEMETRY.engineTemperature, true);
  for (let w = 0; w < 4; w++) {
    out.brakeTemp[w] = v.getUint16(o + CAR_TELEMETRY.brakesTemperature + 2 * w, true);
    out.tyreSurfaceTemp[w] = v.getUint8(o + CAR_TELEMETRY.tyresSurfaceTemperature + w);
    out.tyreInnerTemp[w] = v.getUint8(o + CAR_TELEMETRY.tyresInnerTemperature + w);
    out.tyrePressurePsi[w] = v.getFloat32(o + CAR_TELEMETRY.tyresPressure + 4 * w, true);
  }
}

function clampInt(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(value)));
}

/** Writes car slot `car` (integers rounded and clamped to their wire type). */
export function writeCarTelemetry(v: DataView, car: number, t: CarTelemetry): void {
  const o = CAR_TELEMETRY.carsAt + CAR_TELEMETRY.carStride * car;
  v.setUint16(o + CAR_TELEMETRY.speed, clampInt(t.speedKmh, 0, 0xffff), true);
  v.setFloat32(o + CAR_TELEMETRY.throttle, t.throttle, true);
  v.setFloat32(o + CAR_TELEMETRY.steer, t.steer, true);
  v.setFloat32(o + CAR_TELEMETRY.brake, t.brake, true);
  v.setUint8(o + CAR_TELEMETRY.clutch, clampInt(t.clutch, 0, 100));
  v.setInt8(o + CAR_TELEMETRY.gear, clampInt(t.gear, -1, 127));
  v.setUint16(o + CAR_TELEMETRY.engineRPM, clampInt(t.rpm, 0, 0xffff), true);
  v.setUint8(o + CAR_TELEMETRY.drs, t.drs ? 1 : 0);
  v.setUint8(o + CAR_TELEMETRY.revLightsPercent, clampInt(t.revLightsPercent, 0, 100));
  v.setUint16(o + CAR_TELEMETRY.engineTemperature, clampInt(t.engineTemp, 0, 0xffff), true);
  for (let w = 0; w < 4; w++) {
    v.setUint16(o + CAR_TELEMETRY.brakesTemperature + 2 * w, clampInt(t.brakeTemp[w] ?? 0, 0, 0xffff), true);
    v.setUint8(o + CAR_TELEMETRY.tyresSurfaceTemperature + w, clampInt(t.tyreSurfaceTemp[w] ?? 0, 0, 255));
    v.setUint8(o + CAR_TELEMETRY.tyresInnerTemperature + w, clampInt(t.tyreInnerTemp[w] ?? 0, 0, 255));
    v.setFloat32(o + CAR_TELEMETRY.tyresPressure + 4 * w, t.tyrePressurePsi[w] ?? 0, true);
  }
}

/** Writes the trailer: MFD panel closed (255) for both players, no suggested gear (0). */
export function writeCarTelemetryTrailer(v: DataView): void {
  v.setUint8(CAR_TELEMETRY.mfdPanelIndex, 255);
  v.setUint8(CAR_TELEMETRY.mfdPanelIndexSecondaryPlayer, 255);
  v.setInt8(CAR_TELEMETRY.suggestedGear, 0);
}
