import type { Command } from 'commander';

/** `racecraft corners`: the track's numbered corners. The analysis code loads only when the command runs. */
export function register(program: Command): void {
  program
    .command('corners')
    .description("list the track's corners (stable numbers, direction, position) with the session best lap's speeds")
    .option('-s, --session <id>', 'session id (default: the latest)')
    .option('--reset', "forget the track's stored corner numbering and number the corners afresh from this session")
    .option('--units <system>', 'metric or imperial (human output; JSON is always SI)')
    .option('--json', 'machine-readable output (schema racecraft.corners/1)')
    .action(async (opts: { session?: string; json?: boolean; units?: string; reset?: boolean }, command: Command) => {
      const [{ runCorners }, units] = await Promise.all([import('../report/run-corners.js'), import('../report/default-units.js')]);
      await runCorners(command, opts, await units.defaultUnitSystem());
    });
}
