import { AC_OPERATION, encodeAcHandshakeResponse, readAcHandshake } from '../../games/ac/index.js';
import type { SessionInfo } from '../../model/index.js';
import { openUdpSocket } from '../udp-socket.js';
import type { DemoClient, DemoGameServer } from './demo-game.js';

/**
 * The demo as Assetto Corsa's telemetry server: answers a handshake with the 408-byte response
 * built from the session, starts streaming on "subscribe update", stops on "dismiss".
 */
export async function startAcDemoGame(session: SessionInfo, port = 0): Promise<DemoGameServer> {
  let resolveClient: (client: DemoClient) => void = () => {};
  const client = new Promise<DemoClient>((resolve) => (resolveClient = resolve));
  const dismiss = new AbortController();
  const socket = await openUdpSocket({
    port,
    host: '127.0.0.1',
    onPacket: (packet, from) => {
      const request = readAcHandshake(packet);
      if ('code' in request) return;
      if (request.operation === AC_OPERATION.handshake) socket.send(encodeAcHandshakeResponse(session), from.port, from.address);
      else if (request.operation === AC_OPERATION.subscribeUpdate) resolveClient({ host: from.address, port: from.port });
      else if (request.operation === AC_OPERATION.dismiss) dismiss.abort();
    },
  });
  return { socket, port: socket.address().port, client, dismissed: dismiss.signal };
}
