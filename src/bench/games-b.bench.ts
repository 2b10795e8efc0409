/**
 * Decode rates for the second group of protocols: GT7 (including Salsa20 decryption of every packet), OutGauge and
 * OutSim. DESIGN.md's decode budget is written for F1 (≥ 2 M packets/s per core); these games send 60–100 packets/s,
 * so the figures are reported without a budget, as the cost per packet and the headroom over the game's rate.
 */
import type { SessionInfo, TelemetryFrame } from '../engine/model/index.js';
import type { Decoder } from '../engine/games/types.js';
import { createGt7Decoder, createGt7Encoder, salsa20Key, salsa20XorRange, type Gt7Format } from '../engine/games/gt7/index.js';
import { createOutGaugeDecoder, createOutGaugeEncoder } from '../engine/games/outgauge/index.js';
import { createOutSimDecoder, createOutSimEncoder } from '../engine/games/outsim/index.js';
import type { Bench, BenchLine } from './types.js';

/** Distinct packets per protocol: more than GT7's 600-packet restart window, so every decode runs the full path. */
const PACKETS = 2000;
const MIN_RUN_MS = 250;

function frameAt(i: number): TelemetryFrame {
  return {
    t: i / 60, lap: 1 + Math.floor(i / 600), speed: 40 + (i % 30), rpm: 6000 + (i % 500), gear: 1 + (i % 6),
    throttle: (i % 10) / 10, brake: ((i + 3) % 10) / 10, clutch: 0, posX: i, posY: 5, posZ: -i, yaw: i / 100, pitch: 0.01,
    roll: 0, gLat: 0.4, gLon: -0.1, gVert: 0, fuel: 50, lapDistance: (i * 12) % 4000, lapTime: (i % 600) / 60,
    lastLapTime: i >= 600 ? 95.5 : undefined,
  } as TelemetryFrame;
}

function packets(encode: (frame: TelemetryFrame, session: SessionInfo) => readonly Uint8Array[], session: SessionInfo): Uint8Array[] {
  return Array.from({ length: PACKETS }, (_, i) => encode(frameAt(i), session)[0]!);
}

/**
 * Packets decoded per second: whole passes over the set, a fresh decoder per pass, for at least MIN_RUN_MS. One
 * untimed warm-up run first (so the JIT has compiled the decoder), then the best of three timed runs (other work on
 * the machine only ever makes a run slower).
 */
function decodeRate(create: () => Decoder, set: readonly Uint8Array[]): number {
  timedPasses(create, set);
  return Math.max(timedPasses(create, set), timedPasses(create, set), timedPasses(create, set));
}

function timedPasses(create: () => Decoder, set: readonly Uint8Array[]): number {
  let decoded = 0;
  let frames = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    const decoder = create();
    for (const p of set) {
      for (const r of decoder.decode(p)) if (r.kind === 'frame') frames++;
      decoded++;
    }
    elapsed = performance.now() - start;
  } while (elapsed < MIN_RUN_MS);
  if (frames < decoded) throw new Error(`bench packets did not all decode to frames (${frames}/${decoded})`);
  return decoded / (elapsed / 1000);
}

function line(name: string, rate: number, gameRateHz: number): BenchLine {
  return { name, value: rate, unit: 'packets/s', note: `${(1e6 / rate).toFixed(2)} µs/packet; ${Math.round(rate / gameRateHz).toLocaleString('en-US')}× the game's ${gameRateHz}/s` };
}

function salsa20Rate(): number {
  salsa20Pass();
  return Math.max(salsa20Pass(), salsa20Pass(), salsa20Pass());
}

function salsa20Pass(): number {
  const key = salsa20Key(new Uint8Array(32).fill(0x5a));
  const data = new Uint8Array(64 * 1024);
  const scratch = new Uint32Array(16);
  let bytes = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    salsa20XorRange(key, bytes, 7, data, data, 0, data.length, scratch);
    bytes += data.length;
    elapsed = performance.now() - start;
  } while (elapsed < MIN_RUN_MS);
  return bytes / (1024 * 1024) / (elapsed / 1000);
}

export const bench: Bench = {
  area: 'games-b',
  async run(): Promise<readonly BenchLine[]> {
    const lines: BenchLine[] = [];
    const gt7Session: SessionInfo = { game: 'gt7', carKey: 'gt7:3582', maxRpm: 9000 };
    for (const format of ['A', '~', 'C'] as Gt7Format[]) {
      const set = packets(createGt7Encoder({ format }).encode, gt7Session);
      lines.push(line(`gt7 decode, format ${format} (${set[0]!.length} B, decrypt + parse)`, decodeRate(createGt7Decoder, set), 60));
    }
    lines.push({ name: 'salsa20 key stream (pure TS)', value: salsa20Rate(), unit: 'MB/s' });
    for (const [label, options] of [['lfs 92 B', {}], ['beamng 96 B', { game: 'beamng' as const, id: 1 }]] as const) {
      const set = packets(createOutGaugeEncoder(options).encode, { game: 'outgauge', carKey: 'lfs:XRT' });
      lines.push(line(`outgauge decode, ${label}`, decodeRate(() => createOutGaugeDecoder(), set), 100));
    }
    for (const [label, opts] of [['classic 64 B', 0], ['OutSim2 Opts ff 272 B', 0xff]] as const) {
      const set = packets(createOutSimEncoder({ opts }).encode, { game: 'outsim' });
      lines.push(line(`outsim decode, ${label}`, decodeRate(() => createOutSimDecoder(), set), 100));
    }
    return lines;
  },
};
