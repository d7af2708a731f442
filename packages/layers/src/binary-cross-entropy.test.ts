import { numericGradient, relError, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRAD_SHAPES, testRng } from '../test/random';
import { asTensor, unitGradient } from '../test/scalar';
import { GRAD_CHECK_REL, ROUNDING_ABS } from '../test/tolerances';
import { binaryCrossEntropy } from './binary-cross-entropy';

describe('binaryCrossEntropy', () => {
  it('averages −[y log a + (1 − y) log(1 − a)] over the N rows on a hand-worked case', () => {
    const a = tensor([[0.5], [0.8], [0.25]]);
    const y = tensor([[1], [0], [0]]);
    const { loss, dx } = binaryCrossEntropy(a, y);
    expect(Math.abs(loss - (Math.log(2) + Math.log(5) + Math.log(4 / 3)) / 3)).toBeLessThan(ROUNDING_ABS);
    // dx = (−y/a + (1 − y)/(1 − a)) / N
    [-2 / 3, 5 / 3, 4 / 9].forEach((v, i) => expect(Math.abs(dx.data[i] - v)).toBeLessThan(ROUNDING_ABS));
  });

  it('rejects a and y of different shapes, with both shapes', () => {
    expect(() => binaryCrossEntropy(zeros(5, 1), zeros(1, 5))).toThrow(
      'binaryCrossEntropy: (5, 1) and (1, 5): a and y must have the same shape: rows 5 and 1 differ',
    );
    expect(() => binaryCrossEntropy(zeros(5), zeros(5))).toThrow('binaryCrossEntropy: (5,): a must be 2-D, got 1-D');
  });

  it.each(GRAD_SHAPES)('matches numerical gradients for N=%i, K=%i (M=%i unused)', (n, k) => {
    const rng = testRng();
    const a = rng.rand(n, k);
    for (let i = 0; i < a.size; i++) a.data[i] = 0.05 + 0.9 * a.data[i];
    const y = rng.rand(n, k);
    const { dx } = binaryCrossEntropy(a, y);
    const numeric = numericGradient((v) => asTensor(binaryCrossEntropy(v, y).loss), a, unitGradient());
    expect(relError(dx, numeric)).toBeLessThan(GRAD_CHECK_REL);
  });

  it("skips a 0-weighted term like the course's nansum; a confident wrong answer is ∞", () => {
    expect(binaryCrossEntropy(tensor([[0], [1]]), tensor([[0], [1]])).loss).toBe(0);
    expect(binaryCrossEntropy(tensor([[1]]), tensor([[0]])).loss).toBe(Number.POSITIVE_INFINITY);
  });
});
