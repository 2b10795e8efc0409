/**
 * Loading for the analysis commands: the session, its laps and their traces from the store, as
 * the engine's input, with the track's stored corner catalog; and storing the catalog back so
 * corner numbers stay the same across sessions. Every "not there" is a one-line UserError.
 */
import type { CornerCatalog, LapInput, SessionInput } from '../../engine/analysis/index.js';
import { ANALYSIS_CHANNELS } from '../../engine/analysis/resample.js';
import type { ChannelName, SessionInfo, Trace } from '../../engine/model/index.js';
import type { LapRecord, SessionDetail, Store } from '../../store/index.js';
import { UserError } from '../errors.js';

/** Fewer samples than this cannot describe a lap (a lap at 10 Hz has hundreds). */
export const MIN_LAP_SAMPLES = 20;

/** "session 1 · demo · Kestrel Park · Racecraft RC-1" */
export function sessionLine(session: SessionDetail): string {
  const track = session.trackName ?? session.trackKey ?? 'unknown track';
  return `session ${session.id} · ${session.game} · ${track}${session.carName ? ` · ${session.carName}` : ''}`;
}

/** "laps 0–9", or "no laps" for an empty session. */
export function lapRange(records: readonly LapRecord[]): string {
  if (records.length === 0) return 'no laps';
  const numbers = records.map((r) => r.number);
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers);
  return lo === hi ? `only lap ${lo}` : `laps ${lo}–${hi}`;
}

/**
 * Lap `number` of the session. When a flashback left several laps with that number, the one
 * that counts (not rewound), then the latest, as LapRepo.get chooses.
 */
export function findLap(session: { readonly id: number }, records: readonly LapRecord[], number: number): LapRecord {
  const same = records.filter((r) => r.number === number);
  if (same.length === 0) throw new UserError(`session ${session.id} has no lap ${number} (${lapRange(records)})`);
  same.sort((a, b) => Number(a.category === 'rewound') - Number(b.category === 'rewound') || b.startT - a.startT);
  return same[0]!;
}

/** A stored lap with its trace: the engine's LapInput, keeping the record's id. */
export type StoredLapInput = LapInput & { readonly lap: LapRecord; readonly trace: Trace };

/**
 * The channels a one-lap analysis reads: the engine's resampled set, yaw (curvature when a game
 * sends no positions) and the normalized lap position (length when it sends no distance).
 * Decoding only these is a third of the work of decoding all forty.
 */
export const LAP_ANALYSIS_CHANNELS: readonly ChannelName[] = [...ANALYSIS_CHANNELS, 'yaw', 'lapFraction'];

/** A lap's trace from the store (the channels a lap analysis reads), checked to hold enough samples to analyse. */
export function loadLap(store: Store, session: { readonly id: number }, record: LapRecord): StoredLapInput {
  if (record.sampleCount < MIN_LAP_SAMPLES) {
    throw new UserError(`lap ${record.number} of session ${session.id} has too little data to analyse (${record.sampleCount} sample${record.sampleCount === 1 ? '' : 's'})`, 'pick another lap (see `racecraft laps`)');
  }
  return { lap: record, trace: store.laps.loadTrace(record.id, LAP_ANALYSIS_CHANNELS) };
}

/** Every lap with enough samples, with its trace (laps too short to analyse are left out). */
export function loadSessionLaps(store: Store, records: readonly LapRecord[]): StoredLapInput[] {
  return records.filter((r) => r.sampleCount >= MIN_LAP_SAMPLES).map((r) => ({ lap: r, trace: store.laps.loadTrace(r.id) }));
}

/** A lap the track's corner catalog may learn from. */
export function isValidFlying(r: LapRecord): boolean {
  return r.valid && r.category === 'flying';
}

/** A clean candidate for "your best": a valid flying lap, not marked an outlier, with data. */
export function isBestCandidate(r: LapRecord): boolean {
  return isValidFlying(r) && !r.outlier && r.sampleCount >= MIN_LAP_SAMPLES;
}

/** The session's fastest clean lap, optionally other than lap `except`. */
export function bestLap(records: readonly LapRecord[], except?: LapRecord): LapRecord | undefined {
  let best: LapRecord | undefined;
  for (const r of records) {
    if (!isBestCandidate(r) || r.id === except?.id) continue;
    if (best === undefined || r.time < best.time) best = r;
  }
  return best;
}

/**
 * The fastest timed lap that is not a valid flying one (an out-lap, an in-lap, an invalid lap):
 * what is left to find the corners on when the session has no valid flying lap.
 */
export function fastestTimedLap(records: readonly LapRecord[]): LapRecord | undefined {
  let best: LapRecord | undefined;
  for (const r of records) {
    if (r.category === 'incomplete' || r.category === 'rewound' || r.category === 'pit' || r.sampleCount < MIN_LAP_SAMPLES) continue;
    if (best === undefined || r.time < best.time) best = r;
  }
  return best;
}

/** Where a track's corner catalog lives: the game and the game's track key (none when the game does not name its tracks). */
export type CatalogKey = { readonly game: string; readonly trackKey: string };

export function catalogKeyOf(info: SessionInfo): CatalogKey | undefined {
  return info.trackKey === undefined || info.trackKey === '' ? undefined : { game: info.game, trackKey: info.trackKey };
}

/** The track's stored corner catalog, if any. */
export function loadCatalog(store: Store, info: SessionInfo): CornerCatalog | undefined {
  const key = catalogKeyOf(info);
  return key === undefined ? undefined : store.tracks.getCatalog(key.game, key.trackKey);
}

/**
 * Stores the catalog an analysis returned (old corners unchanged, new ones appended), so the
 * next report numbers the same corners the same way. Only an analysis whose track model came
 * from valid flying laps teaches the catalog (`fromValidLaps`): a corner "found" on a spin or a
 * cut lap would keep its number forever. Returns whether anything was written.
 */
export function saveCatalog(store: Store, info: SessionInfo, catalog: CornerCatalog, fromValidLaps: boolean): boolean {
  const key = catalogKeyOf(info);
  if (!fromValidLaps || key === undefined || catalog.corners.length === 0 || !(catalog.length > 0)) return false;
  return store.tracks.saveCatalog(key.game, key.trackKey, catalog);
}

/** The whole session as the engine's input, with the stored corner catalog. */
export function loadSessionInput(store: Store, session: SessionDetail, records: readonly LapRecord[]): Omit<SessionInput, 'laps'> & { readonly laps: readonly StoredLapInput[] } {
  const laps = loadSessionLaps(store, records);
  if (laps.length === 0) throw new UserError(`session ${session.id} has no lap with enough data to analyse (${lapRange(records)})`);
  const corners = loadCatalog(store, session.info);
  return corners === undefined ? { laps, session: session.info } : { laps, session: session.info, corners };
}
