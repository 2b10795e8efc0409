import type { Command } from 'commander';
import type { Store } from '../../store/index.js';
import { UserError } from '../errors.js';
import { createOut, formatDate, renderTable } from '../output.js';
import { openStoreForRead } from '../store-access.js';

/**
 * One track racecraft knows: from a stored shape (GT7, Forza), a stored corner catalog, or
 * sessions recorded on it, merged by (game, track key).
 */
export type KnownTrack = {
  readonly game: string;
  readonly trackKey: string;
  /** The shape's name, else the newest session's; undefined when neither has one. */
  readonly name?: string;
  /** m: the shape's lap length, else the catalog's, else the newest session's; undefined when none is known. */
  readonly length?: number;
  /** Corners in the stored catalog; undefined when the track has none. */
  readonly cornerCount?: number;
  readonly sessionCount: number;
  /** unix ms, the start of the newest session on the track; undefined when none was recorded. */
  readonly lastDrivenAt?: number;
  readonly hasShape: boolean;
  readonly hasCatalog: boolean;
};

type MutableTrack = { -readonly [K in keyof KnownTrack]: KnownTrack[K] };

/** Every known track (of `game`, when given), by game then track key. */
export function knownTracks(store: Store, game?: string): KnownTrack[] {
  const byKey = new Map<string, MutableTrack>();
  const entry = (g: string, trackKey: string): MutableTrack => {
    // A NUL cannot occur in a command-line argument, so it cannot make two keys collide.
    const id = `${g}\u0000${trackKey}`;
    let track = byKey.get(id);
    if (!track) {
      track = { game: g, trackKey, sessionCount: 0, hasShape: false, hasCatalog: false };
      byKey.set(id, track);
    }
    return track;
  };
  for (const s of store.tracks.listShapeSummaries()) {
    const track = entry(s.game, s.trackKey);
    track.hasShape = true;
    track.length = s.length;
    if (s.name !== undefined) track.name = s.name;
  }
  for (const c of store.tracks.listCatalogs()) {
    const track = entry(c.game, c.trackKey);
    track.hasCatalog = true;
    track.cornerCount = c.cornerCount;
    track.length ??= c.length;
  }
  for (const u of store.sessions.trackUsage()) {
    const track = entry(u.game, u.trackKey);
    track.sessionCount = u.sessionCount;
    track.lastDrivenAt = u.lastStartedAt;
    track.name ??= u.trackName;
    track.length ??= u.trackLength;
  }
  return [...byKey.values()]
    .filter((t) => game === undefined || t.game === game)
    .sort((a, b) => (a.game === b.game ? compareText(a.trackKey, b.trackKey) : compareText(a.game, b.game)));
}

/** Code-unit order, as SQLite sorts text: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON shape of one track in `racecraft tracks --json` (schema racecraft.tracks/1); length in m. */
export function trackJson(t: KnownTrack): Record<string, unknown> {
  return {
    game: t.game,
    trackKey: t.trackKey,
    name: t.name ?? null,
    length: t.length ?? null,
    cornerCount: t.cornerCount ?? null,
    sessionCount: t.sessionCount,
    lastDrivenAt: t.lastDrivenAt === undefined ? null : new Date(t.lastDrivenAt).toISOString(),
    hasShape: t.hasShape,
    hasCatalog: t.hasCatalog,
  };
}

/** `racecraft tracks [--game ID] [--json]`. */
export function runTracksList(opts: { game?: string; json?: boolean }, command: Command): void {
  const out = createOut();
  const store = openStoreForRead(command);
  try {
    const tracks = knownTracks(store, opts.game);
    if (opts.json) {
      out.json({ schema: 'racecraft.tracks/1', tracks: tracks.map(trackJson) });
      return;
    }
    if (tracks.length === 0) {
      out.note(opts.game === undefined ? 'no tracks known yet: record or import a session first' : `no ${opts.game} tracks known (see \`racecraft tracks\` for every game)`);
      return;
    }
    const lines = renderTable(tracks, [
      { header: 'GAME', value: (t) => t.game },
      { header: 'KEY', value: (t) => t.trackKey },
      { header: 'NAME', value: (t) => t.name ?? '' },
      { header: 'LENGTH', value: (t) => (t.length === undefined ? '' : `${Math.round(t.length)} m`), align: 'right' },
      { header: 'CORNERS', value: (t) => (t.cornerCount === undefined ? '' : String(t.cornerCount)), align: 'right' },
      { header: 'SESSIONS', value: (t) => String(t.sessionCount), align: 'right' },
      // The date alone: formatDate's local 'YYYY-MM-DD HH:MM' cut to its day.
      { header: 'LAST DRIVEN', value: (t) => (t.lastDrivenAt === undefined ? '' : formatDate(t.lastDrivenAt).slice(0, 10)) },
    ]);
    for (const line of lines) out.line(line);
  } finally {
    store.close();
  }
}

/** A name fit for a table row: trimmed, not empty, no control characters. */
export function cleanTrackName(name: string): string {
  const clean = name.trim();
  if (clean === '') throw new UserError('a track name cannot be empty');
  if (/[\u0000-\u001f\u007f]/.test(clean)) throw new UserError('a track name cannot contain control characters (tabs, line breaks)');
  return clean;
}

/** What a rename changed. */
export type TrackRename = {
  /** The name as stored (trimmed). */
  readonly name: string;
  /** The stored shape was renamed (false: the track has none, only a catalog or sessions). */
  readonly shape: boolean;
  /** Sessions whose track name changed. */
  readonly sessions: number;
};

/**
 * Names a known track: its stored shape (so later sessions identified by it take the name) and
 * every past session on it. Throws UserError, before writing anything, when racecraft knows no
 * such track or has nowhere to keep the name (a corner list alone).
 */
export function renameKnownTrack(store: Store, game: string, trackKey: string, name: string): TrackRename {
  const clean = cleanTrackName(name);
  const tracks = knownTracks(store, game);
  const track = tracks.find((t) => t.trackKey === trackKey);
  if (!track) {
    const keys = tracks.map((t) => t.trackKey);
    const hint =
      keys.length === 0
        ? `racecraft knows no tracks of game '${game}'; \`racecraft tracks\` lists the tracks of every game`
        : `known ${game} tracks: ${keys.slice(0, 10).join(', ')}${keys.length > 10 ? `, … (${keys.length} in all)` : ''}; see \`racecraft tracks --game ${game}\``;
    throw new UserError(`unknown track: ${game} ${trackKey}`, hint);
  }
  // A corner list holds no name (its table has no column for one): with neither a shape nor a
  // session the name would be stored nowhere, and saying "renamed" would be untrue.
  if (!track.hasShape && track.sessionCount === 0) {
    throw new UserError(`${game} ${trackKey} has only a stored corner list, which keeps no name; nothing renamed`, 'the name can be given once a session on the track is recorded or imported');
  }
  const shape = store.tracks.renameShape(game, trackKey, clean);
  const sessions = store.sessions.renameTrack(game, trackKey, clean);
  return { name: clean, shape, sessions };
}

/** `racecraft tracks rename GAME KEY NAME`. */
export function runTracksRename(game: string, trackKey: string, name: string, command: Command): void {
  const out = createOut();
  // The read opener, though this writes: a missing database is "nothing recorded yet" rather
  // than a new empty file in which no track can exist.
  const store = openStoreForRead(command);
  try {
    const result = renameKnownTrack(store, game, trackKey, name);
    out.line(`${game} ${trackKey} is now '${result.name}' (${result.sessions} session${result.sessions === 1 ? '' : 's'} renamed)`);
  } finally {
    store.close();
  }
}
