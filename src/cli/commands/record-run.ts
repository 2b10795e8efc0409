import type { Command } from 'commander';
import { PROTOCOLS, findProtocol } from '../../engine/games/index.js';
import { GT7_HEARTBEAT_PORT, GTS_HEARTBEAT_PORT, GTS_TELEMETRY_PORT } from '../../engine/games/gt7/index.js';
import type { GameProtocol } from '../../engine/games/types.js';
import { createAcClientPeer } from '../../engine/capture/peers/ac-client.js';
import { createGt7HeartbeatPeer } from '../../engine/capture/peers/gt7-heartbeat.js';
import { chooseUi, recoverInterrupted, runCapture, summarize, type CaptureUiOptions } from '../capture-command.js';
import { UserError } from '../errors.js';
import { openRawCapture } from '../raw-capture.js';
import { startLiveSession, storeSink, type ListenSpec } from '../live-session.js';
import { createOut } from '../output.js';
import { parsePort } from '../arguments.js';
import { openStoreForWrite } from '../store-access.js';
import { resolveIPv4 } from '../udp-target.js';

export type RecordOptions = CaptureUiOptions & { game: string; port?: string; host?: string; bind?: string; raw?: string };

/**
 * Which sockets to open for a --game choice. Games that just send get their default port. AC is
 * asked for data by racecraft (handshake to the game's port 9996 from a free local port, so AC
 * and racecraft can share one PC); GT7 streams to whoever sends it a heartbeat, so it needs the
 * console's address.
 */
export function listenPlan(game: string, port: number | undefined, gameHost: string | undefined): { listen: ListenSpec[]; notes: string[] } {
  const notes: string[] = [];
  const specFor = (protocol: GameProtocol, listenPort: number | undefined): ListenSpec | undefined => {
    if (protocol.id === 'ac') {
      return { port: listenPort ?? 0, protocols: [protocol], peer: createAcClientPeer({ host: gameHost ?? '127.0.0.1' }) };
    }
    if (protocol.id === 'gt7') {
      if (gameHost === undefined) {
        notes.push(game === 'auto' ? 'GT7: pass --host <console IP> to ask the console for telemetry (it streams only after a heartbeat)' : '');
        if (game !== 'auto') throw new UserError('Gran Turismo 7 streams only to a computer that asks: give the console\'s address with --host <IP>', 'the PS5 shows it under Settings > Network > Connection Status');
      }
      const telemetryPort = listenPort ?? protocol.defaultPorts[0]!;
      // GT Sport streams to 33340 after a heartbeat on 33339; GT7's pair is 33740/33739.
      const heartbeatPort = telemetryPort === GTS_TELEMETRY_PORT ? GTS_HEARTBEAT_PORT : GT7_HEARTBEAT_PORT;
      const peer = gameHost === undefined ? undefined : createGt7HeartbeatPeer({ host: gameHost, port: heartbeatPort });
      return { port: telemetryPort, protocols: [protocol], ...(peer ? { peer } : {}) };
    }
    return undefined;
  };
  if (game === 'auto') {
    if (port !== undefined) {
      // One port for any game: racecraft cannot tell whether to handshake (AC) or heartbeat (GT7).
      if (gameHost !== undefined) notes.push('--host is used only to ask AC or GT7 for data, and one --port under --game auto asks neither: add --game ac or --game gt7');
      return { listen: [{ port, protocols: PROTOCOLS }], notes };
    }
    const listen: ListenSpec[] = [];
    const byPort = new Map<number, GameProtocol[]>();
    for (const p of PROTOCOLS) {
      const special = specFor(p, undefined);
      if (special) listen.push(special);
      else for (const defaultPort of p.defaultPorts) byPort.set(defaultPort, [...(byPort.get(defaultPort) ?? []), p]);
    }
    return { listen: [...[...byPort].map(([port, protocols]) => ({ port, protocols })), ...listen], notes: notes.filter(Boolean) };
  }
  const protocol = findProtocol(game);
  if (!protocol) throw new UserError(`unknown game '${game}'`, `choose one of: auto, ${PROTOCOLS.map((p) => p.id).join(', ')} (see \`racecraft games\`)`);
  const special = specFor(protocol, port);
  if (special) return { listen: [special], notes };
  const ports = port !== undefined ? [port] : protocol.defaultPorts;
  return { listen: ports.map((p) => ({ port: p, protocols: [protocol] })), notes };
}

/** The record command's work, loaded only when the command runs (keeps `--help` and other commands fast). */
export async function runRecord(opts: RecordOptions, command: Command): Promise<void> {
  const out = createOut();
  const port = opts.port === undefined ? undefined : parsePort(opts.port, '--port', true);
  // `racecraft config set ports.<game> N` changes a game's port; --port wins over it.
  // (A port left at the game's default means "the default": for AC that is the game's own port,
  // and racecraft listens on a free one.)
  const setting = opts.game === 'auto' ? undefined : (await import('../settings.js')).loadSettings().ports[opts.game];
  const configured = setting !== undefined && setting !== findProtocol(opts.game)?.defaultPorts[0] ? setting : undefined;
  const gameHost = opts.host === undefined ? undefined : await resolveIPv4(opts.host, '--host');
  const { listen, notes } = listenPlan(opts.game, port ?? configured, gameHost);
  const ui = chooseUi(opts, out);
  const store = openStoreForWrite(command);
  const raw = opts.raw === undefined ? undefined : openRawCapture(opts.raw);
  try {
    recoverInterrupted(store, out);
    for (const note of notes) out.note(note);
    const live = await startLiveSession({
      sink: storeSink(store, 'live'),
      listen,
      ...(opts.bind === undefined ? {} : { host: opts.bind }),
      game: listen[0]!.protocols.length === 1 ? listen[0]!.protocols[0]!.id : 'f1',
      allProtocols: PROTOCOLS,
      ...(raw ? { tap: (packet: Uint8Array, from: { address: string; port: number }, toPort: number) => raw.write(packet, from, toPort) } : {}),
    });
    const where = live.ports.map((p, i) => `${p} (${listen[i]!.protocols.map((x) => x.id).join('/')})`).join(', ');
    out.note(`listening on UDP ${where}; Ctrl-C to stop`);
    const summary = await runCapture({ live, ui, json: opts.json ?? false, out, title: 'racecraft record', store });
    summarize(summary, out, live.bus.counters);
    if (raw) {
      raw.flush();
      if (raw.failure !== undefined) out.note(`warning: the raw capture ${opts.raw} stopped early: ${raw.failure}`);
      else if (raw.count === 0) out.note(`raw capture: no datagrams arrived; ${opts.raw} not kept`);
      else out.note(`raw capture: ${raw.count} datagrams in ${opts.raw}`);
    }
  } finally {
    raw?.close();
    store.close();
  }
}
