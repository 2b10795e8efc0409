import { describe, expect, it } from 'vitest';
import { categorizeLap, lapFactsFromFrames, markOutliers, qualityIssues } from '../../../src/engine/analysis/index.js';
import type { TelemetryFrame } from '../../../src/engine/model/frame.js';
import type { Lap } from '../../../src/engine/model/lap.js';

describe('categorizeLap', () => {
  const base = { startedInPit: false, endedInPit: false, complete: true, rewound: false };
  it.each([
    [{}, 'flying'],
    [{ startedInPit: true }, 'out'],
    [{ endedInPit: true }, 'in'],
    [{ startedInPit: true, endedInPit: true }, 'pit'],
    [{ allInPit: true }, 'pit'],
    [{ rewound: true }, 'rewound'],
    [{ rewound: true, startedInPit: true }, 'rewound'],
    [{ complete: false }, 'incomplete'],
    [{ complete: false, rewound: true }, 'incomplete'],
  ] as const)('%o → %s', (facts, expected) => {
    expect(categorizeLap({ ...base, ...facts })).toBe(expected);
  });
});

describe('markOutliers', () => {
  const lap = (number: number, time: number, category: Lap['category'] = 'flying') => ({ number, time, category });

  it('marks a spun lap (+8 s) among consistent laps and keeps the rest; threshold = median + max(3·1.4826·MAD, 1 %)', () => {
    const times = [90.1, 90.3, 89.9, 90.0, 90.4, 98.2, 90.2, 90.6];
    const r = markOutliers(times.map((t, i) => lap(i + 1, t)));
    expect([...r.outliers]).toEqual([6]);
    // median 90.25; MAD 0.2 → 3·1.4826·0.2 = 0.89 < 1 % of median (0.9025) → 91.1525
    expect(r.threshold).toBeCloseTo(90.25 + 0.9025, 9);
  });

  it('uses the 107 % rule when it is tighter, ignores out/in laps, and flags counter glitches as implausible', () => {
    const laps = [lap(1, 150, 'out'), lap(2, 60), lap(3, 80), lap(4, 82), lap(5, 81), lap(6, 35), lap(7, 140, 'in')];
    const r = markOutliers(laps);
    expect(r.implausible.has(6)).toBe(true);
    // best sane 60 → 107 % = 64.2 s; median+spread would be ≈ 86 s: the tighter one wins.
    expect(r.threshold).toBeCloseTo(64.2, 9);
    expect([...r.outliers].sort()).toEqual([3, 4, 5, 6]);
    expect(r.outliers.has(1)).toBe(false);
  });

  it('marks nothing with fewer than three flying laps', () => {
    const r = markOutliers([lap(1, 90), lap(2, 120)]);
    expect(r.outliers.size).toBe(0);
    expect(r.threshold).toBeNaN();
  });
});

describe('qualityIssues', () => {
  it('names each problem', () => {
    expect(qualityIssues({ coverage: 0.9, maxGapM: 200, maxGapS: 1, droppedSamples: 0, rewound: true, teleport: true })).toEqual([
      'low-coverage', 'sample-gap', 'rewound', 'teleport',
    ]);
    expect(qualityIssues({ coverage: 0.999, maxGapM: 2, maxGapS: 0.02, droppedSamples: 3, rewound: false, teleport: false })).toEqual([]);
  });
});

describe('lapFactsFromFrames', () => {
  const L = 1000;
  const frames = (n: number, f: (i: number) => Partial<TelemetryFrame>): TelemetryFrame[] =>
    Array.from({ length: n }, (_, i) => ({ t: 10 + i * 0.1, lap: 3, lapDistance: i * 5 + 1, ...f(i) }));

  it('a clean lap line to line is a complete flying lap', () => {
    const facts = lapFactsFromFrames(frames(200, () => ({})), L);
    expect(facts).toEqual({ startedInPit: false, endedInPit: false, allInPit: false, complete: true, rewound: false });
    expect(categorizeLap(facts)).toBe('flying');
  });

  it('pit flags at the ends make out/in/pit laps; a late-latched distance at the start is not a rewind', () => {
    expect(categorizeLap(lapFactsFromFrames(frames(200, (i) => ({ inPit: i < 20 })), L))).toBe('out');
    expect(categorizeLap(lapFactsFromFrames(frames(200, (i) => ({ inPit: i > 180 })), L))).toBe('in');
    expect(categorizeLap(lapFactsFromFrames(frames(200, () => ({ inPit: true })), L))).toBe('pit');
    expect(lapFactsFromFrames(frames(200, (i) => (i === 0 ? { lapDistance: 999.5 } : {})), L).rewound).toBe(false);
  });

  it('session time or distance going back is a rewind; a lap that stops half way or did not start at the line is incomplete', () => {
    expect(categorizeLap(lapFactsFromFrames(frames(200, (i) => (i === 100 ? { t: 5 } : {})), L))).toBe('rewound');
    expect(lapFactsFromFrames(frames(200, (i) => (i >= 100 ? { lapDistance: i * 5 - 200 } : {})), L).rewound).toBe(true);
    expect(categorizeLap(lapFactsFromFrames(frames(100, () => ({})), L))).toBe('incomplete');
    expect(categorizeLap(lapFactsFromFrames(frames(200, () => ({})), L, false))).toBe('incomplete');
    expect(lapFactsFromFrames([], L).complete).toBe(false);
  });
});
