import { numericGradient, relError, StateError, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRAD_SHAPES, randomMatrix, testRng } from '../test/random';
import { GRAD_CHECK_REL, ROUNDING_ABS } from '../test/tolerances';
import { Sigmoid, sigmoidBackward, sigmoidForward } from './sigmoid';

describe('sigmoidForward / sigmoidBackward', () => {
  it('computes σ and σ(1 − σ) on hand-worked values', () => {
    const x = tensor([[0, Math.log(3), -Math.log(3)]]);
    const { out, cache } = sigmoidForward(x);
    const expected = [0.5, 0.75, 0.25];
    expected.forEach((v, i) => expect(out.data[i]).toBeCloseTo(v, 15));
    const { dx } = sigmoidBackward(tensor([[4, 4, 4]]), cache);
    [1, 0.75, 0.75].forEach((v, i) => expect(Math.abs(dx.data[i] - v)).toBeLessThan(ROUNDING_ABS));
  });

  it('rejects a dout of another shape, with both shapes', () => {
    const { cache } = sigmoidForward(zeros(4, 1));
    expect(() => sigmoidBackward(zeros(1, 4), cache)).toThrow('sigmoidBackward: (1, 4) and (4, 1): dout and out must have the same shape');
  });

  it.each(GRAD_SHAPES)('matches numerical gradients for N=%i, D=%i (M=%i unused)', (n, d) => {
    const rng = testRng();
    const x = randomMatrix(rng, n, d, 2);
    const dout = randomMatrix(rng, n, d);
    const { dx } = sigmoidBackward(dout, sigmoidForward(x).cache);
    expect(
      relError(
        dx,
        numericGradient((v) => sigmoidForward(v).out, x, dout),
      ),
    ).toBeLessThan(GRAD_CHECK_REL);
  });

  it('stays finite when saturated (±40, ±1000)', () => {
    const { out, cache } = sigmoidForward(tensor([[40, -40, 1000, -1000]]));
    expect(out.data[0]).toBe(1);
    expect(out.data[1]).toBeCloseTo(4.248354255291589e-18, 30);
    expect(out.data[2]).toBe(1);
    expect(out.data[3]).toBe(0);
    const { dx } = sigmoidBackward(tensor([[1, 1, 1, 1]]), cache);
    for (const v of dx.data) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('Sigmoid', () => {
  it('caches per forward and has no params', () => {
    const layer = new Sigmoid();
    expect(() => layer.backward(zeros(1, 1))).toThrow(StateError);
    expect(() => layer.backward(zeros(1, 1))).toThrow('Sigmoid.backward: call forward first');
    expect(layer.forward(tensor([[0]]), 'test').toArray()).toEqual([[0.5]]);
    expect(layer.backward(tensor([[1]])).toArray()).toEqual([[0.25]]);
    expect(layer.params()).toEqual([]);
  });
});
