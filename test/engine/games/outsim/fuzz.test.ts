/**
 * 1,000,000 seeded random and mutated packets through OutSim decoders (auto-detecting, and configured with random
 * OutSim Opts): nothing may throw, every frame must be finite, errors are counted.
 */
import { expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../../src/engine/model/index.js';
import { createOutSimDecoder, createOutSimEncoder, outSim2Layout } from '../../../../src/engine/games/outsim/index.js';
import { copy, createRng, decodeAndCheck, emptyTally, flipBits, randomBytes, resize, stompWords } from '../gt7/fuzz-kit.js';

const PACKETS = 1_000_000;

it('survives 1,000,000 random and mutated OutSim packets without throwing; errors are counted', () => {
  const rng = createRng(0x05715a2d);
  const valid: { opts: number; bytes: Uint8Array }[] = [];
  const optionSets = [0, 0xff, 0x1ff, 0x0c, 0x4c, 0x7e, 0x104];
  for (let i = 0; i < 280; i++) {
    const opts = optionSets[i % optionSets.length]!;
    const frame: TelemetryFrame = {
      t: 1 + i / 100, lap: 0, speed: i / 4, rpm: 2000 + 20 * i, gear: (i % 7) - 1, throttle: 0.5, brake: 0.1, clutch: 0,
      posX: i, posY: 2, posZ: -i, yaw: i / 50, gLat: 0.3, gLon: -0.2, gVert: 0, lapDistance: (i * 37) % 3000,
    };
    valid.push({ opts, bytes: createOutSimEncoder({ opts, id: i % 2 }).encode(frame, { game: 'outsim' })[0]! });
  }
  const tally = emptyTally();
  let decoder = createOutSimDecoder();
  for (let n = 0; n < PACKETS; n++) {
    if (rng.chance(0.002)) {
      // Sometimes the user configured an option set (random, possibly without OSO_TIME).
      decoder = rng.chance(0.5) ? createOutSimDecoder() : createOutSimDecoder({ opts: rng.int(0x200) });
    }
    const roll = rng.next();
    const source = valid[rng.int(valid.length)]!.bytes;
    let packet: Uint8Array;
    if (roll < 0.15) packet = randomBytes(rng, rng.int(300));
    else if (roll < 0.3) {
      packet = randomBytes(rng, [64, 68, 272, 280, outSim2Layout(rng.int(0x200)).size][rng.int(5)]!);
      if (rng.chance(0.5) && packet.length >= 4) packet.set([0x4c, 0x46, 0x53, 0x54]);
    } else if (roll < 0.5) packet = flipBits(rng, source);
    else if (roll < 0.6) packet = resize(rng, source);
    else if (roll < 0.95) packet = stompWords(rng, source, 4);
    else packet = copy(rng, source);
    decodeAndCheck(decoder, packet, tally);
  }
  expect(tally.packets).toBe(PACKETS);
  expect(tally.frames).toBeGreaterThan(100_000);
  expect(tally.errors).toBeGreaterThan(100_000);
  console.info(`outsim fuzz: ${JSON.stringify(tally)}`);
});
