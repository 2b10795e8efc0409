/** The offset tables fit their packets exactly, so a size-checked packet can never be read out of bounds. */
import { describe, expect, it } from 'vitest';
import { F1_FORMATS, MAX_CARS, PACKET_SIZES, PacketId } from '../../../../src/engine/games/f1/formats.js';
import { HEADER } from '../../../../src/engine/games/f1/header.js';
import { MOTION } from '../../../../src/engine/games/f1/motion.js';
import { LAP_DATA_LAYOUTS } from '../../../../src/engine/games/f1/lap-data.js';
import { CAR_TELEMETRY } from '../../../../src/engine/games/f1/car-telemetry.js';
import { CAR_STATUS } from '../../../../src/engine/games/f1/car-status.js';
import { SESSION, SESSION_LAYOUTS } from '../../../../src/engine/games/f1/session.js';
import { PARTICIPANTS_LAYOUTS } from '../../../../src/engine/games/f1/participants.js';
import { EVENT } from '../../../../src/engine/games/f1/event.js';

/** Largest `offset` value of a table (field offsets inside one car record). */
function maxField(table: Record<string, number | undefined>, skip: readonly string[]): number {
  return Math.max(...Object.entries(table).filter(([k, v]) => !skip.includes(k) && v !== undefined).map(([, v]) => v!));
}

describe('F1 offset tables', () => {
  it('header is 29 bytes ending with the secondary player index', () => {
    expect(HEADER.size).toBe(29);
    expect(HEADER.secondaryPlayerCarIndex + 1).toBe(HEADER.size);
  });

  it('motion, car telemetry and car status: 22 records fill the packet (plus the telemetry trailer)', () => {
    for (const format of F1_FORMATS) {
      expect(MOTION.carsAt + MAX_CARS * MOTION.carStride).toBe(PACKET_SIZES[format][PacketId.motion]);
      expect(CAR_TELEMETRY.carsAt + MAX_CARS * CAR_TELEMETRY.carStride + 3).toBe(PACKET_SIZES[format][PacketId.carTelemetry]);
      expect(CAR_STATUS.carsAt + MAX_CARS * CAR_STATUS.carStride).toBe(PACKET_SIZES[format][PacketId.carStatus]);
    }
    const carFields = ['size', 'carsAt', 'carStride'];
    expect(maxField(MOTION, carFields) + 4).toBe(MOTION.carStride);
    expect(maxField(CAR_TELEMETRY, [...carFields, 'mfdPanelIndex', 'mfdPanelIndexSecondaryPlayer', 'suggestedGear']) + 4).toBe(CAR_TELEMETRY.carStride);
    expect(maxField(CAR_STATUS, carFields) + 1).toBe(CAR_STATUS.carStride);
  });

  it('lap data per format: records + two trailer bytes = packet size; lap distance at 18 (2023) / 20 (2024+)', () => {
    for (const format of F1_FORMATS) {
      const l = LAP_DATA_LAYOUTS[format];
      expect(l.size).toBe(PACKET_SIZES[format][PacketId.lapData]);
      expect(l.carsAt + MAX_CARS * l.carStride).toBe(l.timeTrialPBCarIdx);
      expect(l.timeTrialRivalCarIdx + 1).toBe(l.size);
      expect(maxField(l, ['size', 'carsAt', 'carStride', 'timeTrialPBCarIdx', 'timeTrialRivalCarIdx'])).toBeLessThan(l.carStride);
    }
    expect([LAP_DATA_LAYOUTS[2023].lapDistance, LAP_DATA_LAYOUTS[2024].lapDistance, LAP_DATA_LAYOUTS[2025].lapDistance]).toEqual([18, 20, 20]);
  });

  it('participants per format: 30 + 22 records = packet size, name inside the record', () => {
    for (const format of F1_FORMATS) {
      const p = PARTICIPANTS_LAYOUTS[format];
      expect(p.size).toBe(PACKET_SIZES[format][PacketId.participants]);
      expect(p.carsAt + MAX_CARS * p.carStride).toBe(p.size);
      expect(p.name + p.nameLength).toBeLessThanOrEqual(p.yourTelemetry);
    }
    // 2025's last field: 4 livery colours of 3 bytes from 45.
    expect(PARTICIPANTS_LAYOUTS[2025].carStride).toBe(45 + 12);
  });

  it('session per format: size, and the sector starts as the last 8 bytes of 2024+', () => {
    for (const format of F1_FORMATS) {
      const s = SESSION_LAYOUTS[format];
      expect(s.size).toBe(PACKET_SIZES[format][PacketId.session]);
      expect(Math.max(...Object.values(SESSION))).toBeLessThan(s.size);
    }
    expect(SESSION_LAYOUTS[2023].sector2LapDistanceStart).toBeUndefined();
    expect(SESSION_LAYOUTS[2023].forecastAccuracy).toBe(156 + 56 * 8);
    expect(SESSION_LAYOUTS[2025].forecastAccuracy).toBe(156 + 64 * 8);
    expect(SESSION_LAYOUTS[2025].sector3LapDistanceStart! + 4).toBe(753);
  });

  it('event: flashback fields inside the 45 bytes', () => {
    expect(EVENT.flashbackSessionTime + 4).toBeLessThanOrEqual(EVENT.size);
    for (const format of F1_FORMATS) expect(PACKET_SIZES[format][PacketId.event]).toBe(EVENT.size);
  });
});
