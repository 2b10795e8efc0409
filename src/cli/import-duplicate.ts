import type { ImportedSession } from '../store/formats/index.js';
import type { Store } from '../store/index.js';

/** s: lap bounds and times are stored as doubles; only re-reading the same bytes gives the same laps. */
const SAME_S = 1e-9;

/**
 * The stored import this session already is, if any: the same recording read again (the same
 * file twice, or under another name, or through standard input). Two imports are the same
 * recording when game, track, car, start time (when the file states one) and every lap — its
 * number, time, bounds on the file's clock and sample count — agree. A file with no start time
 * (racecraft CSV) is matched by its laps alone: its samples' clock is its own.
 */
export function findDuplicateImport(store: Store, imported: ImportedSession): number | undefined {
  const { session, laps } = imported;
  const startedAt = imported.startedAt === undefined ? Number.NaN : Date.parse(imported.startedAt);
  for (const s of store.sessions.list()) {
    if (s.source !== 'import' || s.recording || s.game !== session.game || s.lapCount !== laps.length) continue;
    if (s.trackName !== session.trackName || s.carName !== session.carName) continue;
    if (Number.isFinite(startedAt) && s.startedAt !== startedAt) continue;
    const stored = store.laps.list(s.id);
    const same = stored.every((r, k) => {
      const { lap, trace } = laps[k]!;
      return r.number === lap.number && r.sampleCount === trace.length && [r.time - lap.time, r.startT - lap.startT, r.endT - lap.endT].every((d) => Math.abs(d) <= SAME_S);
    });
    if (same) return s.id;
  }
  return undefined;
}
