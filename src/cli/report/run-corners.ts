/**
 * `racecraft corners`: detect the track's corners on the session's best lap, number them from
 * the stored catalog (storing new ones), and list them with the best lap's speeds.
 */
import type { Command } from 'commander';
import type { Store } from '../../store/index.js';
import { UserError } from '../errors.js';
import { createOut } from '../output.js';
import { openStoreForRead, resolveSession } from '../store-access.js';
import { compareLaps } from './analyze.js';
import { rowsFromAnalysis, rowsFromCatalog, renderCorners, type CornersReport } from './corners-report.js';
import { sessionJson, SCHEMAS, SI_UNITS } from './json.js';
import { bestLap, catalogKeyOf, fastestTimedLap, lapRange, loadCatalog, loadLap, saveCatalog } from './load.js';
import { parseUnitSystem, unitsOf, type UnitSystem } from './units.js';

export type CornersOptions = { readonly session?: string; readonly json?: boolean; readonly units?: string; readonly reset?: boolean };

/** The corners document of a session's track (default the latest session); `reset` forgets the stored numbering first. */
export function cornersDocument(store: Store, request: { session?: string | undefined; reset?: boolean | undefined }): CornersReport {
  const session = resolveSession(store, request.session);
  const key = catalogKeyOf(session.info);
  const reset = request.reset === true && key !== undefined && store.tracks.deleteCatalog(key.game, key.trackKey);
  const records = store.laps.list(session.id);
  const flying = bestLap(records);
  // Without a valid flying lap, the fastest other timed lap (an out-lap from the pits also ends
  // at the line) still shows the corners; it never teaches the stored catalog.
  const best = flying ?? fastestTimedLap(records);
  const catalog = loadCatalog(store, session.info);
  const base = { schema: SCHEMAS.corners, units: SI_UNITS, session: sessionJson(session) };
  if (best === undefined) {
    if (catalog === undefined) throw new UserError(`session ${session.id} has no valid flying lap to find the corners on (${lapRange(records)}), and no corners are stored for its track`);
    return { ...base, bestLap: null, length: catalog.length, catalog: { stored: true, added: [], reset }, corners: rowsFromCatalog(catalog), analysed: null, distanceSource: null };
  }
  const lap = loadLap(store, session, best);
  const comparison = compareLaps(lap, lap, session.info, catalog, (l) => `lap ${l.lap.number} of session ${session.id}`);
  const stored = saveCatalog(store, session.info, comparison.catalog, flying !== undefined) || catalog !== undefined;
  return {
    ...base,
    bestLap: { number: best.number, time: best.time, category: best.category },
    length: comparison.catalog.length,
    catalog: { stored, added: flying === undefined ? [] : comparison.corners.filter((c) => c.added).map((c) => c.number), reset },
    // Corners seen on a lap that does not teach the catalog are not "new" in it.
    corners: rowsFromAnalysis(comparison.corners, comparison.reference.corners).map((r) => (flying === undefined ? { ...r, added: false } : r)),
    analysed: comparison.lap.analysed,
    distanceSource: comparison.track?.distanceSource ?? null,
  };
}

export async function runCorners(command: Command, opts: CornersOptions, defaultUnits: UnitSystem = 'metric'): Promise<void> {
  const units = parseUnitSystem(opts.units, defaultUnits);
  const out = createOut();
  const store = openStoreForRead(command);
  try {
    const report = cornersDocument(store, { session: opts.session, reset: opts.reset });
    if (opts.json) out.json(report);
    else for (const line of renderCorners(report, unitsOf(units))) out.line(line);
  } finally {
    store.close();
  }
}
