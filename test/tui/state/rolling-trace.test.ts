import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../src/engine/model/index.js';
import { liveSpeedTrace } from '../../../src/tui/state/live-view.js';
import { RollingSpeedTrace } from '../../../src/tui/state/rolling-trace.js';
import { recordDemo } from '../fixtures.js';

describe('RollingSpeedTrace', () => {
  it('matches liveSpeedTrace after every batch of frames of a real demo lap, and starts over at a new lap', () => {
    const demo = recordDemo({ laps: 2, seed: 3, untilT: 150 });
    const frames = [...demo.run.frames()].filter((f) => f.t <= 150);
    const length = demo.run.session.trackLength!;
    const rolling = new RollingSpeedTrace();
    let lapFrames: TelemetryFrame[] = [];
    let checks = 0;
    for (const [i, f] of frames.entries()) {
      // As the bus does: a new array when the lap number changes.
      if (lapFrames.length > 0 && f.lap !== lapFrames[0]!.lap) lapFrames = [];
      lapFrames.push(f);
      if (i % 37 !== 0 && i !== frames.length - 1) continue;
      const got = rolling.update(lapFrames, undefined, length, 90);
      expect(got).toEqual(liveSpeedTrace(lapFrames, undefined, length, 90));
      checks++;
    }
    expect(checks).toBeGreaterThan(200);
    // The lap in progress at 150 s is lap 1, drawn from the line onwards.
    expect(rolling.update(lapFrames, undefined, length, 90).lap.length).toBeGreaterThan(40);
  });

  it('starts over after a rewind (a shorter array) and when the width changes', () => {
    const demo = recordDemo({ laps: 1, seed: 1, untilT: 60 });
    const lap = [...demo.run.frames()].filter((f) => f.lap === 1 && f.t <= 60);
    const length = demo.run.session.trackLength!;
    const rolling = new RollingSpeedTrace();
    rolling.update(lap, undefined, length, 60);
    const rewound = lap.slice(0, Math.floor(lap.length / 2));
    expect(rolling.update(rewound, undefined, length, 60)).toEqual(liveSpeedTrace(rewound, undefined, length, 60));
    expect(rolling.update(rewound, undefined, length, 30)).toEqual(liveSpeedTrace(rewound, undefined, length, 30));
    expect(rolling.update(rewound, undefined, undefined, 30)).toEqual({ lap: [], reference: [] });
  });
});
