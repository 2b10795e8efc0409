/**
 * `racecraft report session`: every lap of the session through the engine's session analysis,
 * the catalog stored back, then the report. Loaded lazily by src/cli/commands/report.ts.
 */
import type { Command } from 'commander';
import { analyzeSession } from '../../engine/analysis/index.js';
import type { Store } from '../../store/index.js';
import { createOut } from '../output.js';
import { openStoreForRead, resolveSession } from '../store-access.js';
import { loadSessionInput, saveCatalog } from './load.js';
import { buildSessionReport, missingShiftChannels, type SessionReport } from './session-report.js';
import { renderSessionReport } from './session-render.js';
import { parseUnitSystem, unitsOf, type UnitSystem } from './units.js';

export type SessionReportOptions = { readonly session?: string; readonly json?: boolean; readonly units?: string };

/** The session report document of a session (default the latest); stores the track's catalog back. */
export function sessionReportDocument(store: Store, request: { session?: string | undefined }): SessionReport {
  const session = resolveSession(store, request.session);
  const records = store.laps.list(session.id);
  const input = loadSessionInput(store, session, records);
  const analysis = analyzeSession(input);
  // The engine builds its track model from the clean laps when there are any.
  const stored = saveCatalog(store, session.info, analysis.catalog, analysis.laps.some((l) => l.clean)) || input.corners !== undefined;
  return buildSessionReport(session, analysis, records, input.laps.map((l) => l.lap.id), stored, missingShiftChannels(input.laps.map((l) => l.trace)));
}

export async function runSessionReport(command: Command, opts: SessionReportOptions, defaultUnits: UnitSystem = 'metric'): Promise<void> {
  const units = parseUnitSystem(opts.units, defaultUnits);
  const out = createOut();
  const store = openStoreForRead(command);
  try {
    const report = sessionReportDocument(store, { session: opts.session });
    if (opts.json) out.json(report);
    else for (const line of renderSessionReport(report, unitsOf(units))) out.line(line);
  } finally {
    store.close();
  }
}
