/**
 * 1,000,000 seeded random and mutated packets through the GT7 decoder: nothing may throw, every frame must be
 * finite, and the errors are counted. 40 % are valid-magic packets with mutated bodies (half of them encrypted the
 * way the console does, half plain), and 20 % are bit flips on valid ciphertext, which a stream cipher turns into
 * flips of the decrypted body: the whole decrypt → parse → frame path runs on hostile field values.
 */
import { expect, it } from 'vitest';
import type { SessionInfo, TelemetryFrame } from '../../../../src/engine/model/index.js';
import {
  createGt7Decoder,
  createGt7Encoder,
  encryptGt7Packet,
  FORMAT_SPECS,
  GT7_FORMATS,
  GT7_MAGIC,
  type Gt7Format,
} from '../../../../src/engine/games/gt7/index.js';
import { createRng, decodeAndCheck, emptyTally, flipBits, randomBytes, resize, stompWords } from './fuzz-kit.js';

const PACKETS = 1_000_000;
const SIZES = GT7_FORMATS.map((f) => FORMAT_SPECS[f].size);

type Valid = { format: Gt7Format; cipher: Uint8Array; plain: Uint8Array };

function validPackets(): Valid[] {
  const session: SessionInfo = { game: 'gt7', carKey: 'gt7:3311', maxRpm: 9000 };
  const out: Valid[] = [];
  for (const format of GT7_FORMATS) {
    const encoder = createGt7Encoder({ format });
    for (let i = 0; i < 64; i++) {
      const frame: TelemetryFrame = {
        t: 100 + i / 60, lap: 1 + (i >> 4), speed: 20 + i, rpm: 3000 + 50 * i, gear: 1 + (i % 6), throttle: (i % 10) / 10,
        brake: ((i + 5) % 10) / 10, posX: i * 3, posY: 10, posZ: -i * 5, yaw: i / 10, lastLapTime: i > 16 ? 90 + i : undefined,
        lapTime: i / 60, gLat: 0.5, gLon: -0.2, gVert: 0, fuel: 50, tyreTempFL: 70,
      } as TelemetryFrame;
      const cipher = encoder.encode(frame, session)[0]!;
      out.push({ format, cipher, plain: plainOf(cipher, format) });
    }
  }
  return out;
}

it('survives 1,000,000 random and mutated GT7 packets without throwing; errors are counted', () => {
  const rng = createRng(0x67743701);
  const valid = validPackets();
  const byFormat = new Map(GT7_FORMATS.map((f) => [f, valid.filter((v) => v.format === f)]));
  const tally = emptyTally();
  let decoder = createGt7Decoder();
  let plainBodies = 0;

  for (let n = 0; n < PACKETS; n++) {
    if (rng.chance(0.001)) decoder = createGt7Decoder();
    const roll = rng.next();
    let packet: Uint8Array;
    if (roll < 0.15) {
      packet = randomBytes(rng, rng.int(420));
    } else if (roll < 0.3) {
      packet = randomBytes(rng, SIZES[rng.int(SIZES.length)]!);
    } else if (roll < 0.5) {
      packet = flipBits(rng, valid[rng.int(valid.length)]!.cipher);
    } else if (roll < 0.6) {
      packet = resize(rng, valid[rng.int(valid.length)]!.cipher);
    } else {
      // Valid magic after decryption, mutated body: take a valid plain layout (or random bytes), stomp fields.
      const format = GT7_FORMATS[rng.int(GT7_FORMATS.length)]!;
      const size = FORMAT_SPECS[format].size;
      let plain: Uint8Array;
      if (rng.chance(0.3)) {
        plain = randomBytes(rng, size);
      } else {
        const source = byFormat.get(format)![rng.int(64)]!;
        plain = rng.chance(0.5) ? stompWords(rng, source.plain, 4) : flipBits(rng, source.plain);
      }
      new DataView(plain.buffer, plain.byteOffset).setUint32(0, GT7_MAGIC, true);
      plainBodies++;
      // Half go out plain (the decoder accepts replayed decrypted packets): bit flips on ciphertext above already
      // reach the parser through decryption, and encrypting every body would double the test's cost.
      packet = rng.chance(0.5) ? plain : encryptGt7Packet(plain, (rng.next() * 0x100000000) >>> 0, FORMAT_SPECS[format].ivXor[0]!);
    }
    decodeAndCheck(decoder, packet, tally);
  }

  expect(tally.packets).toBe(PACKETS);
  expect(tally.frames).toBeGreaterThan(100_000);
  expect(tally.errors).toBeGreaterThan(300_000);
  expect(plainBodies).toBeGreaterThan(350_000);
  expect(Object.keys(tally.errorCodes).sort()).toEqual(['bad-size', 'decrypt-failed']);
  console.info(`gt7 fuzz: ${JSON.stringify(tally)}`);
});

/** The plain bytes of an encrypted packet (decryption is the same XOR with the same seed). */
function plainOf(cipher: Uint8Array, format: Gt7Format): Uint8Array {
  const seed = new DataView(cipher.buffer, cipher.byteOffset).getUint32(0x40, true);
  const plain = encryptGt7Packet(cipher, seed, FORMAT_SPECS[format].ivXor[0]!);
  return plain;
}
