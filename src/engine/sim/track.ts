import { chainLength, endPose, sampleChain, solve2x2, type CurvaturePiece, type Pose } from './geometry.js';
import type { CornerPiece, DesignCorner, SimTrack, TrackDesign, TrackPiece } from './types.js';

const DEG = Math.PI / 180;
/** m, shortest an adjustable straight may become after the closure solve. */
const MIN_ADJUSTED_STRAIGHT_M = 30;
const START: Pose = { x: 0, y: 0, heading: 0 };

function signOf(direction: CornerPiece['direction']): number {
  return direction === 'left' ? 1 : -1;
}

/** Heading change of every corner; the closing corner gets whatever makes the lap ±360°. */
function resolveCornerAngles(design: TrackDesign): number[] {
  const target = design.rotation === 'ccw' ? 360 : -360;
  const closers = design.pieces.filter((p) => p.kind === 'corner' && p.closesHeading);
  if (closers.length !== 1) throw new Error(`track ${design.id}: exactly one corner must close the heading`);
  let others = 0;
  for (const p of design.pieces) if (p.kind === 'corner' && !p.closesHeading) others += signOf(p.direction) * p.angleDeg;
  return design.pieces.map((p) => {
    if (p.kind !== 'corner') return 0;
    if (!p.closesHeading) return p.angleDeg;
    const signed = target - others;
    if (Math.sign(signed) !== signOf(p.direction)) throw new Error(`track ${design.id}: closing corner would have to turn the other way (${signed.toFixed(1)} deg)`);
    return Math.abs(signed);
  });
}

/** The curvature pieces of one design piece (a corner is entry clothoid, arc, exit clothoid). */
function toCurvaturePieces(piece: TrackPiece, angleDeg: number, straightLength: number, trackId: string): CurvaturePiece[] {
  if (piece.kind === 'straight') return [{ length: straightLength, k0: 0, k1: 0 }];
  const k = signOf(piece.direction) / piece.radius;
  const arc = angleDeg * DEG * piece.radius - piece.transition;
  if (arc <= 0) throw new Error(`track ${trackId}: corner R${piece.radius} ${angleDeg.toFixed(1)} deg is shorter than its transitions`);
  const out: CurvaturePiece[] = [];
  if (piece.transition > 0) out.push({ length: piece.transition, k0: 0, k1: k });
  out.push({ length: arc, k0: k, k1: k });
  if (piece.transition > 0) out.push({ length: piece.transition, k0: k, k1: 0 });
  return out;
}

function buildChain(design: TrackDesign, angles: readonly number[], straightLengths: readonly number[]): CurvaturePiece[] {
  return design.pieces.flatMap((p, i) => toCurvaturePieces(p, angles[i]!, straightLengths[i]!, design.id));
}

/** Heading (rad) along each design piece's start, for the closure solve. */
function pieceStartHeadings(design: TrackDesign, angles: readonly number[]): number[] {
  let heading = START.heading;
  return design.pieces.map((p, i) => {
    const here = heading;
    if (p.kind === 'corner') heading += signOf(p.direction) * angles[i]! * DEG;
    return here;
  });
}

/**
 * Lengths of the two adjustable straights that close the loop. Moving a straight's length by
 * d translates everything after it by d along its heading, so closure is linear in the two
 * length changes and one solve is exact.
 */
function solveStraights(design: TrackDesign, angles: readonly number[]): number[] {
  const lengths = design.pieces.map((p) => (p.kind === 'straight' ? p.length : 0));
  const adjustable = design.pieces.flatMap((p, i) => (p.kind === 'straight' && p.adjustable ? [i] : []));
  if (adjustable.length !== 2) throw new Error(`track ${design.id}: exactly two straights must be adjustable`);
  const [a, b] = adjustable as [number, number];
  const end = endPose(buildChain(design, angles, lengths), START);
  const headings = pieceStartHeadings(design, angles);
  const ha = headings[a]!;
  const hb = headings[b]!;
  const sol = solve2x2(Math.cos(ha), Math.cos(hb), Math.sin(ha), Math.sin(hb), START.x - end.x, START.y - end.y);
  if (!sol) throw new Error(`track ${design.id}: adjustable straights are parallel`);
  lengths[a] = lengths[a]! + sol.p;
  lengths[b] = lengths[b]! + sol.q;
  if (lengths[a]! < MIN_ADJUSTED_STRAIGHT_M || lengths[b]! < MIN_ADJUSTED_STRAIGHT_M) {
    throw new Error(`track ${design.id}: closure needs straights of ${lengths[a]!.toFixed(1)} m and ${lengths[b]!.toFixed(1)} m`);
  }
  return lengths;
}

function designCorners(design: TrackDesign, angles: readonly number[], lengths: readonly number[]): DesignCorner[] {
  const corners: DesignCorner[] = [];
  let s = 0;
  design.pieces.forEach((p, i) => {
    if (p.kind === 'straight') {
      s += lengths[i]!;
      return;
    }
    const turn = angles[i]! * DEG;
    const arc = turn * p.radius - p.transition;
    const total = arc + 2 * p.transition;
    corners.push({
      number: corners.length + 1,
      direction: p.direction,
      apexDistance: s + p.transition + arc / 2,
      entryDistance: s,
      exitDistance: s + total,
      minRadius: p.radius,
      turnAngle: turn,
      ...(p.name !== undefined ? { name: p.name } : {}),
    });
    s += total;
  });
  return corners;
}

/** m, length of each design piece (a corner includes both transitions). */
function pieceLengths(design: TrackDesign, angles: readonly number[], straightLengths: readonly number[]): number[] {
  return design.pieces.map((p, i) => (p.kind === 'corner' ? angles[i]! * DEG * p.radius + p.transition : straightLengths[i]!));
}

/** Longest run of consecutive straight pieces, joining the last and first pieces over the line. */
function longestStraight(design: TrackDesign, lengths: readonly number[], lapLength: number): { start: number; length: number } {
  const n = design.pieces.length;
  const starts: number[] = [];
  let acc = 0;
  for (const length of lengths) {
    starts.push(acc);
    acc += length;
  }
  const isStraight = (i: number): boolean => design.pieces[((i % n) + n) % n]!.kind === 'straight';
  let best = { start: 0, length: 0 };
  for (let i = 0; i < n; i++) {
    if (!isStraight(i) || isStraight(i - 1)) continue; // only the first piece of a run
    let length = 0;
    for (let j = 0; j < n && isStraight(i + j); j++) length += lengths[(i + j) % n]!;
    if (length > best.length) best = { start: starts[i]! % lapLength, length };
  }
  return best;
}

/**
 * Build a track from its design: close the loop exactly (heading by the closing corner,
 * position by the two adjustable straights), sample a periodic centerline at <= 1 m and
 * derive the ground-truth corners from the corner pieces.
 */
export function buildSimTrack(design: TrackDesign): SimTrack {
  const angles = resolveCornerAngles(design);
  const lengths = solveStraights(design, angles);
  const chain = buildChain(design, angles, lengths);
  const length = chainLength(chain);
  const end = endPose(chain, START);
  const target = (design.rotation === 'ccw' ? 2 : -2) * Math.PI;
  const count = Math.ceil(length - 1e-9);
  const spacing = length / count;
  const samples = sampleChain(chain, START, spacing, count);
  const distance = new Float64Array(count);
  for (let i = 0; i < count; i++) distance[i] = i * spacing;
  const [f2, f3] = design.sectorFractions;
  return {
    id: design.id,
    name: design.name,
    length,
    spacing,
    sectorStarts: [Math.round(f2 * count) * spacing, Math.round(f3 * count) * spacing],
    corners: designCorners(design, angles, lengths),
    centerline: { length: count, distance, ...samples },
    closureError: Math.hypot(end.x - START.x, end.y - START.y),
    headingClosureError: end.heading - START.heading - target,
    longestStraight: longestStraight(design, pieceLengths(design, angles, lengths), length),
  };
}
