import { expect, it } from 'vitest';
import { FORZA_VARIANTS, createForzaDecoder, createForzaEncoder, writeForzaPacket } from '../../../../src/engine/games/forza/index.js';
import { describeShared } from '../../../helpers/shared.js';
import { fuzzDecoder } from '../pcars2/fuzz-kit.js';
import { fieldsOfRow, loadForzaCsv } from './csv-capture.js';

describeShared('Forza decoder fuzz (1,000,000 seeded packets)', () => {
  it('never throws, counts every bad packet as an error and only emits well-formed frames', () => {
    const real = loadForzaCsv('laguna-seca.csv')
      .filter((_, i) => i % 23 === 0)
      .map((row) => writeForzaPacket('fm7-dash', fieldsOfRow(row)));
    const session = { game: 'forza', carKey: 'forza:29', trackKey: 'forza:3' } as const;
    const encoded = FORZA_VARIANTS.flatMap((variant) =>
      [0, 1, 2].flatMap((i) => createForzaEncoder({ variant }).encode({ t: 10 + i, lap: 1 + i, lapTime: i, speed: 30, gear: 3 }, session)),
    );
    const report = fuzzDecoder({
      seed: 0xf02a,
      iterations: 1_000_000,
      seeds: [...real, ...encoded],
      sizes: [232, 311, 324, 331],
      createDecoder: createForzaDecoder,
    });
    expect(report.examples).toEqual([]);
    expect(report.internalErrors).toBe(0);
    expect(report.malformedFrames).toBe(0);
    expect(report.counts.error).toBeGreaterThan(200_000);
    expect(report.counts.frame).toBeGreaterThan(100_000);
    console.info('Forza fuzz', JSON.stringify(report));
  });
});
