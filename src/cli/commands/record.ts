import type { Command } from 'commander';
import type { RecordOptions } from './record-run.js';

export function register(program: Command): void {
  program
    .command('record')
    .description('capture a game\'s UDP telemetry into the database, with the live screen')
    .option('-g, --game <id>', 'game protocol, or auto to detect it', 'auto')
    .option('-p, --port <n>', 'UDP port to listen on (default: the game\'s own)')
    .option('--host <address>', 'the PC or console running the game, for games that must be asked (AC: default this PC; GT7: required)')
    .option('--bind <address>', 'local address to listen on (default: all)')
    .option('--raw <file.pcap>', 'also keep every datagram as received, in a pcap file (Wireshark, `racecraft import`)')
    .option('--headless', 'no TUI: one line per lap (for SSH and scripts)')
    .option('--json', 'headless, one NDJSON record per lap')
    .action(async (opts: RecordOptions, command: Command) => {
      const { runRecord } = await import('./record-run.js');
      await runRecord(opts, command);
    });
}
