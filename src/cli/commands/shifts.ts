import type { Command } from 'commander';

/** `racecraft shifts`: upshift points per gear. The analysis code loads only when the command runs. */
export function register(program: Command): void {
  program
    .command('shifts')
    .description('upshift points per gear from full-throttle acceleration, your shifts and the time they cost')
    .option('-s, --session <id>', 'session id (default: the latest)')
    .option('--units <system>', 'metric or imperial (human output; JSON is always SI)')
    .option('--json', 'machine-readable output (schema racecraft.shifts/1)')
    .action(async (opts: { session?: string; json?: boolean; units?: string }, command: Command) => {
      const [{ runShifts }, units] = await Promise.all([import('../report/run-shifts.js'), import('../report/default-units.js')]);
      await runShifts(command, opts, await units.defaultUnitSystem());
    });
}
