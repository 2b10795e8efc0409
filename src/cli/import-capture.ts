import { FrameBus } from '../engine/capture/frame-bus.js';
import { PacketRouter } from '../engine/capture/packet-router.js';
import { Recorder, type RecorderSummary } from '../engine/capture/recorder.js';
import { PROTOCOLS } from '../engine/games/index.js';
import type { GameProtocol } from '../engine/games/types.js';
import type { PcapCapture } from '../store/formats/index.js';
import type { Store } from '../store/index.js';
import { storeSink } from './live-session.js';

export type CaptureImport = RecorderSummary & {
  readonly datagrams: number;
  readonly errors: number;
  readonly games: readonly string[];
  readonly messages: readonly string[];
};

/**
 * Decodes a pcap/pcapng capture offline through exactly the live path: a packet router per
 * destination port (auto-detecting the game), the lap tracker and the recorder, with the
 * capture's own timestamps as the clock. Track shapes come from and go to the store as when
 * recording live, so an imported GT7 or Forza capture gets lap distances and track identity too.
 */
export function importCapture(capture: PcapCapture, store: Store, file: string, protocols: readonly GameProtocol[] = PROTOCOLS): CaptureImport {
  const bus = new FrameBus();
  let now = 0;
  const recorder = new Recorder(storeSink(store, 'import', file), bus, {
    game: protocols[0]!.id,
    now: () => now,
    // Nothing to checkpoint: an import either completes or is not stored at all.
    checkpointMs: Number.POSITIVE_INFINITY,
  });
  const messages: string[] = [];
  // The recorder's own news (a new or replaced track shape) is reported like the decoders'.
  bus.subscribe((event) => void (event.kind === 'message' && messages.push(event.text)));
  const routers = new Map<number, PacketRouter>();
  const games = new Set<string>();
  for (const datagram of capture.datagrams) {
    now = datagram.t * 1000;
    let router = routers.get(datagram.dstPort);
    if (!router) {
      router = new PacketRouter(datagram.dstPort, preferredFor(datagram.dstPort, protocols), bus.counters, {
        onResult: (result) => recorder.handle(result),
        onMessage: (_level, text) => messages.push(text),
      }, protocols);
      routers.set(datagram.dstPort, router);
    }
    router.handle(datagram.payload);
    const game = router.game();
    if (game) games.add(game.id);
  }
  const summary = recorder.stop();
  return { ...summary, datagrams: capture.datagrams.length, errors: bus.counters.errors, games: [...games], messages };
}

/** Protocols whose default port this is come first, so sniffing picks the likely game. */
function preferredFor(port: number, protocols: readonly GameProtocol[]): GameProtocol[] {
  const own = protocols.filter((p) => p.defaultPorts.includes(port));
  return [...own, ...protocols.filter((p) => !own.includes(p))];
}
