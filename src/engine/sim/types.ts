/**
 * Plain data the demo simulator builds on: track designs (what a person writes), the built
 * tracks (what the simulator and the tests use), and the ground-truth corner list.
 *
 * Plane convention: the centerline lives in a right-handed (x, y) plane, headings are
 * counter-clockwise from +x, and positive curvature is a LEFT turn (the convention of
 * shared/research/analysis-algorithms.md §4.2). Frames put x in posX and y in posZ.
 */

export type TurnDirection = 'left' | 'right';

/** A straight piece of a track design. */
export type StraightPiece = {
  readonly kind: 'straight';
  /** m */
  readonly length: number;
  /** The closure solver may lengthen or shorten this straight (exactly two per design). */
  readonly adjustable?: boolean;
};

/**
 * One corner: a clothoid entry (curvature ramps linearly from 0), a constant-radius arc and a
 * clothoid exit. Two corners back to back with opposite directions make a chicane.
 */
export type CornerPiece = {
  readonly kind: 'corner';
  readonly direction: TurnDirection;
  /** m, radius of the constant arc (the corner's minimum radius). */
  readonly radius: number;
  /** deg, total heading change including both transitions. Ignored when `closesHeading`. */
  readonly angleDeg: number;
  /** m, length of each clothoid transition (entry and exit). */
  readonly transition: number;
  /** The builder sets this corner's angle so the lap turns exactly ±360°. One per design. */
  readonly closesHeading?: boolean;
  readonly name?: string;
};

export type TrackPiece = StraightPiece | CornerPiece;

/** What a person writes to define a track; `buildSimTrack` turns it into a `SimTrack`. */
export type TrackDesign = {
  /** Short id, e.g. 'kestrel'; the session track key is `demo:<id>`. */
  readonly id: string;
  readonly name: string;
  /** Pieces from the start/finish line, in driving order. */
  readonly pieces: readonly TrackPiece[];
  /** 'cw' turns -360° per lap, 'ccw' +360°. */
  readonly rotation: 'cw' | 'ccw';
  /** Fractions of the lap where sectors 2 and 3 start (snapped to the grid). */
  readonly sectorFractions: readonly [number, number];
};

/** A corner of the ground-truth corner list, numbered from the line. Distances are lap distances in m. */
export type DesignCorner = {
  /** 1-based, in driving order from the start/finish line. */
  readonly number: number;
  readonly direction: TurnDirection;
  /** m, middle of the constant-radius arc, where |curvature| peaks. */
  readonly apexDistance: number;
  /** m, where the entry transition starts (curvature leaves 0). */
  readonly entryDistance: number;
  /** m, where the exit transition ends (curvature back to 0). */
  readonly exitDistance: number;
  /** m */
  readonly minRadius: number;
  /** rad, absolute heading change through the corner. */
  readonly turnAngle: number;
  readonly name?: string;
};

/**
 * Dense centerline, periodic: point i is at lap distance i * spacing, for i in [0, length);
 * point `length` would be point 0 again.
 */
export type Centerline = {
  readonly length: number;
  /** m, lap distance of each point. */
  readonly distance: Float64Array;
  /** m */
  readonly x: Float64Array;
  /** m */
  readonly y: Float64Array;
  /** rad, unwrapped heading (continuous along the lap). */
  readonly heading: Float64Array;
  /** 1/m, signed curvature, positive = left. */
  readonly curvature: Float64Array;
};

export type SimTrack = {
  readonly id: string;
  readonly name: string;
  /** m, official lap length (the centerline length). */
  readonly length: number;
  /** m, grid spacing of the centerline (length / point count, at most 1 m). */
  readonly spacing: number;
  /** m, lap distances where sectors 2 and 3 start (exact grid points). */
  readonly sectorStarts: readonly [number, number];
  readonly corners: readonly DesignCorner[];
  readonly centerline: Centerline;
  /** m, distance between the centerline's end and its start after integrating the design (closure check). */
  readonly closureError: number;
  /** rad, heading change over the lap minus ±2π (closure check). */
  readonly headingClosureError: number;
  /** The design's longest straight (wrapping over the line), in m. */
  readonly longestStraight: { readonly start: number; readonly length: number };
};
