import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { LibraryClient } from '../../store/library/client.js';
import { ITEM_KINDS, toKeyComponent, type ItemKind } from '../../store/library/items.js';
import type { LocalLibrary } from '../../store/library/local.js';
import type { LibrarySettings } from '../../store/library/settings.js';
import type { PullFilter } from '../../store/library/sync.js';
import { ValidationError } from '../../store/library/validate.js';
import { UserError } from '../errors.js';
import { createOut, formatLapTime, renderTable, type Out } from '../output.js';

/**
 * The client, the local copy, the login (conf) and the store load only when a library command
 * runs: together they cost ~250 ms, which every other command would otherwise pay at start-up.
 * Direct module imports, not the library barrel: that one also loads the server (fastify, pg).
 */
async function loadModules() {
  const [client, local, settings, sync, access] = await Promise.all([
    import('../../store/library/client.js'),
    import('../../store/library/local.js'),
    import('../../store/library/settings.js'),
    import('../../store/library/sync.js'),
    import('../store-access.js'),
  ]);
  return { ...client, ...local, ...settings, ...sync, ...access };
}
let loaded: ReturnType<typeof loadModules> | undefined;
/** The modules above, loaded once however many helpers of an action ask. */
function load(): ReturnType<typeof loadModules> {
  loaded ??= loadModules();
  return loaded;
}

/**
 * `racecraft library ...`: the sync client. The server URL and token live in the settings file
 * (conf, key `library`); the local copy of the library lives in the user's racecraft.db
 * (tables library_*), so pulled track maps and reference laps work offline.
 */
export type LibraryCommandDeps = {
  /** Injected by tests; default the user's settings file. */
  readonly settings?: () => LibrarySettings;
  readonly out?: () => Out;
  /** Reads `--token -` from stdin. */
  readonly readStdin?: () => string;
};

type LocalHandle = LocalLibrary & { close(): void };

/** The local library in the user's database (opened through the store first, which creates and migrates the file). */
async function openLocal(command: Command): Promise<LocalHandle> {
  const { openStoreForWrite, openLocalLibraryFile } = await load();
  const store = openStoreForWrite(command);
  const path = store.path;
  store.close();
  if (path === ':memory:') throw new UserError('the library needs a database file, not :memory:');
  return openLocalLibraryFile(path);
}

async function withLocal<T>(command: Command, work: (local: LocalHandle) => Promise<T> | T): Promise<T> {
  const local = await openLocal(command);
  try {
    return await work(local);
  } finally {
    local.close();
  }
}

function parseKind(value: string | undefined): ItemKind | undefined {
  if (value === undefined) return undefined;
  if (!(ITEM_KINDS as readonly string[]).includes(value)) throw new UserError(`'${value}' is not a library kind (track, car or reference)`);
  return value as ItemKind;
}

function filterFrom(opts: { kind?: string; game?: string; track?: string }): PullFilter {
  return {
    ...(opts.kind !== undefined ? { kind: parseKind(opts.kind)! } : {}),
    ...(opts.game !== undefined ? { game: opts.game } : {}),
    // A game's own track key ('ks_monza/full') is accepted as the library spells it ('ks_monza:full').
    ...(opts.track !== undefined ? { track: toKeyComponent(opts.track) } : {}),
  };
}

export function register(program: Command, deps: LibraryCommandDeps = {}): void {
  const settings = async (): Promise<LibrarySettings> => (deps.settings ? deps.settings() : (await load()).createLibrarySettings());
  const output = deps.out ?? (() => createOut());
  const readStdin = deps.readStdin ?? (() => readFileSync(0, 'utf8'));

  async function client(): Promise<LibraryClient> {
    const login = (await settings()).login();
    if (!login) throw new UserError('not logged in to a library', 'run `racecraft library login URL --token rc_...` (tokens come from `racecraft serve token create`)');
    return (await load()).createLibraryClient(login);
  }

  const library = program.command('library').description('sync track maps, car profiles and reference laps with a racecraft library server');

  library
    .command('login <url>')
    .description('check a library server and remember it (and your token) for pull, push and search')
    .option('--token <token>', "a token from the server's admin (`-` reads it from stdin); omit for a public-read server")
    .action(async (url: string, opts: { token?: string }) => {
      const out = output();
      const { createLibraryClient, normaliseServerUrl } = await load();
      const base = normaliseServerUrl(url);
      const token = opts.token === '-' ? readStdin().trim() : opts.token;
      const probe = createLibraryClient(token !== undefined ? { url: base, token } : { url: base });
      const health = await probe.health();
      // A listing needs read scope (unless the server is public-read): this checks the token.
      await probe.list({ limit: 1 });
      const login = await settings();
      login.saveLogin(token !== undefined ? { url: base, token } : { url: base });
      out.note(`logged in to ${base} (${health.engine}, ${health.keys} items); settings saved in ${login.path}`);
    });

  library
    .command('logout')
    .description('forget the saved library URL and token')
    .action(async () => {
      (await settings()).clearLogin();
      output().note('logged out');
    });

  library
    .command('pull')
    .description('download new and changed items into the local library (resumes where an interrupted pull stopped)')
    .option('--kind <kind>', 'only track, car or reference')
    .option('--game <game>', 'only this game id')
    .option('--track <track>', 'only this track key')
    .option('--json', 'machine-readable output (schema racecraft.library.pull/1)')
    .action(async (opts: { kind?: string; game?: string; track?: string; json?: boolean }, command: Command) => {
      const out = output();
      const filter = filterFrom(opts);
      const remote = await client();
      const { pullLibrary } = await load();
      const report = await withLocal(command, (local) => pullLibrary(local, remote, filter));
      if (opts.json) {
        out.json({ schema: 'racecraft.library.pull/1', server: remote.url, ...report });
        return;
      }
      out.line(`pulled from ${remote.url}: ${report.added} new, ${report.updated} updated, ${report.unchanged} already here`);
      for (const c of report.conflicts) {
        out.note(`conflict: ${c.kind} ${c.key} — server has version ${c.remoteVersion}${c.remoteAuthor ? ` by ${c.remoteAuthor}` : ''}, you have unpushed changes; both kept`);
        out.note(`  keep one: racecraft library resolve ${c.kind} ${c.key} --keep mine|theirs`);
      }
    });

  library
    .command('push')
    .description('upload your local changes: track models, car profiles and the reference laps you marked')
    .option('--json', 'machine-readable output (schema racecraft.library.push/1)')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const out = output();
      const remote = await client();
      const { pushLibrary } = await load();
      const report = await withLocal(command, (local) => pushLibrary(local, remote));
      if (opts.json) {
        out.json({ schema: 'racecraft.library.push/1', server: remote.url, ...report });
      } else {
        if (report.created.length + report.unchanged.length + report.conflicts.length === 0) out.note('nothing to push');
        for (const c of report.created) out.line(`pushed ${c.kind} ${c.key} as version ${c.version}`);
        for (const c of report.unchanged) out.line(`${c.kind} ${c.key} was already on the server (version ${c.version})`);
        for (const c of report.conflicts) {
          out.note(`refused: ${c.message}`);
          out.note(`  both copies are kept locally; keep one: racecraft library resolve ${c.kind} ${c.key} --keep mine|theirs`);
        }
      }
      if (report.conflicts.length > 0) process.exitCode = 1;
    });

  library
    .command('search [text]')
    .description('search the server library by key or name')
    .option('--kind <kind>', 'only track, car or reference')
    .option('--game <game>', 'only this game id')
    .option('--track <track>', 'only this track key')
    .option('--limit <n>', 'at most this many results (1-500)', '50')
    .option('--json', 'machine-readable output (schema racecraft.library.search/1)')
    .action(async (text: string | undefined, opts: { kind?: string; game?: string; track?: string; limit: string; json?: boolean }) => {
      const out = output();
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UserError(`--limit must be a whole number from 1 to 500, got '${opts.limit}'`);
      const page = await (await client()).list({ ...filterFrom(opts), ...(text ? { q: text } : {}), limit });
      if (opts.json) {
        out.json({ schema: 'racecraft.library.search/1', items: page.items, more: page.more });
        return;
      }
      if (page.items.length === 0) {
        out.note('no items match');
        return;
      }
      const lines = renderTable(page.items, [
        { header: 'KIND', value: (i) => i.kind },
        { header: 'KEY', value: (i) => i.key },
        { header: 'VER', value: (i) => String(i.version), align: 'right' },
        { header: 'NAME', value: (i) => i.name },
        { header: 'LAP', value: (i) => (i.lapTime === null ? '' : formatLapTime(i.lapTime)), align: 'right' },
        { header: 'AUTHOR', value: (i) => i.author },
      ]);
      for (const line of lines) out.line(line);
      if (page.more) out.note(`more results: narrow the search or raise --limit`);
    });

  library
    .command('list')
    .description('list the local library: what you pulled, what you changed, what is in conflict')
    .option('--kind <kind>', 'only track, car or reference')
    .option('--json', 'machine-readable output (schema racecraft.library.list/1)')
    .action(async (opts: { kind?: string; json?: boolean }, command: Command) => {
      const out = output();
      const kind = parseKind(opts.kind);
      const { items, references } = await withLocal(command, (local) => ({ items: local.list(kind ? { kind } : {}), references: local.references() }));
      const chosen = new Set(references.map((r) => r.key));
      if (opts.json) {
        out.json({
          schema: 'racecraft.library.list/1',
          items: items.map((i) => ({ kind: i.kind, key: i.key, id: i.id, version: i.version, status: i.status, game: i.game, track: i.track, name: i.name, lapTime: i.lapTime, author: i.author, server: i.server, chosenReference: chosen.has(i.key) })),
          references,
        });
        return;
      }
      if (items.length === 0) {
        out.note('the local library is empty: `racecraft library pull` fetches items from your library server');
        return;
      }
      const lines = renderTable(items, [
        { header: 'KIND', value: (i) => i.kind },
        { header: 'KEY', value: (i) => `${i.key}${chosen.has(i.key) ? ' *' : ''}` },
        { header: 'VER', value: (i) => (i.version === null ? '-' : String(i.version)), align: 'right' },
        { header: 'STATUS', value: (i) => i.status },
        { header: 'NAME', value: (i) => i.name },
        { header: 'LAP', value: (i) => (i.lapTime === null ? '' : formatLapTime(i.lapTime)), align: 'right' },
        { header: 'AUTHOR', value: (i) => i.author ?? '' },
      ]);
      for (const line of lines) out.line(line);
      if (chosen.size > 0) out.note('* the reference lap used for its track');
    });

  library
    .command('use')
    .description('choose what racecraft uses from the library')
    .command('reference <key>')
    .description('use this reference lap (a key from `library list`) for its track in reports and compare')
    .action(async (key: string, _opts: unknown, command: Command) => {
      const chosen = await withLocal(command, (local) => local.useReference(key));
      output().note(`reference lap for ${chosen.game}/${chosen.track}: ${chosen.key}`);
    });

  library
    .command('add <kind> <file>')
    .description('add an item from a JSON file to the local library, to be pushed (track, car or reference)')
    .action(async (kind: string, file: string, _opts: unknown, command: Command) => {
      const itemKind = parseKind(kind)!;
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new UserError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const staged = await withLocal(command, (local) => {
        try {
          return local.stage(itemKind, value);
        } catch (error) {
          if (error instanceof ValidationError) throw new UserError(`${file} is not a valid ${itemKind}: ${error.message}`);
          throw error;
        }
      });
      output().note(staged.changed ? `added ${itemKind} ${staged.key}; send it with \`racecraft library push\`` : `${itemKind} ${staged.key} is already in the local library with this content`);
    });

  library
    .command('resolve <kind> <key>')
    .description('settle a conflict: keep your unpushed changes (mine) or the server version (theirs)')
    .requiredOption('--keep <which>', 'mine or theirs')
    .action(async (kind: string, key: string, opts: { keep: string }, command: Command) => {
      if (opts.keep !== 'mine' && opts.keep !== 'theirs') throw new UserError(`--keep must be mine or theirs, got '${opts.keep}'`);
      const itemKind = parseKind(kind)!;
      await withLocal(command, (local) => local.resolve(itemKind, key, opts.keep as 'mine' | 'theirs'));
      output().note(opts.keep === 'mine' ? `kept your ${kind} ${key}; \`racecraft library push\` sends it as the next version` : `took the server's ${kind} ${key}`);
    });
}
