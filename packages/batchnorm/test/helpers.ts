import { readFileSync } from 'node:fs';
import type { Tensor } from '@lab/tensor';
import { expect } from 'vitest';

/** Reads a reference vector file from test/fixtures (where they come from: test/fixtures/README.md). */
export function readReference<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/**
 * The worst element's `|a − b|` relative to the tensor's scale, `max(|aᵢ| + |bᵢ|)` (at least 1e-8);
 * see test/tolerances.ts for why the property tests use it instead of the per-element relError.
 */
export function scaledError(a: Tensor, b: Tensor): number {
  expect(a.shape).toEqual(b.shape);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i];
    const y = b.data[i];
    worst = Math.max(worst, Math.abs(x - y));
    scale = Math.max(scale, Math.abs(x) + Math.abs(y));
  }
  return Number.isFinite(worst) ? worst / Math.max(1e-8, scale) : Number.NaN;
}

/** Asserts `|actual − expected| ≤ tol·max(1, |expected|)` element by element, naming the first offender. */
export function expectClose(actual: Tensor, expected: readonly number[] | readonly (readonly number[])[], tol: number): void {
  const flat = (expected as readonly (number | readonly number[])[]).flat() as number[];
  expect(actual.size).toBe(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const error = Math.abs(actual.data[i] - flat[i]);
    if (!(error <= tol * Math.max(1, Math.abs(flat[i])))) {
      expect.fail(`element ${i}: got ${actual.data[i]}, expected ${flat[i]} (error ${error}, tolerance ${tol})`);
    }
  }
}
