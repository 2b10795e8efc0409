import { describe, expect, it } from 'vitest';
import { hashUniform, hashUnit } from '../../../src/engine/sim/prng.js';

describe('hashUnit', () => {
  it('is a pure function of seed and keys', () => {
    expect(hashUnit(1, 3, 4, 1)).toBe(hashUnit(1, 3, 4, 1));
    expect(hashUnit(1, 3, 4, 1)).not.toBe(hashUnit(2, 3, 4, 1));
    expect(hashUnit(1, 3, 4, 1)).not.toBe(hashUnit(1, 4, 3, 1));
    expect(hashUnit(1, -1, 4)).not.toBe(hashUnit(1, 1, 4));
    // Pinned so a change of the mixer (and so of every demo run) is noticed.
    expect(hashUnit(1, 0)).toBeCloseTo(0.3113949483, 9);
  });

  it('is uniform on [0, 1) over neighbouring keys', () => {
    const buckets = new Array<number>(10).fill(0);
    let sum = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = hashUnit(42, i >> 8, i & 255, 3);
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      buckets[Math.floor(u * 10)]!++;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    for (const count of buckets) expect(Math.abs(count / n - 0.1)).toBeLessThan(0.005);
  });

  it('scales to a range', () => {
    const u = hashUnit(9, 1, 2);
    expect(hashUniform(10, 20, 9, 1, 2)).toBeCloseTo(10 + 10 * u, 12);
  });
});
