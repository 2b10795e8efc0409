import { CommanderError } from 'commander';
import { EXIT_BUG, EXIT_USAGE, EXIT_USER } from './errors.js';
import { createProgram } from './program.js';

/**
 * Errors whose message is written for the user: one line on stderr, exit 1. Matched by name so
 * the CLI need not load every layer (store, formats, capture) just to recognise its errors.
 */
const USER_FACING_ERRORS = new Set(['UserError', 'CaptureError', 'StoreError', 'FormatError', 'LibraryError', 'TuiUserError', 'TuiError']);

/** The only place that turns errors into exit codes. */
export async function main(argv: readonly string[]): Promise<number> {
  // `racecraft ... | head`: the reader closed the pipe; that is "enough", not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  const program = await createProgram(argv.slice(2));
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed the usage message; help and version are not errors.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (error instanceof Error && USER_FACING_ERRORS.has(error.name)) {
    process.stderr.write(`racecraft: ${error.message}\n`);
    const hint = (error as { hint?: unknown }).hint;
    if (typeof hint === 'string') process.stderr.write(`  ${hint}\n`);
    return EXIT_USER;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`racecraft: internal error (a bug; please report it with the lines below)\n${stack}\n`);
  return EXIT_BUG;
}
