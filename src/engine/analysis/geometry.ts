/**
 * Plane geometry of closed loops sampled at (nearly) uniform spacing: smoothing, arclength
 * resampling, heading and curvature. Arrays are circular: index N wraps to 0.
 * Convention: a right-handed plane seen from above, so positive curvature = left turn.
 */

/** Periodic Gaussian smoothing, σ in samples (wrap-around padding, as TUMFTM's conv_filt). */
export function smoothPeriodic(values: ArrayLike<number>, sigmaSamples: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (!(sigmaSamples > 0) || n < 3) {
    for (let i = 0; i < n; i++) out[i] = values[i]!;
    return out;
  }
  const r = Math.min(Math.ceil(3 * sigmaSamples), Math.floor((n - 1) / 2));
  const w = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let j = -r; j <= r; j++) {
    const v = Math.exp((-0.5 * j * j) / (sigmaSamples * sigmaSamples));
    w[j + r] = v;
    sum += v;
  }
  for (let j = 0; j < w.length; j++) w[j] = w[j]! / sum;
  for (let i = 0; i < n; i++) {
    let acc = 0;
    if (i >= r && i + r < n) {
      for (let j = -r; j <= r; j++) acc += w[j + r]! * values[i + j]!;
    } else {
      for (let j = -r; j <= r; j++) {
        let q = i + j;
        if (q < 0) q += n;
        else if (q >= n) q -= n;
        acc += w[j + r]! * values[q]!;
      }
    }
    out[i] = acc;
  }
  return out;
}

/** m, length of the closed polyline through the points (last joined back to first). */
export function closedPolylineLength(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let len = 0;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    len += Math.hypot(x[j]! - x[i]!, y[j]! - y[i]!);
  }
  return len;
}

/**
 * m, length of the closed centripetal Catmull–Rom spline through the points. Closer to the
 * true arc than the polyline when the points are sparse (TUMFTM's 5 m spacing): the chords
 * cut every bend short.
 */
export function closedSplineLength(x: ArrayLike<number>, y: ArrayLike<number>, subdivisions = 8): number {
  const n = x.length;
  let len = 0;
  for (let i = 0; i < n; i++) {
    const i0 = (i - 1 + n) % n;
    const i2 = (i + 1) % n;
    const i3 = (i + 2) % n;
    let px = x[i]!;
    let py = y[i]!;
    for (let s = 1; s <= subdivisions; s++) {
      const [qx, qy] = catmullRom(x[i0]!, y[i0]!, x[i]!, y[i]!, x[i2]!, y[i2]!, x[i3]!, y[i3]!, s / subdivisions);
      len += Math.hypot(qx - px, qy - py);
      px = qx;
      py = qy;
    }
  }
  return len;
}

/** Point at parameter u ∈ [0, 1] between p1 and p2 of a centripetal Catmull–Rom segment. */
function catmullRom(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, x3: number, y3: number, u: number): [number, number] {
  const k = (ax: number, ay: number, bx: number, by: number): number => Math.max(Math.sqrt(Math.hypot(bx - ax, by - ay)), 1e-9);
  const t1 = k(x0, y0, x1, y1);
  const t2 = t1 + k(x1, y1, x2, y2);
  const t3 = t2 + k(x2, y2, x3, y3);
  const t = t1 + u * (t2 - t1);
  const a1x = ((t1 - t) / t1) * x0 + (t / t1) * x1;
  const a1y = ((t1 - t) / t1) * y0 + (t / t1) * y1;
  const a2x = ((t2 - t) / (t2 - t1)) * x1 + ((t - t1) / (t2 - t1)) * x2;
  const a2y = ((t2 - t) / (t2 - t1)) * y1 + ((t - t1) / (t2 - t1)) * y2;
  const a3x = ((t3 - t) / (t3 - t2)) * x2 + ((t - t2) / (t3 - t2)) * x3;
  const a3y = ((t3 - t) / (t3 - t2)) * y2 + ((t - t2) / (t3 - t2)) * y3;
  const b1x = ((t2 - t) / t2) * a1x + (t / t2) * a2x;
  const b1y = ((t2 - t) / t2) * a1y + (t / t2) * a2y;
  const b2x = ((t3 - t) / (t3 - t1)) * a2x + ((t - t1) / (t3 - t1)) * a3x;
  const b2y = ((t3 - t) / (t3 - t1)) * a2y + ((t - t1) / (t3 - t1)) * a3y;
  return [((t2 - t) / (t2 - t1)) * b1x + ((t - t1) / (t2 - t1)) * b2x, ((t2 - t) / (t2 - t1)) * b1y + ((t - t1) / (t2 - t1)) * b2y];
}

/**
 * Resample a closed polyline at uniform arclength: `cells` points spaced pathLength/cells,
 * starting at the first input point (which therefore stays s = 0, the line).
 */
export function resampleClosed(x: ArrayLike<number>, y: ArrayLike<number>, targetStep: number): { x: Float64Array; y: Float64Array; step: number } {
  const n = x.length;
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    cum[i + 1] = cum[i]! + Math.hypot(x[j]! - x[i]!, y[j]! - y[i]!);
  }
  const total = cum[n]!;
  const cells = Math.max(3, Math.round(total / targetStep));
  const step = total / cells;
  const ox = new Float64Array(cells);
  const oy = new Float64Array(cells);
  let i = 0;
  for (let k = 0; k < cells; k++) {
    const s = k * step;
    while (i + 1 < n && cum[i + 1]! <= s) i++;
    const j = i + 1 === n ? 0 : i + 1;
    const seg = cum[i + 1]! - cum[i]!;
    const f = seg > 0 ? (s - cum[i]!) / seg : 0;
    ox[k] = x[i]! + f * (x[j]! - x[i]!);
    oy[k] = y[i]! + f * (y[j]! - y[i]!);
  }
  return { x: ox, y: oy, step };
}

/** Wrap an angle difference to (−π, π]. */
export function wrapAngle(a: number): number {
  let r = a % (2 * Math.PI);
  if (r > Math.PI) r -= 2 * Math.PI;
  else if (r <= -Math.PI) r += 2 * Math.PI;
  return r;
}

/**
 * Heading ψ (rad, from +x towards +y) by central differences, and curvature κ (1/m, left > 0)
 * as the heading change over ±`window` samples divided by the path length between them
 * (TUMFTM calc_head_curv_num uses the same preview/review idea).
 */
export function headingAndCurvature(x: ArrayLike<number>, y: ArrayLike<number>, window: number): { heading: Float64Array; curvature: Float64Array } {
  const n = x.length;
  const heading = new Float64Array(n);
  const segLen = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = i === 0 ? n - 1 : i - 1;
    const b = i + 1 === n ? 0 : i + 1;
    heading[i] = Math.atan2(y[b]! - y[a]!, x[b]! - x[a]!);
    segLen[i] = Math.hypot(x[b]! - x[i]!, y[b]! - y[i]!);
  }
  // Cumulative length so the arc between any two indices is O(1).
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + segLen[i]!;
  const total = cum[n]!;
  const curvature = new Float64Array(n);
  const w = Math.max(1, Math.min(window, Math.floor((n - 1) / 2)));
  for (let i = 0; i < n; i++) {
    let a = i - w;
    let b = i + w;
    let arc: number;
    if (a < 0) a += n;
    if (b >= n) b -= n;
    arc = cum[b]! - cum[a]!;
    if (arc <= 0) arc += total;
    curvature[i] = arc > 0 ? wrapAngle(heading[b]! - heading[a]!) / arc : 0;
  }
  return { heading, curvature };
}
