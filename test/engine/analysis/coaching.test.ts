import { describe, expect, it } from 'vitest';
import { coachingTips, formatTip, type CornerMetrics, type LossAttribution, type Tip } from '../../../src/engine/analysis/index.js';

const metrics = (over: Partial<CornerMetrics>): CornerMetrics => ({
  number: 4,
  brakePoint: 1000,
  peakBrake: 0.9,
  brakeRelease: 1060,
  trailBrakeDistance: 20,
  trailBrakeTime: 0.6,
  brakeAtTurnIn: 0.4,
  turnIn: 1030,
  speedApex: 1090,
  minSpeed: 25,
  apexOffset: 3,
  throttlePickup: 1100,
  fullThrottle: 1150,
  coastingDistance: 0,
  coastingTime: 0,
  entrySpeed: 70,
  exitSpeed: 40,
  timeInCorner: 4,
  gearAtApex: 2,
  ...over,
});

describe('formatTip', () => {
  const tip: Tip = { corner: 4, loss: 0.2149, phase: 'braking', facts: [{ kind: 'brakePoint', diff: -18.2 }, { kind: 'minSpeed', diff: -6 / 3.6 }] };

  it('writes the brief’s example in metric', () => {
    expect(formatTip(tip)).toBe('T4: braked 18 m earlier than your best, apex 6 km/h slower: 0.21 s');
  });

  it('converts to feet and mph in imperial, and names another reference', () => {
    expect(formatTip(tip, 'imperial', 'lap 12')).toBe('T4: braked 60 ft earlier than lap 12, apex 4 mph slower: 0.21 s');
  });

  it('says where the time went when no single metric explains it', () => {
    expect(formatTip({ corner: 9, loss: 0.08, phase: 'mid', facts: [] })).toBe('T9: time lost in mid-corner: 0.08 s');
    expect(formatTip({ corner: 2, loss: 0.1, phase: 'exit', facts: [{ kind: 'coasting', diff: 0.34 }] })).toBe('T2: coasted 0.3 s longer than your best: 0.10 s');
  });
});

describe('coachingTips', () => {
  const loss: LossAttribution = {
    total: 0.3,
    segments: [],
    corners: [
      { number: 4, braking: 0.15, mid: 0.04, exit: 0.01, total: 0.2 },
      { number: 5, braking: 0, mid: 0.01, exit: 0.02, total: 0.03 },
      { number: 6, braking: 0, mid: 0.02, exit: 0.03, total: 0.05 },
    ],
    straights: [{ after: 6, before: 4, loss: 0.02 }],
  };
  const ref = [metrics({}), metrics({ number: 5 }), metrics({ number: 6 })];
  const lap = [metrics({ brakePoint: 982, minSpeed: 23.3, turnIn: 1028 }), metrics({ number: 5 }), metrics({ number: 6, exitSpeed: 38, throttlePickup: 1115 })];

  it('ranks losses, keeps ≥ 0.05 s, explains with the worst phase’s metrics first, and charges a slow exit’s straight to the corner', () => {
    const tips = coachingTips(loss, lap, ref);
    expect(tips.map((t) => t.corner)).toEqual([4, 6]);
    expect(tips[0]!.phase).toBe('braking');
    expect(tips[0]!.facts.map((f) => f.kind)).toEqual(['brakePoint', 'minSpeed']);
    expect(formatTip(tips[0]!)).toBe('T4: braked 18 m earlier than your best, apex 6 km/h slower: 0.20 s');
    expect(tips[1]!.loss).toBeCloseTo(0.07, 12);
    expect(tips[1]!.phase).toBe('exit');
    expect(formatTip(tips[1]!)).toBe('T6: throttle 15 m later than your best, exit 7 km/h slower: 0.07 s');
  });
});
