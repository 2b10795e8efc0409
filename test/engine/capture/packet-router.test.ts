import { describe, expect, it } from 'vitest';
import type { CaptureCounters } from '../../../src/engine/capture/frame-bus.js';
import { PacketRouter } from '../../../src/engine/capture/packet-router.js';
import type { DecodeResult, GameProtocol } from '../../../src/engine/games/types.js';

/** A protocol whose decoder and sniffer throw on some sizes: a decoder bug the fuzz tests did not find. */
const buggy: GameProtocol = {
  id: 'f1',
  label: 'Buggy',
  defaultPorts: [1],
  setup: '',
  sniff: (packet) => {
    if (packet.length === 7) throw new RangeError('Offset is outside the bounds of the DataView');
    return packet.length === 20 || packet.length === 13;
  },
  createDecoder: () => ({
    decode(packet): readonly DecodeResult[] {
      if (packet.length === 13) throw new RangeError('Offset is outside the bounds of the DataView');
      return [{ kind: 'frame', frame: { t: packet[0]!, lap: 1 } }];
    },
  }),
  createEncoder: () => ({ encode: () => [] }),
};

function route(candidates: readonly GameProtocol[], sizes: readonly number[]): { counters: CaptureCounters; frames: number[]; messages: string[] } {
  const counters: CaptureCounters = { packets: 0, frames: 0, errors: 0, skipped: 0 };
  const frames: number[] = [];
  const messages: string[] = [];
  const router = new PacketRouter(4000, candidates, counters, {
    onResult: (r) => {
      if (r.kind === 'frame') frames.push(r.frame.t);
    },
    onMessage: (level, text) => messages.push(`${level}: ${text}`),
  });
  sizes.forEach((size, i) => router.handle(new Uint8Array(size).fill(i)));
  return { counters, frames, messages };
}

describe('PacketRouter: a decoder that throws loses the packet, never the recording', () => {
  it('counts each throwing packet as an error, says so once, and decodes the packets after it', () => {
    const r = route([buggy], [20, 13, 20, 13, 13, 20]);
    expect(r.frames).toEqual([0, 2, 5]);
    expect(r.counters).toEqual({ packets: 6, frames: 0, errors: 3, skipped: 0 });
    expect(r.messages).toEqual([
      'warn: port 4000: a 13-byte Buggy packet could not be decoded (Offset is outside the bounds of the DataView); such packets are counted and dropped (please report this)',
    ]);
  });

  it('auto-detect: a sniffer that throws has not recognised the packet', () => {
    const other: GameProtocol = { ...buggy, id: 'forza', label: 'Other', sniff: (p) => p.length === 30 };
    const r = route([buggy, other], [7, 7, 20]);
    expect(r.counters.errors).toBe(2);
    expect(r.frames).toEqual([2]);
    expect(r.messages).toEqual([
      'warn: port 4000 is receiving 7-byte packets that are not Buggy or Other; they are counted and dropped',
      'info: port 4000: receiving Buggy',
    ]);
  });
});
