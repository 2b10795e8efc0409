import { parseGt7Heartbeat, type Gt7Encoder } from '../../games/gt7/index.js';
import { openUdpSocket } from '../udp-socket.js';
import type { DemoClient, DemoGameServer } from './demo-game.js';

/**
 * The demo as a GT7 console: waits for a heartbeat, switches the encoder to the packet layout the
 * heartbeat asks for, and streams (encrypted) to the heartbeat's sender.
 */
export async function startGt7DemoGame(encoder: Gt7Encoder, port = 0): Promise<DemoGameServer> {
  let resolveClient: (client: DemoClient) => void = () => {};
  const client = new Promise<DemoClient>((resolve) => (resolveClient = resolve));
  const socket = await openUdpSocket({
    port,
    host: '127.0.0.1',
    onPacket: (packet, from) => {
      const format = parseGt7Heartbeat(packet);
      if (format === undefined) return;
      encoder.setFormat(format);
      resolveClient({ host: from.address, port: from.port });
    },
  });
  return { socket, port: socket.address().port, client, dismissed: new AbortController().signal };
}
