import { describe, expect, it } from 'vitest';
import { RandomState } from '../../random-state';
import { kernelExp, kernelSigmoid } from './exp';

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

describe('kernelExp', () => {
  it('is within 2 ulp of Math.exp over the whole finite range, and within 1 ulp on almost all inputs', () => {
    const rng = new RandomState(7);
    let worst = 0;
    let beyondOne = 0;
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      // Half over the full range, half over [−40, 40] where a sigmoid's inputs live.
      const x = i % 2 === 0 ? -745 + rng.nextDouble() * (709.7 + 745) : -40 + 80 * rng.nextDouble();
      const distance = ulpDistance(kernelExp(x), Math.exp(x));
      worst = Math.max(worst, distance);
      if (distance > 1) beyondOne++;
    }
    expect(worst).toBeLessThanOrEqual(2);
    expect(beyondOne / draws).toBeLessThan(1e-3);
  });

  it('is exact at 0 and within an ulp of e at 1', () => {
    expect(kernelExp(0)).toBe(1);
    expect(kernelExp(-0)).toBe(1);
    expect(ulpDistance(kernelExp(1), Math.E)).toBeLessThanOrEqual(1);
  });

  it('overflows, underflows and propagates NaN like Math.exp', () => {
    expect(kernelExp(709.78)).toBeLessThan(Number.POSITIVE_INFINITY);
    expect(kernelExp(709.79)).toBe(Number.POSITIVE_INFINITY);
    expect(kernelExp(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(kernelExp(-745.2)).toBe(0);
    expect(kernelExp(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(kernelExp(Number.NaN)).toBeNaN();
    // Subnormal results keep their value (one rounding, like Math.exp).
    expect(ulpDistance(kernelExp(-740), Math.exp(-740))).toBeLessThanOrEqual(1);
  });
});

describe('kernelSigmoid', () => {
  it('agrees with 1 / (1 + Math.exp(−z)) to 2 ulp and saturates to exactly 0 and 1', () => {
    for (const z of [-30, -5, -1e-3, 0, 0.5, 3, 17, 36]) {
      expect(ulpDistance(kernelSigmoid(z), 1 / (1 + Math.exp(-z)))).toBeLessThanOrEqual(2);
    }
    expect(kernelSigmoid(0)).toBe(0.5);
    expect(kernelSigmoid(40)).toBe(1);
    expect(kernelSigmoid(-800)).toBe(0);
  });
});
