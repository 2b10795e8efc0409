import type { Command } from 'commander';

/**
 * `racecraft report lap N` and `racecraft report session`. The analysis code is imported inside
 * the actions, so registering these commands costs nothing at start-up.
 */
export function register(program: Command): void {
  const report = program.command('report').description('analysis reports: one lap against a reference, or a whole session');

  report
    .command('lap')
    .description('corner report of one lap against a reference: sectors, corner table, speed, delta and pedal traces, coaching')
    .argument('<n>', 'lap number (see `racecraft laps`)')
    .option('-s, --session <id>', 'session id (default: the latest)')
    .option('--vs <lap...>', 'what to compare with: best (the session best, default), lap M (or just M), or ref (the library reference chosen for the track)')
    .option('--units <system>', 'metric or imperial (human output; JSON is always SI)')
    .option('--json', 'machine-readable output (schema racecraft.lap-report/1)')
    .action(async (n: string, opts: { session?: string; vs?: string[]; json?: boolean; units?: string }, command: Command) => {
      const [{ runLapReport }, units] = await Promise.all([import('../report/run-lap.js'), import('../report/default-units.js')]);
      await runLapReport(command, n, opts, await units.defaultUnitSystem());
    });

  report
    .command('session')
    .description('session report: lap table, best and theoretical best, consistency, pace trend, grip, shift points')
    .option('-s, --session <id>', 'session id (default: the latest)')
    .option('--units <system>', 'metric or imperial (human output; JSON is always SI)')
    .option('--json', 'machine-readable output (schema racecraft.session-report/1)')
    .action(async (opts: { session?: string; json?: boolean; units?: string }, command: Command) => {
      const [{ runSessionReport }, units] = await Promise.all([import('../report/run-session.js'), import('../report/default-units.js')]);
      await runSessionReport(command, opts, await units.defaultUnitSystem());
    });
}
