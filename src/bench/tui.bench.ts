/**
 * The live TUI during a real-time (60 Hz) demo: CPU share of the live screen, packet-to-screen
 * latency and RSS (DESIGN.md: ≤ 10 % of one core at 30 fps, < 50 ms, < 150 MB).
 *
 * Everything runs in this process as in `racecraft demo`: the simulated game sends F1 packets
 * over loopback UDP to a live session (decode, recorder into an in-memory store, frame bus),
 * and the workstation renders to a fake 120x40 terminal. The live screen's CPU is the
 * difference between a phase with the TUI and one without it, over the same pipeline.
 * Latency runs from the moment the game sent a frame's packets to the terminal write that
 * shows that frame's lap clock.
 */
import { EventEmitter } from 'node:events';
import type { Bench, BenchLine } from './types.js';

const PHASE_S = 2;
const ROUNDS = 4;
const WARMUP_S = 2;
const COLUMNS = 120;
const ROWS = 40;

class FakeStdout extends EventEmitter {
  readonly columns = COLUMNS;
  readonly rows = ROWS;
  readonly isTTY = true;
  writes = 0;
  bytes = 0;
  onWrite: ((text: string) => void) | undefined;
  write(chunk: string | Uint8Array): boolean {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    this.writes++;
    this.bytes += text.length;
    this.onWrite?.(text);
    return true;
  }
}

/** A terminal's input: keys written here reach the workstation as if typed. */
class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private queued: string[] = [];
  type(keys: string): void {
    this.queued.push(keys);
    this.emit('readable');
  }
  read(): string | null {
    return this.queued.shift() ?? null;
  }
  setRawMode(): this {
    return this;
  }
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g;
const LAP_CLOCK = /LAP\s+\d+\s+(\d+:\d\d\.\d\d\d)/;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

/** CPU of this process over the next `ms`, as a share of one core. */
async function cpuShare(ms: number): Promise<number> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(ms);
  return cpuMs(cpu0) / (performance.now() - t0);
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export const bench: Bench = {
  area: 'tui',
  async run(): Promise<readonly BenchLine[]> {
    // Ink draws nothing live when it thinks it runs in CI; this bench measures the drawing.
    delete process.env['CI'];
    delete process.env['CONTINUOUS_INTEGRATION'];
    process.env['NODE_ENV'] ??= 'production';
    const { openStore } = await import('../store/index.js');
    const { startLiveSession, storeSink } = await import('../cli/live-session.js');
    const { demoPinnedInfo } = await import('../cli/commands/demo-run.js');
    const { sendDemo } = await import('../engine/capture/demo-sender.js');
    const { openSendSocket, closeSocket } = await import('../engine/capture/udp-socket.js');
    const { PROTOCOLS, findProtocol } = await import('../engine/games/index.js');
    const { createDemoRun } = await import('../engine/sim/index.js');
    const { formatClock } = await import('../tui/render/format.js');
    const { runLiveTui } = await import('../tui/run-live.js');

    const store = openStore(':memory:');
    const protocol = findProtocol('f1')!;
    const run = createDemoRun({ trackId: 'kestrel', laps: 2, seed: 1 });
    const live = await startLiveSession({
      sink: storeSink(store, 'demo'),
      listen: [{ port: 0, protocols: [protocol] }],
      host: '127.0.0.1',
      game: 'f1',
      session: run.session,
      pinned: demoPinnedInfo(run.session),
      allProtocols: PROTOCOLS,
    });
    const socket = openSendSocket();
    const abort = new AbortController();
    const sentAt = new Map<string, number>();
    const sending = sendDemo({
      frames: run.frames(),
      session: run.session,
      encoder: protocol.createEncoder(),
      socket,
      host: '127.0.0.1',
      port: live.ports[0]!,
      pace: 1,
      signal: abort.signal,
      onFrame: (frame) => {
        if (frame.lapTime !== undefined) sentAt.set(formatClock(frame.lapTime), performance.now());
      },
    });

    // The workstation runs throughout; the live screen's share is what showing it costs over
    // showing the Laps screen (which redraws only when a lap ends), in alternating phases so
    // drift in the machine's load falls on both sides.
    const stdout = new FakeStdout();
    const stdin = new FakeStdin();
    let stop: () => void = () => {};
    const until = new Promise<void>((resolve) => (stop = resolve));
    const tui = runLiveTui({
      bus: live.bus,
      store,
      sessionId: () => live.recorder.currentSessionId(),
      settings: { units: 'metric', reference: 'best' },
      title: 'bench',
      until,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      ...(process.env['RACECRAFT_BENCH_FPS'] ? { fps: Number(process.env['RACECRAFT_BENCH_FPS']) } : {}),
    });
    const latencies: number[] = [];
    let measuring = false;
    let redrawCount = 0;
    stdout.onWrite = (text) => {
      if (!measuring) return;
      const match = LAP_CLOCK.exec(text.replace(ANSI, ''));
      if (match) redrawCount++;
      const sent = match ? sentAt.get(match[1]!) : undefined;
      if (sent !== undefined) latencies.push(performance.now() - sent);
    };
    await sleep(WARMUP_S * 1000);
    const quiet: number[] = [];
    const shown: number[] = [];
    let liveWall = 0;
    let writes = 0;
    let bytes = 0;
    let rss = 0;
    for (let round = 0; round < ROUNDS; round++) {
      stdin.type('2');
      await sleep(300);
      quiet.push(await cpuShare(PHASE_S * 1000));
      stdin.type('1');
      await sleep(300);
      const writes0 = stdout.writes;
      const bytes0 = stdout.bytes;
      measuring = true;
      const t0 = performance.now();
      shown.push(await cpuShare(PHASE_S * 1000));
      liveWall += performance.now() - t0;
      measuring = false;
      writes += stdout.writes - writes0;
      bytes += stdout.bytes - bytes0;
      rss = Math.max(rss, process.memoryUsage().rss / 2 ** 20);
    }
    const share = median(shown.map((b, i) => b - quiet[i]!));
    const redraws = (redrawCount / liveWall) * 1000;

    stop();
    await tui;
    abort.abort();
    await sending;
    await live.stop();
    await closeSocket(socket);
    store.close();

    return [
      {
        name: 'live screen CPU share (120x40, 60 Hz demo)',
        value: share * 100,
        unit: '% core',
        budget: 10,
        budgetKind: 'max',
        note: `median of ${ROUNDS} rounds; whole process ${(median(shown) * 100).toFixed(1)} % on Live, ${(median(quiet) * 100).toFixed(1)} % on Laps`,
      },
      { name: 'live screen redraws', value: redraws, unit: '/s', budget: 31, budgetKind: 'max', note: `${Math.round((bytes / liveWall) * 1000 / 1024)} KiB/s in ${Math.round((writes / liveWall) * 1000)} writes to the terminal` },
      { name: 'packet-to-screen latency, median', value: percentile(latencies, 0.5), unit: 'ms', budget: 50, budgetKind: 'max', note: `${latencies.length} redraws matched` },
      { name: 'packet-to-screen latency, p95', value: percentile(latencies, 0.95), unit: 'ms', budget: 50, budgetKind: 'max' },
      { name: 'RSS recording with the TUI', value: rss, unit: 'MB', budget: 150, budgetKind: 'max' },
    ];
  },
};
