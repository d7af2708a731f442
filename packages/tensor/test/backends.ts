import { type Arena, createArena } from '../src/arena';
import type { BackendName } from '../src/backend';

/** Both backends, for `describe.each`: every kernel test runs on each. */
export const BACKENDS: readonly BackendName[] = ['js', 'wasm'];

/**
 * A fresh arena of `backend` holding a copy of each array (and zero-filled views for the numbers
 * given as lengths), so a kernel can run on them.
 */
export function arenaWith(backend: BackendName, contents: readonly (Float64Array | number)[]): { arena: Arena; views: Float64Array[] } {
  const arena = createArena(
    contents.map((c) => (typeof c === 'number' ? c : c.length)),
    { backend },
  );
  const views = arena.views.map((view, i) => {
    const c = contents[i];
    if (typeof c !== 'number') view.set(c);
    return view;
  });
  return { arena, views };
}

/** The largest |a − b| over the largest |a| + |b|: the error relative to the result's scale. */
export function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]) + Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}
