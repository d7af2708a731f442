import { describe, expect, it } from 'vitest';
import { firstNonFinite } from './first-non-finite';

describe('firstNonFinite', () => {
  it('finds the first NaN or infinity, whichever comes first', () => {
    expect(firstNonFinite(new Float64Array([1, -0, Number.MAX_VALUE, Number.NaN, Number.POSITIVE_INFINITY]))).toBe(3);
    expect(firstNonFinite([0, Number.NEGATIVE_INFINITY, Number.NaN])).toBe(1);
    expect(firstNonFinite(new Float64Array([Number.POSITIVE_INFINITY]))).toBe(0);
  });

  it('is -1 when every element is finite, or there is none', () => {
    expect(firstNonFinite(new Float64Array([1e308, -1e-308, 0]))).toBe(-1);
    expect(firstNonFinite(new Float64Array(0))).toBe(-1);
  });
});
