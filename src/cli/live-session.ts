import type { Socket } from 'node:dgram';
import { FrameBus } from '../engine/capture/frame-bus.js';
import { PacketRouter } from '../engine/capture/packet-router.js';
import { Recorder, type RecorderSummary } from '../engine/capture/recorder.js';
import type { RecordingSink } from '../engine/capture/recording-sink.js';
import { closeSocket, openUdpSocket, queueCapacity } from '../engine/capture/udp-socket.js';
import type { GameProtocol } from '../engine/games/types.js';
import type { GamePeer, PeerSend } from '../engine/capture/peers/peer.js';
import type { GameId, SessionInfo } from '../engine/model/index.js';
import type { Store } from '../store/index.js';

/** Adapts the SQLite store to what the recorder needs. */
export function storeSink(store: Store, source: 'live' | 'demo' | 'replay' | 'import', sourceFile?: string): RecordingSink {
  return {
    createSession: (info, startedAt) => store.sessions.create(info, { source, startedAt, ...(sourceFile === undefined ? {} : { sourceFile }) }),
    updateSession: (id, info) => store.sessions.updateInfo(id, info),
    finishSession: (id, endedAt) => store.sessions.finish(id, endedAt),
    appendChunk: (id, lapNumber, trace) => store.chunks.append(id, lapNumber, trace),
    insertLap: (id, lap, trace, checkpointLap) => void store.laps.insert(id, lap, trace, checkpointLap),
    discardAfter: (id, t) => {
      // A flashback across the line: laps that ended after the rewind point are kept as history, marked rewound.
      store.chunks.discardAfter(id, t);
      store.laps.markRewoundAfter(id, t);
    },
    // Track shapes (GT7, Forza): live lap distance and track identity across sessions.
    trackShapes: (game) => store.tracks.listShapes(game).map((r) => (r.name === undefined ? { trackKey: r.trackKey, shape: r.shape } : { trackKey: r.trackKey, name: r.name, shape: r.shape })),
    saveTrackShape: (game, trackKey, name, shape) => store.tracks.saveShape(game, trackKey, name, shape),
  };
}

export type ListenSpec = {
  readonly port: number;
  /** Candidate protocols on this port; more than one means auto-detect. */
  readonly protocols: readonly GameProtocol[];
  /** For games that stream only when asked (AC handshake, GT7 heartbeat). */
  readonly peer?: GamePeer;
};

export type LiveSessionOptions = {
  readonly sink: RecordingSink;
  readonly listen: readonly ListenSpec[];
  readonly host?: string;
  readonly game: GameId;
  readonly session?: Partial<SessionInfo>;
  /** Session facts packets may not override (see RecorderOptions.pinned). */
  readonly pinned?: Partial<SessionInfo>;
  readonly allProtocols: readonly GameProtocol[];
  /** Sees every datagram before decoding (record --raw). */
  readonly tap?: (packet: Uint8Array, from: { address: string; port: number }, toPort: number) => void;
};

export type LiveSession = {
  readonly bus: FrameBus;
  readonly recorder: Recorder;
  /** The ports actually bound (port 0 resolves to the one the OS chose). */
  readonly ports: readonly number[];
  readonly routers: readonly PacketRouter[];
  /** Datagrams of the given size the first socket's kernel queue holds. */
  queueCapacity(packetBytes: number): number;
  stop(): Promise<RecorderSummary>;
};

/**
 * The capture composition: sockets → packet routers (decode) → recorder (store) and frame bus
 * (screens). Every datagram is handled synchronously in the socket callback, so the order of
 * packets is the order of frames, and the recorder's checkpoints run on the same thread.
 */
export async function startLiveSession(options: LiveSessionOptions): Promise<LiveSession> {
  const bus = new FrameBus();
  const recorder = new Recorder(options.sink, bus, {
    game: options.game,
    now: () => Date.now(),
    ...(options.session === undefined ? {} : { session: options.session }),
    ...(options.pinned === undefined ? {} : { pinned: options.pinned }),
  });
  const routers: PacketRouter[] = [];
  const sockets: Socket[] = [];
  const ports: number[] = [];
  const peers: { peer: GamePeer; send: PeerSend }[] = [];
  try {
    for (const spec of options.listen) {
      let router: PacketRouter | undefined;
      let boundPort = spec.port;
      const socket = await openUdpSocket({
        port: spec.port,
        ...(options.host === undefined ? {} : { host: options.host }),
        onPacket: (packet, from) => {
          options.tap?.(packet, from, boundPort);
          spec.peer?.observe(packet);
          router!.handle(packet);
        },
      });
      const port = socket.address().port;
      boundPort = port;
      router = new PacketRouter(port, spec.protocols, bus.counters, {
        onResult: (result) => recorder.handle(result),
        onMessage: (level, text) => bus.publishMessage(level, text),
      }, options.allProtocols);
      routers.push(router);
      sockets.push(socket);
      ports.push(port);
      if (spec.peer) {
        const send: PeerSend = (packet, toPort, host) => socket.send(packet, toPort, host);
        // The peer says when the game does not answer or sends another format: the user sees it once.
        spec.peer.start(send, (level, text) => bus.publishMessage(level, text));
        peers.push({ peer: spec.peer, send });
      }
    }
  } catch (error) {
    await Promise.all(sockets.map(closeSocket));
    throw error;
  }
  const timer = setInterval(() => recorder.tick(), 250);
  timer.unref();
  let stopped: Promise<RecorderSummary> | undefined;
  return {
    bus,
    recorder,
    ports,
    routers,
    queueCapacity: (packetBytes) => queueCapacity(sockets[0]!, packetBytes),
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        for (const { peer, send } of peers) peer.stop(send);
        // Let a goodbye datagram (AC dismiss) leave before the socket closes.
        if (peers.length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        await Promise.all(sockets.map(closeSocket));
        return recorder.stop();
      })();
      return stopped;
    },
  };
}
