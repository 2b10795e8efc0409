import type { Command } from 'commander';
import { sendDemo, type DemoPace } from '../../engine/capture/demo-sender.js';
import { closeSocket, openSendSocket } from '../../engine/capture/udp-socket.js';
import { PROTOCOLS, findProtocol } from '../../engine/games/index.js';
import type { SessionInfo } from '../../engine/model/index.js';
import { SIM_TRACKS, createDemoRun } from '../../engine/sim/index.js';
import { chooseUi, recoverInterrupted, runCapture, summarize, type CaptureUiOptions } from '../capture-command.js';
import { UserError } from '../errors.js';
import { adaptLapNumbering, createDemoTransport } from '../demo-transport.js';
import { startLiveSession, storeSink } from '../live-session.js';
import { createOut } from '../output.js';
import { parsePace } from '../arguments.js';
import { parsePort } from '../arguments.js';
import { openStoreForWrite, parsePositiveInt } from '../store-access.js';
import { udpTarget } from '../udp-target.js';

export type DemoOptions = CaptureUiOptions & {
  track: string;
  laps: string;
  speed: string;
  seed: string;
  game: string;
  port?: string;
  to?: string;
};

/** The demo session's own identity, which packets may not overwrite. */
export function demoPinnedInfo(session: SessionInfo): Partial<SessionInfo> {
  const { format: _format, gameSessionId: _id, ...rest } = session;
  return { ...rest, game: 'demo' };
}


function waitAbort(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener('abort', () => resolve(undefined))));
}

/** The demo command's work, loaded only when the command runs (keeps `--help` and other commands fast). */
export async function runDemo(opts: DemoOptions, command: Command): Promise<void> {
  const out = createOut();
  const track = SIM_TRACKS.find((t) => t.id === opts.track);
  if (!track) throw new UserError(`unknown demo track '${opts.track}'`, `choose one of: ${SIM_TRACKS.map((t) => t.id).join(', ')}`);
  const laps = parsePositiveInt(opts.laps, '--laps');
  if (laps < 1 || laps > 200) throw new UserError('--laps must be between 1 and 200');
  const pace = parsePace(opts.speed);
  const seed = parsePositiveInt(opts.seed, '--seed');
  const protocol = findProtocol(opts.game);
  if (!protocol) throw new UserError(`unknown game '${opts.game}'`, `choose one of: ${PROTOCOLS.map((p) => p.id).join(', ')}`);
  const run = createDemoRun({ trackId: track.id, laps, seed });
  if (opts.to !== undefined) {
    if (protocol.id === 'ac' || protocol.id === 'gt7') {
      throw new UserError(`--to cannot be used with --game ${protocol.id}: that game streams only to a client that asks`, `run \`racecraft demo --game ${protocol.id}\` (it plays the game and records it)`);
    }
    const target = await udpTarget(opts.to, '--to');
    const socket = openSendSocket();
    try {
      out.note(`sending ${laps} lap(s) of ${run.session.trackName} as ${protocol.label} to ${target.host}:${target.port}`);
      const sent = await sendDemo({ frames: adaptLapNumbering(protocol.id, run.frames()), session: run.session, encoder: protocol.createEncoder(), socket, ...target, pace });
      out.note(`sent ${sent} packets`);
    } finally {
      await closeSocket(socket);
    }
    return;
  }
  const ui = chooseUi(opts, out);
  const store = openStoreForWrite(command);
  const transport = await createDemoTransport(protocol, run.session);
  try {
    recoverInterrupted(store, out);
    const live = await startLiveSession({
      sink: storeSink(store, 'demo'),
      listen: [
        {
          port: opts.port === undefined ? 0 : parsePort(opts.port, '--port', true),
          protocols: [protocol],
          ...(transport.peer ? { peer: transport.peer } : {}),
        },
      ],
      host: '127.0.0.1',
      game: protocol.id,
      session: run.session,
      // The game formats cannot name the demo's own track and car: keep the simulator's.
      pinned: demoPinnedInfo(run.session),
      allProtocols: PROTOCOLS,
    });
    const port = live.ports[0]!;
    out.note(`demo: ${laps} lap(s) of ${run.session.trackName} (${((run.session.trackLength ?? 0) / 1000).toFixed(2)} km), ${protocol.label} over UDP 127.0.0.1:${port}`);
    const counters = live.bus.counters;
    const abort = new AbortController();
    transport.dismissed?.addEventListener('abort', () => abort.abort());
    const finished = (async () => {
      const target = await Promise.race([transport.target(port), waitAbort(abort.signal)]);
      if (!target) return;
      const received = counters.packets;
      const sent = await sendDemo({
        frames: transport.frames(run.frames()),
        session: run.session,
        encoder: transport.encoder,
        socket: transport.socket,
        ...target,
        pace,
        // Handshake replies also count as received packets: measure from here.
        inFlight: (n) => n - (counters.packets - received),
        // Half the kernel queue, in the largest packet any game sends (1460 bytes): loopback never overflows.
        maxInFlight: Math.min(4096, Math.floor(live.queueCapacity(1460) / 2)),
        signal: abort.signal,
      });
      // Wait for the last datagrams to be handled (bounded: loopback delivers in microseconds).
      const deadline = Date.now() + 2000;
      while (counters.packets - received < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    })();
    const summary = await runCapture({ live, ui, json: opts.json ?? false, out, title: `racecraft demo · ${run.session.trackName}`, until: finished, stayOpen: true, store });
    abort.abort();
    await finished;
    summarize(summary, out, counters);
  } finally {
    await closeSocket(transport.socket);
    store.close();
  }
}
