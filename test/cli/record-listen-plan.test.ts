import { describe, expect, it } from 'vitest';
import { listenPlan } from '../../src/cli/commands/record-run.js';
import type { ListenSpec } from '../../src/cli/live-session.js';

/** Where a spec's peer sends its first datagram (the handshake or heartbeat it sends at start). */
function firstSend(spec: ListenSpec): { port: number; host: string } {
  const sent: { port: number; host: string }[] = [];
  spec.peer!.start((_bytes, port, host) => sent.push({ port, host }));
  spec.peer!.stop(() => {});
  return sent[0]!;
}

describe('record: which sockets and peers a --game choice opens', () => {
  it('GT7 listens on 33740 and heartbeats the console on 33739', () => {
    const [spec] = listenPlan('gt7', undefined, '192.168.1.40').listen;
    expect(spec!.port).toBe(33740);
    expect(firstSend(spec!)).toEqual({ port: 33739, host: '192.168.1.40' });
  });

  it('GT Sport (--port 33340) heartbeats the console on its own 33339, not GT7\'s 33739', () => {
    const [spec] = listenPlan('gt7', 33340, '192.168.1.41').listen;
    expect(spec!.port).toBe(33340);
    expect(firstSend(spec!)).toEqual({ port: 33339, host: '192.168.1.41' });
  });

  it('AC handshakes with the game on 9996 from a free local port', () => {
    const [spec] = listenPlan('ac', undefined, '10.0.0.5').listen;
    expect(spec!.port).toBe(0);
    expect(firstSend(spec!)).toEqual({ port: 9996, host: '10.0.0.5' });
  });

  it('auto with one --port listens for every game there; with --host it says that no game is asked (that needs --game ac|gt7)', () => {
    expect(listenPlan('auto', 41000, undefined)).toMatchObject({ listen: [{ port: 41000 }], notes: [] });
    const { listen, notes } = listenPlan('auto', 41000, '10.0.0.7');
    expect(listen).toHaveLength(1);
    expect(listen[0]!.peer).toBeUndefined();
    expect(notes).toEqual(['--host is used only to ask AC or GT7 for data, and one --port under --game auto asks neither: add --game ac or --game gt7']);
  });

  it('auto with --host asks both AC and GT7 on that host, and listens on every other default port', () => {
    const { listen, notes } = listenPlan('auto', undefined, '10.0.0.6');
    expect(notes).toEqual([]);
    expect(listen.map((s) => s.port).sort((a, b) => a - b)).toEqual([0, 4123, 4444, 5300, 5606, 20777, 33740]);
    const peers = listen.filter((s) => s.peer !== undefined).map(firstSend);
    expect(peers.sort((a, b) => a.port - b.port)).toEqual([{ port: 9996, host: '10.0.0.6' }, { port: 33739, host: '10.0.0.6' }]);
  });
});
