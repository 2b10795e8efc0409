import { canonicalJson } from './canonical.js';
import type { LibraryClient } from './client.js';
import type { ApplyOutcome, LocalConflict, LocalLibrary, PulledVersion } from './local.js';
import type { ItemKind } from './items.js';

/** What `library pull` may narrow to. */
export type PullFilter = { readonly kind?: ItemKind; readonly game?: string; readonly track?: string };

export type PullReport = {
  /** Pages committed by this run. */
  readonly pages: number;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Pulled versions kept beside an unpushed local edit (see `library resolve`). */
  readonly conflicts: readonly LocalConflict[];
  /** The cursor now stored for this server and filter. */
  readonly cursor: string;
};

export type PullOptions = {
  /** Versions per page (default 100). Each page is committed on its own. */
  readonly pageSize?: number;
  /** Parallel body downloads within a page (default 4). */
  readonly concurrency?: number;
  /** Called after each committed page. */
  readonly onPage?: (progress: { pages: number; cursor: string; applied: ApplyOutcome }) => void;
};

/** The key cursors are stored under: one per server and filter. */
export function filterKey(filter: PullFilter): string {
  return canonicalJson({ kind: filter.kind, game: filter.game, track: filter.track });
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Incremental pull: asks for versions after the stored cursor, page by page; downloads the
 * bodies the local library lacks (checked against their sha256 by the client); commits each
 * page together with its cursor. Killed at any point (server, network or this process), the
 * next pull resumes after the last committed page: nothing is applied twice or skipped.
 */
export async function pullLibrary(local: LocalLibrary, client: LibraryClient, filter: PullFilter = {}, options: PullOptions = {}): Promise<PullReport> {
  const key = filterKey(filter);
  const limit = options.pageSize ?? 100;
  let cursor = local.cursor(client.url, key);
  const totals = { pages: 0, added: 0, updated: 0, unchanged: 0, conflicts: [] as LocalConflict[] };
  for (;;) {
    const page = await client.list({ ...filter, since: cursor, limit });
    const pulled = await mapLimit(page.items, options.concurrency ?? 4, async (summary): Promise<PulledVersion> => {
      if (local.has(summary.id)) return { summary, body: local.get(summary.kind, summary.key)?.id === summary.id ? undefined : await bodyOf(summary.id) };
      return { summary, body: await bodyOf(summary.id) };
    });
    const applied = local.applyPage(client.url, key, pulled, page.cursor);
    totals.pages++;
    totals.added += applied.added;
    totals.updated += applied.updated;
    totals.unchanged += applied.unchanged;
    totals.conflicts.push(...applied.conflicts);
    cursor = page.cursor;
    options.onPage?.({ pages: totals.pages, cursor, applied });
    if (!page.more || page.items.length === 0) break;
  }
  return { ...totals, cursor };

  async function bodyOf(id: string): Promise<string> {
    const fetched = await client.getItem(id);
    return canonicalJson(fetched.item);
  }
}

export type PushReport = {
  readonly created: readonly { kind: ItemKind; key: string; version: number }[];
  readonly unchanged: readonly { kind: ItemKind; key: string; version: number }[];
  /** Refused: the server moved on since the local copy's base version. */
  readonly conflicts: readonly { kind: ItemKind; key: string; baseVersion: number; currentVersion: number; message: string }[];
};

/**
 * Pushes every local edit with the server version it was based on. The server refuses a stale
 * base (409); the server's current version is then fetched and kept beside the local edit as a
 * conflict, for `library resolve`. A retried push of the same content is answered "unchanged".
 */
export async function pushLibrary(local: LocalLibrary, client: LibraryClient): Promise<PushReport> {
  const report = { created: [] as PushReport['created'][number][], unchanged: [] as PushReport['unchanged'][number][], conflicts: [] as PushReport['conflicts'][number][] };
  for (const edit of local.dirty()) {
    const answer = await client.push({ kind: edit.kind, key: edit.key, baseVersion: edit.baseVersion, item: edit.item });
    if (answer.status === 'conflict') {
      if (answer.currentId !== null) {
        const remote = await client.getItem(answer.currentId);
        const history = await client.history(edit.kind, edit.key);
        const author = history.find((v) => v.version === answer.currentVersion)?.author ?? null;
        local.recordConflict(edit.kind, edit.key, { id: remote.id, version: answer.currentVersion, body: canonicalJson(remote.item), author });
      }
      report.conflicts.push({ kind: edit.kind, key: edit.key, baseVersion: edit.baseVersion, currentVersion: answer.currentVersion, message: answer.message });
      continue;
    }
    local.markPushed(answer.summary, client.url);
    (answer.status === 'created' ? report.created : report.unchanged).push({ kind: edit.kind, key: edit.key, version: answer.summary.version });
  }
  return report;
}
