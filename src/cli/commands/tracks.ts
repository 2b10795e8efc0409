import type { Command } from 'commander';

/**
 * `racecraft tracks`: the tracks racecraft knows (learned shapes, corner catalogs, tracks driven)
 * and naming them. The store loads only when a subcommand runs (tracks-run.ts).
 */
export function register(program: Command): void {
  const tracks = program
    .command('tracks')
    .description("list the tracks racecraft knows and name them (GT7 and Forza tracks it identified by shape are 'unknown track N' until you do)");

  tracks
    .command('list', { isDefault: true })
    .description('every known track: game, key, name, length, corners, sessions, last driven')
    .option('--game <id>', 'only the tracks of this game id (see `racecraft games`)')
    .option('--json', 'machine-readable output (schema racecraft.tracks/1)')
    .action(async (opts: { game?: string; json?: boolean }, command: Command) => {
      const { runTracksList } = await import('./tracks-run.js');
      runTracksList(opts, command);
    });

  tracks
    .command('rename')
    .description("name a track: its stored shape and every past session on it (e.g. `racecraft tracks rename gt7 unknown-1 'Spa-Francorchamps'`)")
    .argument('<game>', 'the game id, as `racecraft tracks` shows it')
    .argument('<key>', "the track key, as `racecraft tracks` shows it (e.g. 'unknown-1')")
    .argument('<name>', 'the new name')
    .action(async (game: string, key: string, name: string, _opts: unknown, command: Command) => {
      const { runTracksRename } = await import('./tracks-run.js');
      runTracksRename(game, key, name, command);
    });
}
