import Conf from 'conf';

/**
 * Where `racecraft library login` keeps the server URL and token: conf (projectName
 * 'racecraft', the settings file racecraft's other settings share), under the key `library`
 * as { url, token }. The file is written mode 0600: the token is a credential. The
 * environment overrides it (RACECRAFT_LIBRARY_URL, RACECRAFT_LIBRARY_TOKEN) for scripts and CI.
 * The reference-lap choice is not here but in the local library tables, beside the items it
 * names (see local.ts).
 */
export type LibraryLogin = { readonly url: string; readonly token?: string };

export type LibrarySettings = {
  /** The saved login, with the environment's overrides applied; undefined when none. */
  login(): LibraryLogin | undefined;
  saveLogin(login: LibraryLogin): void;
  clearLogin(): void;
  /** The settings file, for messages. */
  readonly path: string;
};

export type SettingsOptions = {
  /** Directory of the settings file (tests); default the user's config directory. */
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
};

export function createLibrarySettings(options: SettingsOptions = {}): LibrarySettings {
  const conf = new Conf<{ library?: { url?: string; token?: string } }>({
    projectName: 'racecraft',
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    configFileMode: 0o600,
  });
  const env = options.env ?? process.env;
  return {
    path: conf.path,
    login() {
      const saved = conf.get('library') ?? {};
      const url = env['RACECRAFT_LIBRARY_URL'] || saved.url;
      const token = env['RACECRAFT_LIBRARY_TOKEN'] || saved.token;
      if (!url) return undefined;
      return token ? { url, token } : { url };
    },
    saveLogin(login) {
      conf.set('library', login.token !== undefined ? { url: login.url, token: login.token } : { url: login.url });
    },
    clearLogin() {
      conf.delete('library');
    },
  };
}
