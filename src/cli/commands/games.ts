import type { Command } from 'commander';
import { createOut } from '../output.js';

export function register(program: Command): void {
  program
    .command('games')
    .description('list supported games: ids, UDP ports and the in-game setting to turn on')
    .option('--json', 'machine-readable output (schema racecraft.games/1)')
    .action(async (opts: { json?: boolean }) => {
      const { PROTOCOLS } = await import('../../engine/games/index.js');
      const out = createOut();
      if (opts.json) {
        out.json({
          schema: 'racecraft.games/1',
          games: PROTOCOLS.map((p) => ({ id: p.id, label: p.label, ports: p.defaultPorts, setup: p.setup })),
        });
        return;
      }
      for (const p of PROTOCOLS) {
        out.line(`${p.id.padEnd(9)} ${p.label}  (UDP ${p.defaultPorts.join(', ')})`);
        for (const line of p.setup.split('\n')) out.line(`          ${line}`);
        out.line();
      }
      out.line('auto      listen on every port above and detect the game from its packets (the default)');
    });
}
