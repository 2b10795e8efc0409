/**
 * 1,000,000 seeded random and mutated packets through the OutGauge decoder: nothing may throw, every frame must be
 * finite, errors are counted.
 */
import { expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../../src/engine/model/index.js';
import { createOutGaugeDecoder, createOutGaugeEncoder } from '../../../../src/engine/games/outgauge/index.js';
import { copy, createRng, decodeAndCheck, emptyTally, flipBits, randomBytes, resize, stompWords } from '../gt7/fuzz-kit.js';

const PACKETS = 1_000_000;

it('survives 1,000,000 random and mutated OutGauge packets without throwing; errors are counted', () => {
  const rng = createRng(0x0a7a06e5);
  const valid: Uint8Array[] = [];
  for (let i = 0; i < 200; i++) {
    const frame: TelemetryFrame = { t: 1 + i / 100, lap: 0, speed: i / 3, rpm: 1000 + 30 * i, gear: (i % 8) - 1, throttle: (i % 11) / 10, brake: 0, clutch: 0, engineTemp: 90 };
    const encoder = createOutGaugeEncoder({ game: i % 5 === 0 ? 'beamng' : 'lfs', ...(i % 3 === 0 ? { id: i } : {}) });
    valid.push(encoder.encode(frame, { game: 'outgauge', carKey: 'lfs:XRT' })[0]!);
  }
  const tally = emptyTally();
  let decoder = createOutGaugeDecoder();
  for (let n = 0; n < PACKETS; n++) {
    if (rng.chance(0.001)) decoder = createOutGaugeDecoder();
    const roll = rng.next();
    const source = valid[rng.int(valid.length)]!;
    let packet: Uint8Array;
    if (roll < 0.2) packet = randomBytes(rng, rng.int(130));
    else if (roll < 0.4) packet = randomBytes(rng, rng.chance(0.5) ? 92 : 96);
    else if (roll < 0.6) packet = flipBits(rng, source);
    else if (roll < 0.7) packet = resize(rng, source);
    else if (roll < 0.95) packet = stompWords(rng, source);
    else packet = copy(rng, source);
    decodeAndCheck(decoder, packet, tally);
  }
  expect(tally.packets).toBe(PACKETS);
  expect(tally.frames).toBeGreaterThan(300_000);
  expect(tally.errors).toBeGreaterThan(100_000);
  console.info(`outgauge fuzz: ${JSON.stringify(tally)}`);
});
