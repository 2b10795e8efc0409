/**
 * The live TUI during a real-time (60 Hz) game: CPU of the racecraft process while the Live
 * screen is shown, packet-to-screen latency, redraws actually achieved, and RSS (DESIGN.md:
 * ≤ 10 % of one core at 30 fps, < 50 ms, < 150 MB).
 *
 * As with `racecraft record`, the game is another process: this file, run as a child with
 * GAME_FLAG, plays the demo simulator's F1 packets over loopback UDP in real time. This
 * process runs everything racecraft runs: the live session (decode, recorder into an in-memory
 * store, frame bus) and the workstation drawing to a fake 120x40 terminal, with the Live
 * painter at 30 paints a second. The CPU line is this whole process (process.cpuUsage, nothing
 * subtracted) over fixed phases on the Live screen; phases on the Laps screen (which redraws
 * only when a lap ends) alternate with them and are reported beside it. Latency runs from the
 * moment the game sent a frame's packets to the terminal write that shows that frame's lap
 * clock (epoch clocks of the two processes, matched after the run so no message crosses
 * between them while measuring).
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { FakeStdin } from './fake-stdin.js';
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

/** Wall clock in ms with sub-ms precision, comparable between the two processes. */
function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

const GAME_FLAG = '--racecraft-tui-bench-game';
const SEED = 1;
const LAPS = 3;

/** What the game process reports when told to stop: when it sent each lap clock, and its own CPU. */
type GameReport = { sent: [string, number][]; cpuMs: number; wallMs: number };

/** The game: sends the demo in real time to `port` until the parent says stop. */
async function runGame(port: number): Promise<void> {
  const { sendDemo } = await import('../engine/capture/demo-sender.js');
  const { openSendSocket, closeSocket } = await import('../engine/capture/udp-socket.js');
  const { findProtocol } = await import('../engine/games/index.js');
  const { createDemoRun } = await import('../engine/sim/index.js');
  const { formatClock } = await import('../tui/render/format.js');
  const run = createDemoRun({ trackId: 'kestrel', laps: LAPS, seed: SEED });
  const socket = openSendSocket();
  const abort = new AbortController();
  const sent = new Map<string, number>();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  process.on('message', () => abort.abort());
  await sendDemo({
    frames: run.frames(),
    session: run.session,
    encoder: findProtocol('f1')!.createEncoder(),
    socket,
    host: '127.0.0.1',
    port,
    pace: 1,
    signal: abort.signal,
    onFrame: (frame) => {
      if (frame.lapTime !== undefined) sent.set(formatClock(frame.lapTime), epochMs());
    },
  });
  await closeSocket(socket);
  const report: GameReport = { sent: [...sent], cpuMs: cpuMs(cpu0), wallMs: performance.now() - t0 };
  process.send!(report, () => process.exit(0));
}

if (process.argv[2] === GAME_FLAG) await runGame(Number(process.argv[3]));

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
    const { PROTOCOLS, findProtocol } = await import('../engine/games/index.js');
    const { createDemoRun } = await import('../engine/sim/index.js');
    const { runLiveTui } = await import('../tui/run-live.js');

    const store = openStore(':memory:');
    const protocol = findProtocol('f1')!;
    // The same seeded run the game plays: only its session description is used here.
    const run = createDemoRun({ trackId: 'kestrel', laps: LAPS, seed: SEED });
    const live = await startLiveSession({
      sink: storeSink(store, 'demo'),
      listen: [{ port: 0, protocols: [protocol] }],
      host: '127.0.0.1',
      game: 'f1',
      session: run.session,
      pinned: demoPinnedInfo(run.session),
      allProtocols: PROTOCOLS,
    });
    const game = fork(fileURLToPath(import.meta.url), [GAME_FLAG, String(live.ports[0]!)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const report = new Promise<GameReport>((resolve, reject) => {
      game.once('message', (m) => resolve(m as GameReport));
      game.once('exit', (code) => reject(new Error(`the game process exited (${code}) before reporting`)));
    });

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
    });
    const shown: [string, number][] = [];
    let measuring = false;
    stdout.onWrite = (text) => {
      if (!measuring) return;
      const match = LAP_CLOCK.exec(text.replace(ANSI, ''));
      if (match) shown.push([match[1]!, epochMs()]);
    };
    await sleep(WARMUP_S * 1000);
    const onLaps: number[] = [];
    const onLive: number[] = [];
    let liveWall = 0;
    let writes = 0;
    let bytes = 0;
    let rss = 0;
    for (let round = 0; round < ROUNDS; round++) {
      stdin.type('2');
      await sleep(300);
      onLaps.push(await cpuShare(PHASE_S * 1000));
      stdin.type('1');
      await sleep(300);
      const writes0 = stdout.writes;
      const bytes0 = stdout.bytes;
      measuring = true;
      const t0 = performance.now();
      onLive.push(await cpuShare(PHASE_S * 1000));
      liveWall += performance.now() - t0;
      measuring = false;
      writes += stdout.writes - writes0;
      bytes += stdout.bytes - bytes0;
      rss = Math.max(rss, process.memoryUsage().rss / 2 ** 20);
    }

    stop();
    await tui;
    game.send('stop');
    const played = await report;
    await live.stop();
    store.close();

    const sentAt = new Map(played.sent);
    const latencies = shown.flatMap(([clock, at]) => {
      const sent = sentAt.get(clock);
      return sent === undefined ? [] : [at - sent];
    });
    const redraws = (shown.length / liveWall) * 1000;
    const share = median(onLive);
    return [
      {
        name: 'racecraft process CPU on Live (120x40, 60 Hz game)',
        value: share * 100,
        unit: '% core',
        budget: 10,
        budgetKind: 'max',
        note: `whole process, median of ${ROUNDS} ${PHASE_S} s phases (${onLive.map((v) => (v * 100).toFixed(1)).join(', ')}); on Laps ${(median(onLaps) * 100).toFixed(1)} %; the game's own process ${((played.cpuMs / played.wallMs) * 100).toFixed(1)} % (in-process with \`racecraft demo\`)`,
      },
      { name: 'live screen redraws', value: redraws, unit: '/s', budget: 27, budgetKind: 'min', note: `lap clock writes seen; ${Math.round(((bytes / liveWall) * 1000) / 1024)} KiB/s in ${Math.round((writes / liveWall) * 1000)} writes to the terminal` },
      { name: 'packet-to-screen latency, median', value: percentile(latencies, 0.5), unit: 'ms', budget: 50, budgetKind: 'max', note: `${latencies.length} redraws matched` },
      { name: 'packet-to-screen latency, p95', value: percentile(latencies, 0.95), unit: 'ms', budget: 50, budgetKind: 'max' },
      { name: 'RSS recording with the TUI', value: rss, unit: 'MB', budget: 150, budgetKind: 'max' },
    ];
  },
};
