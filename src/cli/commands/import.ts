import type { Command } from 'commander';

/** `racecraft import FILE`. The readers and the store load only when the command runs (import-run.ts). */
export function register(program: Command): void {
  program
    .command('import')
    .description('import a recording: pcap/pcapng captures of any supported game, MoTeC .ld(+.ldx), iRacing .ibt, MoTeC CSV, racecraft JSON/NDJSON/CSV')
    .argument('<file>', "the file, or '-' for standard input")
    .option('--again', 'import a file even if the same recording is already stored')
    .option('--json', 'machine-readable result (schema racecraft.import/1)')
    .action(async (file: string, opts: { json?: boolean; again?: boolean }, command: Command) => {
      const { runImport } = await import('./import-run.js');
      await runImport(file, opts, command);
    });
}
