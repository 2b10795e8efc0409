/**
 * Decode rates of the Assetto Corsa, Forza and Project CARS 2 / AMS2 (and PC1) decoders.
 * Packets are made by the protocols' own encoders from a synthetic 60 Hz lap, then decoded
 * over and over by fresh decoders (so lap clocks and session state behave as live).
 * DESIGN.md's decode budget is per F1 packet; the per-frame budget (≤ 5 µs per assembled
 * frame) applies to every protocol and is checked here.
 */
import { createAcDecoder, createAcEncoder } from '../engine/games/ac/index.js';
import { createForzaDecoder, createForzaEncoder, type ForzaVariant } from '../engine/games/forza/index.js';
import { createPc1Encoder, createPc2Encoder, createPcarsDecoder } from '../engine/games/pcars2/index.js';
import type { Decoder, Encoder } from '../engine/games/types.js';
import type { SessionInfo, TelemetryFrame } from '../engine/model/index.js';
import type { Bench, BenchLine } from './types.js';

const FRAME_BUDGET_US = 5;
const MIN_BENCH_MS = 700;

/** Two laps of a synthetic car at 60 Hz, every channel the three protocols carry. */
function syntheticFrames(): TelemetryFrame[] {
  const frames: TelemetryFrame[] = [];
  const lapLength = 90;
  for (let tick = 0; tick < 60 * lapLength * 2; tick++) {
    const t = tick / 60;
    const lap = Math.floor(t / lapLength) + 1;
    const lapTime = t - (lap - 1) * lapLength;
    const phase = tick / 60;
    frames.push({
      t,
      lap,
      lapTime,
      ...(lap > 1 ? { lastLapTime: lapLength } : {}),
      lapDistance: (lapTime / lapLength) * 4000,
      speed: 45 + 15 * Math.sin(phase),
      rpm: 6000 + 1500 * Math.sin(phase),
      gear: 1 + (tick % 6),
      throttle: (Math.sin(phase) + 1) / 2,
      brake: (Math.cos(phase) + 1) / 2,
      clutch: 0,
      steer: Math.sin(phase * 0.7) * 0.5,
      gLat: Math.sin(phase),
      gLon: Math.cos(phase) * 0.6,
      gVert: 0.02,
      posX: 600 * Math.cos(phase / 15),
      posY: 5,
      posZ: 600 * Math.sin(phase / 15),
      fuel: 50,
    });
  }
  return frames;
}

type Case = { readonly name: string; readonly encoder: Encoder; readonly decoder: () => Decoder; readonly session: SessionInfo };

/**
 * Packets as views into one buffer, like datagrams read from a socket or a pcap file: thousands
 * of separately allocated ArrayBuffers would make the garbage collector, not the decoder, the
 * thing being measured.
 */
function packInOneBuffer(packets: readonly Uint8Array[]): Uint8Array[] {
  const all = new Uint8Array(packets.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  return packets.map((packet) => {
    all.set(packet, offset);
    offset += packet.length;
    return all.subarray(offset - packet.length, offset);
  });
}

function measure(packets: readonly Uint8Array[], createDecoder: () => Decoder): { packetsPerSecond: number; usPerFrame: number } {
  let decoded = 0;
  let frames = 0;
  // Warm-up pass, then timed passes (a fresh decoder each, as a new session) until MIN_BENCH_MS.
  const warmUp = createDecoder();
  for (const packet of packets) warmUp.decode(packet);
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_BENCH_MS) {
    const decoder = createDecoder();
    for (const packet of packets) {
      const results = decoder.decode(packet);
      for (const result of results) if (result.kind === 'frame') frames++;
    }
    decoded += packets.length;
    elapsed = performance.now() - start;
  }
  return { packetsPerSecond: (decoded / elapsed) * 1000, usPerFrame: (elapsed * 1000) / Math.max(1, frames) };
}

export const bench: Bench = {
  area: 'games-a (AC, Forza, PCARS decode)',
  async run(): Promise<readonly BenchLine[]> {
    const frames = syntheticFrames();
    const base = { trackLength: 4000, maxRpm: 8000, gearCount: 6, driver: 'Bench' } as const;
    const forza = (variant: ForzaVariant): Case => ({
      name: `Forza ${variant}`,
      encoder: createForzaEncoder({ variant }),
      decoder: createForzaDecoder,
      session: { game: 'forza', carKey: 'forza:29', trackKey: 'forza:3', ...base },
    });
    const pcarsSession: SessionInfo = { game: 'pcars2', trackKey: 'pcars2:Bench/Ring', carKey: 'pcars2:Bench Car', ...base };
    const cases: Case[] = [
      { name: 'AC RTCarInfo', encoder: createAcEncoder(), decoder: () => createAcDecoder({ trackLength: 4000 }), session: { game: 'ac', trackKey: 'ac:bench', ...base } },
      forza('fm7-sled'),
      forza('fm7-dash'),
      forza('fm2023'),
      forza('fh5'),
      { name: 'PC2 v2 (AMS2) all packet types', encoder: createPc2Encoder({ revision: 'v2' }), decoder: createPcarsDecoder, session: pcarsSession },
      { name: 'PC2 v1 all packet types', encoder: createPc2Encoder({ revision: 'v1' }), decoder: createPcarsDecoder, session: pcarsSession },
      { name: 'PC1 protocol', encoder: createPc1Encoder(), decoder: createPcarsDecoder, session: pcarsSession },
    ];
    const lines: BenchLine[] = [];
    for (const c of cases) {
      const packets = packInOneBuffer(frames.flatMap((frame) => [...c.encoder.encode(frame, c.session)]));
      const { packetsPerSecond, usPerFrame } = measure(packets, c.decoder);
      lines.push({ name: `${c.name} decode`, value: packetsPerSecond, unit: 'packets/s', note: `${(packets.length / frames.length).toFixed(2)} packets per frame` });
      lines.push({ name: `${c.name} per assembled frame`, value: usPerFrame, unit: 'µs', budget: FRAME_BUDGET_US, budgetKind: 'max' });
    }
    return lines;
  },
};
