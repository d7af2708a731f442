import { numericGradient, relError, StateError, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { GRAD_SHAPES, randomMatrix, testRng } from '../test/random';
import { GRAD_CHECK_REL } from '../test/tolerances';
import { ReLU, reluBackward, reluForward } from './relu';

describe('reluForward / reluBackward', () => {
  it('zeroes negatives forward and their gradients backward', () => {
    const x = tensor([
      [-1, 0, 2],
      [3, -4, 0.5],
    ]);
    const { out, cache } = reluForward(x);
    expect(out.toArray()).toEqual([
      [0, 0, 2],
      [3, 0, 0.5],
    ]);
    const { dx } = reluBackward(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      cache,
    );
    expect(dx.toArray()).toEqual([
      [0, 0, 3],
      [4, 0, 6],
    ]);
  });

  it('rejects a dout of another shape, with both shapes', () => {
    const { cache } = reluForward(zeros(2, 3));
    expect(() => reluBackward(zeros(3, 2), cache)).toThrow('reluBackward: (3, 2) and (2, 3): dout and x must have the same shape');
    expect(() => reluForward(zeros(2, 3), zeros(2, 2))).toThrow('reluForward: (2, 2): out must have shape (2, 3)');
  });

  it.each(GRAD_SHAPES)('matches numerical gradients for N=%i, D=%i (M=%i unused)', (n, d) => {
    const rng = testRng();
    const x = randomMatrix(rng, n, d);
    const dout = randomMatrix(rng, n, d);
    const { dx } = reluBackward(dout, reluForward(x).cache);
    expect(
      relError(
        dx,
        numericGradient((v) => reluForward(v).out, x, dout),
      ),
    ).toBeLessThan(GRAD_CHECK_REL);
  });

  it('works in place (out = x)', () => {
    const x = tensor([[-2, 3]]);
    const { out, cache } = reluForward(x, x);
    expect(out).toBe(x);
    expect(x.toArray()).toEqual([[0, 3]]);
    expect(reluBackward(tensor([[5, 7]]), cache).dx.toArray()).toEqual([[0, 7]]);
  });
});

describe('ReLU', () => {
  it('caches per forward and has no params', () => {
    const layer = new ReLU();
    expect(() => layer.backward(zeros(1, 1))).toThrow(StateError);
    expect(() => layer.backward(zeros(1, 1))).toThrow('ReLU.backward: call forward first');
    expect(layer.forward(tensor([[-1, 1]]), 'train').toArray()).toEqual([[0, 1]]);
    expect(layer.backward(tensor([[2, 2]])).toArray()).toEqual([[0, 2]]);
    expect(layer.params()).toEqual([]);
  });
});
