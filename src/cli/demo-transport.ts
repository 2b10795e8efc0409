import type { Socket } from 'node:dgram';
import { startAcDemoGame } from '../engine/capture/demo-games/ac-game.js';
import type { DemoGameServer } from '../engine/capture/demo-games/demo-game.js';
import { startGt7DemoGame } from '../engine/capture/demo-games/gt7-game.js';
import { createAcClientPeer } from '../engine/capture/peers/ac-client.js';
import { createGt7HeartbeatPeer } from '../engine/capture/peers/gt7-heartbeat.js';
import type { GamePeer } from '../engine/capture/peers/peer.js';
import { openSendSocket } from '../engine/capture/udp-socket.js';
import { createGt7Encoder } from '../engine/games/gt7/index.js';
import type { Encoder, GameProtocol } from '../engine/games/types.js';
import type { SessionInfo, TelemetryFrame } from '../engine/model/index.js';

/**
 * How the demo reaches the recorder for one protocol. Games that just send (F1, Forza, PC2, LFS)
 * stream from a plain socket; AC and GT7 only stream after a handshake or heartbeat, so the demo
 * plays the game's side of that conversation and the recorder its client side, over real UDP.
 */
export type DemoTransport = {
  readonly encoder: Encoder;
  /** The socket the demo streams from. */
  readonly socket: Socket;
  /** The recorder-side peer that asks the demo "game" for data, if the protocol needs one. */
  readonly peer?: GamePeer;
  /** Where to stream: fixed (the recorder's port) or decided by the client's handshake. */
  target(recorderPort: number): Promise<{ host: string; port: number }>;
  readonly dismissed?: AbortSignal;
  /** The simulator's frames as this game would number them (see adaptLapNumbering). */
  frames(source: Iterable<TelemetryFrame>): Iterable<TelemetryFrame>;
};

/** Games whose lap counter starts at the first lap and cannot show a run-up before the line. */
const COUNTS_FROM_FIRST_LAP = new Set(['ac', 'forza', 'pcars2']);

/**
 * The simulator drives a run-up (lap 0, before the line) and then laps 1..N, as F1 numbers an
 * out-lap. AC, Forza and PC2 have no lap before lap 1 and rebuild their clock from completed lap
 * times, so for them the run-up is lap 1 (an incomplete lap, as when you join a session
 * mid-lap) whose time the game reports at the line, and the timed laps are 2..N+1.
 */
export function* adaptLapNumbering(gameId: string, source: Iterable<TelemetryFrame>): Iterable<TelemetryFrame> {
  if (!COUNTS_FROM_FIRST_LAP.has(gameId)) {
    yield* source;
    return;
  }
  let runUpTime: number | undefined;
  let previous: TelemetryFrame | undefined;
  for (const frame of source) {
    if (frame.lap === 1 && previous?.lap === 0 && runUpTime === undefined) {
      runUpTime = frame.t - (frame.lapTime ?? 0);
    }
    previous = frame;
    const lastLapTime = frame.lap === 1 && runUpTime !== undefined ? runUpTime : frame.lastLapTime;
    yield { ...frame, lap: frame.lap + 1, ...(lastLapTime === undefined ? {} : { lastLapTime }) };
  }
}

export async function createDemoTransport(protocol: GameProtocol, session: SessionInfo): Promise<DemoTransport> {
  if (protocol.id === 'ac') {
    const server = await startAcDemoGame(session);
    return fromServer(server, protocol.createEncoder(), createAcClientPeer({ host: '127.0.0.1', port: server.port }), protocol.id);
  }
  if (protocol.id === 'gt7') {
    const encoder = createGt7Encoder();
    const server = await startGt7DemoGame(encoder);
    return fromServer(server, encoder, createGt7HeartbeatPeer({ host: '127.0.0.1', port: server.port }), protocol.id);
  }
  return {
    encoder: protocol.createEncoder(),
    socket: openSendSocket(),
    target: async (port) => ({ host: '127.0.0.1', port }),
    frames: (source) => adaptLapNumbering(protocol.id, source),
  };
}

function fromServer(server: DemoGameServer, encoder: Encoder, peer: GamePeer, gameId: string): DemoTransport {
  return { encoder, socket: server.socket, peer, target: () => server.client, dismissed: server.dismissed, frames: (source) => adaptLapNumbering(gameId, source) };
}
