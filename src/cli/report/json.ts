/**
 * Pieces shared by the analysis commands' JSON documents (schemas in docs/json-schemas.md).
 * Every number is SI: s, m, m/s, g, rad, pedals 0..1; absent values are null, never omitted.
 */
import type { LapRecord, SessionDetail } from '../../store/index.js';

export const SCHEMAS = {
  lapReport: 'racecraft.lap-report/1',
  sessionReport: 'racecraft.session-report/1',
  compare: 'racecraft.compare/1',
  corners: 'racecraft.corners/1',
  shifts: 'racecraft.shifts/1',
} as const;

/** Units of the JSON documents, stated in each so a reader need not guess. */
export const SI_UNITS = { time: 's', distance: 'm', speed: 'm/s', acceleration: 'g', angle: 'rad', pedal: '0..1', rpm: 'rpm' } as const;

export type SessionJson = {
  readonly id: number;
  readonly game: string;
  readonly track: string | null;
  readonly trackKey: string | null;
  /** m */
  readonly trackLength: number | null;
  readonly car: string | null;
};

export function sessionJson(s: SessionDetail): SessionJson {
  return {
    id: s.id,
    game: s.game,
    track: s.trackName ?? s.trackKey ?? null,
    trackKey: s.trackKey ?? null,
    trackLength: s.info.trackLength ?? null,
    car: s.carName ?? s.carKey ?? null,
  };
}

export type LapJson = {
  readonly number: number;
  /** s */
  readonly time: number;
  readonly timeSource: 'game' | 'interpolated';
  readonly valid: boolean;
  readonly category: string;
  /** s */
  readonly sectors: readonly number[];
};

export function lapJson(r: LapRecord): LapJson {
  return { number: r.number, time: r.time, timeSource: r.timeSource, valid: r.valid, category: r.category, sectors: r.sectors };
}

/** A corner as the track's catalog numbers it; shared by the lap report and the corner list. */
export type CornerIdentity = {
  readonly number: number;
  readonly name: string | null;
  /** 'L' left, 'R' right. */
  readonly direction: 'L' | 'R';
  /** m, the catalog's geometric entry, apex and exit. */
  readonly entry: number;
  readonly apex: number;
  readonly exit: number;
  /** Found in this analysis's track model (false: known from the stored catalog only). */
  readonly detected: boolean;
  /** New to the track's catalog with this report. */
  readonly added: boolean;
};
