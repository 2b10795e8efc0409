import { expect, it } from 'vitest';
import { PC2_KNOWN_SIZES, createPc1Encoder, createPc2Encoder, createPcarsDecoder } from '../../../../src/engine/games/pcars2/index.js';
import type { SessionInfo } from '../../../../src/engine/model/index.js';
import { describeShared } from '../../../helpers/shared.js';
import { fuzzDecoder } from './fuzz-kit.js';
import { loadPc1Packets } from './pc1-capture.js';

describeShared('PCARS decoder fuzz (1,000,000 seeded packets, PC2 v1/v2 and PC1)', () => {
  it('never throws, counts every bad packet as an error and only emits well-formed frames', () => {
    const session: SessionInfo = { game: 'pcars2', trackKey: 'pcars2:Fuzz/Ring', trackLength: 3000, carKey: 'pcars2:Car', driver: 'Fuzz', maxRpm: 8000, gearCount: 6 };
    const encoded = [createPc2Encoder({ revision: 'v1' }), createPc2Encoder({ revision: 'v2' }), createPc1Encoder()].flatMap((encoder) =>
      [0, 1, 2].flatMap((i) => encoder.encode({ t: i, lap: 1 + i, lapTime: 10 + i, lastLapTime: 80 + i, speed: 40, gear: 3, lapDistance: 100 * i, posX: 5, posY: 1, posZ: 7 }, session)),
    );
    const real = loadPc1Packets().filter((p, i) => p.length !== 1367 || i % 31 === 0);
    const report = fuzzDecoder({
      seed: 0x5606,
      iterations: 1_000_000,
      seeds: [...encoded, ...real],
      sizes: [...Object.values(PC2_KNOWN_SIZES).flat(), 1367, 1347, 1028],
      createDecoder: createPcarsDecoder,
    });
    expect(report.examples).toEqual([]);
    expect(report.internalErrors).toBe(0);
    expect(report.malformedFrames).toBe(0);
    expect(report.counts.error).toBeGreaterThan(100_000);
    expect(report.counts.frame).toBeGreaterThan(50_000);
    console.info('PCARS fuzz', JSON.stringify(report));
  });
});
