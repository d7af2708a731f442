import { numericGradient, relError, StateError, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRAD_SHAPES, randomMatrix, testRng } from '../test/random';
import { GRAD_CHECK_REL, ROUNDING_ABS } from '../test/tolerances';
import { Softmax, softmaxBackward, softmaxForward } from './softmax';

describe('softmaxForward / softmaxBackward', () => {
  it('normalizes each row on a hand-worked case', () => {
    // e^0 : e^ln2 : e^ln5 = 1 : 2 : 5
    const { out, cache } = softmaxForward(tensor([[0, Math.log(2), Math.log(5)]]));
    [0.125, 0.25, 0.625].forEach((v, i) => expect(Math.abs(out.data[i] - v)).toBeLessThan(ROUNDING_ABS));
    // dout = e₀: dx = y ⊙ (e₀ − y₀) = [0.125·0.875, −0.25·0.125, −0.625·0.125]
    const { dx } = softmaxBackward(tensor([[1, 0, 0]]), cache);
    [0.109375, -0.03125, -0.078125].forEach((v, i) => expect(Math.abs(dx.data[i] - v)).toBeLessThan(ROUNDING_ABS));
  });

  it('rejects shapes with the numbers', () => {
    expect(() => softmaxForward(zeros(3))).toThrow('softmaxForward: (3,): x must be 2-D, got 1-D');
    const { cache } = softmaxForward(zeros(2, 3));
    expect(() => softmaxBackward(zeros(2, 4), cache)).toThrow('softmaxBackward: (2, 4) and (2, 3): dout and out must have the same shape');
  });

  it.each(GRAD_SHAPES)('matches numerical gradients for N=%i, C=%i (M=%i unused)', (n, c) => {
    const rng = testRng();
    // Unit-scale scores: with large ones some gradients are ~1e-6 and the centered difference's
    // rounding noise (~1e-12) alone exceeds a 1e-7 relative error there.
    const x = randomMatrix(rng, n, c);
    const dout = randomMatrix(rng, n, c);
    const { dx } = softmaxBackward(dout, softmaxForward(x).cache);
    expect(
      relError(
        dx,
        numericGradient((v) => softmaxForward(v).out, x, dout),
      ),
    ).toBeLessThan(GRAD_CHECK_REL);
  });

  it('is shift-invariant and finite for huge scores (max subtraction)', () => {
    const { out } = softmaxForward(tensor([[1000, 1001, 998]]));
    expect(out.toArray()).toEqual(softmaxForward(tensor([[0, 1, -2]])).out.toArray());
    expect(out.data.every(Number.isFinite)).toBe(true);
  });
});

describe('Softmax', () => {
  it('caches per forward and has no params', () => {
    const layer = new Softmax();
    expect(() => layer.backward(zeros(1, 2))).toThrow(StateError);
    expect(() => layer.backward(zeros(1, 2))).toThrow('Softmax.backward: call forward first');
    expect(layer.forward(tensor([[0, 0]]), 'test').toArray()).toEqual([[0.5, 0.5]]);
    expect(layer.backward(tensor([[1, 0]])).toArray()).toEqual([[0.25, -0.25]]);
    expect(layer.params()).toEqual([]);
  });
});
