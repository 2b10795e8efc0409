import type { Command } from 'commander';
import type { ExportRequest } from '../export/run.js';

type ExportOptions = { format?: string; channels?: string; output?: string; analysis?: boolean; session?: string; force?: boolean };

/** The options both `export session` and `export lap` take. */
function withExportOptions(command: Command): Command {
  return command
    .option('-f, --format <format>', 'json (default; with the session analysis), ndjson (one frame per line), csv (with a units row) or motec (.ld + .ldx, needs -o)', 'json')
    .option('--channels <list>', 'only these channels, comma-separated racecraft names (speed,rpm,throttle,...); JSON also takes extra channel names of an imported file')
    .option('-o, --output <file>', "write to FILE instead of standard output ('-'); motec writes FILE.ld and FILE.ldx")
    .option('--force', 'replace the -o file(s) if they already exist (default: refuse)')
    .option('--no-analysis', 'JSON: leave out the session analysis');
}

/**
 * `racecraft export session [ID]` and `racecraft export lap N`. The exporters (and the analysis
 * engine they use for JSON) are imported inside the actions, so registering costs nothing at
 * start-up.
 */
export function register(program: Command): void {
  const exportCommand = program
    .command('export')
    .description('write a session or one lap as JSON, NDJSON, CSV or MoTeC .ld+.ldx; only data goes to stdout');

  withExportOptions(exportCommand.command('session').description('export a whole session (default: the latest)').argument('[id]', 'session id (see `racecraft sessions`)')).action(
    async (id: string | undefined, opts: ExportOptions, command: Command) => {
      const { runExport } = await import('../export/run.js');
      await runExport(command, request(opts, { ...(id !== undefined ? { session: id } : {}) }));
    },
  );

  withExportOptions(
    exportCommand
      .command('lap')
      .description('export one lap of a session (default: the latest session)')
      .argument('<n>', 'lap number (see `racecraft laps`)')
      .option('-s, --session <id>', 'session id (see `racecraft sessions`)'),
  ).action(async (lap: string, opts: ExportOptions, command: Command) => {
    const { runExport } = await import('../export/run.js');
    await runExport(command, request(opts, { lap, ...(opts.session !== undefined ? { session: opts.session } : {}) }));
  });
}

function request(opts: ExportOptions, target: { session?: string; lap?: string }): ExportRequest {
  return {
    ...target,
    ...(opts.format !== undefined ? { format: opts.format } : {}),
    ...(opts.channels !== undefined ? { channels: opts.channels } : {}),
    ...(opts.output !== undefined ? { output: opts.output } : {}),
    analysis: opts.analysis !== false,
    force: opts.force === true,
  };
}
