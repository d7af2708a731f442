import { describeValue } from './validate';

/** A value JSON holds without loss: what `JSON.parse(JSON.stringify(v))` gives back unchanged. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Finds the first part of `value` that JSON would change or reject: NaN and ±Infinity
 * (saved as null), undefined, functions, symbols and bigints, class instances (Dates,
 * typed arrays, Maps), and cycles. -0 is allowed and saved as 0.
 * @param path - the name of `value` in the message, e.g. `extra`
 * @returns `<path>.<field>: <problem>`, or null when `value` is JSON-safe
 */
export function findJsonProblem(value: unknown, path: string, seen: Set<object> = new Set()): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path}: ${value} is not JSON-safe`;
  if (typeof value !== 'object') return `${path}: ${describeValue(value)} is not JSON-safe`;
  if (seen.has(value)) return `${path}: a cycle is not JSON-safe`;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findJsonProblem(value[i], `${path}[${i}]`, seen);
      if (problem !== null) return problem;
    }
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      return `${path}: a ${value.constructor?.name ?? 'class'} instance is not JSON-safe; use plain objects and arrays`;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = findJsonProblem(item, `${path}.${key}`, seen);
      if (problem !== null) return problem;
    }
  }
  seen.delete(value);
  return null;
}
