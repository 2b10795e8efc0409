/**
 * F1 decode budgets (DESIGN.md): ≥ 2 M packets/s per core over a realistic packet mix, ≤ 5 µs per
 * assembled frame.
 *
 * The mix is what F1 25 sends at 60 Hz, built from the real packets in ../shared/captures/f1 (format
 * 2025) re-stamped with advancing frame identifiers: per tick Motion, Lap Data, Car Telemetry, Car
 * Status, Motion Ex; per second also 10 Car Damage, 20 Session History, 20 Tyre Sets, 2 Session,
 * 2 Car Setups, 1 Time Trial, 1 Lap Positions, and Participants every 5 s. Each packet is its own
 * Uint8Array, as datagrams from a socket are. Without ../shared, the encoder's packets stand in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Bench, BenchLine } from './types.js';
import { createF1Decoder, createF1Encoder } from '../engine/games/f1/index.js';
import type { SessionInfo, TelemetryFrame } from '../engine/model/index.js';

const SECONDS = 10;
const HZ = 60;
const MIN_MEASURE_MS = 1500;

const here = dirname(fileURLToPath(import.meta.url));
const sharedDir = resolve(process.env['RACECRAFT_SHARED'] ?? join(here, '../../../shared'));
const captureDir = join(sharedDir, 'captures', 'f1', 'gamesdat-2025');

/** Packets sent n times per second, by capture file name. */
const PER_SECOND: readonly (readonly [string, number])[] = [
  ['packet-10.bin', 10],
  ['packet-11.bin', 20],
  ['packet-12.bin', 20],
  ['packet-1.bin', 2],
  ['packet-5.bin', 2],
  ['packet-14.bin', 1],
  ['packet-15.bin', 1],
  ['packet-4.bin', 0.2],
];
const PER_TICK = ['packet-0.bin', 'packet-2.bin', 'packet-6.bin', 'packet-7.bin', 'packet-13.bin'];

function stamped(packet: Uint8Array, frame: number): Uint8Array {
  const copy = packet.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(19, frame, true);
  view.setUint32(23, frame, true);
  return copy;
}

/** SECONDS of the real 60 Hz mix, or of encoder packets when the captures are absent. */
function realMix(): { packets: Uint8Array[]; ticks: Uint8Array[]; source: string } {
  if (!existsSync(captureDir)) return encodedMix();
  const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(captureDir, name)));
  const packets: Uint8Array[] = [];
  const ticks: Uint8Array[] = [];
  const perTick = PER_TICK.map(read);
  const perSecond = PER_SECOND.map(([name, rate]) => ({ packet: read(name), every: HZ / rate }));
  for (let i = 0; i < SECONDS * HZ; i++) {
    const frame = 100_000 + i;
    for (const p of perTick) {
      const s = stamped(p, frame);
      packets.push(s);
      if (p[6] !== 13) ticks.push(s);
    }
    for (const { packet, every } of perSecond) if (i % Math.round(every) === 0) packets.push(stamped(packet, frame));
  }
  return { packets, ticks, source: 'real F1 25 packets (format 2025)' };
}

function encodedMix(): { packets: Uint8Array[]; ticks: Uint8Array[]; source: string } {
  const encoder = createF1Encoder();
  const session: SessionInfo = { game: 'f1', trackKey: 'f1:11', trackLength: 5793, sessionType: 'race', driver: 'Bench', maxRpm: 13000, gearCount: 8 };
  const packets: Uint8Array[] = [];
  const ticks: Uint8Array[] = [];
  for (let i = 0; i < SECONDS * HZ; i++) {
    const frame: TelemetryFrame = { t: i / HZ, lap: 1, lapDistance: i, lapTime: i / HZ, speed: 60, rpm: 11000, gear: 6, throttle: 1, fuel: 50 };
    for (const p of encoder.encode(frame, session)) {
      packets.push(p);
      if (p[6] !== 1 && p[6] !== 4) ticks.push(p);
    }
  }
  return { packets, ticks, source: `encoder packets (no captures at ${captureDir})` };
}

/** CPU time of this process in ms (user + system): the "per core" denominator, steady on a busy machine. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs passes of `packets` through fresh decoders until MIN_MEASURE_MS of CPU time; returns packets
 * and frames per CPU-ms (and per wall-ms for the note).
 */
function measure(packets: readonly Uint8Array[]): { packetsPerMs: number; msPerFrame: number; wallPacketsPerMs: number } {
  // Warm up the JIT.
  for (let k = 0; k < 3; k++) {
    const d = createF1Decoder();
    for (const p of packets) d.decode(p);
  }
  let decoded = 0;
  let frames = 0;
  const start = cpuMs();
  const wallStart = performance.now();
  let elapsed = 0;
  do {
    const decoder = createF1Decoder();
    for (const p of packets) {
      const results = decoder.decode(p);
      for (const r of results) if (r.kind === 'frame') frames++;
    }
    decoded += packets.length;
    elapsed = cpuMs() - start;
  } while (elapsed < MIN_MEASURE_MS);
  const wall = performance.now() - wallStart;
  return { packetsPerMs: decoded / elapsed, msPerFrame: frames > 0 ? elapsed / frames : Infinity, wallPacketsPerMs: decoded / wall };
}

export const bench: Bench = {
  area: 'f1',
  async run(): Promise<readonly BenchLine[]> {
    const { packets, ticks, source } = realMix();
    const mix = measure(packets);
    const frameOnly = measure(ticks);
    return [
      {
        name: 'F1 decode rate, 60 Hz packet mix',
        value: mix.packetsPerMs * 1000,
        unit: 'packets/s',
        budget: 2_000_000,
        budgetKind: 'min',
        note: `per CPU-second; ${source}; wall-clock ${Math.round(mix.wallPacketsPerMs * 1000).toLocaleString('en-US')}/s`,
      },
      {
        name: 'F1 time per assembled frame (4 packets)',
        value: frameOnly.msPerFrame * 1000,
        unit: 'µs',
        budget: 5,
        budgetKind: 'max',
        note: 'CPU time; Motion + Lap Data + Car Telemetry + Car Status → one TelemetryFrame',
      },
    ];
  },
};
