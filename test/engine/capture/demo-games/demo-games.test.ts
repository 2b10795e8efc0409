/**
 * The demo "games" behave like the real ones where the client can tell:
 * - AC answers HANDSHAKE to the request's source with 408 bytes whose names end in '%' and are followed by
 *   memory garbage (real dump: kkoscielniak/digital-garden knowledge/others/ac-telemetry.md), streams after
 *   SUBSCRIBE_UPDATE, stops on DISMISS (vpicon/acudp UDP.md §3).
 * - GT7 streams to the heartbeat's source in the layout the FIRST heartbeat asked for, until heartbeats stop
 *   (Nenkai/PDTools issue #14: "The first heartbeat wins (A/B), and the format can be only changed after the
 *   games stops sending telemetry after stopping sending the heartbeat for long enough").
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { addAcResponseGarbage, startAcDemoGame } from '../../../../src/engine/capture/demo-games/ac-game.js';
import { startGt7DemoGame } from '../../../../src/engine/capture/demo-games/gt7-game.js';
import { closeSocket } from '../../../../src/engine/capture/udp-socket.js';
import { AC_OPERATION, encodeAcHandshake, encodeAcHandshakeResponse, readAcHandshakeResponse } from '../../../../src/engine/games/ac/index.js';
import { createGt7Encoder, encodeGt7Heartbeat } from '../../../../src/engine/games/gt7/index.js';

const sockets: Socket[] = [];
afterEach(async () => {
  await Promise.all(sockets.splice(0).map(closeSocket));
});

async function clientSocket(): Promise<{ socket: Socket; port: number; next: () => Promise<Uint8Array> }> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  const queue: Uint8Array[] = [];
  const waiters: ((p: Uint8Array) => void)[] = [];
  socket.on('message', (m) => {
    const w = waiters.shift();
    if (w) w(new Uint8Array(m));
    else queue.push(new Uint8Array(m));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    socket,
    port: socket.address().port,
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((resolve) => waiters.push(resolve))),
  };
}

const SESSION = { game: 'ac', trackKey: 'ac:ks_monza/junior', carKey: 'ac:ks_audi_r8_lms', driver: 'Zoë' } as const;

describe('AC demo game', () => {
  it('answers a handshake to its sender with a real-looking 408-byte response (garbage after the %)', async () => {
    const game = await startAcDemoGame(SESSION);
    sockets.push(game.socket);
    const c = await clientSocket();
    c.socket.send(encodeAcHandshake(AC_OPERATION.handshake), game.port, '127.0.0.1');
    const reply = await c.next();
    expect(reply).toHaveLength(408);
    expect(readAcHandshakeResponse(reply)).toEqual({ carName: 'ks_audi_r8_lms', driverName: 'Zoë', identifier: 4242, version: 1, trackName: 'ks_monza', trackConfig: 'junior' });
    // Garbage, not NUL padding, after the terminators of trackName and trackConfig.
    const view = new DataView(reply.buffer);
    const after = (offset: number, text: string): number[] => Array.from({ length: 50 - text.length - 1 }, (_, i) => view.getUint16(offset + (text.length + 1 + i) * 2, true));
    expect(after(208, 'ks_monza').some((u) => u !== 0)).toBe(true);
    expect(after(308, 'junior').some((u) => u !== 0)).toBe(true);
    expect(after(208, 'ks_monza').includes(0x25)).toBe(false);
    c.socket.send(encodeAcHandshake(AC_OPERATION.subscribeUpdate), game.port, '127.0.0.1');
    expect(await game.client).toEqual({ host: '127.0.0.1', port: c.port });
    c.socket.send(encodeAcHandshake(AC_OPERATION.dismiss), game.port, '127.0.0.1');
    await new Promise((resolve) => game.dismissed.addEventListener('abort', resolve));
    expect(game.dismissed.aborted).toBe(true);
  });

  it('adds garbage deterministically and only after the terminator', () => {
    const clean = encodeAcHandshakeResponse(SESSION);
    const dirty = addAcResponseGarbage(clean);
    expect([...addAcResponseGarbage(clean)]).toEqual([...dirty]);
    expect([...dirty.subarray(0, 208 + 9 * 2)]).toEqual([...clean.subarray(0, 208 + 9 * 2)]);
    expect(readAcHandshakeResponse(dirty)).toEqual(readAcHandshakeResponse(clean));
  });
});

describe('GT7 demo console', () => {
  it('streams to the heartbeat source; the first heartbeat picks the format until heartbeats stop', async () => {
    let clock = 0;
    const encoder = createGt7Encoder({ format: 'A' });
    const game = await startGt7DemoGame(encoder, { now: () => clock });
    sockets.push(game.socket);
    const c = await clientSocket();
    const beat = async (format: 'A' | 'B' | '~' | 'C'): Promise<void> => {
      c.socket.send(encodeGt7Heartbeat(format), game.port, '127.0.0.1');
      // Give the console a moment to handle the datagram (localhost delivery is sub-millisecond).
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await beat('B');
    expect(await game.client).toEqual({ host: '127.0.0.1', port: c.port });
    expect(encoder.format).toBe('B');
    clock = 1500;
    await beat('~'); // a second app asks for '~': the console keeps 'B'
    expect(encoder.format).toBe('B');
    clock = 1500 + 14_000;
    await beat('A'); // heartbeats kept coming within the release time: still 'B'
    expect(encoder.format).toBe('B');
    clock = 1500 + 14_000 + 15_001;
    await beat('~'); // silence longer than the release time: a new stream, a new format
    expect(encoder.format).toBe('~');
  });

  it('ignores datagrams that are not a heartbeat letter', async () => {
    const encoder = createGt7Encoder({ format: 'A' });
    const game = await startGt7DemoGame(encoder);
    sockets.push(game.socket);
    const c = await clientSocket();
    c.socket.send(Uint8Array.of(0x5a), game.port, '127.0.0.1');
    c.socket.send(Uint8Array.of(0x41, 0x41), game.port, '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const state = await Promise.race([game.client.then(() => 'client'), Promise.resolve('none')]);
    expect(state).toBe('none');
  });
});
