import type { CarItem, ReferenceItem, TrackItem } from '../../../src/store/library/items.js';

/**
 * Small synthetic items with known shapes, for tests that exercise the API rather than the
 * data (the real-data checks use ../shared in library-real-data.test.ts).
 */

/** A circular track of radius `radius` m: length 2πr, centerline every 10 m. */
export function circleTrack(key = 'ring', options: { radius?: number; name?: string; game?: string } = {}): TrackItem {
  const radius = options.radius ?? 200;
  const length = Math.round(2 * Math.PI * radius * 1000) / 1000;
  const s: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  for (let d = 0; d < length; d += 10) {
    const a = d / radius;
    s.push(d);
    x.push(Math.round(radius * Math.cos(a) * 100) / 100);
    y.push(Math.round(radius * Math.sin(a) * 100) / 100);
  }
  return {
    game: options.game ?? 'demo',
    key,
    name: options.name ?? `Ring ${key}`,
    length,
    centerline: { s, x, y },
    sectors: [Math.round(length / 3), Math.round((2 * length) / 3)],
    corners: [
      { number: 1, name: 'Long left', direction: 'left', start: 10, apex: 300, end: 600 },
      { number: 2, direction: 'left', start: 700, apex: 900, end: 1200 },
    ],
  };
}

export function sampleCar(key = 'gt3'): CarItem {
  return {
    game: 'demo',
    key,
    name: `Car ${key}`,
    gears: 6,
    maxRpm: 8500,
    shiftPoints: [
      { gear: 1, rpm: 8200, speed: 22.5 },
      { gear: 2, rpm: 8250 },
      { gear: 3, rpm: 8300 },
    ],
    gripEnvelope: { percentile: 95, speedEdges: [0, 20, 40, 60], angleBins: 4, g: [[0.8, 1.2, null, 1.2], [0.7, 1.5, 1.6, 1.5], [0.5, 1.9, 1.8, 1.9]] },
  };
}

/** A reference lap on `track` with n one-metre samples at constant speed `speed` m/s. */
export function constantSpeedReference(track = 'ring', driver = 'Alice Example', n = 1257, speed = 40): ReferenceItem {
  const lapTime: number[] = [];
  const speeds: number[] = [];
  for (let i = 0; i < n; i++) {
    lapTime.push(Math.round((i / speed) * 1000) / 1000);
    speeds.push(speed);
  }
  return { game: 'demo', track, car: 'gt3', driver, lapTime: Math.round((n / speed) * 1000) / 1000, carName: 'Demo GT3', channels: { lapTime, speed: speeds } };
}
