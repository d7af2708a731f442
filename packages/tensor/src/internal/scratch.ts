let buffer = new Float64Array(64);

/**
 * A module-wide work buffer of at least `n` elements, grown on demand and reused, so that
 * reductions need no allocation per call. Valid only until the next call: never hold it
 * across a call that could use it too.
 */
export function scratch(n: number): Float64Array {
  if (buffer.length < n) buffer = new Float64Array(Math.max(n, 2 * buffer.length));
  return buffer;
}
