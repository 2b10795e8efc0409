/**
 * Recording cost: the recorder (receive, decode, lap tracking, checkpoints, SQLite) in this
 * process while a separate process plays the game. DESIGN budgets: < 3 % of one core at F1's
 * 60 Hz with every packet type; a 20k packets/s burst for 10 s loses nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOLS, findProtocol } from '../engine/games/index.js';
import { startLiveSession, storeSink } from '../cli/live-session.js';
import { openStore } from '../store/index.js';
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
    await measure(8, ['demo', '--laps', '1', '--speed', '1'], 0, (packets, cpu) => {
      lines.push({ name: 'recorder CPU at F1 60 Hz (every packet type)', value: cpu, unit: '% core', budget: 3, budgetKind: 'max', note: `${(packets / 8).toFixed(0)} packets/s received` });
    });
    await measure(10, 'burst', 0, (packets, cpu, lost) => {
      lines.push({ name: 'burst 20k packets/s for 10 s: packets lost', value: lost ?? NaN, unit: 'packets', budget: 0, budgetKind: 'max', note: `${(packets / 10).toFixed(0)} packets/s received, recorder at ${cpu.toFixed(0)} % of a core` });
    });
    return lines;
  },
};
