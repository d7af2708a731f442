import { expect } from 'vitest';

/**
 * Asserts `actual` and `expected` agree element by element within `rel` relative to `scale`
 * (the summed magnitudes behind each value, so cancellation does not inflate the error).
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, scale: ArrayLike<number>, rel: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const bound = rel * Math.max(1, scale[i]);
    if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
      expect.fail(`element ${i}: ${actual[i]} vs ${expected[i]} differ by more than ${bound}`);
    }
  }
}
