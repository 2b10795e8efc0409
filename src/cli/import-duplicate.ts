import type { ImportedSession } from '../store/formats/index.js';
import type { Store } from '../store/index.js';

/** s: lap bounds and times are stored as doubles; only re-reading the same bytes gives the same laps. */
const SAME_S = 1e-9;

/** What identifies a recording: who, where, when (ms, NaN when the file does not say) and its laps. */
type Recording = {
  readonly game: string;
  readonly trackName: string | undefined;
  readonly carName: string | undefined;
  readonly startedAt: number;
  readonly laps: readonly { readonly number: number; readonly time: number; readonly startT: number; readonly endT: number; readonly samples: number }[];
};

/**
 * The stored import this recording already is, if any: the same recording read again (the same
 * file twice, or under another name, or through standard input). Two imports are the same
 * recording when game, track, car, start time (when the file states one) and every lap — its
 * number, time, bounds on the file's clock and sample count — agree. A file with no start time
 * (racecraft CSV) is matched by its laps alone: its samples' clock is its own.
 */
function findStored(store: Store, recording: Recording, except?: ReadonlySet<number>): number | undefined {
  for (const s of store.sessions.list()) {
    if (except?.has(s.id) || s.source !== 'import' || s.recording || s.game !== recording.game || s.lapCount !== recording.laps.length) continue;
    if (s.trackName !== recording.trackName || s.carName !== recording.carName) continue;
    if (Number.isFinite(recording.startedAt) && s.startedAt !== recording.startedAt) continue;
    const stored = store.laps.list(s.id);
    const same = stored.every((r, k) => {
      const lap = recording.laps[k]!;
      return r.number === lap.number && r.sampleCount === lap.samples && [r.time - lap.time, r.startT - lap.startT, r.endT - lap.endT].every((d) => Math.abs(d) <= SAME_S);
    });
    if (same) return s.id;
  }
  return undefined;
}

/** The stored session a session file's recording already is (see findStored). */
export function findDuplicateImport(store: Store, imported: ImportedSession): number | undefined {
  const { session, laps } = imported;
  return findStored(store, {
    game: session.game,
    trackName: session.trackName,
    carName: session.carName,
    startedAt: imported.startedAt === undefined ? Number.NaN : Date.parse(imported.startedAt),
    laps: laps.map(({ lap, trace }) => ({ number: lap.number, time: lap.time, startT: lap.startT, endT: lap.endT, samples: trace.length })),
  });
}

/**
 * For sessions just stored from a capture (the live path stores as it decodes): the earlier
 * session each one repeats, or undefined when any of them is new. A capture's sessions start at
 * its packets' own timestamps, so the same capture gives the same start times again.
 */
export function earlierImportsOf(store: Store, ids: readonly number[]): number[] | undefined {
  const fresh = new Set(ids);
  const earlier: number[] = [];
  for (const id of ids) {
    const s = store.sessions.get(id);
    if (!s) return undefined;
    const laps = store.laps.list(id).map((r) => ({ number: r.number, time: r.time, startT: r.startT, endT: r.endT, samples: r.sampleCount }));
    const match = findStored(store, { game: s.game, trackName: s.trackName, carName: s.carName, startedAt: s.startedAt, laps }, fresh);
    if (match === undefined) return undefined;
    earlier.push(match);
  }
  return earlier;
}
