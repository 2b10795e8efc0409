import { AC_OPERATION, encodeAcHandshakeResponse, readAcHandshake } from '../../games/ac/index.js';
import type { SessionInfo } from '../../model/index.js';
import { openUdpSocket } from '../udp-socket.js';
import type { DemoClient, DemoGameServer } from './demo-game.js';

/** Byte offsets of the response's UTF-16 trackName[50] and trackConfig[50] (protocols.md §2). */
const TRACK_NAME_OFFSET = 208;
const TRACK_CONFIG_OFFSET = 308;
const STRING_BYTES = 100;
const PERCENT = 0x25;

/**
 * Real AC leaves whatever was in memory after the '%' that ends a name: a response dumped from the
 * game by rickwest/ac-remote-telemetry-client (kkoscielniak/digital-garden
 * knowledge/others/ac-telemetry.md) reads trackName "ks_monza66%" followed by NULs and stray
 * UTF-16 units such as U+1C00 U+3BFB. The demo does the same (deterministic units) so the client's
 * '%' cut is exercised on the wire, not only NUL padding.
 */
export function addAcResponseGarbage(response: Uint8Array): Uint8Array {
  const out = response.slice();
  const view = new DataView(out.buffer);
  let seed = 0x1c00;
  for (const start of [TRACK_NAME_OFFSET, TRACK_CONFIG_OFFSET]) {
    let after = false;
    for (let at = start; at < start + STRING_BYTES; at += 2) {
      if (after) {
        seed = (seed * 0x343fd + 0x269ec3) >>> 0;
        // Every other unit stays NUL, like the dump; the rest are non-'%' noise.
        view.setUint16(at, (at / 2) % 2 === 0 ? 0 : ((seed >>> 16) & 0xffff) | 0x100, true);
      } else if (view.getUint16(at, true) === PERCENT) {
        after = true;
      }
    }
  }
  return out;
}

/**
 * The demo as Assetto Corsa's telemetry server: answers a HANDSHAKE with the 408-byte response
 * built from the session (sent to the request's source address and port, as AC does), starts
 * streaming on SUBSCRIBE_UPDATE, stops on DISMISS.
 */
export async function startAcDemoGame(session: SessionInfo, port = 0): Promise<DemoGameServer> {
  let resolveClient: (client: DemoClient) => void = () => {};
  const client = new Promise<DemoClient>((resolve) => (resolveClient = resolve));
  const dismiss = new AbortController();
  const response = addAcResponseGarbage(encodeAcHandshakeResponse(session));
  const socket = await openUdpSocket({
    port,
    host: '127.0.0.1',
    onPacket: (packet, from) => {
      const request = readAcHandshake(packet);
      if ('code' in request) return;
      if (request.operation === AC_OPERATION.handshake) socket.send(response, from.port, from.address);
      else if (request.operation === AC_OPERATION.subscribeUpdate) resolveClient({ host: from.address, port: from.port });
      else if (request.operation === AC_OPERATION.dismiss) dismiss.abort();
    },
  });
  return { socket, port: socket.address().port, client, dismissed: dismiss.signal };
}
