import { numericGradient, relError, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRAD_SHAPES, randomMatrix, testRng } from '../test/random';
import { asTensor, unitGradient } from '../test/scalar';
import { GRAD_CHECK_REL, ROUNDING_ABS } from '../test/tolerances';
import { binaryCrossEntropy } from './binary-cross-entropy';
import { binaryCrossEntropyWithLogits } from './binary-cross-entropy-with-logits';
import { sigmoidBackward, sigmoidForward } from './sigmoid';

describe('binaryCrossEntropyWithLogits', () => {
  it('equals the loss on σ(z), and its gradient is (σ(z) − y)/N', () => {
    // σ(ln 3) = 3/4, σ(−ln 3) = 1/4, σ(0) = 1/2
    const z = tensor([[Math.log(3)], [-Math.log(3)], [0]]);
    const y = tensor([[1], [1], [0]]);
    const { loss, dx } = binaryCrossEntropyWithLogits(z, y);
    expect(Math.abs(loss - (Math.log(4 / 3) + Math.log(4) + Math.log(2)) / 3)).toBeLessThan(ROUNDING_ABS);
    [-1 / 12, -1 / 4, 1 / 6].forEach((v, i) => expect(Math.abs(dx.data[i] - v)).toBeLessThan(ROUNDING_ABS));
  });

  it('rejects z and y of different shapes, with both shapes', () => {
    expect(() => binaryCrossEntropyWithLogits(zeros(3, 1), zeros(3, 2))).toThrow(
      'binaryCrossEntropyWithLogits: (3, 1) and (3, 2): z and y must have the same shape: columns 1 and 2 differ',
    );
  });

  it.each(GRAD_SHAPES)('matches numerical gradients for N=%i, K=%i (M=%i unused)', (n, k) => {
    const rng = testRng();
    const z = randomMatrix(rng, n, k);
    // Hard labels: with soft ones σ(z) − y can be ~1e-5, where the centered difference's rounding
    // noise (~1e-11) alone exceeds a 1e-7 relative error.
    const y = rng.randint(0, 2, [n, k]);
    const { dx } = binaryCrossEntropyWithLogits(z, y);
    const numeric = numericGradient((v) => asTensor(binaryCrossEntropyWithLogits(v, y).loss), z, unitGradient());
    expect(relError(dx, numeric)).toBeLessThan(GRAD_CHECK_REL);
  });

  it('agrees with sigmoid + binaryCrossEntropy, and stays finite where they saturate (±40)', () => {
    const rng = testRng();
    const z = randomMatrix(rng, 6, 1, 3);
    const y = tensor([[1], [0], [1], [0], [1], [0]]);
    const { out, cache } = sigmoidForward(z);
    const probs = binaryCrossEntropy(out, y);
    const logits = binaryCrossEntropyWithLogits(z, y);
    expect(Math.abs(logits.loss - probs.loss)).toBeLessThan(1e-12);
    expect(relError(logits.dx, sigmoidBackward(probs.dx, cache).dx)).toBeLessThan(1e-10);

    const saturated = tensor([[40], [-40], [40], [-40]]);
    const labels = tensor([[0], [1], [1], [0]]);
    const { loss, dx } = binaryCrossEntropyWithLogits(saturated, labels);
    expect(Math.abs(loss - (40 + 40 + 2 * Math.log1p(Math.exp(-40))) / 4)).toBeLessThan(ROUNDING_ABS);
    expect(dx.data.every(Number.isFinite)).toBe(true);
    expect(Math.abs(dx.data[0] - 0.25)).toBeLessThan(ROUNDING_ABS);
    expect(Math.abs(dx.data[1] + 0.25)).toBeLessThan(ROUNDING_ABS);
    // The probability version overflows: σ(40) rounds to 1 and log(1 − 1) = −∞.
    expect(binaryCrossEntropy(sigmoidForward(saturated).out, labels).loss).toBe(Number.POSITIVE_INFINITY);
  });
});
