/**
 * Over real UDP on 127.0.0.1: the peers speak from the capture socket (the games answer to the request's source
 * address and port: AC per vpicon/acudp UDP.md, GT7 per every public client binding 33740 and sending the
 * heartbeat from it), and stopping a live session sends AC's DISMISS before the socket closes.
 * (Signals: src/cli/stop-signal.ts turns SIGINT/SIGTERM/SIGHUP into the same live.stop().)
 */
import { describe, expect, it } from 'vitest';
import { startLiveSession } from '../../../../src/cli/live-session.js';
import { startAcDemoGame } from '../../../../src/engine/capture/demo-games/ac-game.js';
import { startGt7DemoGame } from '../../../../src/engine/capture/demo-games/gt7-game.js';
import { closeSocket } from '../../../../src/engine/capture/udp-socket.js';
import { createAcClientPeer } from '../../../../src/engine/capture/peers/ac-client.js';
import { createGt7HeartbeatPeer } from '../../../../src/engine/capture/peers/gt7-heartbeat.js';
import { PROTOCOLS, findProtocol } from '../../../../src/engine/games/index.js';
import { createGt7Encoder } from '../../../../src/engine/games/gt7/index.js';
import type { RecordingSink } from '../../../../src/engine/capture/recording-sink.js';

const sink: RecordingSink = {
  createSession: () => 1,
  updateSession: () => {},
  finishSession: () => {},
  appendChunk: () => {},
  insertLap: () => {},
  discardAfter: () => {},
};

const within = <T>(promise: Promise<T>, ms = 3000): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))]);

describe('peers on the capture socket', () => {
  it('AC: handshake and subscribe come from the capture port; stop() dismisses', async () => {
    const game = await startAcDemoGame({ game: 'ac', trackKey: 'ac:ks_monza', carKey: 'ac:ks_audi_r8_lms', driver: 'D' });
    const live = await startLiveSession({
      sink,
      listen: [{ port: 0, protocols: [findProtocol('ac')!], peer: createAcClientPeer({ host: '127.0.0.1', port: game.port }) }],
      host: '127.0.0.1',
      game: 'ac',
      allProtocols: PROTOCOLS,
    });
    try {
      const client = await within(game.client);
      expect(client).toEqual({ host: '127.0.0.1', port: live.ports[0] });
      expect(game.dismissed.aborted).toBe(false);
      await live.stop();
      await within(new Promise((resolve) => (game.dismissed.aborted ? resolve(undefined) : game.dismissed.addEventListener('abort', resolve))));
      expect(game.dismissed.aborted).toBe(true);
    } finally {
      await live.stop();
      await closeSocket(game.socket);
    }
  });

  it('GT7: the heartbeat comes from the capture port and selects the format', async () => {
    const encoder = createGt7Encoder({ format: 'A' });
    const game = await startGt7DemoGame(encoder);
    const live = await startLiveSession({
      sink,
      listen: [{ port: 0, protocols: [findProtocol('gt7')!], peer: createGt7HeartbeatPeer({ host: '127.0.0.1', port: game.port }) }],
      host: '127.0.0.1',
      game: 'gt7',
      allProtocols: PROTOCOLS,
    });
    try {
      expect(await within(game.client)).toEqual({ host: '127.0.0.1', port: live.ports[0] });
      expect(encoder.format).toBe('~');
    } finally {
      await live.stop();
      await closeSocket(game.socket);
    }
  });
});
