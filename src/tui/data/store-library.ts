import type { ReferenceLap } from '../../engine/analysis/index.js';
import {
  createLibraryClient,
  createLibrarySettings,
  openLocalLibraryFile,
  pullLibrary,
  pushLibrary,
  toKeyComponent,
  type LibraryClient,
  type ReferenceItem,
} from '../../store/library/index.js';
import { listAll } from '../../store/library/client.js';
import type { LibraryAccess, LibraryRow } from './library-access.js';

/**
 * The Library screen's access to the real library: the local copy in the user's database file
 * (`dbPath`) and, when `racecraft library login` saved one, the server. Settings come from the
 * library's own settings file (its `cwd` is the config directory; RACECRAFT_CONFIG_DIR in tests).
 */
export function openStoreLibrary(dbPath: string, configDir?: string): LibraryAccess {
  const local = openLocalLibraryFile(dbPath);
  const settings = createLibrarySettings(configDir === undefined ? {} : { cwd: configDir });
  const client = (): LibraryClient => {
    const login = settings.login();
    if (!login) throw new Error('not logged in to a library (run `racecraft library login URL --token ...`)');
    return createLibraryClient(login);
  };
  return {
    local: () =>
      local.list().map((item): LibraryRow => ({ kind: item.kind, key: item.key, name: item.name, status: item.status, version: item.version, lapTime: item.lapTime })),
    server: () => settings.login()?.url,
    async remote() {
      // The listing holds every version in push order: keep each item's newest.
      const newest = new Map<string, LibraryRow>();
      for (const s of await listAll(client())) {
        const id = `${s.kind} ${s.key}`;
        const seen = newest.get(id);
        if (!seen || (seen.version ?? 0) < s.version) newest.set(id, { kind: s.kind, key: s.key, name: s.name, status: 'server', version: s.version, lapTime: s.lapTime });
      }
      return [...newest.values()];
    },
    async pull() {
      const report = await pullLibrary(local, client());
      const conflicts = report.conflicts.length > 0 ? `, ${report.conflicts.length} conflict(s) kept for \`racecraft library resolve\`` : '';
      return `pulled: ${report.added} new, ${report.updated} updated, ${report.unchanged} unchanged${conflicts}`;
    },
    async push() {
      const report = await pushLibrary(local, client());
      const conflicts = report.conflicts.length > 0 ? `, ${report.conflicts.length} refused (the server moved on; pull first)` : '';
      return `pushed: ${report.created.length} new version(s), ${report.unchanged.length} unchanged${conflicts}`;
    },
    use(key) {
      const chosen = local.useReference(key);
      return `reference for ${chosen.game} ${chosen.track}: ${key}`;
    },
    chosenReference(game, track) {
      const chosen = local.chosenReference(game, toKeyComponent(track));
      if (!chosen) return undefined;
      return { key: chosen.key, label: `library ${chosen.item.driver}`, lap: referenceLapOf(chosen.item) };
    },
    close: () => local.close(),
  };
}

/** A library reference item (columns on a 1 m grid, with the lapTime channel) as analysis's ReferenceLap. */
export function referenceLapOf(item: ReferenceItem): ReferenceLap {
  const time = item.channels.lapTime ?? [];
  const cells = Math.max(1, time.length - 1);
  return {
    label: `library ${item.driver}`,
    lapTime: item.lapTime,
    grid: { length: cells, cells },
    t: Array.from(time, (v) => (v === null ? Number.NaN : v)),
    channels: item.channels,
  };
}
