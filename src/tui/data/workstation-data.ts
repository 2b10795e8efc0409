import {
  analyzeLap,
  type CornerSummary,
  type TrackSummary,
  analyzeSession,
  analyzeShifts,
  gripEnvelope,
  type GripEnvelope,
  type LapComparison,
  type LapInput,
  type SessionAnalysis,
  type ShiftAnalysis,
} from '../../engine/analysis/index.js';
import type { FrameBus } from '../../engine/capture/frame-bus.js';
import type { Lap, SessionInfo, Trace } from '../../engine/model/index.js';
import type { LapRecord, SessionSummary, Store } from '../../store/index.js';
import type { LibraryAccess } from './library-access.js';
import { referenceFromLap, referenceFromLibrary, type ActiveReference, type ReferenceChoice } from './reference.js';
import { bestLap } from '../../engine/model/lap.js';

/** Where the workstation's data comes from; every part is optional. */
export type WorkstationSources = {
  /** Live frames, laps and counters of a capture in progress. */
  readonly bus?: FrameBus;
  /** The database: the recording's laps and traces, and earlier sessions. */
  readonly store?: Store;
  /** The session being recorded (a function: the recorder opens it at the first frame). */
  readonly sessionId?: number | (() => number | undefined);
  readonly library?: LibraryAccess;
};

/** A lap as the screens list it: a stored lap (with its id) or, without a store, a lap the bus saw. */
export type LapRow = Lap & { readonly id: number | undefined };

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The car as this session measured it: shift points and grip envelope. */
export type CarProfile = {
  readonly shifts: ShiftAnalysis | undefined;
  readonly grip: GripEnvelope | undefined;
  readonly laps: number;
  /** Valid flying laps the envelope came from (0: it came from every lap, out and in laps too). */
  readonly cleanLaps: number;
};

/**
 * The car profile a screen shows: this session's, with the shift points and the grip envelope of
 * an earlier session in the same car (`shiftsFrom`, `gripFrom`: its id) where this one has none yet.
 */
export type CarView = {
  readonly shifts: ShiftAnalysis | undefined;
  readonly grip: GripEnvelope | undefined;
  readonly shiftsFrom?: number;
  readonly gripFrom?: number;
};

/**
 * The track a screen shows: this session's model and corners, or, before its first complete lap,
 * those of an earlier session at the track (`from`: its id).
 */
export type TrackView = {
  readonly track: TrackSummary | undefined;
  readonly corners: readonly CornerSummary[];
  readonly from?: number;
  /** Why there is no track, when there is none. */
  readonly error?: string;
};

/** Lap traces kept decoded (about 0.8 MB each for a 90 s lap at 60 Hz). */
const TRACE_CACHE = 8;

/**
 * The workstation's data, read from the store and the bus and cached; knows nothing of React.
 * `invalidate()` (called on each lap the bus reports) drops what a new lap changes.
 */
export class WorkstationData {
  private generation = 0;
  private readonly traces = new Map<number, Trace>();
  private readonly memo = new Map<string, unknown>();
  /** Every stored lap listed so far, by id (reports and compares name laps by id). */
  private readonly lapIndex = new Map<number, LapRecord>();

  constructor(readonly sources: WorkstationSources) {}

  /** A new lap or session arrived: lists and analyses of the live session must be recomputed. */
  invalidate(): void {
    this.generation++;
  }

  get hasStore(): boolean {
    return this.sources.store !== undefined;
  }

  get isLive(): boolean {
    return this.sources.bus !== undefined;
  }

  liveSessionId(): number | undefined {
    const id = this.sources.sessionId;
    if (typeof id === 'function') return id();
    if (id !== undefined) return id;
    // Live without an id given: the recorder's session is the newest one still open.
    if (this.sources.bus && this.sources.store) {
      const latest = this.sources.store.sessions.latestId();
      return latest !== undefined && this.sources.store.sessions.get(latest)?.recording ? latest : undefined;
    }
    return undefined;
  }

  /** The session the screens show: the one viewed, else the live one, else (browsing) the latest. */
  sessionId(viewed: number | undefined): number | undefined {
    if (viewed !== undefined) return viewed;
    const live = this.liveSessionId();
    if (live !== undefined || this.isLive) return live;
    return this.sources.store?.sessions.latestId();
  }

  sessions(): SessionSummary[] {
    return this.cached(`sessions:${this.generation}`, () => this.sources.store?.sessions.list() ?? []);
  }

  /** What the game said about the session; the bus knows more than the store while recording. */
  sessionInfo(sessionId: number | undefined): SessionInfo | undefined {
    const live = this.liveSessionId();
    if (this.sources.bus && (sessionId === undefined || sessionId === live)) {
      const info = this.sources.bus.session();
      if (info) return info;
    }
    if (sessionId === undefined) sessionId = live;
    if (sessionId === undefined) return undefined;
    const id = sessionId;
    return this.cached(`info:${id}:${this.generation}`, () => this.sources.store?.sessions.get(id)?.info);
  }

  laps(sessionId: number | undefined): LapRow[] {
    const store = this.sources.store;
    if (store && sessionId !== undefined) {
      return this.cached(`laps:${sessionId}:${this.generation}`, () => {
        const laps = store.laps.list(sessionId);
        for (const lap of laps) this.lapIndex.set(lap.id, lap);
        return laps;
      });
    }
    if (this.sources.bus && sessionId === this.liveSessionId()) return this.sources.bus.laps().map((lap) => ({ ...lap, id: undefined }));
    return [];
  }

  /** A stored lap listed earlier (by laps()) or found by bestByTrack. */
  lap(lapId: number): LapRecord | undefined {
    return this.lapIndex.get(lapId);
  }

  trace(lapId: number): Trace {
    const hit = this.traces.get(lapId);
    if (hit) {
      // Most recently used last.
      this.traces.delete(lapId);
      this.traces.set(lapId, hit);
      return hit;
    }
    const store = this.sources.store;
    if (!store) throw new Error('no database: lap traces are not available');
    const trace = store.laps.loadTrace(lapId);
    this.traces.set(lapId, trace);
    while (this.traces.size > TRACE_CACHE) this.traces.delete(this.traces.keys().next().value!);
    return trace;
  }

  lapInput(lap: LapRow & { id: number }): LapInput {
    return { lap, trace: this.trace(lap.id) };
  }

  /**
   * The reference: a lap the user picked, else the setting — 'best' (personal best on this track
   * and car across sessions), 'session-best' (this session's best valid flying lap) or 'library'
   * (the reference lap chosen with `racecraft library use`; falls back to the personal best).
   */
  reference(sessionId: number | undefined, choice: ReferenceChoice, pickedLap: number | undefined): Result<ActiveReference> | undefined {
    const store = this.sources.store;
    if (!store) return undefined;
    const info = this.sessionInfo(sessionId);
    if (!info) return undefined;
    const laps = this.laps(sessionId).filter((l): l is LapRecord => l.id !== undefined);
    const key = `ref:${sessionId}:${choice}:${pickedLap}:${this.generation}`;
    return this.cached(key, () => {
      try {
        if (pickedLap !== undefined) {
          const lap = laps.find((l) => l.id === pickedLap) ?? this.lap(pickedLap);
          if (lap) return ok(referenceFromLap(lap.id, this.lapInput(lap), info, `lap ${lap.number}`));
        }
        if (choice === 'library' && this.sources.library && info.trackKey) {
          const chosen = this.sources.library.chosenReference(info.game, info.trackKey);
          if (chosen) return ok(referenceFromLibrary(chosen.key, chosen.lap, chosen.label));
        }
        if (choice === 'session-best') {
          const best = bestLap(laps);
          return best ? ok(referenceFromLap(best.id, this.lapInput(best), info, `session best, lap ${best.number}`)) : undefined;
        }
        const personal = info.trackKey ? store.laps.bestByTrack(info.game, info.trackKey, info.carKey) : undefined;
        if (personal) this.lapIndex.set(personal.id, personal);
        const lap = personal ?? bestLap(laps);
        if (!lap) return undefined;
        const where = personal && personal.sessionId !== sessionId ? ` (session ${personal.sessionId})` : `, lap ${lap.number}`;
        return ok(referenceFromLap(lap.id, this.lapInput(lap), info, `personal best${where}`));
      } catch (error) {
        return fail(error);
      }
    });
  }

  /** Full session analysis (track model, corners, laps, grip, shifts), recomputed when laps change. */
  sessionAnalysis(sessionId: number | undefined): Result<SessionAnalysis> | undefined {
    const info = this.sessionInfo(sessionId);
    if (!this.sources.store || sessionId === undefined || !info) return undefined;
    const store = this.sources.store;
    return this.cached(`analysis:${sessionId}:${this.generationOf(sessionId)}`, () => {
      try {
        const laps = this.laps(sessionId).filter((l): l is LapRecord => l.id !== undefined && l.category !== 'incomplete');
        if (laps.length === 0) return { ok: false, error: 'no complete lap yet' };
        // The track's stored corner list numbers the corners as `racecraft report` and earlier sessions did.
        const corners = info.trackKey ? store.tracks.getCatalog(info.game, info.trackKey) : undefined;
        return ok(analyzeSession({ laps: laps.map((l) => this.lapInput(l)), session: info, ...(corners ? { corners } : {}) }));
      } catch (error) {
        return fail(error);
      }
    });
  }

  /** Shift points and grip envelope from the session's laps that ran line to line. */
  carProfile(sessionId: number | undefined): CarProfile | undefined {
    if (!this.sources.store || sessionId === undefined) return undefined;
    return this.cached(`car:${sessionId}:${this.generationOf(sessionId)}`, () => {
      const laps = this.laps(sessionId).filter((l): l is LapRecord => l.id !== undefined && l.category !== 'incomplete' && l.category !== 'rewound');
      const traces = laps.map((l) => this.trace(l.id));
      const clean = laps.filter((l) => l.valid && l.category === 'flying').map((l) => this.trace(l.id));
      return { shifts: analyzeShifts(traces), grip: gripEnvelope(clean.length > 0 ? clean : traces), laps: laps.length, cleanLaps: clean.length };
    });
  }

  /**
   * The earlier session that already drove this track: the one the reference lap was recorded in,
   * when that is another session. Until the viewed session has laps of its own, its map, corner
   * numbers and car profile come from there (the live delta already measures against that lap).
   */
  knownFrom(sessionId: number | undefined, reference: ActiveReference | undefined): number | undefined {
    const lap = reference?.lapId !== undefined ? this.lap(reference.lapId) : undefined;
    return lap && lap.sessionId !== sessionId ? lap.sessionId : undefined;
  }

  /**
   * An earlier session at this session's track in any car (the one with the track's best lap):
   * the track is the same whatever was driven on it.
   */
  private trackSessionOf(sessionId: number | undefined): number | undefined {
    const store = this.sources.store;
    const info = this.sessionInfo(sessionId);
    const trackKey = info?.trackKey;
    if (!store || !info || !trackKey) return undefined;
    return this.cached(`track-session:${sessionId}:${this.generation}`, () => {
      const best = store.laps.bestByTrack(info.game, trackKey);
      if (best) this.lapIndex.set(best.id, best);
      return best && best.sessionId !== sessionId ? best.sessionId : undefined;
    });
  }

  /**
   * This session's track model and corners, else (before its first complete lap) those of the
   * reference lap's session, or of another session at the track when the reference is none of them.
   */
  trackView(sessionId: number | undefined, reference: ActiveReference | undefined): TrackView | undefined {
    const own = this.sessionAnalysis(sessionId);
    if (own?.ok && own.value.track) return { track: own.value.track, corners: own.value.corners };
    const from = this.knownFrom(sessionId, reference) ?? this.trackSessionOf(sessionId);
    const known = from !== undefined ? this.sessionAnalysis(from) : undefined;
    if (from !== undefined && known?.ok && known.value.track) return { track: known.value.track, corners: known.value.corners, from };
    if (!own) return undefined;
    return { track: undefined, corners: [], error: own.ok ? 'no lap could be mapped' : own.error };
  }

  /**
   * The car profile to show: this session's, with the shift points and grip envelope of the earlier
   * session in the same car (knownFrom) while this one has computed no shift point or has no clean
   * lap yet.
   */
  carView(sessionId: number | undefined, reference: ActiveReference | undefined): CarView | undefined {
    const own = this.carProfile(sessionId);
    if (!own) return undefined;
    const from = this.knownFrom(sessionId, reference);
    const sameCar = from !== undefined && this.sessionInfo(from)?.carKey === this.sessionInfo(sessionId)?.carKey;
    const known = sameCar ? this.carProfile(from) : undefined;
    const knownShifts = !hasShiftPoints(own.shifts) && hasShiftPoints(known?.shifts);
    const knownGrip = own.cleanLaps === 0 && known !== undefined && known.cleanLaps > 0 && known.grip !== undefined;
    return {
      shifts: knownShifts && known ? known.shifts : own.shifts,
      grip: knownGrip ? known.grip : own.grip,
      ...(knownShifts ? { shiftsFrom: from } : {}),
      ...(knownGrip ? { gripFrom: from } : {}),
    };
  }

  /** One lap against the reference: delta, losses per corner, metrics, tips, curves. */
  lapReport(lapId: number, reference: ActiveReference): Result<LapComparison> {
    const lap = this.lap(lapId);
    if (!lap) return { ok: false, error: `lap ${lapId} is not loaded` };
    const catalog = this.catalogFor(lap.sessionId);
    return this.cached(`report:${lapId}:${reference.key}:${catalog.corners?.corners.length ?? '-'}`, () => {
      const info = this.sessionInfo(lap.sessionId);
      if (!info) return { ok: false, error: 'unknown session' };
      try {
        return ok(analyzeLap({ lap: this.lapInput(lap), reference: reference.input, session: info, ...catalog }));
      } catch (error) {
        return fail(error);
      }
    });
  }

  /** Lap `a` against lap `b` (Compare). */
  compareLaps(a: number, b: number): Result<LapComparison> {
    const lapA = this.lap(a);
    const lapB = this.lap(b);
    if (!lapA || !lapB) return { ok: false, error: 'a marked lap is not loaded' };
    const catalog = this.catalogFor(lapA.sessionId);
    return this.cached(`compare:${a}:${b}:${catalog.corners?.corners.length ?? '-'}`, () => {
      const info = this.sessionInfo(lapA.sessionId);
      if (!info) return { ok: false, error: 'unknown session' };
      try {
        return ok(analyzeLap({ lap: this.lapInput(lapA), reference: this.lapInput(lapB), session: info, ...catalog }));
      } catch (error) {
        return fail(error);
      }
    });
  }

  /** The session's corner catalog from its analysis, so report and compare number corners as the map does. */
  private catalogFor(sessionId: number): { corners?: SessionAnalysis['catalog'] } {
    const analysis = this.sessionAnalysis(sessionId);
    return analysis?.ok ? { corners: analysis.value.catalog } : {};
  }

  /**
   * The cache generation of a session's analyses: a finished session never changes, so its
   * analysis (an earlier session standing in for the live one) is computed once, not on every lap.
   */
  private generationOf(sessionId: number): string {
    if (sessionId === this.liveSessionId()) return String(this.generation);
    const summary = this.sessions().find((s) => s.id === sessionId);
    return summary && !summary.recording ? 'final' : String(this.generation);
  }

  private cached<T>(key: string, make: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = make();
    this.memo.set(key, value);
    // Keep the memo small: old generations and old comparisons go first.
    if (this.memo.size > 200) {
      for (const k of this.memo.keys()) {
        this.memo.delete(k);
        if (this.memo.size <= 150) break;
      }
    }
    return value;
  }
}


/** Whether a shift analysis computed an upshift point for at least one gear. */
function hasShiftPoints(shifts: ShiftAnalysis | undefined): boolean {
  return shifts?.gears.some((g) => g.optimalRpm !== null) ?? false;
}

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function fail<T>(error: unknown): Result<T> {
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

/** The fastest valid flying lap (one rule for the whole app: engine/model/lap.ts). */
export { bestLap };
