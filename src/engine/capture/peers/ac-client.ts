import { AC_HANDSHAKE_RESPONSE_SIZE, AC_OPERATION, AC_PORT, encodeAcHandshake } from '../../games/ac/index.js';
import type { GamePeer, PeerSend } from './peer.js';

export type AcClientOptions = {
  /** The PC running Assetto Corsa. */
  readonly host: string;
  readonly port?: number;
  /** Handshake again when nothing arrived for this long (AC restarted, session changed). */
  readonly silenceMs?: number;
  readonly now?: () => number;
};

/**
 * racecraft as an Assetto Corsa remote-telemetry client: handshake, subscribe to updates once AC
 * answers, re-handshake after a silence (AC forgets its clients when a session is reloaded), and
 * dismiss on exit so AC stops sending.
 */
export function createAcClientPeer(options: AcClientOptions): GamePeer {
  const port = options.port ?? AC_PORT;
  const silenceMs = options.silenceMs ?? 3000;
  const now = options.now ?? Date.now;
  let lastPacket = 0;
  let lastHandshake = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let sendTo: PeerSend | undefined;

  const handshake = (): void => {
    lastHandshake = now();
    sendTo?.(encodeAcHandshake(AC_OPERATION.handshake), port, options.host);
  };

  return {
    start(send) {
      sendTo = send;
      handshake();
      timer = setInterval(() => {
        const t = now();
        if (t - lastPacket > silenceMs && t - lastHandshake >= silenceMs) handshake();
      }, 500);
      timer.unref();
    },
    observe(packet) {
      lastPacket = now();
      if (packet.length === AC_HANDSHAKE_RESPONSE_SIZE) sendTo?.(encodeAcHandshake(AC_OPERATION.subscribeUpdate), port, options.host);
    },
    stop(send) {
      if (timer) clearInterval(timer);
      send(encodeAcHandshake(AC_OPERATION.dismiss), port, options.host);
    },
  };
}
