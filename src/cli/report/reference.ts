/**
 * What a lap is compared with (`--vs`): the session's best clean lap, another lap of the session,
 * or the reference lap chosen for the track in the local library (`racecraft library use
 * reference KEY`).
 */
import type { LapInput, ReferenceLap } from '../../engine/analysis/index.js';
import type { ChannelName } from '../../engine/model/index.js';
import type { LapRecord, SessionDetail, Store } from '../../store/index.js';
import { UserError } from '../errors.js';
import { bestLap, findLap, loadLap } from './load.js';

export type VsChoice = { readonly kind: 'best' } | { readonly kind: 'lap'; readonly number: number } | { readonly kind: 'ref' };

const VS_HINT = 'use --vs best, --vs lap N (or --vs N) or --vs ref';

/**
 * Parses `--vs best`, `--vs ref`, `--vs lap 7`, `--vs 7`, `--vs lap7`, `--vs lap:7` (the option
 * takes one or two words). Absent → best.
 */
export function parseVs(value: string | readonly string[] | undefined): VsChoice {
  if (value === undefined) return { kind: 'best' };
  const words = (typeof value === 'string' ? [value] : value).flatMap((w) => w.trim().split(/\s+/)).filter((w) => w !== '');
  const text = words.join(' ').toLowerCase();
  if (text === 'best') return { kind: 'best' };
  if (text === 'ref' || text === 'reference') return { kind: 'ref' };
  const m = /^(?:lap[ :]?)?(\d+)$/.exec(text);
  if (m) return { kind: 'lap', number: Number(m[1]) };
  throw new UserError(`--vs '${words.join(' ')}' is not a lap to compare with`, VS_HINT);
}

/** The chosen reference, ready for analyzeLap, and how to describe it. */
export type ResolvedReference = {
  readonly kind: 'best' | 'lap' | 'ref';
  readonly input: LapInput | ReferenceLap;
  /** What the report calls it: "lap 3", "lap 3 of session 2", "Alice (ac/ks_monza:full/...)". */
  readonly label: string;
  readonly sessionId: number | null;
  readonly lapNumber: number | null;
  /** s */
  readonly lapTime: number;
  /** The library key of a stored reference lap. */
  readonly libraryKey: string | null;
  /** Why this reference and not the one asked for, when they differ. */
  readonly note: string | null;
  /** The reference's stored lap, when it is a recorded lap. */
  readonly record: LapRecord | null;
};

/** Resolves `--vs` for lap `lap` of `session` (records = the session's laps). */
export async function resolveReference(store: Store, session: SessionDetail, records: readonly LapRecord[], lap: LapRecord, choice: VsChoice): Promise<ResolvedReference> {
  switch (choice.kind) {
    case 'lap': {
      const record = findLap(session, records, choice.number);
      return fromLap(store, session, record, 'lap', null);
    }
    case 'best': {
      const best = bestLap(records);
      if (best === undefined) {
        throw new UserError(`session ${session.id} has no valid flying lap to compare with`, 'compare with a lap of your choice: --vs lap N');
      }
      if (best.id !== lap.id) return fromLap(store, session, best, 'best', null);
      // The best lap against itself says nothing: use the next best and say so.
      const next = bestLap(records, lap);
      if (next === undefined) throw new UserError(`lap ${lap.number} is the only valid flying lap of session ${session.id}: there is nothing to compare it with`, 'try --vs ref with a reference lap from the library');
      return fromLap(store, session, next, 'best', `lap ${lap.number} is the session best; compared with the next best, lap ${next.number}`);
    }
    case 'ref':
      return libraryReference(store, session);
  }
}

function fromLap(store: Store, session: SessionDetail, record: LapRecord, kind: 'best' | 'lap', note: string | null): ResolvedReference {
  return {
    kind,
    input: loadLap(store, session, record),
    label: `lap ${record.number}`,
    sessionId: session.id,
    lapNumber: record.number,
    lapTime: record.time,
    libraryKey: null,
    note,
    record,
  };
}

/**
 * The reference lap chosen for this track in the local library. Its channels are on a 1 m grid
 * whose last point is the line (library reference items are made from resampled laps), so t at
 * the last point is the reference's lap time; alignReference maps it onto this session's grid by
 * lap fraction when the lengths differ.
 */
async function libraryReference(store: Store, session: SessionDetail): Promise<ResolvedReference> {
  const trackLabel = session.trackName ?? session.trackKey ?? 'this track';
  const hint = 'run `racecraft library use reference KEY` (see `racecraft library list --kind reference`)';
  if (session.trackKey === undefined) throw new UserError(`no reference lap chosen for ${trackLabel}: the game does not name its track, so none can be chosen`);
  if (store.path === ':memory:') throw new UserError(`no reference lap chosen for ${trackLabel}: ${hint}`);
  // Lazy: the library code is only loaded when a stored reference is asked for.
  const [{ openLocalLibraryFile }, { toKeyComponent }] = await Promise.all([import('../../store/library/local.js'), import('../../store/library/items.js')]);
  const trackKey = session.trackKey;
  const library = openLocalLibraryFile(store.path);
  const chosen = (() => {
    try {
      return library.chosenReference(session.game, toKeyComponent(trackKey));
    } finally {
      library.close();
    }
  })();
  if (chosen === undefined) throw new UserError(`no reference lap chosen for ${trackLabel}: ${hint}`);
  const item = chosen.item;
  const time = item.channels.lapTime;
  if (time === undefined || time.length < 2 || time[0] === null || item.channels.speed === undefined) {
    throw new UserError(`reference lap ${chosen.key} has no lap time or speed channel; choose another one`, hint);
  }
  const n = time.length;
  const t = Array.from(time, (v) => v ?? Number.NaN);
  t[n - 1] = item.lapTime;
  const channels: Partial<Record<ChannelName, readonly (number | null)[]>> = {};
  for (const [name, column] of Object.entries(item.channels) as [ChannelName, readonly (number | null)[]][]) {
    if (name !== 'lapTime' && column.length === n) channels[name] = column;
  }
  const length = session.info.trackLength !== undefined && Math.abs(session.info.trackLength - (n - 1)) < 1 ? session.info.trackLength : n - 1;
  const reference: ReferenceLap = { label: `${item.driver} (${chosen.key})`, lapTime: item.lapTime, grid: { length, cells: n - 1 }, t, channels };
  return { kind: 'ref', input: reference, label: reference.label!, sessionId: null, lapNumber: null, lapTime: item.lapTime, libraryKey: chosen.key, note: null, record: null };
}
