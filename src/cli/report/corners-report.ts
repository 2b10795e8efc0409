/**
 * `racecraft corners`: the track's corners as numbered in its catalog, with what the session's
 * best lap did in each (racecraft.corners/1, SI units), and the human table.
 */
import type { CornerMetrics, CornerSummary } from '../../engine/analysis/index.js';
import type { LapCategory } from '../../engine/model/index.js';
import type { StoredCornerCatalog } from '../../store/index.js';
import { formatLapTime, renderTable } from '../output.js';
import { SCHEMAS, SI_UNITS, type CornerIdentity, type SessionJson } from './json.js';
import { partialNotes } from './partial-notes.js';
import { fmtDistance, fmtSpeed, type Units } from './units.js';

export type CornerListRow = CornerIdentity & {
  /** rad, heading change through the corner in this session (left > 0); null when not detected. */
  readonly turn: number | null;
  /** On the best lap: m/s at the slowest point and where it was (m), brake point (m), entry/exit speed (m/s), gear at the apex. */
  readonly minSpeed: number | null;
  readonly minSpeedAt: number | null;
  readonly brakePoint: number | null;
  readonly entrySpeed: number | null;
  readonly exitSpeed: number | null;
  readonly gearAtApex: number | null;
};

export type CornersReport = {
  readonly schema: typeof SCHEMAS.corners;
  readonly units: typeof SI_UNITS;
  readonly session: SessionJson;
  /**
   * The lap the corners and speeds come from: the session's best valid flying lap, else its
   * fastest other timed lap (e.g. an out-lap; `category` says which); null when there is none.
   */
  readonly bestLap: { readonly number: number; readonly time: number; readonly category: LapCategory } | null;
  /** m, the part of that lap analysed when it does not run line to line (see the lap report); null when it does. */
  readonly analysed: { readonly from: number; readonly to: number } | null;
  /** Where the lap distance came from: the game, or projection onto the driven line; null without a lap. */
  readonly distanceSource: 'game' | 'projected' | 'progress' | null;
  /** m, the lap length the catalog's distances are on. */
  readonly length: number | null;
  readonly catalog: { readonly stored: boolean; readonly added: readonly number[]; readonly reset: boolean };
  readonly corners: readonly CornerListRow[];
};

/** Rows from an analysis (corners with the best lap's metrics). */
export function rowsFromAnalysis(corners: readonly CornerSummary[], metrics: readonly CornerMetrics[]): CornerListRow[] {
  const byNumber = new Map(metrics.map((m) => [m.number, m]));
  return corners.map((c) => {
    const m = byNumber.get(c.number);
    return {
      number: c.number,
      name: c.name ?? null,
      direction: c.direction,
      entry: c.entry,
      apex: c.apex,
      exit: c.exit,
      detected: c.detected,
      added: c.added,
      turn: c.turn,
      minSpeed: m?.minSpeed ?? null,
      minSpeedAt: m === undefined ? null : m.speedApex,
      brakePoint: m?.brakePoint ?? null,
      entrySpeed: m?.entrySpeed ?? null,
      exitSpeed: m?.exitSpeed ?? null,
      gearAtApex: m?.gearAtApex ?? null,
    };
  });
}

/** Rows from the stored catalog alone (no lap to measure). */
export function rowsFromCatalog(catalog: StoredCornerCatalog): CornerListRow[] {
  return [...catalog.corners]
    .sort((a, b) => a.apex - b.apex)
    .map((c) => ({
      number: c.number, name: c.name ?? null, direction: c.direction, entry: c.entry, apex: c.apex, exit: c.exit, detected: false, added: false,
      turn: null, minSpeed: null, minSpeedAt: null, brakePoint: null, entrySpeed: null, exitSpeed: null, gearAtApex: null,
    }));
}

export function renderCorners(r: CornersReport, units: Units): string[] {
  const s = r.session;
  const lines = [`${s.track ?? 'unknown track'} (${s.game}) · ${r.corners.length} corners${r.length === null ? '' : ` · lap ${fmtDistance(units, r.length)} ${units.distanceUnit}`}`];
  if (r.catalog.reset) lines.push('the stored corner catalog was reset: corners numbered afresh from this session');
  lines.push(
    r.bestLap === null
      ? 'no valid flying lap in this session: geometry from the stored catalog only'
      : r.bestLap.category === 'flying'
        ? `speeds from the best lap, lap ${r.bestLap.number} ${formatLapTime(r.bestLap.time)}; speeds ${units.speedUnit}, positions ${units.distanceUnit} from the line`
        : `no valid flying lap: corners and speeds from ${r.bestLap.category} lap ${r.bestLap.number} ${formatLapTime(r.bestLap.time)} (not stored as the track's corners); speeds ${units.speedUnit}, positions ${units.distanceUnit} from the line`,
  );
  lines.push(...partialNotes(r.analysed, r.length, r.distanceSource, units));
  const deg = (rad: number | null): string => (rad === null ? '–' : String(Math.round((Math.abs(rad) * 180) / Math.PI)));
  lines.push(
    ...renderTable(r.corners, [
      { header: 'CORNER', value: (c) => `T${c.number}${c.name ? ` ${c.name}` : ''}` },
      { header: 'DIR', value: (c) => (c.direction === 'L' ? 'left' : 'right') },
      { header: 'ENTRY', value: (c) => fmtDistance(units, c.entry), align: 'right' },
      { header: 'APEX', value: (c) => fmtDistance(units, c.apex), align: 'right' },
      { header: 'EXIT', value: (c) => fmtDistance(units, c.exit), align: 'right' },
      { header: 'TURN°', value: (c) => deg(c.turn), align: 'right' },
      { header: 'BRAKE@', value: (c) => fmtDistance(units, c.brakePoint), align: 'right' },
      { header: 'MIN', value: (c) => fmtSpeed(units, c.minSpeed), align: 'right' },
      { header: 'GEAR', value: (c) => (c.gearAtApex === null ? '–' : String(c.gearAtApex)), align: 'right' },
      { header: '', value: (c) => (c.added ? 'new' : c.detected ? '' : 'not seen this session') },
    ]),
  );
  if (!r.catalog.stored) lines.push('(the game does not name its track: corner numbers cannot be kept between sessions)');
  return lines;
}
