/**
 * The `analysis` member of a JSON export: the engine's session analysis
 * (racecraft.session-analysis/1: lap quality, track and corners, reference, per-lap delta and
 * time loss, theoretical best, consistency, grip, shifts) of the whole session, numbered from
 * the track's stored corner catalog, as `racecraft report session` computes it. A one-lap export
 * keeps the session-wide parts and only that lap's entries in `laps` and `lapAnalyses`.
 */
import { analyzeSession, type LapInput, type SessionAnalysis } from '../../engine/analysis/index.js';
import type { Trace } from '../../engine/model/index.js';
import type { LapRecord, SessionDetail, Store } from '../../store/index.js';
import { loadCatalog, MIN_LAP_SAMPLES, saveCatalog } from '../report/load.js';
import { lapOf } from './laps.js';

/** The analysis, or null with the reason there is none. */
export type ExportAnalysis = { readonly analysis: SessionAnalysis; readonly reason?: undefined } | { readonly analysis: null; readonly reason: string };

/**
 * Analyses the session from full traces (`traces` by lap id: every lap with enough samples)
 * and stores the catalog back like the reports do, so corner numbers match theirs.
 */
export function sessionAnalysis(store: Store, session: SessionDetail, records: readonly LapRecord[], traces: ReadonlyMap<number, Trace>, lapNumber?: number): ExportAnalysis {
  const laps: LapInput[] = records.filter((r) => r.sampleCount >= MIN_LAP_SAMPLES && traces.has(r.id)).map((r) => ({ lap: lapOf(r), trace: traces.get(r.id)! }));
  if (laps.length === 0) return { analysis: null, reason: `no lap has ${MIN_LAP_SAMPLES} samples or more` };
  const corners = loadCatalog(store, session.info);
  const analysis = analyzeSession(corners === undefined ? { laps, session: session.info } : { laps, session: session.info, corners });
  // As `report session` does: only a model built from clean laps may teach the catalog.
  saveCatalog(store, session.info, analysis.catalog, analysis.laps.some((l) => l.clean));
  if (lapNumber === undefined) return { analysis };
  return {
    analysis: {
      ...analysis,
      laps: analysis.laps.filter((l) => l.number === lapNumber),
      lapAnalyses: analysis.lapAnalyses.filter((l) => l.lapNumber === lapNumber),
    },
  };
}

/** Whether a lap's trace is needed for the analysis. */
export const analysable = (record: LapRecord): boolean => record.sampleCount >= MIN_LAP_SAMPLES;
