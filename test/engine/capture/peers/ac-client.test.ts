/**
 * The AC client's conversation over time: what it sends, when, and what it tells the user.
 *
 * Real behaviour it follows: every public client (vpicon/acudp src/acudp.c, lewpar/AssettoNet
 * Network/AssettoClient.cs, RacingSimTools/AcUdpNet ACUdpNet/AcUdpClient.cs) sends HANDSHAKE, waits for the
 * 408-byte reply, then SUBSCRIBE_UPDATE, and DISMISS on disconnect (AssettoNet only when connected).
 * AC answers only while a session is loaded (vpicon/acudp UDP.md), so racecraft keeps asking with a back-off.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAcClientPeer } from '../../../../src/engine/capture/peers/ac-client.js';
import { AC_OPERATION, encodeAcHandshakeResponse } from '../../../../src/engine/games/ac/index.js';
import type { PeerReport } from '../../../../src/engine/capture/peers/peer.js';

type Sent = { op: number; port: number; host: string; at: number };

function harness(options: Partial<Parameters<typeof createAcClientPeer>[0]> = {}) {
  const sent: Sent[] = [];
  const messages: { level: string; text: string }[] = [];
  const peer = createAcClientPeer({ host: '192.168.1.20', ...options });
  const send = (packet: Uint8Array, port: number, host: string): void => {
    sent.push({ op: new DataView(packet.buffer, packet.byteOffset).getInt32(8, true), port, host, at: Date.now() });
  };
  const report: PeerReport = (level, text) => messages.push({ level, text });
  return { peer, sent, messages, send, report, ops: () => sent.map((s) => s.op), times: () => sent.map((s) => s.at) };
}

const RESPONSE = encodeAcHandshakeResponse({ game: 'ac', trackKey: 'ac:ks_monza', carKey: 'ac:ks_audi_r8_lms', driver: 'D' });
/** An RTCarInfo as AC sends it: 328 bytes, identifier 'a', int32 size 328 at offset 4 (vpicon/acudp acudp.c checks both). */
const CAR_INFO = (() => {
  const b = new Uint8Array(328);
  b[0] = 0x61;
  new DataView(b.buffer).setInt32(4, 328, true);
  return b;
})();

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('AC client peer', () => {
  it('handshakes at start to the host on 9996, subscribes once per answered handshake', () => {
    const h = harness();
    h.peer.start(h.send, h.report);
    expect(h.sent).toEqual([{ op: AC_OPERATION.handshake, port: 9996, host: '192.168.1.20', at: 0 }]);
    h.peer.observe(RESPONSE);
    h.peer.observe(RESPONSE); // a duplicate reply must not add us to AC's list twice
    expect(h.ops()).toEqual([0, 1]);
    expect(h.messages).toEqual([{ level: 'info', text: 'Assetto Corsa at 192.168.1.20:9996 answered: ks_audi_r8_lms at ks_monza; subscribed to car updates' }]);
  });

  it('asks again with a back-off while AC is silent (0, 3, 9, 19, 29 s) and warns exactly once', () => {
    const h = harness();
    h.peer.start(h.send, h.report);
    vi.advanceTimersByTime(40_000);
    expect(h.ops().every((op) => op === 0)).toBe(true);
    expect(h.times()).toEqual([0, 3000, 9000, 19_000, 29_000, 39_000]);
    expect(h.messages).toHaveLength(1);
    expect(h.messages[0]!.level).toBe('warn');
    expect(h.messages[0]!.text).toMatch(/^no answer from Assetto Corsa at 192\.168\.1\.20:9996: start a session/);
  });

  it('counts only AC-shaped packets as an answer and says once that a wrong-size reply was ignored', () => {
    const h = harness();
    h.peer.start(h.send, h.report);
    for (let i = 0; i < 50; i++) h.peer.observe(new Uint8Array(64));
    vi.advanceTimersByTime(3000);
    expect(h.ops()).toEqual([0, 0]); // still asking: the 64-byte replies were no answer
    expect(h.messages.filter((m) => m.text.includes('64-byte'))).toHaveLength(1);
    expect(h.messages[0]!.text).toBe('ignoring a 64-byte reply: Assetto Corsa answers a handshake with 408 bytes (is something else listening on 192.168.1.20:9996?)');
  });

  it('re-handshakes when a streaming session goes quiet, then resubscribes on the new reply', () => {
    const h = harness();
    h.peer.start(h.send, h.report);
    h.peer.observe(RESPONSE);
    for (let t = 0; t < 2000; t += 17) {
      h.peer.observe(CAR_INFO);
      vi.advanceTimersByTime(17);
    }
    expect(h.ops()).toEqual([0, 1]);
    vi.advanceTimersByTime(3300); // AC went quiet (session restarted)
    expect(h.ops()).toEqual([0, 1, 0]);
    expect(h.messages.at(-1)).toEqual({ level: 'info', text: 'Assetto Corsa at 192.168.1.20:9996 stopped sending (session ended or changed?); asking again' });
    h.peer.observe(RESPONSE);
    expect(h.ops()).toEqual([0, 1, 0, 1]);
  });

  it('dismisses on stop once subscribed, and stops asking', () => {
    const h = harness();
    h.peer.start(h.send, h.report);
    h.peer.observe(RESPONSE);
    h.peer.stop(h.send);
    expect(h.ops()).toEqual([0, 1, AC_OPERATION.dismiss]);
    expect(h.sent.at(-1)).toMatchObject({ port: 9996, host: '192.168.1.20' });
    vi.advanceTimersByTime(60_000);
    expect(h.ops()).toEqual([0, 1, 3]);
  });

  it('sends no dismiss when AC never answered (nothing to leave), and honours a custom port', () => {
    const h = harness({ port: 19996 });
    h.peer.start(h.send, h.report);
    h.peer.stop(h.send);
    expect(h.sent).toEqual([{ op: 0, port: 19996, host: '192.168.1.20', at: 0 }]);
  });
});
