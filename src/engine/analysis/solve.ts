/** Small dense linear algebra for the least-squares fits of the analysis (no library needed). */

/** Normal equations AᵀW²A x = AᵀW²b built row by row from sparse rows (index/value pairs). */
export class NormalEquations {
  private readonly a: Float64Array;
  private readonly b: Float64Array;

  constructor(readonly size: number) {
    this.a = new Float64Array(size * size);
    this.b = new Float64Array(size);
  }

  /** One observation Σ values[k]·x[index[k]] ≈ rhs with weight w. */
  add(index: readonly number[], values: readonly number[], rhs: number, w = 1): void {
    const n = this.size;
    const w2 = w * w;
    for (let p = 0; p < index.length; p++) {
      const i = index[p]!;
      const vi = values[p]! * w2;
      this.b[i] = this.b[i]! + vi * rhs;
      for (let q = 0; q < index.length; q++) {
        const j = index[q]!;
        this.a[i * n + j] = this.a[i * n + j]! + vi * values[q]!;
      }
    }
  }

  /** The least-squares solution; undefined when singular. Consumes the system. */
  solve(): number[] | undefined {
    return solveDense(this.a, this.b, this.size);
  }
}

/** Solve A·x = b in place (A is n×n row-major); undefined when singular. */
export function solveDense(a: Float64Array, b: Float64Array, n: number): number[] | undefined {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]!));
  const tiny = scale * 1e-13;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]!) > Math.abs(a[piv * n + col]!)) piv = r;
    if (!(Math.abs(a[piv * n + col]!) > tiny)) return undefined;
    if (piv !== col) {
      for (let j = 0; j < n; j++) {
        const tmp = a[col * n + j]!;
        a[col * n + j] = a[piv * n + j]!;
        a[piv * n + j] = tmp;
      }
      const tb = b[col]!;
      b[col] = b[piv]!;
      b[piv] = tb;
    }
    const p = a[col * n + col]!;
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col]! / p;
      if (f === 0) continue;
      for (let j = col; j < n; j++) a[r * n + j] = a[r * n + j]! - f * a[col * n + j]!;
      b[r] = b[r]! - f * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < n; j++) s -= a[r * n + j]! * x[j]!;
    x[r] = s / a[r * n + r]!;
  }
  return x;
}
