import { GT7_DEFAULT_FORMAT, GT7_HEARTBEAT_INTERVAL_MS, GT7_HEARTBEAT_PORT, encodeGt7Heartbeat, type Gt7Format } from '../../games/gt7/index.js';
import type { GamePeer } from './peer.js';

export type Gt7HeartbeatOptions = {
  /** The console's IP address. */
  readonly host: string;
  readonly port?: number;
  /** Which packet layout to ask for. */
  readonly format?: Gt7Format;
  readonly intervalMs?: number;
};

/**
 * Gran Turismo 7 streams to whoever sent it a heartbeat in the last ~10 s: send one at once and
 * then every few seconds, from the capture socket so the console answers to it.
 */
export function createGt7HeartbeatPeer(options: Gt7HeartbeatOptions): GamePeer {
  const port = options.port ?? GT7_HEARTBEAT_PORT;
  const beat = encodeGt7Heartbeat(options.format ?? GT7_DEFAULT_FORMAT);
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    start(send) {
      send(beat, port, options.host);
      timer = setInterval(() => send(beat, port, options.host), options.intervalMs ?? GT7_HEARTBEAT_INTERVAL_MS);
      timer.unref();
    },
    observe() {},
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
