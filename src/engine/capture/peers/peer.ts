/** Sends one datagram from the capture socket (so the game answers to it). */
export type PeerSend = (packet: Uint8Array, port: number, host: string) => void;

/**
 * One human message about the conversation with the game (no answer yet, answered, went silent).
 * Peers say each state change once, never once per packet or per retry.
 */
export type PeerReport = (level: 'info' | 'warn', text: string) => void;

/**
 * The talking side of a protocol whose game only streams to clients that ask: Assetto Corsa
 * (handshake + subscribe) and Gran Turismo 7 (heartbeat). F1, Forza, PC2 and LFS just send.
 *
 * `send` must send from the capture socket: both games answer to the request's source address
 * and port (AC replies to the handshake's sender; every public GT7 client sends its heartbeat
 * from the socket bound to the receive port, see gt7-heartbeat.ts).
 */
export type GamePeer = {
  /** Called once the capture socket is bound. `report` (optional) receives state-change messages. */
  start(send: PeerSend, report?: PeerReport): void;
  /** Every datagram that arrived on the capture socket, before decoding. */
  observe(packet: Uint8Array): void;
  /** Say goodbye where the protocol has a way to (AC dismiss) and stop all timers. */
  stop(send: PeerSend): void;
};
