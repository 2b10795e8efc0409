import { EventEmitter } from 'node:events';
import { FrameBus } from '../../src/engine/capture/frame-bus.js';
import { Recorder } from '../../src/engine/capture/recorder.js';
import { createDemoRun, type DemoRun } from '../../src/engine/sim/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { storeSink } from '../../src/cli/live-session.js';

/** A recorded demo: the store, the bus as the live screen sees it, and the simulator's truth. */
export type RecordedDemo = {
  readonly store: Store;
  readonly bus: FrameBus;
  readonly recorder: Recorder;
  readonly sessionId: number;
  readonly run: DemoRun;
};

/**
 * Plays the demo simulator's frames through the real recorder (into an in-memory store) and the
 * frame bus, without UDP: what `racecraft demo` records, in a fraction of a second per lap.
 * `untilT` (s of session time) stops part-way, leaving the session open as during a recording;
 * without it the recording is finished as when the user quits.
 */
export function recordDemo(options: { laps: number; seed?: number; untilT?: number; store?: Store; startedAt?: number; car?: { carKey: string; carName: string } }): RecordedDemo {
  const store = options.store ?? openStore(':memory:');
  const run = createDemoRun({ trackId: 'kestrel', laps: options.laps, seed: options.seed ?? 1 });
  const bus = new FrameBus();
  let clock = options.startedAt ?? Date.UTC(2026, 0, 2, 10, 0, 0);
  const session = { ...run.session, ...options.car };
  const recorder = new Recorder(storeSink(store, 'demo'), bus, { game: 'demo', now: () => clock, session, pinned: { ...session, game: 'demo' } });
  recorder.handle({ kind: 'session', session });
  for (const frame of run.frames()) {
    if (options.untilT !== undefined && frame.t > options.untilT) break;
    recorder.handle({ kind: 'frame', frame });
    bus.counters.packets += 4;
    clock += 1000 / 60;
  }
  const sessionId = recorder.currentSessionId()!;
  if (options.untilT === undefined) recorder.stop();
  return { store, bus, recorder, sessionId, run };
}

/** Terminal key sequences for stdin.write. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  ctrlC: '\u0003',
  pageDown: '\u001B[6~',
} as const;

/** Lets Ink handle queued input and re-render. */
export function settle(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until `frame` has stopped changing (the same for three polls 20 ms apart), up to `ms`: a
 * screen that analyses a lap after a key press may take longer than `settle` on a busy machine,
 * and a test must read what the user ends up seeing, not a frame caught halfway.
 */
export async function steady(frame: () => string, ms = 3000): Promise<string> {
  const deadline = Date.now() + ms;
  let last = frame();
  let same = 0;
  while (same < 3 && Date.now() < deadline) {
    await settle(20);
    const f = frame();
    same = f === last ? same + 1 : 0;
    last = f;
  }
  return last;
}

/** Polls `frame` until it contains `text` (for screens that update after async work), up to `ms`. */
export async function eventually(frame: () => string, text: string, ms = 3000): Promise<string> {
  const deadline = Date.now() + ms;
  let f = frame();
  while (!f.includes(text) && Date.now() < deadline) {
    await settle(20);
    f = frame();
  }
  return f;
}

/** A terminal's stdout for rendering Ink directly: a size that can change, and every write kept. */
export class FakeStdout extends EventEmitter {
  columns: number;
  rows: number;
  readonly isTTY: boolean;
  readonly writes: string[] = [];
  constructor(options: { columns?: number; rows?: number; isTTY?: boolean } = {}) {
    super();
    this.columns = options.columns ?? 120;
    this.rows = options.rows ?? 40;
    this.isTTY = options.isTTY ?? true;
  }
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
}

export { FakeStdin } from '../../src/bench/fake-stdin.js';
