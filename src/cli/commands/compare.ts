import type { Command } from 'commander';

/** `racecraft compare A B`: lap against lap. The analysis code loads only when the command runs. */
export function register(program: Command): void {
  program
    .command('compare')
    .description('compare two laps: delta trace and time lost per corner (lap A against lap B)')
    .argument('<a>', 'lap A, the lap analysed')
    .argument('<b>', 'lap B, the lap it is measured against')
    .option('-s, --session <id>', 'session of lap A (default: the latest)')
    .option('--session-b <id>', 'session of lap B, on the same track (default: the session of lap A)')
    .option('--units <system>', 'metric or imperial (human output; JSON is always SI)')
    .option('--json', 'machine-readable output (schema racecraft.compare/1)')
    .action(async (a: string, b: string, opts: { session?: string; sessionB?: string; json?: boolean; units?: string }, command: Command) => {
      const [{ runCompare }, units] = await Promise.all([import('../report/run-compare.js'), import('../report/default-units.js')]);
      await runCompare(command, a, b, opts, await units.defaultUnitSystem());
    });
}
