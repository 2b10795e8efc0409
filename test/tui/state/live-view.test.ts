import { describe, expect, it } from 'vitest';
import type { ActiveReference } from '../../../src/tui/data/reference.js';
import type { Lap, SessionInfo, TelemetryFrame } from '../../../src/engine/model/index.js';
import { buildLiveView, currentLapTime, liveSpeedTrace, sectorCells, titleOf } from '../../../src/tui/state/live-view.js';

const session: SessionInfo = { game: 'f1', format: '2024', trackName: 'Monza', carName: 'Ferrari', sessionType: 'race', trackLength: 300, sectorStarts: [100, 200], maxRpm: 12000 };

/** Frames every 10 m at 10 m/s from the line: t = d / 10. */
function lapFrames(to: number): TelemetryFrame[] {
  const out: TelemetryFrame[] = [];
  for (let d = 0; d <= to; d += 10) out.push({ t: 500 + d / 10, lap: 4, lapDistance: d, lapTime: d / 10, speed: 10 + d / 100, gLat: 0.5, gLon: -0.2, rpm: 9000, gear: 4, throttle: 1, brake: 0 });
  return out;
}

function lap(number: number, time: number, sectors: number[], valid = true): Lap {
  return { number, time, timeSource: 'game', valid, category: 'flying', sectors, startT: 0, endT: time };
}

function reference(overrides: Partial<ActiveReference> = {}): ActiveReference {
  return {
    key: 'lap:1',
    label: 'lap 2 · 0:29.000',
    lapTime: 29,
    sectors: [10.5, 9.5, 9],
    input: { lapTime: 29, grid: { length: 300, cells: 300 }, t: [], channels: {} },
    length: 300,
    step: 1,
    speed: Array.from({ length: 301 }, (_, k) => 20 + k / 10),
    // A reference exactly 1 s per 100 m slower than "d / 10": delta = lapTime - (d / 10 + d / 100).
    delta: (d, t) => t - (d / 10 + d / 100),
    ...overrides,
  };
}

describe('live view', () => {
  it('names game, track, car and session; the demo without its borrowed format', () => {
    expect(titleOf(session)).toBe('f1 2024 · Monza · Ferrari · race');
    expect(titleOf({ game: 'demo', format: '2025', trackKey: 'demo:kestrel' })).toBe('demo · demo:kestrel');
    expect(titleOf(undefined)).toBe('waiting for the game…');
  });

  it('times the lap with the game clock, else from the lap start', () => {
    expect(currentLapTime({ t: 12, lap: 1, lapTime: 3.5 }, [])).toBe(3.5);
    expect(currentLapTime({ t: 12, lap: 1 }, [{ t: 10, lap: 1 }])).toBe(2);
  });

  it('colours sectors: purple for the session best, green for beating the reference, yellow otherwise', () => {
    const frames = lapFrames(250);
    // Sector 1 took 10 s, sector 2 10 s; the car is in sector 3.
    const cells = sectorCells(frames, session, [lap(2, 30, [9, 11, 10]), lap(3, 31, [12, 12, 7])], reference());
    expect(cells).toEqual([
      { time: 10, colour: 'green', current: false },
      { time: 10, colour: 'purple', current: false },
      { time: undefined, colour: undefined, current: true },
    ]);
    // Slower than both the session's best and the reference.
    const slow = sectorCells(frames, session, [lap(2, 30, [9, 9, 12])], reference({ sectors: [9.5, 9.5, 9] }));
    expect(slow.map((c) => c.colour)).toEqual(['yellow', 'yellow', undefined]);
    // Invalid laps do not set a best; no sector starts, no sectors.
    expect(sectorCells(frames, session, [lap(2, 30, [1, 1, 28], false)], undefined)[0]!.colour).toBe('purple');
    expect(sectorCells(frames, { game: 'f1' }, [], undefined)).toEqual([]);
  });

  it('draws the lap so far over the reference, per column of the lap length', () => {
    const trace = liveSpeedTrace(lapFrames(150), reference(), 300, 6);
    // Columns of 50 m: frames at 0,10..40 → mean speed 10.2; 50..90 → 10.7; 100..140 → 11.2; 150 → 11.5.
    expect(trace.lap.map((v) => Number(v.toFixed(2)))).toEqual([10.2, 10.7, 11.2, 11.5]);
    expect(trace.reference).toHaveLength(6);
    expect(trace.reference[0]).toBeCloseTo(22.45, 2);
    // Joined part-way round: no line invented over the part not driven.
    expect(liveSpeedTrace(lapFrames(250).slice(15), reference(), 300, 6).lap).toEqual([]);
    expect(liveSpeedTrace([], undefined, undefined, 6)).toEqual({ lap: [], reference: [] });
  });

  it('builds the instrument values, the live delta and the last/best laps', () => {
    const frames = lapFrames(150);
    const view = buildLiveView({
      frame: frames.at(-1),
      session,
      laps: [lap(2, 30.5, [10, 10, 10.5]), lap(3, 29.75, [10, 10, 9.75]), { ...lap(4, 29, [9, 10, 10]), valid: false }],
      lapFrames: frames,
      counters: { packets: 100, frames: 50, errors: 1, skipped: 2 },
      reference: reference(),
      shift: { rpm: 9000, source: 'computed' },
    });
    expect(view).toMatchObject({
      waiting: false,
      title: 'f1 2024 · Monza · Ferrari · race',
      speed: 11.5,
      gear: 4,
      rpm: 9000,
      maxRpm: 12000,
      light: 'shift',
      lapNumber: 4,
      current: 15,
      last: { time: 29, valid: false, number: 4 },
      best: 29.75,
      referenceLabel: 'lap 2 · 0:29.000',
    });
    // At 150 m the reference took 16.5 s; this lap 15 s: 1.5 s ahead.
    expect(view.delta).toBeCloseTo(-1.5, 9);
    expect(view.gTrail).toHaveLength(16);
  });

  it("shows as 'last' the last lap with a lap time: not the run-up to the line or an out-lap after it", () => {
    const frames = lapFrames(150);
    const view = (laps: Parameters<typeof buildLiveView>[0]['laps']) =>
      buildLiveView({ frame: frames.at(-1), session, laps, lapFrames: frames, counters: { packets: 0, frames: 0, errors: 0, skipped: 0 }, reference: undefined, shift: undefined }).last;
    const runUp = { ...lap(0, 4.2, []), category: 'out' as const, valid: false };
    expect(view([runUp])).toBeUndefined();
    expect(view([runUp, lap(1, 30.5, [10, 10, 10.5]), { ...lap(2, 55, []), category: 'in' as const }, { ...lap(3, 70, []), category: 'out' as const }])).toEqual({ time: 55, valid: true, number: 2 });
  });

  it('waits for the first frame without failing', () => {
    const view = buildLiveView({ frame: undefined, session: undefined, laps: [], lapFrames: [], counters: { packets: 0, frames: 0, errors: 0, skipped: 0 }, reference: undefined, shift: undefined });
    expect(view).toMatchObject({ waiting: true, title: 'waiting for the game…', light: 'off', maxRpm: 12000, delta: undefined, sectors: [] });
  });
});
