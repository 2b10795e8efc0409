/**
 * Input and output shapes of the analysis entry points. Outputs are plain JSON (numbers,
 * strings, booleans, null, arrays, objects; no typed arrays, no NaN) in SI units: s, m, m/s,
 * g for accelerations, rad for angles unless a field says deg. Distances are along the lap from
 * the start/finish line. Field names are the documented schema the report commands and the TUI
 * render; add fields, never rename them.
 */
import type { Lap, LapCategory } from '../model/lap.js';
import type { SessionInfo } from '../model/session.js';
import type { Trace } from '../model/trace.js';
import type { Tip } from './coaching.js';
import type { CornerMatchResult, CornerCatalog, MatchedCorner } from './corner-catalog.js';
import type { CornerMetrics } from './corner-metrics.js';
import type { CornerDetectionOptions } from './corners.js';
import type { Consistency, Degradation } from './consistency.js';
import type { GripEnvelope, PhaseUtilisation } from './grip.js';
import type { LapIssue } from './laps.js';
import type { LossAttribution } from './loss.js';
import type { ReferenceLap } from './reference.js';
import type { ShiftAnalysis } from './shifts.js';
import type { TheoreticalBest } from './best.js';

/**
 * One recorded lap: the lap record and exactly its samples. A game that sends a normalized lap
 * position but no lap distance (AC without its handshake) has it in the lapFraction channel; the
 * length is then estimated from it (progress-length.ts).
 */
export type LapInput = { readonly lap: Lap; readonly trace: Trace };

export type AnalysisOptions = {
  /** m, distance grid spacing. Default 1. */
  readonly gridStep?: number;
  /** Include per-lap curves (delta, speed on the grid) in session output. Default false (analyzeLap always does). */
  readonly includeCurves?: boolean;
  readonly cornerDetection?: CornerDetectionOptions;
  /** m, apex tolerance when matching detected corners to the stored catalog. Default 50. */
  readonly cornerMatchToleranceM?: number;
  /** Horizontal plane of world positions. Default 'xz' when posZ exists (Y up), else 'xy'. */
  readonly plane?: 'xz' | 'xy';
};

export type SessionInput = {
  readonly laps: readonly LapInput[];
  readonly session: SessionInfo;
  /** The track's stored corner list, so corner numbers stay the same as in earlier sessions. */
  readonly corners?: CornerCatalog;
  /** A reference lap (personal best, another driver); default: this session's best clean lap. */
  readonly reference?: ReferenceLap;
  readonly options?: AnalysisOptions;
};

export type LapSummary = {
  readonly number: number;
  /** s. */
  readonly time: number;
  readonly timeSource: 'game' | 'interpolated';
  readonly category: LapCategory;
  /** The game's (or tracker's) validity. */
  readonly valid: boolean;
  /** Slower than the robust outlier threshold (spin, traffic). */
  readonly outlier: boolean;
  /** Clean: valid flying lap, not an outlier, no data issues. Only clean laps feed the reference, theoretical best, consistency, trend and grip. */
  readonly clean: boolean;
  readonly issues: readonly LapIssue[];
  /** 0..1, share of the lap length with data. */
  readonly coverage: number;
  /**
   * m, the part of the track a lap covers when it is analysed without running line to line
   * (samples begin or end up to 10 % of the lap from the line, see partial.ts); null for a
   * complete lap or one that cannot be analysed.
   */
  readonly partial: { readonly from: number; readonly to: number } | null;
  /** s, sector times as recorded. */
  readonly sectors: readonly number[];
};

export type TrackSummary = {
  /** m, lap length (the game's, else measured). */
  readonly length: number;
  /** m, length of the driven line of the model. */
  readonly pathLength: number;
  /** m, grid spacing of all per-distance arrays. */
  readonly step: number;
  /** m, sector start distances, first = 0. */
  readonly sectorStarts: readonly number[];
  readonly curvatureSource: 'position' | 'yaw' | 'lateral-g' | 'centerline';
  /** The game's plan coordinates were mirrored to be right-handed (map drawing: x right, y up). */
  readonly mirrored: boolean;
  /**
   * Where the lap distance came from: the game; projection onto the driven line (games without
   * one); or the game's normalized lap position times a length estimated from the driven path
   * ('progress', games that send a position along the lap but no length).
   */
  readonly distanceSource: 'game' | 'projected' | 'progress';
  /** Map: plan coordinates (m, right-handed) every `mapStep` m, elevation when known. */
  readonly mapStep: number;
  readonly map: { readonly x: readonly number[]; readonly y: readonly number[]; readonly z: readonly number[] | null };
};

/** Phase points of a corner on the reference lap, m (see CornerPhases). */
export type CornerPhasePoints = {
  readonly zoneStart: number;
  readonly brakingStart: number;
  readonly brakePoint: number;
  readonly turnIn: number;
  readonly apex: number;
  readonly exitEnd: number;
  readonly zoneEnd: number;
};

export type CornerSummary = MatchedCorner & {
  /** rad, heading change (left > 0) and 1/m peak curvature of this session's detection; null when not detected. */
  readonly turn: number | null;
  readonly peakCurvature: number | null;
  /** Where the reference lap's phases are; null without a reference. */
  readonly phases: CornerPhasePoints | null;
};

/** A lap's curves on the distance grid (see LapAnalysis.curves); the report's JSON `curves` as they are. */
export type LapCurves = {
  /** m, grid spacing: point k is at k·step m. */
  readonly step: number;
  /** s, δ(k): time behind the reference at point k; the last point is the lap-time difference. */
  readonly delta: readonly number[];
  /** m/s */
  readonly speed: readonly (number | null)[];
  readonly referenceSpeed: readonly (number | null)[];
  /** 0..1 per grid point; null where the channel is missing. */
  readonly throttle: readonly (number | null)[] | null;
  readonly brake: readonly (number | null)[] | null;
  readonly referenceThrottle: readonly (number | null)[] | null;
  readonly referenceBrake: readonly (number | null)[] | null;
};

export type LapAnalysis = {
  readonly lapNumber: number;
  /** s. */
  readonly lapTime: number;
  /** s, lap time minus reference lap time (= Σ losses exactly); over `analysed` only when that is set. */
  readonly delta: number;
  /**
   * m, the part of the lap compared when this lap or the reference misses metres at an end
   * (a lap that began after the line, see partial.ts): δ, losses and sector deltas cover only
   * this part, and `delta` is the time difference over it, not the lap-time difference. null
   * when both laps run line to line.
   */
  readonly analysed: { readonly from: number; readonly to: number } | null;
  /** s, per sector: this lap's sector time minus the reference's (on the track's sector starts). */
  readonly sectorDeltas: readonly number[];
  readonly losses: LossAttribution;
  readonly corners: readonly CornerMetrics[];
  /** Mean grip utilisation per corner phase; null without a grip envelope. */
  readonly utilisation: readonly PhaseUtilisation[] | null;
  readonly tips: readonly Tip[];
  /**
   * Per grid point (k·step m): δ s, speed m/s and the pedals 0..1 of this lap and the reference
   * (a pedal null when the channel is missing). Only with includeCurves (session) or always (analyzeLap).
   */
  readonly curves: LapCurves | null;
};

export type ReferenceSummary = {
  /** session-best: the session's best clean lap; lap: a lap the caller chose; input: a stored reference lap. */
  readonly source: 'session-best' | 'lap' | 'input';
  readonly label: string;
  readonly lapNumber: number | null;
  /** s. */
  readonly lapTime: number;
  /** The reference lap's own corner metrics (what the tips compare against). */
  readonly corners: readonly CornerMetrics[];
};

export type SessionAnalysis = {
  readonly schema: 'racecraft.session-analysis/1';
  readonly track: TrackSummary | null;
  /** The corners in lap order, numbered from the catalog. */
  readonly corners: readonly CornerSummary[];
  /** The updated catalog to store back for this track (new corners appended). */
  readonly catalog: CornerCatalog;
  readonly laps: readonly LapSummary[];
  readonly bestLap: { readonly number: number; readonly time: number } | null;
  readonly reference: ReferenceSummary | null;
  readonly theoreticalBest: TheoreticalBest | null;
  readonly consistency: Consistency;
  readonly degradation: Degradation;
  readonly grip: GripEnvelope | null;
  readonly shifts: ShiftAnalysis | null;
  /** One per complete lap, against the reference. */
  readonly lapAnalyses: readonly LapAnalysis[];
};

export type LapComparisonInput = {
  readonly lap: LapInput;
  /** The lap to compare with: another recorded lap, or a stored reference lap. */
  readonly reference: LapInput | ReferenceLap;
  readonly session: SessionInfo;
  readonly corners?: CornerCatalog;
  readonly options?: AnalysisOptions;
};

export type LapComparison = {
  readonly schema: 'racecraft.lap-comparison/1';
  readonly track: TrackSummary | null;
  readonly corners: readonly CornerSummary[];
  readonly catalog: CornerCatalog;
  readonly reference: ReferenceSummary;
  readonly lap: LapAnalysis;
};

export type { CornerMatchResult };
