// A module of its own, without zod: the training code that reports config errors loads it, and a
// sweep's threads load the training code alone (their trials' configs were checked before).

/** `model.layers[2].keepProb`; the empty path is `(top level)`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${key}`)).join('');
}
