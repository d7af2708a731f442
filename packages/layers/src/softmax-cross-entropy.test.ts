import { numericGradient, relError, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRAD_SHAPES, randomMatrix, testRng } from '../test/random';
import { asTensor, unitGradient } from '../test/scalar';
import { GRAD_CHECK_REL, ROUNDING_ABS } from '../test/tolerances';
import { softmaxCrossEntropy } from './softmax-cross-entropy';

describe('softmaxCrossEntropy', () => {
  it('is −log p[label] averaged over rows, gradient (p − onehot)/N', () => {
    // Row 0: probabilities 1/8, 2/8, 5/8; row 1: uniform over 3.
    const x = tensor([
      [0, Math.log(2), Math.log(5)],
      [7, 7, 7],
    ]);
    const { loss, dx } = softmaxCrossEntropy(x, [1, 0]);
    expect(Math.abs(loss - (Math.log(4) + Math.log(3)) / 2)).toBeLessThan(ROUNDING_ABS);
    const expected = [1 / 16, (1 / 4 - 1) / 2, 5 / 16, (1 / 3 - 1) / 2, 1 / 6, 1 / 6];
    expected.forEach((v, i) => expect(Math.abs(dx.data[i] - v)).toBeLessThan(ROUNDING_ABS));
    expect(softmaxCrossEntropy(x, tensor([1, 0])).loss).toBe(loss);
  });

  it('rejects label counts and labels that do not fit, with the numbers', () => {
    expect(() => softmaxCrossEntropy(zeros(4, 3), [0, 1, 2])).toThrow(
      'softmaxCrossEntropy: (4, 3) and (3,): y must hold N = 4 labels, got 3',
    );
    expect(() => softmaxCrossEntropy(zeros(2, 3), [0, 3])).toThrow('softmaxCrossEntropy: y[1] = 3 is not a class index in [0, 3)');
    expect(() => softmaxCrossEntropy(zeros(2, 3), [0.5, 1])).toThrow('softmaxCrossEntropy: y[0] = 0.5 is not a class index in [0, 3)');
  });

  it.each(GRAD_SHAPES)('matches numerical gradients for N=%i, C=%i (M=%i unused)', (n, c) => {
    const rng = testRng();
    const x = randomMatrix(rng, n, c);
    const y = rng.randint(0, c, [n]);
    const { dx } = softmaxCrossEntropy(x, y);
    const numeric = numericGradient((v) => asTensor(softmaxCrossEntropy(v, y).loss), x, unitGradient());
    expect(relError(dx, numeric)).toBeLessThan(GRAD_CHECK_REL);
  });

  it('stays finite for huge scores (log-sum-exp)', () => {
    const { loss, dx } = softmaxCrossEntropy(tensor([[1000, -1000, 0]]), [1]);
    expect(loss).toBe(2000);
    expect(dx.toArray()).toEqual([[1, -1, 0]]);
  });
});
