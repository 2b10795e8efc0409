/**
 * Recording cost while a separate process plays the game. DESIGN budgets: < 3 % of one core at
 * F1's 60 Hz with every packet type; a 20k packets/s burst for 10 s loses nothing.
 * The 60 Hz figure is the real `racecraft record --headless` process (receive, decode, lap
 * tracking, track position, checkpoints, SQLite), measured from /proc so the bench harness's own
 * heap and timers are not billed to the recorder; the burst runs the recorder in this process to
 * count exactly what arrived.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOLS, findProtocol } from '../engine/games/index.js';
import { startLiveSession, storeSink } from '../cli/live-session.js';
import { openStore } from '../store/index.js';
import { processCpuMs } from './proc-cpu.js';
import type { Bench, BenchLine } from './types.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/racecraft.js');

async function measure(seconds: number, sender: string[] | 'burst', port: number, result: (packets: number, cpuPercent: number, lost?: number) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'racecraft-bench-'));
  const store = openStore(join(dir, 'bench.db'));
  const f1 = findProtocol('f1')!;
  const live = await startLiveSession({ sink: storeSink(store, 'live'), listen: [{ port, protocols: [f1] }], host: '127.0.0.1', game: 'f1', allProtocols: PROTOCOLS });
  const boundPort = live.ports[0]!;
  const args = sender === 'burst' ? ['-e', burstScript(boundPort, seconds)] : [BIN, ...sender, '--to', `127.0.0.1:${boundPort}`];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let childOut = '';
  child.stdout.on('data', (d: Buffer) => (childOut += d.toString()));
  // Measure a steady window, skipping the sender's start-up.
  await new Promise((r) => setTimeout(r, 1500));
  const packets0 = live.bus.counters.packets;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  const packets = live.bus.counters.packets - packets0;
  await new Promise((r) => child.on('close', r));
  await new Promise((r) => setTimeout(r, 300));
  const sent = Number(/sent (\d+)/.exec(childOut)?.[1] ?? NaN);
  result(packets, ((cpu.user + cpu.system) / 1000 / wall) * 100, sender === 'burst' ? sent - live.bus.counters.packets : undefined);
  await live.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** A UDP port free right now (bound to 0 and released), for a child process to listen on. */
async function freePort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * CPU of `racecraft record --headless` over `seconds` while `racecraft demo --to` plays one lap
 * of F1 at real time; undefined where /proc is missing.
 */
async function measureRecordProcess(seconds: number): Promise<{ cpuPercent: number; packets: number } | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'racecraft-bench-'));
  const port = await freePort();
  const recorder = spawn(process.execPath, [BIN, '--db', join(dir, 'bench.db'), 'record', '--headless', '--game', 'f1', '--port', String(port), '--bind', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let summary = '';
  recorder.stderr.on('data', (d: Buffer) => (summary += d.toString()));
  recorder.stdout.on('data', (d: Buffer) => (summary += d.toString()));
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const sender = spawn(process.execPath, [BIN, 'demo', '--laps', '1', '--speed', '1', '--to', `127.0.0.1:${port}`], { stdio: 'ignore' });
    // Skip the sender's and the session's start-up, then a steady window.
    await new Promise((r) => setTimeout(r, 2500));
    const cpu0 = processCpuMs(recorder.pid!);
    const wall0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const cpu1 = processCpuMs(recorder.pid!);
    const wall = performance.now() - wall0;
    sender.kill();
    recorder.kill('SIGINT');
    await new Promise((r) => recorder.on('close', r));
    if (cpu0 === undefined || cpu1 === undefined) return undefined;
    const packets = Number(/(\d+) packets/.exec(summary)?.[1] ?? NaN);
    return { cpuPercent: ((cpu1 - cpu0) / wall) * 100, packets };
  } finally {
    if (recorder.exitCode === null) recorder.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A child that replays real-sized F1 packets at 20,000/s for `seconds`, paced per millisecond. */
function burstScript(port: number, seconds: number): string {
  return `
    const dgram = require('node:dgram');
    const { createDemoRun } = await import(${JSON.stringify(join(dirname(fileURLToPath(import.meta.url)), '../engine/sim/index.js'))});
    const { createF1Encoder } = await import(${JSON.stringify(join(dirname(fileURLToPath(import.meta.url)), '../engine/games/f1/index.js'))});
    const run = createDemoRun({ trackId: 'kestrel', laps: 3, seed: 2 });
    const enc = createF1Encoder();
    const packets = [];
    for (const f of run.frames()) for (const p of enc.encode(f, run.session)) packets.push(p);
    const s = dgram.createSocket('udp4');
    s.connect(${port}, '127.0.0.1', async () => {
      const rate = 20000, total = rate * ${seconds + 1.5};
      const t0 = performance.now();
      let sent = 0;
      while (sent < total) {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
        while (sent < due) s.send(packets[sent++ % packets.length]);
        await new Promise((r) => setImmediate(r));
      }
      setTimeout(() => { console.log('sent ' + sent); s.close(); }, 200);
    });
  `.replace(/\n\s*/g, ' ').replace(/^/, '(async () => {').concat('})()');
}

export const bench: Bench = {
  area: 'recorder',
  async run() {
    const lines: BenchLine[] = [];
    const record = await measureRecordProcess(10);
    if (record === undefined) {
      await measure(8, ['demo', '--laps', '1', '--speed', '1'], 0, (packets, cpu) => {
        lines.push({ name: 'recorder CPU at F1 60 Hz (every packet type)', value: cpu, unit: '% core', budget: 3, budgetKind: 'max', note: `in the bench process (no /proc here): ${(packets / 8).toFixed(0)} packets/s received` });
      });
    } else {
      lines.push({ name: 'recorder CPU at F1 60 Hz (every packet type)', value: record.cpuPercent, unit: '% core', budget: 3, budgetKind: 'max', note: `the \`racecraft record --headless\` process over a steady 10 s (${record.packets} packets in the whole run, game at ~240/s)` });
    }
    await measure(10, 'burst', 0, (packets, cpu, lost) => {
      lines.push({ name: 'burst 20k packets/s for 10 s: packets lost', value: lost ?? NaN, unit: 'packets', budget: 0, budgetKind: 'max', note: `${(packets / 10).toFixed(0)} packets/s received, recorder at ${cpu.toFixed(0)} % of a core` });
    });
    return lines;
  },
};
