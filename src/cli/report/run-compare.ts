/**
 * `racecraft compare A B`: loads the two laps (B may come from another session of the same
 * track), compares them with the engine and prints the delta trace and per-corner losses.
 */
import type { Command } from 'commander';
import type { LapInput } from '../../engine/analysis/index.js';
import type { Store } from '../../store/index.js';
import { UserError } from '../errors.js';
import { createOut } from '../output.js';
import { openStoreForRead, parsePositiveInt, resolveSession } from '../store-access.js';
import { compareLaps } from './analyze.js';
import { outputWidth } from './charts.js';
import { renderCompare, toCompareReport, type CompareReport } from './compare-report.js';
import { lapJson, sessionJson } from './json.js';
import { buildLapReport, type LapReport } from './lap-report.js';
import { findLap, isValidFlying, loadCatalog, loadLap, saveCatalog } from './load.js';
import type { ResolvedReference } from './reference.js';
import { parseUnitSystem, unitsOf, type UnitSystem } from './units.js';

export type CompareOptions = { readonly session?: string; readonly sessionB?: string; readonly json?: boolean; readonly units?: string };

export type CompareRequest = { session?: string | undefined; sessionB?: string | undefined; a: number; b: number; units: UnitSystem };

/** Both forms of the comparison: the document, and the lap-report view the human text is drawn from. */
export type CompareResult = { readonly document: CompareReport; readonly view: LapReport; readonly labelA: string; readonly labelB: string };

/** Lap A against lap B; stores the track's catalog back. */
export function compareDocument(store: Store, request: CompareRequest): CompareResult {
  const sessionA = resolveSession(store, request.session);
  const sessionB = request.sessionB === undefined ? sessionA : resolveSession(store, request.sessionB);
  if (sessionB.game !== sessionA.game || sessionB.trackKey !== sessionA.trackKey) {
    const track = (s: typeof sessionA): string => `${s.game} ${s.trackName ?? s.trackKey ?? 'unknown track'}`;
    throw new UserError(`session ${sessionB.id} is on another track (${track(sessionB)}) than session ${sessionA.id} (${track(sessionA)}): laps compare only on the same track`);
  }
  const recordsA = store.laps.list(sessionA.id);
  const recordsB = sessionB.id === sessionA.id ? recordsA : store.laps.list(sessionB.id);
  const recordA = findLap(sessionA, recordsA, request.a);
  const recordB = findLap(sessionB, recordsB, request.b);
  const same = sessionB.id === sessionA.id;
  const labelA = same ? `lap ${request.a}` : `lap ${request.a} (session ${sessionA.id})`;
  const labelB = same ? `lap ${request.b}` : `lap ${request.b} (session ${sessionB.id})`;
  const lapA = loadLap(store, sessionA, recordA);
  const lapB = loadLap(store, sessionB, recordB);
  const catalog = loadCatalog(store, sessionA.info);
  const name = (l: LapInput): string => (l === lapA ? `lap ${request.a} of session ${sessionA.id}` : `lap ${request.b} of session ${sessionB.id}`);
  const comparison = compareLaps(lapA, lapB, sessionA.info, catalog, name);
  const catalogStored = saveCatalog(store, sessionA.info, comparison.catalog, isValidFlying(recordA) && isValidFlying(recordB)) || catalog !== undefined;
  const reference: ResolvedReference = { kind: 'lap', input: lapB, label: labelB, sessionId: sessionB.id, lapNumber: request.b, lapTime: recordB.time, libraryKey: null, note: null, record: recordB };
  const view = buildLapReport({ session: sessionA, lap: recordA, reference, referenceRecord: recordB, comparison, catalogStored, units: request.units });
  return { document: toCompareReport(view, sessionJson(sessionB), lapJson(recordB)), view, labelA, labelB };
}

export async function runCompare(command: Command, aArg: string, bArg: string, opts: CompareOptions, defaultUnits: UnitSystem = 'metric'): Promise<void> {
  const a = parsePositiveInt(aArg, 'lap A');
  const b = parsePositiveInt(bArg, 'lap B');
  const units = parseUnitSystem(opts.units, defaultUnits);
  const out = createOut();
  const store = openStoreForRead(command);
  try {
    const result = compareDocument(store, { session: opts.session, sessionB: opts.sessionB, a, b, units });
    if (opts.json) out.json(result.document);
    else for (const line of renderCompare(result.view, result.labelA, result.labelB, { units: unitsOf(units), width: outputWidth(process.stdout.columns) })) out.line(line);
  } finally {
    store.close();
  }
}
