/**
 * Track identity and live lap distance (issue #3): the cost of projecting each frame onto the
 * track's shape while recording Forza or GT7, which comes on top of decoding (DESIGN.md: ≤ 5 µs
 * per assembled frame), and the once-per-lap cost of identifying a track among stored shapes.
 * Frames are the demo simulator's (Kestrel Park, 4.6 km, 60 Hz) sent through the GT7 encoder and
 * decoder, so they are shaped exactly as live GT7 frames (positions, no lap distance).
 */
import { TrackLocator } from '../engine/capture/track-locator.js';
import { createGt7Decoder, createGt7Encoder } from '../engine/games/gt7/index.js';
import { toTrace, type SessionInfo, type TelemetryFrame } from '../engine/model/index.js';
import { createDemoRun } from '../engine/sim/index.js';
import { LapPositioner, createShapeProjector, identifyShape, shapeFromLap, type KnownShape, type TrackShape } from '../engine/track-id/index.js';
import type { Bench, BenchLine } from './types.js';

const MIN_RUN_MS = 250;

/** Best of three timed runs (after one warm-up) of `fn`, which handles `count` items per call: µs per item. */
function microsPerItem(count: number, fn: () => void): number {
  const once = (): number => {
    let items = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn();
      items += count;
      elapsed = performance.now() - start;
    } while (elapsed < MIN_RUN_MS);
    return (elapsed * 1000) / items;
  };
  once();
  return Math.min(once(), once(), once());
}

/** The simulator's frames as GT7 sends them: encoded and decoded by the real GT7 code (positions, no lap distance). */
function asGt7(source: Iterable<TelemetryFrame>, session: SessionInfo): TelemetryFrame[] {
  const encoder = createGt7Encoder();
  const decoder = createGt7Decoder();
  const out: TelemetryFrame[] = [];
  for (const frame of source) {
    for (const packet of encoder.encode(frame, session)) for (const r of decoder.decode(packet)) if (r.kind === 'frame') out.push(r.frame);
  }
  return out;
}

export const bench: Bench = {
  area: 'track-id',
  async run(): Promise<readonly BenchLine[]> {
    const run = createDemoRun({ trackId: 'kestrel', laps: 3, seed: 1 });
    const frames = asGt7(run.frames(), run.session);
    const lap1 = frames.filter((f) => f.lap === 1);
    const shape = shapeFromLap(toTrace(lap1), 'xz')!;
    const known: KnownShape[] = [{ trackKey: 'unknown-1', name: 'unknown track 1', shape }];
    const lines: BenchLine[] = [];

    // The recorder's per-frame call: locate (project, hold the line, write the distance into the frame).
    // It writes into the frames, so every timed pass gets freshly decoded ones (decoded outside the timing:
    // copies made by spreading would not have the decoder's object layout, and cost far more to extend).
    let sink = 0;
    let locateUs = Number.POSITIVE_INFINITY;
    for (let pass = 0; pass < 6; pass++) {
      const copies = asGt7(run.frames(), run.session);
      const locator = new TrackLocator({ list: () => known, save: () => {} });
      locator.begin({ game: 'gt7', trackKey: 'unknown-1' });
      const start = performance.now();
      for (const f of copies) sink += locator.locate(f).lapDistance ?? Number.NaN;
      const us = ((performance.now() - start) * 1000) / copies.length;
      if (pass > 0) locateUs = Math.min(locateUs, us);
    }
    if (!Number.isFinite(sink)) throw new Error('a bench frame got no lap distance');
    lines.push({ name: 'live lap distance per frame (TrackLocator.locate)', value: locateUs, unit: 'µs/frame', budget: 5, budgetKind: 'max', note: `${shape.x.length} shape points; windowed search; on top of decoding` });

    const positionerUs = microsPerItem(frames.length, () => {
      const p = new LapPositioner(shape);
      for (const f of frames) sink += p.locate(f.lap, f.posX!, f.posZ!) ?? 0;
    });
    lines.push({ name: 'projection alone per frame (LapPositioner.locate)', value: positionerUs, unit: 'µs/frame' });

    // Lost every frame: the global search over all shape points (first fix, teleport, pit lane).
    const lostUs = microsPerItem(1000, () => {
      for (let i = 0; i < 1000; i++) {
        const p = createShapeProjector(shape);
        const f = frames[(i * 97) % frames.length]!;
        sink += p.project(f.posX!, f.posZ!) ?? 0;
      }
    });
    lines.push({ name: 'global search when lost', value: lostUs, unit: 'µs/frame', note: 'only on the first fix and after a teleport' });

    // Once per lap: identify a complete lap among 20 stored shapes (19 elsewhere in the world, 1 the same track).
    const stored: KnownShape[] = Array.from({ length: 20 }, (_, k): KnownShape => {
      const dx = k === 19 ? 0 : 3000 * (k + 1);
      const moved: TrackShape = { ...shape, x: shape.x.map((v) => v + dx) };
      return { trackKey: `unknown-${k + 1}`, shape: moved };
    });
    const lap2 = shapeFromLap(toTrace(frames.filter((f) => f.lap === 2)), 'xz')!;
    const identifyUs = microsPerItem(1, () => {
      if (identifyShape(lap2, stored, true)?.known.trackKey !== 'unknown-20') throw new Error('bench lap was not identified');
    });
    lines.push({ name: 'identify a lap among 20 stored shapes', value: identifyUs / 1000, unit: 'ms/lap', note: 'once per session; 19 lie elsewhere (skipped by bounding box), 1 compared in full' });
    return lines;
  },
};
