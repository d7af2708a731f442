/**
 * NumPy's `linspace(start, stop, n, endpoint)`: `i·step + start` with `step = (stop − start)/div`,
 * div = n − 1 (endpoint, the last point then exactly `stop`) or n (no endpoint), in NumPy's order
 * of operations so the points are the same doubles.
 */
export function linspace(start: number, stop: number, n: number, endpoint = true): Float64Array {
  const out = new Float64Array(n);
  const div = endpoint ? n - 1 : n;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < n; i++) out[i] = i * step + start;
  if (endpoint && n > 1) out[n - 1] = stop;
  return out;
}
