import type { Socket } from 'node:dgram';

/** Where the demo streams once a client has asked for data. */
export type DemoClient = { readonly host: string; readonly port: number };

/**
 * The demo playing a game that only streams to clients that ask (AC, GT7): it listens like the
 * game does, answers the client's handshake or heartbeat the way the game does, and tells the
 * demo where to stream.
 */
export type DemoGameServer = {
  readonly socket: Socket;
  /** The port the demo "game" listens on (the client sends its handshake or heartbeat there). */
  readonly port: number;
  /** Resolves when a client subscribed. */
  readonly client: Promise<DemoClient>;
  /** Aborted when the client said goodbye (AC dismiss). */
  readonly dismissed: AbortSignal;
};
