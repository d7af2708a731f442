/**
 * Small NumPy-like helpers over row-major `(N, D)` buffers, used by the staged backward so
 * that each step of the computation graph reads like one line of the course's NumPy code.
 * They allocate a new array per call: readability first, the fast paths live in the kernels.
 */

/** `a.sum(axis=0)`: `(N, D)` → `(D,)`. */
export function sumOverRows(a: Float64Array, n: number, d: number): Float64Array {
  const sum = new Float64Array(d);
  for (let i = 0, base = 0; i < n; i++, base += d) {
    for (let j = 0; j < d; j++) sum[j] += a[base + j];
  }
  return sum;
}

/** `a * b` element-wise: `(N, D)` · `(N, D)` → `(N, D)`. */
export function multiply(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = a[k] * b[k];
  return out;
}

/** `a + b` element-wise: `(N, D)` + `(N, D)` → `(N, D)`. */
export function add(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) out[k] = a[k] + b[k];
  return out;
}

/** `a * v` with `v` broadcast over rows: `(N, D)` · `(D,)` → `(N, D)`. */
export function multiplyColumns(a: Float64Array, v: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0, base = 0; i < n; i++, base += d) {
    for (let j = 0; j < d; j++) out[base + j] = a[base + j] * v[j];
  }
  return out;
}

/** `np.ones((N, D)) * v`: `(D,)` → `(N, D)`, every row a copy of `v`. */
export function repeatRows(v: Float64Array, n: number): Float64Array {
  const d = v.length;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) out.set(v, i * d);
  return out;
}

/** `f(a[j], b[j])` for each feature: `(D,)`, `(D,)` → `(D,)`. */
export function mapFeatures(a: Float64Array, b: Float64Array, f: (a: number, b: number) => number): Float64Array {
  const out = new Float64Array(a.length);
  for (let j = 0; j < a.length; j++) out[j] = f(a[j], b[j]);
  return out;
}
