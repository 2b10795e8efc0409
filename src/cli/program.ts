import { Command, CommanderError } from 'commander';

export const VERSION = '0.1.0';

type CommandModule = { register(program: Command): void };

/**
 * Every top-level command, in the order `--help` lists them, with its registration module.
 * Loaded on demand: a run needs only the command it names, and loading all sixteen costs ~35 ms
 * of `report lap`'s 400 ms budget.
 */
const COMMANDS: ReadonlyArray<readonly [name: string, load: () => Promise<CommandModule>]> = [
  ['record', () => import('./commands/record.js')],
  ['demo', () => import('./commands/demo.js')],
  ['sessions', () => import('./commands/sessions.js')],
  ['laps', () => import('./commands/laps.js')],
  ['report', () => import('./commands/report.js')],
  ['compare', () => import('./commands/compare.js')],
  ['corners', () => import('./commands/corners.js')],
  ['shifts', () => import('./commands/shifts.js')],
  ['tracks', () => import('./commands/tracks.js')],
  ['export', () => import('./commands/export.js')],
  ['import', () => import('./commands/import.js')],
  ['replay', () => import('./commands/replay.js')],
  ['library', () => import('./commands/library.js')],
  ['serve', () => import('./commands/serve.js')],
  ['config', () => import('./commands/config.js')],
  ['games', () => import('./commands/games.js')],
];

/** Usage error for a word that is no command, suggesting the nearest one (exit 2, like commander's own). */
function unknownCommand(word: string): CommanderError {
  const names = COMMANDS.map(([name]) => name);
  const near = names.map((name) => [name, editDistance(word, name)] as const).sort((a, b) => a[1] - b[1])[0]!;
  const hint = near[1] <= Math.max(1, Math.floor(word.length / 3)) ? ` (did you mean ${near[0]}?)` : '';
  process.stderr.write(`error: unknown command '${word}'${hint}\n(run \`racecraft --help\` for the commands)\n`);
  return new CommanderError(2, 'commander.unknownCommand', `unknown command '${word}'`);
}

/** Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * The command a command line names: the first word that is not an option (nor the value of the
 * global --db), or undefined for a bare `racecraft`, `--help` or `--version`.
 */
export function commandNamed(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--db') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * The command tree, built without parsing or touching the process, so tests can inspect it
 * (the man-page test checks it names every command). Given the user's arguments (without
 * `node racecraft`), only the command they name is registered; when they name none or one that
 * does not exist, all are, so help, `racecraft help X` and "did you mean" work as before.
 */
export async function createProgram(args?: readonly string[]): Promise<Command> {
  const program = new Command('racecraft')
    .description('terminal telemetry workstation for sim racers')
    .version(VERSION, '-V, --version')
    .option('--db <path>', 'database file (default: $RACECRAFT_DB, else racecraft.db in your data directory)')
    .showHelpAfterError('(run `racecraft --help` for usage)')
    .configureOutput({ outputError: (text, write) => write(text) })
    // Throw instead of exiting, so main() maps errors to exit codes; inherited by subcommands
    // created after this call.
    .exitOverride();
  // Bare `racecraft`: the workstation over what was recorded (live capture is `racecraft record`).
  // Because the program has this action, commander hands it any word that is not a command
  // instead of complaining, so `help X` and typos are answered here.
  program.allowExcessArguments().action(async (_opts: unknown, command: Command) => {
    const [word, topic] = command.args;
    if (word === 'help') {
      const about = topic === undefined ? program : program.commands.find((c) => c.name() === topic);
      if (about === undefined) throw unknownCommand(topic!);
      about.outputHelp();
      return;
    }
    if (word !== undefined) throw unknownCommand(word);
    const { openStoreForRead } = await import('./store-access.js');
    const { openSettings } = await import('./settings.js');
    const { runBrowserTui } = await import('../tui/run-live.js');
    const store = openStoreForRead(command);
    try {
      await runBrowserTui({ store, settings: openSettings().read() });
    } finally {
      store.close();
    }
  });
  const named = args === undefined ? undefined : commandNamed(args);
  const wanted = COMMANDS.some(([name]) => name === named) ? COMMANDS.filter(([name]) => name === named) : COMMANDS;
  for (const command of await Promise.all(wanted.map(([, load]) => load()))) command.register(program);
  return program;
}
