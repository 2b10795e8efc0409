import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { createOut, type Out } from '../output.js';
import type { SettingsStore } from '../settings.js';

// settings.ts loads conf and every game's decoder (for the default ports), ~200 ms: only when a
// config command runs, never for the help text or other commands.
const settingsModule = (): Promise<typeof import('../settings.js')> => import('../settings.js');
const KEYS_HELP = 'units, reference, notifications or ports.<game> (`racecraft config get` lists them all)';

export type ConfigCommandDeps = {
  /** Injected by tests; default the user's settings file ($RACECRAFT_CONFIG_DIR honoured). */
  readonly settings?: () => SettingsStore;
  readonly out?: () => Out;
};

/**
 * `racecraft config get [KEY] | set KEY VALUE | unset KEY | path`: the settings in the user's
 * config directory (units, reference choice, ports per game, notifications). The library's
 * login lives in the same file but is managed by `racecraft library login|logout`.
 */
export function register(program: Command, deps: ConfigCommandDeps = {}): void {
  const settings = async (): Promise<SettingsStore> => (deps.settings ? deps.settings() : (await settingsModule()).openSettings());
  const output = deps.out ?? (() => createOut());
  const config = program.command('config').description('read and change settings (units, reference lap, ports, notifications)');

  config
    .command('get')
    .description('print one setting, or all of them')
    .argument('[key]', KEYS_HELP)
    .option('--json', 'JSON output')
    .action(async (key: string | undefined, opts: { json?: boolean }) => {
      const out = output();
      const store = await settings();
      const { SETTING_KEYS } = await settingsModule();
      if (key !== undefined) {
        const value = store.get(key);
        if (opts.json) out.json({ schema: 'racecraft.config/1', key, value });
        else out.line(String(value));
        return;
      }
      const all = Object.fromEntries(Object.keys(SETTING_KEYS).map((k) => [k, store.get(k)]));
      if (opts.json) {
        out.json({ schema: 'racecraft.config/1', path: store.path, settings: all });
        return;
      }
      const width = Math.max(...Object.keys(all).map((k) => k.length));
      for (const [k, v] of Object.entries(all)) out.line(`${k.padEnd(width)}  ${String(v)}`);
    });

  config
    .command('set')
    .description('change a setting (checked before it is stored)')
    .argument('<key>', KEYS_HELP)
    .argument('<value>', 'the new value')
    .action(async (key: string, value: string) => {
      const stored = (await settings()).set(key, value);
      output().note(`${key} = ${String(stored)}`);
    });

  config
    .command('unset')
    .description('put a setting back to its default')
    .argument('<key>', 'the setting')
    .action(async (key: string) => {
      const store = await settings();
      store.reset(key);
      output().note(`${key} = ${String(store.get(key))} (default)`);
    });

  config
    .command('path')
    .description('print where the settings file is')
    .action(async () => {
      output().line((await settings()).path);
    });

  config.action(() => {
    throw new UserError('say what to do: racecraft config get [KEY] | set KEY VALUE | unset KEY | path');
  });
}
