import { parseGt7Heartbeat, type Gt7Encoder, type Gt7Format } from '../../games/gt7/index.js';
import { openUdpSocket } from '../udp-socket.js';
import type { DemoClient, DemoGameServer } from './demo-game.js';

/**
 * ms without a heartbeat after which the demo console lets a new heartbeat pick the format. The real
 * console's figure is unknown ("long enough", Nenkai/PDTools issue #14); it must exceed PDTools' and
 * zetetos' 10 s heartbeat interval, with which the stream demonstrably keeps flowing.
 */
export const GT7_DEMO_FORMAT_RELEASE_MS = 15_000;

export type Gt7DemoGameOptions = {
  /** Local port the demo console listens on for heartbeats (0 = any free port). */
  readonly port?: number;
  readonly formatReleaseMs?: number;
  /** Clock in ms (tests). */
  readonly now?: () => number;
};

/**
 * The demo as a GT7 console: waits for a heartbeat, streams (encrypted) to the heartbeat's source
 * address and port, in the layout the FIRST heartbeat asked for. Like the real console (Nenkai/PDTools
 * issue #14: "The first heartbeat wins"), a later heartbeat with another letter does not change the
 * layout until heartbeats have stopped for `formatReleaseMs`.
 */
export async function startGt7DemoGame(encoder: Gt7Encoder, options: Gt7DemoGameOptions | number = {}): Promise<DemoGameServer> {
  const { port = 0, formatReleaseMs = GT7_DEMO_FORMAT_RELEASE_MS, now = () => Date.now() } = typeof options === 'number' ? { port: options } : options;
  let resolveClient: (client: DemoClient) => void = () => {};
  const client = new Promise<DemoClient>((resolve) => (resolveClient = resolve));
  let locked: Gt7Format | undefined;
  let lastHeartbeat = 0;
  const socket = await openUdpSocket({
    port,
    host: '127.0.0.1',
    onPacket: (packet, from) => {
      const format = parseGt7Heartbeat(packet);
      if (format === undefined) return;
      const t = now();
      if (locked === undefined || t - lastHeartbeat > formatReleaseMs) {
        locked = format;
        encoder.setFormat(format);
      }
      lastHeartbeat = t;
      resolveClient({ host: from.address, port: from.port });
    },
  });
  return { socket, port: socket.address().port, client, dismissed: new AbortController().signal };
}
