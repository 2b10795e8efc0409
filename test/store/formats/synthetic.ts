import { CHANNEL_NAMES, CHANNELS, type ChannelName, type Lap, type Trace } from '../../../src/engine/model/index.js';
import type { ImportedLap, ImportedSession } from '../../../src/store/formats/types.js';

/**
 * A small demo-like session for round-trip tests: an out lap then `laps` flying laps on a 1.2 km
 * loop at `rate` Hz, every racecraft channel present and smooth (so resampling and scaled
 * integers behave as on real data), session clock starting at 100 s.
 */
export function demoSession(options: { laps?: number; rate?: number; lapTime?: number; outLap?: number } = {}): ImportedSession {
  const rate = options.rate ?? 60;
  const lapTime = options.lapTime ?? 40;
  const outLap = options.outLap ?? 12.5;
  const count = options.laps ?? 3;
  const t0 = 100;
  const laps: ImportedLap[] = [];
  const bounds = [t0, t0 + outLap];
  for (let k = 0; k < count; k++) bounds.push(bounds[bounds.length - 1]! + lapTime + k * 0.731);
  for (let k = 0; k + 1 < bounds.length; k++) {
    const startT = bounds[k]!;
    const endT = bounds[k + 1]!;
    const first = Math.ceil((startT - t0) * rate - 1e-9);
    const last = Math.ceil((endT - t0) * rate - 1e-9);
    const n = last - first;
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) t[i] = t0 + (first + i) / rate;
    const lap: Lap = {
      number: k,
      time: endT - startT,
      timeSource: 'game',
      valid: k > 0,
      category: k === 0 ? 'out' : 'flying',
      sectors: [],
      startT,
      endT,
    };
    laps.push({ lap, trace: traceFor(t, startT, endT) });
  }
  return {
    session: { game: 'demo', trackName: 'Demo Ring', trackKey: 'demo-ring', carName: 'Demo Car', driver: 'Test Driver', sessionType: 'practice', trackLength: 1200 },
    laps,
    warnings: [],
    startedAt: '2024-05-06T07:08:09',
  };
}

function traceFor(t: Float64Array, startT: number, endT: number): Trace {
  const n = t.length;
  const channels: Partial<Record<ChannelName, Float32Array>> = {};
  const distance = new Float64Array(n);
  for (const name of CHANNEL_NAMES) channels[name] = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = t[i]!;
    const phase = (x - startT) / (endT - startT);
    const v = valuesAt(x, phase);
    distance[i] = v.lapDistance;
    for (const name of CHANNEL_NAMES) channels[name]![i] = v[name];
  }
  return { length: n, t, distance, channels };
}

/** Smooth, bounded, physically shaped values for every channel. */
function valuesAt(x: number, phase: number): Record<ChannelName, number> {
  const s = Math.sin(x * 0.7);
  const c = Math.cos(x * 0.31);
  const out = {} as Record<ChannelName, number>;
  for (const name of CHANNEL_NAMES) out[name] = 0;
  Object.assign(out, {
    lapDistance: 1200 * phase,
    lapTime: 40 * phase,
    speed: 45 + 25 * s,
    rpm: 6500 + 2500 * c,
    gear: 3 + Math.round(2 * s),
    throttle: 0.5 + 0.5 * s,
    brake: Math.max(0, -s),
    clutch: Math.max(0, 0.2 * c),
    steer: 0.6 * Math.sin(x * 0.4),
    gLat: 1.8 * Math.sin(x * 0.4),
    gLon: 1.1 * c,
    gVert: 1 + 0.1 * s,
    posX: 300 * Math.cos(2 * Math.PI * phase),
    posY: 12 + 3 * s,
    posZ: 200 * Math.sin(2 * Math.PI * phase),
    yaw: 3 * Math.sin(x * 0.05),
    pitch: 0.02 * s,
    roll: 0.03 * c,
    fuel: 50 - x * 0.01,
    drs: s > 0.5 ? 1 : 0,
    sector: Math.min(2, Math.floor(phase * 3)),
    engineTemp: 90 + 2 * c,
    tyreTempFL: 80 + 5 * s,
    tyreTempFR: 81 + 5 * c,
    tyreTempRL: 82 + 4 * s,
    tyreTempRR: 83 + 4 * c,
    tyrePressFL: 180 + 3 * s,
    tyrePressFR: 181 + 3 * c,
    tyrePressRL: 175 + 2 * s,
    tyrePressRR: 176 + 2 * c,
    brakeTempFL: 400 + 150 * s,
    brakeTempFR: 410 + 150 * c,
    brakeTempRL: 300 + 100 * s,
    brakeTempRR: 310 + 100 * c,
  });
  return out;
}

/** The resolution a format writes a channel with, in SI: half a unit of the registry's last decimal. */
export const halfUlp = (name: ChannelName): number => 0.5 * 10 ** -CHANNELS[name].decimals;
