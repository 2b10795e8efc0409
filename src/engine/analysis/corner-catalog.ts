import type { CornerDirection, DetectedCorner } from './corners.js';
import { loopDelta, loopDistance } from './grid.js';

/** One corner of a track's persistent catalog. Distances in m along the lap. */
export type CatalogCorner = {
  /** The stable corner number (T1 = 1). Never changes once assigned. */
  readonly number: number;
  readonly direction: CornerDirection;
  /** m, geometric entry, apex and exit (entry < 0 / exit > length when spanning the line). */
  readonly entry: number;
  readonly apex: number;
  readonly exit: number;
  /** Optional human name ("Parabolica"). */
  readonly name?: string;
};

/** The per-track corner list kept by the store/library so numbers stay stable. */
export type CornerCatalog = {
  /** m, the lap length the distances were measured on (rescaled when a game reports another). */
  readonly length: number;
  readonly corners: readonly CatalogCorner[];
};

/** A catalog corner as seen in this session. */
export type MatchedCorner = CatalogCorner & {
  /** Detected in this session's track model. */
  readonly detected: boolean;
  /** Added to the catalog by this session (it had no such corner). */
  readonly added: boolean;
  /** m, apex distance in this session minus the catalog's, when detected. */
  readonly apexShift?: number;
};

export type CornerMatchResult = {
  /** The catalog to store back: old corners unchanged, new ones appended with the next numbers. */
  readonly catalog: CornerCatalog;
  /** Every catalog corner in lap order (by apex), with this session's detection status. */
  readonly corners: readonly MatchedCorner[];
};

/** m, default apex tolerance for a detection to count as a catalog corner. */
export const CORNER_MATCH_TOLERANCE_M = 50;

/**
 * Match this session's detected corners to the stored catalog so corner numbers stay stable
 * across sessions and drivers. Pairs need the same direction and apexes within `toleranceM`
 * (circular distance, catalog rescaled to this lap length); the closest pairs are taken first
 * (greedy, deterministic). Catalog corners are never renumbered or moved; detections that match
 * nothing are appended with numbers after the highest existing one, in lap order. Without a
 * catalog, corners are numbered 1..n from the line.
 */
export function matchCorners(detected: readonly DetectedCorner[], catalog: CornerCatalog | undefined, length: number, toleranceM = CORNER_MATCH_TOLERANCE_M): CornerMatchResult {
  const scale = catalog !== undefined && catalog.length > 0 ? length / catalog.length : 1;
  const stored = (catalog?.corners ?? []).map((c) => ({ ...c, entry: c.entry * scale, apex: c.apex * scale, exit: c.exit * scale }));
  const pairs: { c: number; d: number; dist: number }[] = [];
  stored.forEach((c, ci) => {
    detected.forEach((d, di) => {
      if (c.direction !== d.direction) return;
      const dist = loopDistance(c.apex, d.apex, length);
      if (dist <= toleranceM) pairs.push({ c: ci, d: di, dist });
    });
  });
  pairs.sort((p, q) => p.dist - q.dist || p.c - q.c || p.d - q.d);
  const catalogTaken = new Map<number, number>();
  const detectedTaken = new Set<number>();
  for (const p of pairs) {
    if (catalogTaken.has(p.c) || detectedTaken.has(p.d)) continue;
    catalogTaken.set(p.c, p.d);
    detectedTaken.add(p.d);
  }

  const out: MatchedCorner[] = stored.map((c, ci) => {
    const di = catalogTaken.get(ci);
    const d = di === undefined ? undefined : detected[di]!;
    return d === undefined ? { ...c, detected: false, added: false } : { ...c, detected: true, added: false, apexShift: loopDelta(c.apex, d.apex, length) };
  });
  let next = stored.reduce((mx, c) => Math.max(mx, c.number), 0) + 1;
  detected.forEach((d, di) => {
    if (detectedTaken.has(di)) return;
    out.push({ number: next++, direction: d.direction, entry: d.entry, apex: d.apex, exit: d.exit, detected: true, added: true });
  });
  out.sort((p, q) => p.apex - q.apex || p.number - q.number);

  const corners: CatalogCorner[] = out
    .map((c): CatalogCorner => {
      const base = { number: c.number, direction: c.direction, entry: c.entry / scale, apex: c.apex / scale, exit: c.exit / scale };
      return c.name === undefined ? base : { ...base, name: c.name };
    })
    .sort((p, q) => p.number - q.number);
  return { catalog: { length: catalog?.length ?? length, corners }, corners: out };
}
