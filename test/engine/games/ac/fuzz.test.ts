import { expect, it } from 'vitest';
import { createAcDecoder, encodeAcHandshakeResponse, writeAcRtLap } from '../../../../src/engine/games/ac/index.js';
import { describeShared } from '../../../helpers/shared.js';
import { fuzzDecoder } from '../pcars2/fuzz-kit.js';
import { loadMonzaPackets } from './monza-capture.js';

describeShared('AC decoder fuzz (1,000,000 seeded packets)', () => {
  it('never throws, counts every bad packet as an error and only emits well-formed frames', () => {
    const monza = loadMonzaPackets();
    const seeds = [
      ...monza.filter((_, i) => i % 97 === 0),
      encodeAcHandshakeResponse({ game: 'ac', trackKey: 'ac:ks_monza/gp', carKey: 'ac:ks_audi_r8_lms', driver: 'Fuzz' }),
      writeAcRtLap({ carIdentifierNumber: 1, lap: 2, driverName: 'Fuzz', carName: 'car', time: 90_000 }),
    ];
    const report = fuzzDecoder({
      seed: 0xac,
      iterations: 1_000_000,
      seeds,
      sizes: [328, 408, 212, 12],
      createDecoder: () => createAcDecoder({ trackLength: 5793 }),
    });
    expect(report.examples).toEqual([]);
    expect(report.internalErrors).toBe(0);
    expect(report.malformedFrames).toBe(0);
    // Every packet yields at least one result; mutations of real packets still decode often.
    expect(report.counts.error).toBeGreaterThan(300_000);
    expect(report.counts.frame).toBeGreaterThan(100_000);
    console.info('AC fuzz', JSON.stringify(report));
  });
});
