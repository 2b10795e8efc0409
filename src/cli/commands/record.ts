import type { Command } from 'commander';
import { PROTOCOLS, findProtocol } from '../../engine/games/index.js';
import type { GameProtocol } from '../../engine/games/types.js';
import { chooseUi, recoverInterrupted, runCapture, summarize, type CaptureUiOptions } from '../capture-command.js';
import { UserError } from '../errors.js';
import { startLiveSession, storeSink, type ListenSpec } from '../live-session.js';
import { createOut } from '../output.js';
import { openStoreForWrite, parsePositiveInt } from '../store-access.js';

type RecordOptions = CaptureUiOptions & { game: string; port?: string; host?: string };

/** Which ports to listen on for a --game choice. */
export function listenPlan(game: string, port: number | undefined): ListenSpec[] {
  if (game === 'auto') {
    if (port !== undefined) return [{ port, protocols: PROTOCOLS }];
    const byPort = new Map<number, GameProtocol[]>();
    for (const p of PROTOCOLS) for (const port of p.defaultPorts) byPort.set(port, [...(byPort.get(port) ?? []), p]);
    return [...byPort].map(([port, protocols]) => ({ port, protocols }));
  }
  const protocol = findProtocol(game);
  if (!protocol) throw new UserError(`unknown game '${game}'`, `choose one of: auto, ${PROTOCOLS.map((p) => p.id).join(', ')} (see \`racecraft games\`)`);
  const ports = port !== undefined ? [port] : protocol.defaultPorts;
  return ports.map((p) => ({ port: p, protocols: [protocol] }));
}

export function register(program: Command): void {
  program
    .command('record')
    .description('capture a game\'s UDP telemetry into the database, with the live screen')
    .option('-g, --game <id>', 'game protocol, or auto to detect it', 'auto')
    .option('-p, --port <n>', 'UDP port to listen on (default: the game\'s own)')
    .option('--host <address>', 'local address to listen on (default: all)')
    .option('--headless', 'no TUI: one line per lap (for SSH and scripts)')
    .option('--json', 'headless, one NDJSON record per lap')
    .action(async (opts: RecordOptions, command: Command) => {
      const out = createOut();
      const port = opts.port === undefined ? undefined : parsePositiveInt(opts.port, '--port');
      const listen = listenPlan(opts.game, port);
      const ui = chooseUi(opts, out);
      const store = openStoreForWrite(command);
      try {
        recoverInterrupted(store, out);
        const live = await startLiveSession({
          sink: storeSink(store, 'live'),
          listen,
          ...(opts.host === undefined ? {} : { host: opts.host }),
          game: listen[0]!.protocols.length === 1 ? listen[0]!.protocols[0]!.id : 'f1',
          allProtocols: PROTOCOLS,
        });
        const where = live.ports.map((p, i) => `${p} (${listen[i]!.protocols.map((x) => x.id).join('/')})`).join(', ');
        out.note(`listening on UDP ${where}; Ctrl-C to stop`);
        const summary = await runCapture({ live, ui, json: opts.json ?? false, out, title: 'racecraft record' });
        summarize(summary, out, live.bus.counters);
      } finally {
        store.close();
      }
    });
}
