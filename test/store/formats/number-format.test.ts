import { describe, expect, it } from 'vitest';
import { formatFixed } from '../../../src/store/formats/number-format.js';

describe('formatFixed', () => {
  it('writes fixed decimals without trailing zeros, like toFixed then trimmed', () => {
    expect(formatFixed(12.5, 3)).toBe('12.5');
    expect(formatFixed(0.005, 3)).toBe('0.005');
    expect(formatFixed(-0.0004, 3)).toBe('0');
    expect(formatFixed(-1.25, 1)).toBe('-1.3');
    expect(formatFixed(100.01666666, 6)).toBe('100.016667');
    expect(formatFixed(7000, 0)).toBe('7000');
    expect(formatFixed(-3, 2)).toBe('-3');
    expect(formatFixed(Number.NaN, 2, 'null')).toBe('null');
    expect(formatFixed(1e300, 3)).toBe('1e+300');
    expect(formatFixed(12345678901234.5678, 3)).toBe('12345678901234.568');
    // Against toFixed on seeded random values: the same text, or (on exact halves where binary
    // rounding differs) one unit of the last decimal apart.
    let seed = 7;
    const off: string[] = [];
    let same = 0;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 16807) % 2147483647;
      const v = ((seed / 2147483647) * 2 - 1) * 10 ** ((i % 7) - 1);
      const dec = i % 7;
      const reference = String(Number(v.toFixed(dec)));
      const ours = formatFixed(v, dec);
      if (ours === reference) same++;
      else if (!(Math.abs(Number(ours) - Number(reference)) <= 10 ** -dec * 1.0000001)) off.push(`${v} @${dec}: ${ours} vs ${reference}`);
    }
    expect(off).toEqual([]);
    expect(same).toBeGreaterThan(19900);
  });
});
