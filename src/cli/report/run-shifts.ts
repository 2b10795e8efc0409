/** `racecraft shifts`: shift points from every lap of the session (rewound laps excluded). */
import type { Command } from 'commander';
import { analyzeShifts } from '../../engine/analysis/index.js';
import type { Store } from '../../store/index.js';
import { UserError } from '../errors.js';
import { createOut } from '../output.js';
import { openStoreForRead, resolveSession } from '../store-access.js';
import { sessionJson } from './json.js';
import { lapRange, loadSessionLaps } from './load.js';
import { buildShiftsReport, renderShifts, type ShiftsReport } from './shifts-report.js';
import { parseUnitSystem, unitsOf, type UnitSystem } from './units.js';

export type ShiftsOptions = { readonly session?: string; readonly json?: boolean; readonly units?: string };

/** The shifts document of a session (default the latest). */
export function shiftsDocument(store: Store, request: { session?: string | undefined }): ShiftsReport {
  const session = resolveSession(store, request.session);
  const records = store.laps.list(session.id);
  // A rewound lap's samples did not happen in the game's final timeline (as in the session analysis).
  const laps = loadSessionLaps(store, records.filter((r) => r.category !== 'rewound'));
  if (laps.length === 0) throw new UserError(`session ${session.id} has no lap with enough data (${lapRange(records)})`);
  return buildShiftsReport(sessionJson(session), laps, analyzeShifts(laps.map((l) => l.trace)));
}

export async function runShifts(command: Command, opts: ShiftsOptions, defaultUnits: UnitSystem = 'metric'): Promise<void> {
  const units = parseUnitSystem(opts.units, defaultUnits);
  const out = createOut();
  const store = openStoreForRead(command);
  try {
    const report = shiftsDocument(store, { session: opts.session });
    if (opts.json) out.json(report);
    else for (const line of renderShifts(report, unitsOf(units))) out.line(line);
  } finally {
    store.close();
  }
}
