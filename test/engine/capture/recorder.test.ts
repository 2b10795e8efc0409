import { describe, expect, it } from 'vitest';
import { FrameBus } from '../../../src/engine/capture/frame-bus.js';
import { Recorder } from '../../../src/engine/capture/recorder.js';
import type { RecordingSink } from '../../../src/engine/capture/recording-sink.js';
import type { Lap, SessionInfo, TelemetryFrame, Trace } from '../../../src/engine/model/index.js';

type Call = { kind: string; lap?: number; samples?: number; info?: SessionInfo; t?: number };

function memorySink(): RecordingSink & { calls: Call[]; laps: { lap: Lap; trace: Trace }[]; chunkSamples: () => number } {
  const calls: Call[] = [];
  const laps: { lap: Lap; trace: Trace }[] = [];
  let chunks: { lap: number; trace: Trace }[] = [];
  return {
    calls,
    laps,
    chunkSamples: () => chunks.reduce((n, c) => n + c.trace.length, 0),
    createSession: (info) => (calls.push({ kind: 'create', info }), 7),
    updateSession: (_id, info) => void calls.push({ kind: 'update', info }),
    finishSession: () => void calls.push({ kind: 'finish' }),
    appendChunk: (_id, lap, trace) => {
      chunks.push({ lap, trace });
      calls.push({ kind: 'chunk', lap, samples: trace.length });
    },
    insertLap: (_id, lap, trace, checkpointLap) => {
      chunks = chunks.filter((c) => c.lap !== checkpointLap);
      laps.push({ lap, trace });
      calls.push({ kind: 'lap', lap: lap.number, samples: trace.length });
    },
    discardAfter: (_id, t) => void calls.push({ kind: 'discard', t }),
  };
}

/** 50 m/s on a 1000 m track, 60 Hz, crossing the line at t = 10, 30, 50 s. */
function frame(i: number): TelemetryFrame {
  const t = i / 60;
  const travelled = 500 + 50 * t;
  const lapIndex = Math.floor(travelled / 1000);
  const lapDistance = travelled - lapIndex * 1000;
  return { t, lap: 1 + lapIndex, lapDistance, lapTime: lapDistance / 50, speed: 50, ...(lapIndex > 0 ? { lastLapTime: lapIndex === 1 ? 10 : 20 } : {}) };
}

describe('Recorder', () => {
  it('creates the session on the first frame only, checkpoints about every interval, and stores each lap once', () => {
    const sink = memorySink();
    let now = 0;
    const bus = new FrameBus();
    const recorder = new Recorder(sink, bus, { game: 'f1', now: () => now, checkpointMs: 500, session: { trackLength: 1000 } });
    recorder.handle({ kind: 'session', session: { game: 'f1', trackName: 'Test Ring' } });
    expect(sink.calls).toEqual([]); // nothing is created before a frame arrives
    const total = 60 * 35;
    for (let i = 0; i < total; i++) {
      now = (i * 1000) / 60; // real time
      recorder.handle({ kind: 'frame', frame: frame(i) });
    }
    expect(sink.calls[0]).toMatchObject({ kind: 'create', info: { game: 'f1', trackName: 'Test Ring', trackLength: 1000 } });
    // ~35 s at one checkpoint per 0.5 s.
    const chunkCalls = sink.calls.filter((c) => c.kind === 'chunk');
    expect(chunkCalls.length).toBeGreaterThanOrEqual(65);
    // Unsaved samples never exceed one checkpoint interval (30 frames) plus the current frame.
    const summary = recorder.stop();
    expect(sink.laps.map((l) => [l.lap.number, l.lap.category])).toEqual([
      [1, 'incomplete'],
      [2, 'flying'],
      [3, 'incomplete'],
    ]);
    expect(sink.laps[1]!.lap.time).toBe(20);
    expect(sink.laps.reduce((n, l) => n + l.trace.length, 0)).toBe(total);
    expect(sink.chunkSamples()).toBe(0); // every checkpoint was superseded by its lap
    expect(sink.calls.at(-1)).toEqual({ kind: 'finish' });
    expect(summary.frames).toBe(total);
    expect(bus.laps().map((l) => l.number)).toEqual([1, 2, 3]);
  });

  it('keeps pinned session facts over what packets say', () => {
    const sink = memorySink();
    const recorder = new Recorder(sink, undefined, { game: 'f1', now: () => 0, pinned: { game: 'demo', trackName: 'Kestrel Park' } });
    recorder.handle({ kind: 'session', session: { game: 'f1', trackName: 'Melbourne', trackLength: 5278 } });
    recorder.handle({ kind: 'frame', frame: frame(0) });
    expect(sink.calls[0]!.info).toMatchObject({ game: 'demo', trackName: 'Kestrel Park', trackLength: 5278 });
  });

  it('forwards a flashback to the store and closes the session on a new game session', () => {
    const sink = memorySink();
    const recorder = new Recorder(sink, undefined, { game: 'f1', now: () => 0 });
    for (let i = 0; i < 120; i++) recorder.handle({ kind: 'frame', frame: frame(i) });
    recorder.handle({ kind: 'rewind', toT: 1 });
    expect(sink.calls.at(-1)).toEqual({ kind: 'discard', t: 1 });
    recorder.handle({ kind: 'new-session', gameSessionId: '42' });
    expect(sink.calls.slice(-2).map((c) => c.kind)).toEqual(['lap', 'finish']);
    expect(sink.laps[0]!.trace.length).toBe(61); // samples up to t = 1 s survived the rewind
    recorder.handle({ kind: 'frame', frame: frame(200) });
    expect(sink.calls.at(-1)).toMatchObject({ kind: 'create', info: { gameSessionId: '42' } });
  });
});

describe('Recorder across games', () => {
  it('starts a new session when another game starts sending', () => {
    const sink = memorySink();
    const recorder = new Recorder(sink, undefined, { game: 'f1', now: () => 0 });
    recorder.handle({ kind: 'session', session: { game: 'f1', trackName: 'Monza' } });
    for (let i = 0; i < 60; i++) recorder.handle({ kind: 'frame', frame: frame(i) });
    recorder.handle({ kind: 'session', session: { game: 'pcars2', trackName: 'Spa' } });
    for (let i = 0; i < 60; i++) recorder.handle({ kind: 'frame', frame: frame(i) });
    recorder.stop();
    const creates = sink.calls.filter((c) => c.kind === 'create');
    expect(creates.map((c) => [c.info!.game, c.info!.trackName])).toEqual([
      ['f1', 'Monza'],
      ['pcars2', 'Spa'],
    ]);
    expect(sink.calls.filter((c) => c.kind === 'finish')).toHaveLength(2);
  });
});
