import { describe, expect, it } from 'vitest';
import { createF1Encoder, f1Protocol } from '../../../../src/engine/games/f1/index.js';
import { DEMO_FRAME, DEMO_SESSION } from './demo-tick.js';

describe('f1Protocol', () => {
  it('identity, port and setup text naming the in-game path and values', () => {
    expect(f1Protocol.id).toBe('f1');
    expect(f1Protocol.label).toBe('F1 23/24/25 (EA/Codemasters)');
    expect(f1Protocol.defaultPorts).toEqual([20777]);
    for (const needle of ['Settings > Telemetry Settings', 'UDP Telemetry: On', '20777', '60Hz', '2025, 2024 or 2023', 'IP Address', 'Broadcast']) {
      expect(f1Protocol.setup).toContain(needle);
    }
  });

  it('sniff: every packet of every format; not a wrong size, an unknown id, an old format or a short packet', () => {
    for (const format of [2023, 2024, 2025] as const) {
      const encoder = createF1Encoder({ format });
      const packets = [...encoder.encode(DEMO_FRAME, DEMO_SESSION), encoder.encodeFlashbackEvent(1)];
      for (const p of packets) expect(f1Protocol.sniff(p), `${format} id ${p[6]}`).toBe(true);
    }
    const motion = createF1Encoder().encode(DEMO_FRAME, DEMO_SESSION)[0]!;
    expect(f1Protocol.sniff(motion.subarray(0, 1348))).toBe(false);
    const unknownId = motion.slice();
    unknownId[6] = 16;
    expect(f1Protocol.sniff(unknownId)).toBe(false);
    const f122 = motion.slice();
    new DataView(f122.buffer).setUint16(0, 2022, true);
    expect(f1Protocol.sniff(f122)).toBe(false);
    expect(f1Protocol.sniff(new Uint8Array(10))).toBe(false);
    // A Forza Sled packet (324 bytes starting with IsRaceOn = 1) is not F1.
    const forza = new Uint8Array(324);
    forza[0] = 1;
    expect(f1Protocol.sniff(forza)).toBe(false);
  });

  it('createDecoder gives independent decoders', () => {
    const a = f1Protocol.createDecoder();
    const b = f1Protocol.createDecoder();
    const motion = createF1Encoder().encode(DEMO_FRAME, DEMO_SESSION)[0]!;
    expect(a.decode(motion).map((r) => r.kind)).toEqual(['new-session', 'session']);
    expect(b.decode(motion).map((r) => r.kind)).toEqual(['new-session', 'session']);
  });
});
