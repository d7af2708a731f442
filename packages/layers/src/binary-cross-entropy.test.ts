import { numericGradient, relError, Tensor, tensor, zeros } from '@lab/tensor';
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

  it("sums the terms in NumPy's order: the course's 0.6931471805599453 for 300 outputs of 0.5", () => {
    const n = 300;
    const a = new Tensor(new Float64Array(n).fill(0.5), [n, 1]);
    const y = new Tensor(
      Float64Array.from({ length: n }, (_, i) => i % 2),
      [n, 1],
    );
    // NumPy 1.24: 1./m * np.nansum(np.multiply(-np.log(a), y) + np.multiply(-np.log(1 - a), 1 - y)).
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the course's printed cost, as printed
    expect(binaryCrossEntropy(a, y).loss).toBe(0.6931471805599453);
    const m = 1000;
    const mixed = new Tensor(
      Float64Array.from({ length: m }, (_, i) => [0.5, 0.25, 0.125, 0.8][i % 4] ?? 0),
      [m, 1],
    );
    const labels = new Tensor(
      Float64Array.from({ length: m }, (_, i) => (i % 3 === 0 ? 1 : 0)),
      [m, 1],
    );
    // The same with a = [0.5, 0.25, 0.125, 0.8] repeated and y = (arange(1000) % 3 == 0) (a loop in order gives …543).
    expect(binaryCrossEntropy(mixed, labels).loss).toBe(0.8171962755145605);
  });

  it("skips a 0-weighted term like the course's nansum; a confident wrong answer is ∞", () => {
    expect(binaryCrossEntropy(tensor([[0], [1]]), tensor([[0], [1]])).loss).toBe(0);
    expect(binaryCrossEntropy(tensor([[1]]), tensor([[0]])).loss).toBe(Number.POSITIVE_INFINITY);
  });
});
