import { describe, expect, it } from 'vitest';
import { salsa20Block, salsa20Key, salsa20Xor, salsa20XorRange } from '../../../../src/engine/games/gt7/salsa20.js';

function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** Little-endian bytes of key-stream words (explicit, so the test does not depend on the host's byte order). */
function wordBytes(words: Uint32Array): number[] {
  return Array.from(words).flatMap((w) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24]);
}

/** Key stream bytes [start, start + length) for a zero plaintext. */
function keystream(keyHex: string, ivHex: string, start: number, length: number): string {
  const stream = salsa20Xor(salsa20Key(hex(keyHex)), hex(ivHex), new Uint8Array(start + length));
  return toHex(stream.subarray(start));
}

describe('Salsa20/20 against published vectors', () => {
  it('matches the Salsa20 specification example of the 32-byte expansion (§9)', () => {
    // k0 = 1..16, k1 = 201..216, n = 101..116 (nonce 101..108, block counter bytes 109..116).
    const key = Uint8Array.from([...Array.from({ length: 16 }, (_, i) => i + 1), ...Array.from({ length: 16 }, (_, i) => i + 201)]);
    const nonceAndCounter = Uint8Array.from(Array.from({ length: 16 }, (_, i) => i + 101));
    const view = new DataView(nonceAndCounter.buffer);
    const out = new Uint32Array(16);
    salsa20Block(salsa20Key(key), view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true), out);
    expect(wordBytes(out)).toEqual([
      69, 37, 68, 39, 41, 15, 107, 193, 255, 139, 122, 6, 170, 233, 217, 98,
      89, 144, 182, 106, 21, 51, 200, 65, 239, 49, 222, 34, 215, 114, 40, 126,
      104, 197, 7, 225, 197, 153, 31, 2, 102, 78, 76, 176, 84, 245, 246, 184,
      177, 160, 133, 130, 6, 72, 149, 119, 192, 195, 132, 236, 234, 103, 246, 74,
    ]);
  });

  it('matches eSTREAM 256-bit Set 1, vector# 0 (key 80 00…, IV 0) at bytes 0, 192 and 256', () => {
    const key = '80' + '00'.repeat(31);
    expect(keystream(key, '0000000000000000', 0, 64)).toBe(
      'E3BE8FDD8BECA2E3EA8EF9475B29A6E7003951E1097A5C38D23B7A5FAD9F6844B22C97559E2723C7CBBD3FE4FC8D9A0744652A83E72A9C461876AF4D7EF1A117',
    );
    expect(keystream(key, '0000000000000000', 192, 64)).toBe(
      '57BE81F47B17D9AE7C4FF15429A73E10ACF250ED3A90A93C711308A74C6216A9ED84CD126DA7F28E8ABF8BB63517E1CA98E712F4FB2E1A6AED9FDC73291FAA17',
    );
    expect(keystream(key, '0000000000000000', 256, 64)).toBe(
      '958211C4BA2EBD5838C635EDB81F513A91A294E194F1C039AEEC657DCE40AA7E7C0AF57CACEFA40C9F14B71A4B3456A63E162EC7D8D10B8FFB1810D71001B618',
    );
  });

  it('matches eSTREAM 256-bit Set 1, vector# 9 (key 00 40 00…)', () => {
    expect(keystream('0040' + '00'.repeat(30), '0000000000000000', 0, 64)).toBe(
      '01F191C3A1F2CC6EBED78095A05E062E1228154AF6BAE80A0E1A61DF2AE15FBCC37286440F66780761413F23B0C2C9E4678C628C5E7FB48C6EC1D82D47117D9F',
    );
  });

  it('matches eSTREAM 256-bit Set 6, vector# 0 (non-zero IV) up to byte 131,071', () => {
    const key = '0053A6F94C9FF24598EB3E91E4378ADD3083D6297CCF2275C81B6EC11467BA0D';
    const iv = '0D74DB42A91077DE';
    expect(keystream(key, iv, 0, 64)).toBe(
      'F5FAD53F79F9DF58C4AEA0D0ED9A9601F278112CA7180D565B420A48019670EAF24CE493A86263F677B46ACE1924773D2BB25571E1AA8593758FC382B1280B71',
    );
    expect(keystream(key, iv, 65472, 64)).toBe(
      'B70C50139C63332EF6E77AC54338A4079B82BEC9F9A403DFEA821B83F7860791650EF1B2489D0590B1DE772EEDA4E3BCD60FA7CE9CD623D9D2FD5758B8653E70',
    );
    expect(keystream(key, iv, 65536, 64)).toBe(
      '81582C65D7562B80AEC2F1A673A9D01C9F892A23D4919F6AB47B9154E08E699B4117D7C666477B60F8391481682F5D95D96623DBC489D88DAA6956B9F0646B6E',
    );
    expect(keystream(key, iv, 131008, 64)).toBe(
      'A13FFA1208F8BF50900886FAAB40FD10E8CAA306E63DF39536A1564FB760B242A9D6A4628CDC878762834E27A541DA2A5E3B3445989C76F611E0FEC6D91ACACC',
    );
  });

  it('matches eSTREAM 256-bit Set 6, vector# 2', () => {
    expect(keystream('0A5DB00356A9FC4FA2F5489BEE4194E73A8DE03386D92C7FD22578CB1E71C417', '1F86ED54BB2289F0', 0, 64)).toBe(
      '3FE85D5BB1960A82480B5E6F4E965A4460D7A54501664F7D60B54B06100A37FFDCF6BDE5CE3F4886BA77DD5B44E95644E40A8AC65801155DB90F02522B644023',
    );
  });

  it('carries the block counter into its high word', () => {
    // Block 2^32 is counter (lo 0, hi 1): starting one block before the wrap must reach it.
    const key = salsa20Key(hex('0053A6F94C9FF24598EB3E91E4378ADD3083D6297CCF2275C81B6EC11467BA0D'));
    const twoBlocks = new Uint8Array(128);
    salsa20XorRange(key, 1, 2, twoBlocks, twoBlocks, 0, 128, new Uint32Array(16), 0xffffffff, 0);
    const direct = new Uint32Array(16);
    salsa20Block(key, 1, 2, 0, 1, direct);
    expect(Array.from(twoBlocks.subarray(64))).toEqual(wordBytes(direct));
  });

  it('decrypts block 0 alone and then the rest, equal to one pass, in place', () => {
    const key = salsa20Key(hex('80' + '00'.repeat(31)));
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff);
    const onePass = salsa20Xor(key, hex('0102030405060708'), data);
    const split = data.slice();
    const scratch = new Uint32Array(16);
    salsa20XorRange(key, 0x04030201, 0x08070605, split, split, 0, 64, scratch);
    salsa20XorRange(key, 0x04030201, 0x08070605, split, split, 64, 300, scratch);
    expect(toHex(split)).toBe(toHex(onePass));
    expect(toHex(salsa20Xor(key, hex('0102030405060708'), onePass))).toBe(toHex(data));
  });

  it('refuses keys and nonces of the wrong length', () => {
    expect(() => salsa20Key(new Uint8Array(16))).toThrow(RangeError);
    expect(() => salsa20Xor(salsa20Key(new Uint8Array(32)), new Uint8Array(12), new Uint8Array(1))).toThrow(RangeError);
  });
});
