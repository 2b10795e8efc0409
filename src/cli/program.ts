import { Command } from 'commander';
import { register as registerCompare } from './commands/compare.js';
import { register as registerConfig } from './commands/config.js';
import { register as registerCorners } from './commands/corners.js';
import { register as registerDemo } from './commands/demo.js';
import { register as registerExport } from './commands/export.js';
import { register as registerGames } from './commands/games.js';
import { register as registerImport } from './commands/import.js';
import { register as registerLibrary } from './commands/library.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerReplay } from './commands/replay.js';
import { register as registerReport } from './commands/report.js';
import { register as registerLaps } from './commands/laps.js';
import { register as registerRecord } from './commands/record.js';
import { register as registerSessions } from './commands/sessions.js';
import { register as registerShifts } from './commands/shifts.js';
import { register as registerTracks } from './commands/tracks.js';

export const VERSION = '0.1.0';

/**
 * The command tree, built without parsing or touching the process, so tests can inspect it
 * (the man-page test checks it names every command).
 */
export function createProgram(): Command {
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
  program.action(async (_opts: unknown, command: Command) => {
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
  for (const register of [registerRecord, registerDemo, registerSessions, registerLaps, registerReport, registerCompare, registerCorners, registerShifts, registerTracks, registerExport, registerImport, registerReplay, registerLibrary, registerServe, registerConfig, registerGames]) register(program);
  return program;
}
