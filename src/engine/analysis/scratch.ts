/**
 * Reusable work buffers for the hot kernels, so resampling 20 laps does not allocate (and the
 * GC does not have to reclaim) megabytes of temporaries per call. A buffer is only used inside
 * one synchronous function call and never escapes it; contents are NOT zeroed: callers write
 * every element they read. No I/O, no state visible from outside: the engine stays pure.
 */
const f64 = new Map<string, Float64Array>();
const i32 = new Map<string, Int32Array>();
const f32 = new Map<string, Float32Array>();

function grow<T extends Float64Array | Int32Array | Float32Array>(pool: Map<string, T>, key: string, n: number, make: (size: number) => T): T {
  let buf = pool.get(key);
  if (buf === undefined || buf.length < n) {
    buf = make(Math.max(n, Math.ceil((buf?.length ?? 0) * 1.5)));
    pool.set(key, buf);
  }
  return buf.subarray(0, n) as T;
}

export function scratchF64(key: string, n: number): Float64Array {
  return grow(f64, key, n, (s) => new Float64Array(s));
}

export function scratchI32(key: string, n: number): Int32Array {
  return grow(i32, key, n, (s) => new Int32Array(s));
}

export function scratchF32(key: string, n: number): Float32Array {
  return grow(f32, key, n, (s) => new Float32Array(s));
}
