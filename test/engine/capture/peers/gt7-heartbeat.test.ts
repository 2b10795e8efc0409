/**
 * The GT7 heartbeat peer over time. Cadences of public clients: Nenkai/PDTools SimulatorInterfaceClient.cs
 * SendDelaySeconds = 10; zetetos/gt-telemetry udpreader.go HeartbeatInterval 10 s; profittlich/gt7speedboard
 * sb/gt7telemetryreceiver.py every 5 s; snipem/gt7dashboard gt7communication.py every 100 packets (≈1.67 s)
 * and at once on a receive timeout. racecraft: 1.5 s, and at once when the stream stops.
 * "The first heartbeat wins": Nenkai/PDTools issue #14.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GT7_PEER_HEARTBEAT_MS, createGt7HeartbeatPeer } from '../../../../src/engine/capture/peers/gt7-heartbeat.js';

function harness(format?: 'A' | 'B' | '~' | 'C') {
  const sent: { bytes: number[]; port: number; host: string; at: number }[] = [];
  const messages: { level: string; text: string }[] = [];
  const peer = createGt7HeartbeatPeer({ host: '192.168.1.50', ...(format ? { format } : {}) });
  const send = (packet: Uint8Array, port: number, host: string): void => void sent.push({ bytes: [...packet], port, host, at: Date.now() });
  peer.start(send, (level, text) => messages.push({ level, text }));
  return { peer, sent, messages, send };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('GT7 heartbeat peer', () => {
  it("sends '~' (0x7e) to the console's 33739 at once and every 1.5 s, well inside 100 packets (1.67 s)", () => {
    const h = harness();
    expect(h.sent[0]).toEqual({ bytes: [0x7e], port: 33739, host: '192.168.1.50', at: 0 });
    vi.advanceTimersByTime(6000);
    expect(h.sent.map((s) => s.at)).toEqual([0, 1500, 3000, 4500, 6000]);
    expect(GT7_PEER_HEARTBEAT_MS).toBeLessThan((100 / 60) * 1000);
  });

  it('warns once when nothing arrives for 10 s, then reports the stream once it starts', () => {
    const h = harness('A');
    vi.advanceTimersByTime(30_000);
    expect(h.messages).toHaveLength(1);
    expect(h.messages[0]!.text).toMatch(/^no telemetry from the console at 192\.168\.1\.50 yet/);
    for (let i = 0; i < 120; i++) h.peer.observe(new Uint8Array(296));
    expect(h.messages.slice(1)).toEqual([{ level: 'info', text: "the console at 192.168.1.50 is streaming format 'A' (296-byte packets)" }]);
  });

  it('says once that another app chose the format (first heartbeat wins) and keeps heartbeating', () => {
    const h = harness('~');
    for (let i = 0; i < 600; i++) {
      h.peer.observe(new Uint8Array(296));
      vi.advanceTimersByTime(16);
    }
    const warns = h.messages.filter((m) => m.level === 'warn');
    expect(warns).toHaveLength(1);
    expect(warns[0]!.text).toContain("asked for format '~' (344 B) but the console sends 'A' (296 B)");
    expect(h.sent.length).toBe(7); // 0, 1.5 … 9 s: heartbeats go on while streaming
  });

  it('sends a heartbeat at once when the stream stops, and stops for good on stop()', () => {
    const h = harness();
    h.peer.observe(new Uint8Array(344));
    vi.advanceTimersByTime(1000);
    const before = h.sent.length;
    vi.advanceTimersByTime(2250); // 3.25 s after the last packet: stopped
    expect(h.messages.at(-1)).toEqual({ level: 'info', text: 'the console at 192.168.1.50 stopped streaming (game closed or console asleep?); still sending heartbeats' });
    expect(h.sent.at(-1)!.at).toBe(3250);
    expect(h.sent.length).toBeGreaterThan(before);
    h.peer.stop(h.send);
    const count = h.sent.length;
    vi.advanceTimersByTime(60_000);
    expect(h.sent.length).toBe(count);
  });

  it('ignores datagrams of non-GT7 sizes (the router reports those)', () => {
    const h = harness();
    h.peer.observe(new Uint8Array(100));
    expect(h.messages).toEqual([]);
  });
});
