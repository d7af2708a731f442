/**
 * True when two typed arrays share any memory: the same buffer and overlapping byte ranges. Views
 * of one arena (see createArena) share a buffer without overlapping.
 */
export function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.buffer !== b.buffer || a.byteLength === 0 || b.byteLength === 0) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}
