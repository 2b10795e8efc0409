/**
 * Live lap distance for games that send positions only, end to end in process: the demo
 * simulator's frames are encoded as Forza / GT7 packets, decoded by the real decoders and
 * recorded; the simulator's own lap distance is the truth the projection is held to.
 */
import { describe, expect, it } from 'vitest';
import { FrameBus } from '../../../src/engine/capture/frame-bus.js';
import { Recorder } from '../../../src/engine/capture/recorder.js';
import { findProtocol } from '../../../src/engine/games/index.js';
import type { TelemetryFrame } from '../../../src/engine/model/index.js';
import { createDemoRun } from '../../../src/engine/sim/index.js';
import { adaptLapNumbering } from '../../../src/cli/demo-transport.js';
import { demoPinnedInfo } from '../../../src/cli/commands/demo-run.js';
import { referenceFromLap } from '../../../src/tui/data/reference.js';
import { memorySink, type MemorySink, type ShapeShelf } from '../track-id/memory-sink.js';

type Run = { sink: MemorySink; truth: Map<number, number>; live: TelemetryFrame[]; messages: string[]; length: number };

/** Two laps of the demo track as `game` sends them, recorded like `racecraft demo --game <game>` records them. */
function demo(game: string, shelf: ShapeShelf | undefined, withStore = true): Run {
  const run = createDemoRun({ trackId: 'kestrel', laps: 2, seed: 1 });
  const protocol = findProtocol(game)!;
  const encoder = protocol.createEncoder();
  const decoder = protocol.createDecoder();
  const base = memorySink(shelf ?? new Map());
  const sink: MemorySink = withStore ? base : { ...base, trackShapes: undefined, saveTrackShape: undefined };
  const bus = new FrameBus();
  const live: TelemetryFrame[] = [];
  const messages: string[] = [];
  bus.subscribe((e) => {
    if (e.kind === 'frame') live.push(e.frame);
    if (e.kind === 'message') messages.push(e.text);
  });
  const recorder = new Recorder(sink, bus, { game: protocol.id, now: () => 0, session: run.session, pinned: demoPinnedInfo(run.session) });
  const truth = new Map<number, number>();
  for (const frame of adaptLapNumbering(game, run.frames())) {
    for (const packet of encoder.encode(frame, run.session)) {
      for (const result of decoder.decode(packet)) {
        if (result.kind === 'frame') truth.set(result.frame.t, frame.lapDistance!);
        recorder.handle(result);
      }
    }
  }
  recorder.stop();
  return { sink, truth, live, messages, length: run.session.trackLength! };
}

/** m, worst |distance − truth| (truth taken modulo the lap: the run-up before the line is negative in the simulator). */
function worstError(r: Run, distance: ArrayLike<number>, t: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < distance.length; i++) {
    const d = distance[i]!;
    if (Number.isNaN(d)) return Number.POSITIVE_INFINITY;
    const truth = ((r.truth.get(t[i]!)! % r.length) + r.length) % r.length;
    let e = Math.abs(d - truth);
    e = Math.min(e, Math.abs(e - r.length));
    worst = Math.max(worst, e);
  }
  return worst;
}

describe('live lap distance for Forza and GT7 (demo over the real encoders and decoders)', () => {
  it('forza, first session: no distance before a lap is complete (absent, never 0), then within 5 cm of the truth', () => {
    const shelf: ShapeShelf = new Map();
    const r = demo('forza', shelf);
    const laps = r.sink.laps;
    expect(laps.map((l) => `${l.lap.number} ${l.lap.category}`)).toEqual(['1 incomplete', '2 flying', '3 flying', '4 incomplete']);
    // Lap 1 is the run-up from before the line: no model yet.
    expect(laps[0]!.trace.distance.every((d) => Number.isNaN(d))).toBe(true);
    expect(r.live.filter((f) => f.lap === 1).every((f) => f.lapDistance === undefined)).toBe(true);
    // Lap 2 defined the track and was projected onto it when stored; laps 3 and 4 were projected live.
    for (const lap of laps.slice(1)) expect(worstError(r, lap.trace.distance, lap.trace.t)).toBeLessThan(0.05);
    const lap3 = r.live.filter((f) => f.lap === 3);
    expect(lap3.every((f) => f.lapDistance !== undefined)).toBe(true);
    expect(worstError(r, lap3.map((f) => f.lapDistance!), lap3.map((f) => f.t))).toBeLessThan(0.05);
    // Stored under the demo's own (pinned) track, and the session keeps the simulator's official length.
    expect(r.sink.saves.map((s) => [s.game, s.trackKey, s.name])).toEqual([['demo', 'demo:kestrel', 'Kestrel Park']]);
    expect(r.sink.saves[0]!.shape.length).toBeCloseTo(r.length, -1);
    expect(r.sink.sessions[0]!.trackLength).toBe(r.length);
  });

  it('forza: the live delta works from the second flying lap, against the first, as the TUI computes it', () => {
    const r = demo('forza', new Map());
    const [, first] = r.sink.laps;
    // The lap that defined the track got its sector times too, once its distances were filled in.
    expect(first!.lap.sectors).toHaveLength(3);
    const reference = referenceFromLap(1, { lap: first!.lap, trace: first!.trace }, r.sink.sessions[0]!, 'lap 2');
    const lap3 = r.live.filter((f) => f.lap === 3);
    const deltas = lap3.map((f) => reference.delta(f.lapDistance!, f.lapTime!));
    expect(deltas.every((d) => d !== undefined && Number.isFinite(d))).toBe(true);
    // Lap 3 (92.829 s) vs lap 2 (92.918 s): the delta ends at their difference.
    const last = r.sink.laps[2]!.lap.time - first!.lap.time;
    expect(deltas[deltas.length - 1]!).toBeCloseTo(last, 1);
    expect(Math.max(...deltas.map((d) => Math.abs(d!)))).toBeLessThan(1);
  });

  it('gt7, next session on the stored track: distances from the first frame, run-up included, nothing stored again', () => {
    const shelf: ShapeShelf = new Map();
    demo('forza', shelf);
    const r = demo('gt7', shelf);
    expect(r.sink.saves).toEqual([]);
    expect(r.live.every((f) => f.lapDistance !== undefined)).toBe(true);
    expect(r.sink.laps.map((l) => `${l.lap.number} ${l.lap.category}`)).toEqual(['0 out', '1 flying', '2 flying', '3 incomplete']);
    for (const lap of r.sink.laps) expect(worstError(r, lap.trace.distance, lap.trace.t)).toBeLessThan(0.05);
  });

  it('works without a shape store: each session learns its track from its own first lap', () => {
    const r = demo('gt7', undefined, false);
    const [out, first, second] = r.sink.laps;
    expect(out!.trace.distance.every((d) => Number.isNaN(d))).toBe(true);
    // GT7's default packet layout has no lap timer: the line is known to one sample (0.85 m here), the shape
    // starts half-way, so distances are within half a sample.
    expect(worstError(r, first!.trace.distance, first!.trace.t)).toBeLessThan(0.43);
    expect(worstError(r, second!.trace.distance, second!.trace.t)).toBeLessThan(0.43);
  });

  it('replaces a stored shape the first lap does not run on, and says so', () => {
    const shelf: ShapeShelf = new Map();
    demo('forza', shelf);
    const stored = shelf.get('demo')!.get('demo:kestrel')!;
    shelf.get('demo')!.set('demo:kestrel', { ...stored, shape: { ...stored.shape, x: stored.shape.x.map((v) => v + 400) } });
    const r = demo('forza', shelf);
    expect(r.messages).toContain('track Kestrel Park: the stored track shape did not match this lap; replaced it');
    expect(r.sink.saves).toHaveLength(1);
    const [, first, second] = r.sink.laps;
    expect(worstError(r, first!.trace.distance, first!.trace.t)).toBeLessThan(0.05);
    expect(worstError(r, second!.trace.distance, second!.trace.t)).toBeLessThan(0.05);
  });

  it('leaves games that send their own lap distance alone (F1)', () => {
    const shelf: ShapeShelf = new Map();
    const r = demo('f1', shelf);
    expect(r.sink.saves).toEqual([]);
    expect(shelf.size).toBe(0);
    // The game's own distances: the run-up before the line is negative, as F1 sends it.
    expect(r.sink.laps[0]!.trace.distance[0]!).toBeLessThan(0);
  });
});

describe('TrackLocator: an early identification the full lap does not confirm', () => {
  it('is dropped at the first complete lap: the lap becomes a new unknown track, its distances re-projected onto it', async () => {
    const { TrackLocator } = await import('../../../src/engine/capture/track-locator.js');
    const { resampleShape } = await import('../../../src/engine/track-id/index.js');
    const { stadiumPoint, STADIUM_LENGTH } = await import('../track-id/stadium.js');
    // Stored: a 2.7 km stadium. Driven: the same first 1 km, but its far side runs 60 m further out
    // (another layout of the venue, 4 % longer: the length alone would not tell them apart).
    const scale = 3;
    const L = STADIUM_LENGTH * scale;
    const dense = (far: number): { x: number[]; y: number[] } => {
      const x: number[] = [];
      const y: number[] = [];
      for (let k = 0; k < 6000; k++) {
        const p = stadiumPoint((k / 6000) * STADIUM_LENGTH);
        x.push(p.x * scale);
        y.push(p.y * scale + (p.y * scale > 270 ? far : 0));
      }
      return { x, y };
    };
    const stored = dense(0);
    const shelf = new Map([['unknown-1', { trackKey: 'unknown-1', name: 'unknown track 1', shape: resampleShape(stored.x, stored.y, L, 'xz', Math.round(L / 2)) }]]);
    const saved: string[] = [];
    const locator = new TrackLocator({ list: () => [...shelf.values()], save: (_g, key) => void saved.push(key) });
    locator.begin({ game: 'gt7' });
    const driven = dense(60);
    const frames: TelemetryFrame[] = driven.x.map((x, k) => ({ t: k * 0.01, lap: 1, speed: 50, posX: x, posZ: driven.y[k]! }));
    const located = frames.map((f) => locator.locate(f));
    // 1 km in, the path matched the stored track: a tentative identity, and distances from then on.
    expect(locator.takeUpdate()).toMatchObject({ trackKey: 'unknown-1', trackName: 'unknown track 1', lapDistanceFrom: 'track-shape' });
    expect(located.findIndex((f) => f.lapDistance !== undefined)).toBeGreaterThan(1000);
    const lap = { number: 1, time: 60, timeSource: 'game' as const, valid: true, category: 'flying' as const, sectors: [], startT: 0, endT: 60 };
    const outcome = locator.lapClosed({ lap, frames: located });
    expect(outcome.session).toMatchObject({ trackKey: 'unknown-2', trackName: 'unknown track 2' });
    expect(outcome.message).toMatch(/^new track: unknown track 2/);
    expect(saved).toEqual(['unknown-2']);
    // Re-projected onto its own shape: ends at its own length, not the stored track's.
    const last = outcome.frames[outcome.frames.length - 1]!.lapDistance!;
    expect(outcome.session!.trackLength!).toBeGreaterThan(L * 1.03);
    expect(outcome.session!.trackLength! - last).toBeLessThan(2);
  });
});
