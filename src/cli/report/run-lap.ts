/**
 * `racecraft report lap N`: loads lap N and its reference (only those two traces), compares them
 * with the engine, stores the track's corner catalog back and prints the report. Loaded lazily by
 * src/cli/commands/report.ts so other commands never pay for it.
 */
import type { Command } from 'commander';
import type { Store } from '../../store/index.js';
import { createOut } from '../output.js';
import { openStoreForRead, parsePositiveInt, resolveSession } from '../store-access.js';
import { compareLaps } from './analyze.js';
import { outputWidth } from './charts.js';
import { buildLapReport, type LapReport } from './lap-report.js';
import { renderLapReport } from './lap-render.js';
import { findLap, isValidFlying, loadCatalog, loadLap, saveCatalog } from './load.js';
import { parseVs, resolveReference, type VsChoice } from './reference.js';
import { parseUnitSystem, unitsOf, type UnitSystem } from './units.js';

export type LapReportOptions = {
  readonly session?: string;
  readonly vs?: string | readonly string[];
  readonly json?: boolean;
  readonly units?: string;
};

/** The lap report document of lap `lap` of a session (default the latest), against `vs`; stores the track's catalog back. */
export async function lapReportDocument(store: Store, request: { session?: string | undefined; lap: number; vs: VsChoice; units: UnitSystem }): Promise<LapReport> {
  const session = resolveSession(store, request.session);
  const records = store.laps.list(session.id);
  const record = findLap(session, records, request.lap);
  const reference = await resolveReference(store, session, records, record, request.vs);
  const lap = loadLap(store, session, record);
  const catalog = loadCatalog(store, session.info);
  const comparison = compareLaps(lap, reference.input, session.info, catalog, (l) => `lap ${l.lap.number} of session ${session.id}`);
  const catalogStored = saveCatalog(store, session.info, comparison.catalog, isValidFlying(record) && (reference.record === null || isValidFlying(reference.record))) || catalog !== undefined;
  return buildLapReport({ session, lap: record, reference, referenceRecord: reference.record ?? undefined, comparison, catalogStored, units: request.units });
}

export async function runLapReport(command: Command, lapArg: string, opts: LapReportOptions, defaultUnits: UnitSystem = 'metric'): Promise<void> {
  const lap = parsePositiveInt(lapArg, 'the lap number');
  const vs = parseVs(opts.vs);
  const units = parseUnitSystem(opts.units, defaultUnits);
  const out = createOut();
  const store = openStoreForRead(command);
  try {
    const report = await lapReportDocument(store, { session: opts.session, lap, vs, units });
    if (opts.json) out.json(report);
    else for (const line of renderLapReport(report, { units: unitsOf(units), width: outputWidth(process.stdout.columns) })) out.line(line);
  } finally {
    store.close();
  }
}
