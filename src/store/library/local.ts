import Database from 'better-sqlite3';
import type { ItemSummary } from './backend.js';
import { LibraryError } from './errors.js';
import { ensureLocalSchema } from './local-schema.js';
import { itemContent, itemFacts, itemKey, validateItem, type ItemKind, type ItemOfKind, type LibraryItem, type ReferenceItem } from './items.js';

/**
 * The client's local copy of the library, in the user's own SQLite file (tables `library_*`,
 * created here and versioned by `library_meta`, never by the store's migrations or its
 * PRAGMA user_version). Pulled items live here so they work offline; local edits wait here,
 * marked dirty, until pushed; a pulled version that collides with an unpushed edit is kept
 * beside it in `library_conflicts` until the user picks one. Nothing is overwritten silently.
 */
export type LocalStatus = 'synced' | 'new' | 'modified' | 'conflict';

export type LocalItem = {
  readonly kind: ItemKind;
  readonly key: string;
  readonly id: string;
  readonly version: number | null;
  readonly baseVersion: number;
  readonly dirty: boolean;
  readonly status: LocalStatus;
  readonly game: string;
  readonly track: string | null;
  readonly name: string;
  readonly lapTime: number | null;
  readonly author: string | null;
  readonly server: string | null;
  /** ms since the epoch */
  readonly updatedAt: number;
};

export type LocalConflict = {
  readonly kind: ItemKind;
  readonly key: string;
  readonly localId: string;
  readonly baseVersion: number;
  readonly remoteId: string;
  readonly remoteVersion: number;
  readonly remoteAuthor: string | null;
};

/** A pulled version with its body (canonical JSON), ready to apply. */
export type PulledVersion = { readonly summary: ItemSummary; readonly body: string | undefined };

export type ApplyOutcome = { added: number; updated: number; unchanged: number; conflicts: LocalConflict[] };

type ItemRow = {
  kind: ItemKind;
  key: string;
  id: string;
  body: string;
  version: number | null;
  base_version: number;
  dirty: number;
  game: string;
  track: string | null;
  name: string;
  lap_time: number | null;
  author: string | null;
  server: string | null;
  updated_at: number;
  conflict: number;
};

type ConflictRow = { kind: ItemKind; key: string; remote_id: string; remote_version: number; remote_body: string; remote_author: string | null };

function toLocalItem(row: ItemRow): LocalItem {
  const status: LocalStatus = row.conflict ? 'conflict' : !row.dirty ? 'synced' : row.base_version === 0 ? 'new' : 'modified';
  return {
    kind: row.kind,
    key: row.key,
    id: row.id,
    version: row.version,
    baseVersion: row.base_version,
    dirty: row.dirty === 1,
    status,
    game: row.game,
    track: row.track,
    name: row.name,
    lapTime: row.lap_time,
    author: row.author,
    server: row.server,
    updatedAt: row.updated_at,
  };
}

const ITEM_SELECT = `SELECT i.*, EXISTS (SELECT 1 FROM library_conflicts c WHERE c.kind = i.kind AND c.key = i.key) AS conflict FROM library_items i`;

export type LocalLibrary = ReturnType<typeof openLocalLibrary>;

/** Creates (if needed) the library tables in `db` and returns the operations on them. */
export function openLocalLibrary(db: Database.Database) {
  ensureLocalSchema(db);

  const getRow = db.prepare(`${ITEM_SELECT} WHERE i.kind = ? AND i.key = ?`);
  const getConflict = db.prepare('SELECT * FROM library_conflicts WHERE kind = ? AND key = ?');
  const deleteConflict = db.prepare('DELETE FROM library_conflicts WHERE kind = ? AND key = ?');
  const upsertConflict = db.prepare(
    `INSERT INTO library_conflicts (kind, key, remote_id, remote_version, remote_body, remote_author, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, key) DO UPDATE SET remote_id = excluded.remote_id, remote_version = excluded.remote_version,
       remote_body = excluded.remote_body, remote_author = excluded.remote_author, detected_at = excluded.detected_at`,
  );
  const upsertItem = db.prepare(
    `INSERT INTO library_items (kind, key, id, body, version, base_version, dirty, game, track, name, lap_time, author, server, updated_at)
     VALUES (@kind, @key, @id, @body, @version, @baseVersion, @dirty, @game, @track, @name, @lapTime, @author, @server, @now)
     ON CONFLICT (kind, key) DO UPDATE SET id = excluded.id, body = excluded.body, version = excluded.version,
       base_version = excluded.base_version, dirty = excluded.dirty, game = excluded.game, track = excluded.track,
       name = excluded.name, lap_time = excluded.lap_time, author = excluded.author, server = excluded.server, updated_at = excluded.updated_at`,
  );
  const markSyncedStatement = db.prepare(
    'UPDATE library_items SET version = ?, base_version = ?, dirty = 0, author = ?, server = ?, updated_at = ? WHERE kind = ? AND key = ? AND id = ?',
  );
  const hasId = db.prepare('SELECT 1 FROM library_items WHERE id = ? UNION ALL SELECT 1 FROM library_conflicts WHERE remote_id = ? LIMIT 1');

  function conflictOf(row: ItemRow, c: ConflictRow): LocalConflict {
    return { kind: row.kind, key: row.key, localId: row.id, baseVersion: row.base_version, remoteId: c.remote_id, remoteVersion: c.remote_version, remoteAuthor: c.remote_author };
  }

  function writeItem(kind: ItemKind, key: string, body: string, id: string, fields: { version: number | null; baseVersion: number; dirty: boolean; author: string | null; server: string | null }): void {
    const item = JSON.parse(body) as LibraryItem;
    const facts = itemFacts(kind, item);
    upsertItem.run({ kind, key, id, body, ...fields, dirty: fields.dirty ? 1 : 0, ...facts, now: Date.now() });
  }

  /** Applies one pulled version inside the caller's transaction. */
  function applyOne(server: string, pulled: PulledVersion, out: ApplyOutcome): void {
    const s = pulled.summary;
    const row = getRow.get(s.kind, s.key) as ItemRow | undefined;
    const meta = { version: s.version, baseVersion: s.version, dirty: false, author: s.author, server };
    if (row && row.id === s.id) {
      // Same content: at most a version number to learn (or our own push coming back).
      if (row.version !== s.version || row.dirty) markSyncedStatement.run(s.version, s.version, s.author, server, Date.now(), s.kind, s.key, s.id);
      deleteConflict.run(s.kind, s.key);
      out.unchanged++;
      return;
    }
    if (pulled.body === undefined) throw new LibraryError(`the local library changed during the pull (${s.kind} ${s.key}); pull again`);
    if (!row) {
      writeItem(s.kind, s.key, pulled.body, s.id, meta);
      out.added++;
      return;
    }
    if (!row.dirty && (row.version ?? 0) < s.version) {
      writeItem(s.kind, s.key, pulled.body, s.id, meta);
      deleteConflict.run(s.kind, s.key);
      out.updated++;
      return;
    }
    // An unpushed local edit (or a local copy the server does not know as older): keep both.
    upsertConflict.run(s.kind, s.key, s.id, s.version, pulled.body, s.author, Date.now());
    out.conflicts.push(conflictOf(row, { kind: s.kind, key: s.key, remote_id: s.id, remote_version: s.version, remote_body: pulled.body, remote_author: s.author }));
  }

  function itemOf<K extends ItemKind>(kind: K, key: string): ItemOfKind<K> | undefined {
    const row = getRow.get(kind, key) as ItemRow | undefined;
    return row && (JSON.parse(row.body) as ItemOfKind<K>);
  }

  function chosenOf(game: string, track: string): { key: string; item: ReferenceItem } | undefined {
    const row = db.prepare('SELECT key FROM library_references WHERE game = ? AND track = ?').get(game, track) as { key: string } | undefined;
    if (!row) return undefined;
    const item = itemOf('reference', row.key);
    return item && { key: row.key, item };
  }

  const cursorGet = db.prepare('SELECT cursor FROM library_cursors WHERE server = ? AND filter = ?');
  const cursorSet = db.prepare(
    `INSERT INTO library_cursors (server, filter, cursor, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (server, filter) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  );

  return {
    db,
    /** Whether this content id is held locally (as an item or a conflicting remote copy). */
    has(id: string): boolean {
      return hasId.get(id, id) !== undefined;
    },
    get(kind: ItemKind, key: string): LocalItem | undefined {
      const row = getRow.get(kind, key) as ItemRow | undefined;
      return row && toLocalItem(row);
    },
    /** The item's content, parsed. */
    item: itemOf,
    list(filter: { kind?: ItemKind; game?: string; track?: string } = {}): LocalItem[] {
      const rows = db.prepare(`${ITEM_SELECT} ORDER BY i.kind, i.key`).all() as ItemRow[];
      return rows
        .filter((r) => (filter.kind === undefined || r.kind === filter.kind) && (filter.game === undefined || r.game === filter.game) && (filter.track === undefined || r.track === filter.track))
        .map(toLocalItem);
    },
    /** Local edits waiting to be pushed, tracks first (references name them). */
    dirty(): { kind: ItemKind; key: string; id: string; baseVersion: number; item: LibraryItem }[] {
      const rows = db.prepare(`SELECT kind, key, id, base_version, body FROM library_items WHERE dirty = 1 ORDER BY CASE kind WHEN 'track' THEN 0 WHEN 'car' THEN 1 ELSE 2 END, key`).all() as ItemRow[];
      return rows.map((r) => ({ kind: r.kind, key: r.key, id: r.id, baseVersion: r.base_version, item: JSON.parse(r.body) as LibraryItem }));
    },
    /**
     * Adds or changes an item locally (a track model you built, a reference lap you marked), to
     * be pushed. Validates it first. Returns its key and whether anything changed.
     */
    stage(kind: ItemKind, value: unknown): { key: string; id: string; changed: boolean } {
      const item = validateItem(kind, value);
      const key = itemKey(kind, item);
      const { id, body } = itemContent(item);
      return db.transaction(() => {
        const row = getRow.get(kind, key) as ItemRow | undefined;
        if (row && row.id === id) return { key, id, changed: false };
        const baseVersion = row ? (row.dirty ? row.base_version : (row.version ?? 0)) : 0;
        writeItem(kind, key, body, id, { version: row?.version ?? null, baseVersion, dirty: true, author: row?.author ?? null, server: row?.server ?? null });
        return { key, id, changed: true };
      }).immediate();
    },
    /** After a push the server accepted: the local copy is that version, clean (if it did not change meanwhile). */
    markPushed(summary: ItemSummary, server: string): void {
      db.transaction(() => {
        const marked = markSyncedStatement.run(summary.version, summary.version, summary.author, server, Date.now(), summary.kind, summary.key, summary.id).changes;
        // Edited again while the push was under way: that newer edit now builds on what was pushed.
        if (marked === 0) db.prepare('UPDATE library_items SET base_version = ? WHERE kind = ? AND key = ? AND dirty = 1').run(summary.version, summary.kind, summary.key);
        deleteConflict.run(summary.kind, summary.key);
      }).immediate();
    },
    /** Keeps the server's current version beside an unpushed local edit (after a refused push). */
    recordConflict(kind: ItemKind, key: string, remote: { id: string; version: number; body: string; author: string | null }): void {
      upsertConflict.run(kind, key, remote.id, remote.version, remote.body, remote.author, Date.now());
    },
    conflicts(): LocalConflict[] {
      const rows = db.prepare('SELECT c.*, i.id AS local_id, i.base_version FROM library_conflicts c JOIN library_items i USING (kind, key) ORDER BY c.kind, c.key').all() as (ConflictRow & {
        local_id: string;
        base_version: number;
      })[];
      return rows.map((r) => ({ kind: r.kind, key: r.key, localId: r.local_id, baseVersion: r.base_version, remoteId: r.remote_id, remoteVersion: r.remote_version, remoteAuthor: r.remote_author }));
    },
    /**
     * Settles a conflict. 'mine': keep the local edit, now based on the server's version, so the
     * next push replaces it knowingly. 'theirs': take the server's version, dropping the edit.
     */
    resolve(kind: ItemKind, key: string, keep: 'mine' | 'theirs'): void {
      db.transaction(() => {
        const row = getRow.get(kind, key) as ItemRow | undefined;
        const conflict = getConflict.get(kind, key) as ConflictRow | undefined;
        if (!row || !conflict) throw new LibraryError(`no conflict on ${kind} ${key}`, 'see `racecraft library list` for items marked conflict');
        if (keep === 'mine') {
          db.prepare('UPDATE library_items SET base_version = ?, dirty = 1, updated_at = ? WHERE kind = ? AND key = ?').run(conflict.remote_version, Date.now(), kind, key);
        } else {
          writeItem(kind, key, conflict.remote_body, conflict.remote_id, { version: conflict.remote_version, baseVersion: conflict.remote_version, dirty: false, author: conflict.remote_author, server: row.server });
        }
        deleteConflict.run(kind, key);
      }).immediate();
    },
    cursor(server: string, filter: string): string {
      const row = cursorGet.get(server, filter) as { cursor: string } | undefined;
      return row?.cursor ?? '0';
    },
    /**
     * Applies one pulled page and moves the cursor, in one transaction: a pull interrupted at any
     * point resumes after the last page committed, with nothing half-applied.
     */
    applyPage(server: string, filter: string, page: readonly PulledVersion[], cursor: string): ApplyOutcome {
      return db.transaction(() => {
        const out: ApplyOutcome = { added: 0, updated: 0, unchanged: 0, conflicts: [] };
        for (const pulled of page) applyOne(server, pulled, out);
        cursorSet.run(server, filter, cursor, Date.now());
        return out;
      }).immediate();
    },
    /** `racecraft library use reference KEY`: the reference lap reports and compare use for its track. */
    useReference(key: string): { game: string; track: string; key: string } {
      const item = itemOf('reference', key);
      if (!item) throw new LibraryError(`no reference lap '${key}' in the local library`, 'pull it first (`racecraft library pull --kind reference`), then see `racecraft library list --kind reference`');
      db.prepare(
        `INSERT INTO library_references (game, track, key, chosen_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (game, track) DO UPDATE SET key = excluded.key, chosen_at = excluded.chosen_at`,
      ).run(item.game, item.track, key, Date.now());
      return { game: item.game, track: item.track, key };
    },
    /** The reference lap chosen for a track (game id + track key component), with its content. */
    chosenReference: chosenOf,
    /**
     * The reference lap for a track: the one chosen with `use reference`, else the fastest one in
     * the local library, else undefined. `track` is the library's key component of the game's
     * track key (toKeyComponent(session.trackKey)).
     */
    referenceFor(game: string, track: string): { key: string; item: ReferenceItem; chosen: boolean } | undefined {
      const chosen = chosenOf(game, track);
      if (chosen) return { ...chosen, chosen: true };
      const row = db.prepare(`SELECT key FROM library_items WHERE kind = 'reference' AND game = ? AND track = ? ORDER BY lap_time, key LIMIT 1`).get(game, track) as { key: string } | undefined;
      const item = row && itemOf('reference', row.key);
      return row && item ? { key: row.key, item, chosen: false } : undefined;
    },
    references(): { game: string; track: string; key: string }[] {
      return db.prepare('SELECT game, track, key FROM library_references ORDER BY game, track').all() as { game: string; track: string; key: string }[];
    },
  };
}

/**
 * Opens the local library in an SQLite file (the user's racecraft.db). The store must have
 * created the file first (it refuses a file that has tables but no racecraft header), so the
 * CLI opens the store once before calling this.
 */
export function openLocalLibraryFile(path: string): LocalLibrary & { close(): void } {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const library = openLocalLibrary(db);
    return Object.assign(library, { close: () => db.close() });
  } catch (error) {
    db.close();
    throw error;
  }
}
