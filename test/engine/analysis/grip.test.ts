import { describe, expect, it } from 'vitest';
import { envelopeAt, gripEnvelope } from '../../../src/engine/analysis/index.js';
import type { Trace } from '../../../src/engine/model/trace.js';
import { describeShared, requireSharedFile } from '../../helpers/shared.js';
import { gaussian, qssProfile, sampleLap } from './synthetic.js';
import { mulberry32 } from '../../helpers/prng.js';

const QSS = 'reference-data/tumftm-derived-qss-velocity-profiles';
/** The TUMFTM demo car's flat g-g-V limit (ggv.csv: 12 m/s² at every speed) in g. */
const AY_MAX_G = 12 / 9.80665;

describeShared('grip envelope of the TUMFTM QSS laps (flat 12 m/s² ggv, ellipse)', () => {
  for (const name of ['Monza_exp2', 'Spa_exp2']) {
    it(`${name}: the P98 lateral envelope is 1.224 g (12 m/s²) within 3 % wherever the lap reaches the limit`, () => {
      const profile = qssProfile(requireSharedFile(QSS, `${name}.csv`));
      const lap = sampleLap(profile);
      const env = gripEnvelope([lap.trace], { minCount: 10 })!;
      // Speed bins in which the QSS solver drives at the lateral limit (elsewhere it is power- or speed-limited).
      const atLimit = new Set<number>();
      profile.v.forEach((v, i) => {
        if (v * v * Math.abs(profile.kappa![i]!) >= 0.99 * 12) atLimit.add(Math.floor(v / env.speedBinWidth));
      });
      let checked = 0;
      env.radius.forEach((row, s) => {
        if (!atLimit.has(s)) return;
        const counts = env.counts[s]!;
        for (const a of [0, 35, 36, 71]) {
          if (counts[a]! < 10) continue;
          expect(Math.abs(row[a]! - AY_MAX_G) / AY_MAX_G).toBeLessThan(0.03);
          checked++;
        }
      });
      expect(checked).toBeGreaterThanOrEqual(4);
    });
  }
});

/**
 * A smooth g-g trace around a known ellipse (lateral 1.5 g, braking 1.3 g, traction 0.8 g): 30 %
 * of the time at the limit, the rest inside, σ 0.025 g sensor noise and 1 % single-sample kerb
 * spikes of +1.5 g.
 */
function ellipseTrace(seed: number): { trace: Trace; rawMax: number } {
  const rand = mulberry32(seed);
  const noise = gaussian(mulberry32(seed + 1));
  const n = 60 * 600;
  const gLat = new Float32Array(n);
  const gLon = new Float32Array(n);
  const speed = new Float32Array(n).fill(30);
  const t = Float64Array.from({ length: n }, (_, i) => i / 60);
  let theta = 0;
  let rawMax = 0;
  for (let i = 0; i < n; i++) {
    theta += 0.02 + 0.02 * rand();
    const phase = Math.floor(i / 90) % 10;
    const frac = phase < 3 ? 1 : 0.3 + 0.6 * ((phase - 3) / 7);
    const ax = Math.sin(theta);
    const ay = Math.cos(theta);
    const limit = 1 / Math.hypot(ay / 1.5, ax / (ax < 0 ? 1.3 : 0.8));
    gLat[i] = ay * limit * frac + 0.025 * noise();
    gLon[i] = ax * limit * frac + 0.025 * noise();
    if (rand() < 0.01) gLat[i] = gLat[i]! + 1.5 * Math.sign(gLat[i]!);
    rawMax = Math.max(rawMax, Math.hypot(gLat[i]!, gLon[i]!));
  }
  return { trace: { length: n, t, distance: new Float64Array(n), channels: { gLat, gLon, speed } }, rawMax };
}

describe('grip envelope on a known ellipse with noise and kerb spikes', () => {
  const { trace, rawMax } = ellipseTrace(3);
  const env = gripEnvelope([trace])!;

  it('recovers the limit within 3 % at pure lateral, braking and traction; the hull is off by the spike', () => {
    expect(Math.abs(envelopeAt(env, 30, 1, 0) - 1.5) / 1.5).toBeLessThan(0.03);
    expect(Math.abs(envelopeAt(env, 30, -1, 0) - 1.5) / 1.5).toBeLessThan(0.03);
    expect(Math.abs(envelopeAt(env, 30, 0, -1) - 1.3) / 1.3).toBeLessThan(0.03);
    expect(Math.abs(envelopeAt(env, 30, 0, 1) - 0.8) / 0.8).toBeLessThan(0.03);
    expect(rawMax).toBeGreaterThan(2.8);
    const bin = Math.floor(30 / env.speedBinWidth);
    expect(env.maxLateral[bin]).toBeCloseTo(envelopeAt(env, 30, 1, 0), 9);
    expect(env.maxBraking[bin]).toBeCloseTo(envelopeAt(env, 30, 0, -1), 9);
  });

  it('fills no speed bin it has no data for and ignores samples below 30 km/h', () => {
    expect(env.radius[0]!.every((r) => r === null)).toBe(true);
    const slow = { ...trace, channels: { ...trace.channels, speed: new Float32Array(trace.length).fill(5) } };
    expect(gripEnvelope([slow])!.samples).toBe(0);
  });
});

describe('grip summary of a speed bin measured in one direction only', () => {
  // 20 s of steady right-hand cornering at 30 m/s, 1.4 g (± noise): no braking, no traction.
  const noise = gaussian(mulberry32(9));
  const n = 60 * 20;
  const gLat = Float32Array.from({ length: n }, () => 1.4 + 0.02 * noise());
  const gLon = Float32Array.from({ length: n }, () => 0.02 * noise());
  const trace: Trace = { length: n, t: Float64Array.from({ length: n }, (_, i) => i / 60), distance: new Float64Array(n), channels: { gLat, gLon, speed: new Float32Array(n).fill(30) } };
  const env = gripEnvelope([trace])!;
  const bin = Math.floor(30 / env.speedBinWidth);

  it('states the lateral limit and no braking or traction limit (not the lateral g copied round the circle)', () => {
    expect(env.maxLateral[bin]).toBeCloseTo(1.44, 1);
    expect(env.maxBraking[bin]).toBeNull();
    expect(env.maxTraction[bin]).toBeNull();
    // The envelope itself stays filled, for utilisation.
    expect(envelopeAt(env, 30, 0, -1)).toBeCloseTo(1.43, 1);
  });
});
