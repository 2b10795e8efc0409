/** Sends one datagram from the capture socket (so the game answers to it). */
export type PeerSend = (packet: Uint8Array, port: number, host: string) => void;

/**
 * The talking side of a protocol whose game only streams to clients that ask: Assetto Corsa
 * (handshake + subscribe) and Gran Turismo 7 (heartbeat). F1, Forza, PC2 and LFS just send.
 */
export type GamePeer = {
  /** Called once the capture socket is bound. */
  start(send: PeerSend): void;
  /** Every datagram that arrived on the capture socket, before decoding. */
  observe(packet: Uint8Array): void;
  /** Say goodbye where the protocol has a way to (AC dismiss). */
  stop(send: PeerSend): void;
};
