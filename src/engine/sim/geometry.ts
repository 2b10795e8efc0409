/**
 * Curvature-profile geometry: a track is a chain of pieces whose curvature is linear in arc
 * length (straights, constant arcs, clothoid transitions). Heading is then an exact quadratic
 * per piece; positions are integrated with 3-point Gauss-Legendre on sub-steps of at most
 * 0.5 m, which is exact to ~1e-9 m per lap for radii down to 10 m.
 */

/** Curvature goes linearly from k0 to k1 (1/m, positive = left) over `length` m. */
export type CurvaturePiece = {
  readonly length: number;
  readonly k0: number;
  readonly k1: number;
};

export type Pose = { readonly x: number; readonly y: number; readonly heading: number };

const GL_U = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)] as const;
const GL_W = [5 / 9, 8 / 9, 5 / 9] as const;
const MAX_SUBSTEP_M = 0.5;

/** rad, heading at `u` m into a piece that starts at heading `heading0`. */
export function pieceHeading(piece: CurvaturePiece, heading0: number, u: number): number {
  if (piece.length <= 0) return heading0;
  return heading0 + piece.k0 * u + (0.5 * (piece.k1 - piece.k0) * u * u) / piece.length;
}

/** 1/m, curvature at `u` m into a piece. */
export function pieceCurvature(piece: CurvaturePiece, u: number): number {
  if (piece.length <= 0) return piece.k0;
  return piece.k0 + ((piece.k1 - piece.k0) * u) / piece.length;
}

/** Displacement (m) along a piece from u0 to u1, the piece starting at heading `heading0`. */
export function pieceChord(piece: CurvaturePiece, heading0: number, u0: number, u1: number): { dx: number; dy: number } {
  const span = u1 - u0;
  if (span <= 0) return { dx: 0, dy: 0 };
  const steps = Math.max(1, Math.ceil(span / MAX_SUBSTEP_M));
  const h = span / steps;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < steps; i++) {
    const mid = u0 + (i + 0.5) * h;
    for (let q = 0; q < 3; q++) {
      const psi = pieceHeading(piece, heading0, mid + 0.5 * h * GL_U[q]!);
      dx += GL_W[q]! * Math.cos(psi);
      dy += GL_W[q]! * Math.sin(psi);
    }
  }
  return { dx: 0.5 * h * dx, dy: 0.5 * h * dy };
}

/** The pose after driving all pieces from `start`. */
export function endPose(pieces: readonly CurvaturePiece[], start: Pose): Pose {
  let { x, y, heading } = start;
  for (const p of pieces) {
    const { dx, dy } = pieceChord(p, heading, 0, p.length);
    x += dx;
    y += dy;
    heading = pieceHeading(p, heading, p.length);
  }
  return { x, y, heading };
}

/** Total length (m) of a chain of pieces. */
export function chainLength(pieces: readonly CurvaturePiece[]): number {
  return pieces.reduce((sum, p) => sum + p.length, 0);
}

/** Samples of a chain at `count` equally spaced distances i * spacing (i = 0..count-1). */
export type ChainSamples = {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly heading: Float64Array;
  readonly curvature: Float64Array;
};

/**
 * Sample the chain every `spacing` m, marching piece by piece so each interval is integrated
 * once. Curvature at a point exactly on a piece boundary is the mean of both sides, which keeps
 * a curvature step (arc without transition) symmetric.
 */
export function sampleChain(pieces: readonly CurvaturePiece[], start: Pose, spacing: number, count: number): ChainSamples {
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const heading = new Float64Array(count);
  const curvature = new Float64Array(count);
  let pieceIndex = 0;
  let pieceStart = 0;
  let pieceHeading0 = start.heading;
  let px = start.x;
  let py = start.y;
  let u = 0; // position inside the current piece of the last sampled point
  for (let i = 0; i < count; i++) {
    const s = i * spacing;
    // Advance over pieces that end before s, integrating their remainder.
    while (pieceIndex < pieces.length - 1 && pieceStart + pieces[pieceIndex]!.length < s) {
      const p = pieces[pieceIndex]!;
      const chord = pieceChord(p, pieceHeading0, u, p.length);
      px += chord.dx;
      py += chord.dy;
      pieceHeading0 = pieceHeading(p, pieceHeading0, p.length);
      pieceStart += p.length;
      pieceIndex++;
      u = 0;
    }
    const p = pieces[pieceIndex]!;
    const target = Math.min(s - pieceStart, p.length);
    const chord = pieceChord(p, pieceHeading0, u, target);
    px += chord.dx;
    py += chord.dy;
    u = target;
    x[i] = px;
    y[i] = py;
    heading[i] = pieceHeading(p, pieceHeading0, u);
    let k = pieceCurvature(p, u);
    const next = pieces[pieceIndex + 1];
    if (next && Math.abs(u - p.length) < 1e-9) k = 0.5 * (k + next.k0);
    const prev = pieces[pieceIndex - 1];
    if (prev && u < 1e-9) k = 0.5 * (k + prev.k1);
    curvature[i] = k;
  }
  return { x, y, heading, curvature };
}

/**
 * Solve a 2x2 linear system [a b; c d] [p; q] = [e; f]. Returns undefined when singular
 * (the two adjustable straights are parallel and cannot close the loop).
 */
export function solve2x2(a: number, b: number, c: number, d: number, e: number, f: number): { p: number; q: number } | undefined {
  const det = a * d - b * c;
  if (Math.abs(det) < 1e-9) return undefined;
  return { p: (e * d - b * f) / det, q: (a * f - e * c) / det };
}
