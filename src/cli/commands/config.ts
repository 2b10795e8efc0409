import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { createOut, type Out } from '../output.js';
import { SETTING_KEYS, openSettings, type SettingsStore } from '../settings.js';

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
  const settings = deps.settings ?? (() => openSettings());
  const output = deps.out ?? (() => createOut());
  const config = program.command('config').description('read and change settings (units, reference lap, ports, notifications)');

  config
    .command('get')
    .description('print one setting, or all of them')
    .argument('[key]', `one of: ${Object.keys(SETTING_KEYS).join(', ')}`)
    .option('--json', 'JSON output')
    .action((key: string | undefined, opts: { json?: boolean }) => {
      const out = output();
      const store = settings();
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
    .argument('<key>', `one of: ${Object.keys(SETTING_KEYS).join(', ')}`)
    .argument('<value>', 'the new value')
    .action((key: string, value: string) => {
      const stored = settings().set(key, value);
      output().note(`${key} = ${String(stored)}`);
    });

  config
    .command('unset')
    .description('put a setting back to its default')
    .argument('<key>', 'the setting')
    .action((key: string) => {
      const store = settings();
      store.reset(key);
      output().note(`${key} = ${String(store.get(key))} (default)`);
    });

  config
    .command('path')
    .description('print where the settings file is')
    .action(() => {
      output().line(settings().path);
    });

  config.action(() => {
    throw new UserError('say what to do: racecraft config get [KEY] | set KEY VALUE | unset KEY | path');
  });
}
