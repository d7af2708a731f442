import { numericGradient, ones, RandomState, relError, ShapeError, type Tensor, tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../test/helpers';
import { AFFINE_STEP, GRADCHECK_TOLERANCE, HAND_TOLERANCE } from '../test/tolerances';
import { layernormBackward, layernormForward } from './layernorm-functions';

// Each row has x̂ = (−1, −1, 1, 1): row 0 has mean 2 and σ = 1, row 1 mean 2 and σ = 2.
const x = tensor([
  [1, 1, 3, 3],
  [0, 0, 4, 4],
]);

describe('layernormForward', () => {
  it('normalizes each example over its features, by hand', () => {
    const { out, cache } = layernormForward(x, tensor([1, 2, 3, 4]), tensor([0, 0, 0, 1]), { eps: 0 });
    expectClose(
      out,
      [
        [-1, -2, 3, 5],
        [-1, -2, 3, 5],
      ],
      HAND_TOLERANCE,
    );
    expectClose(cache.mean, [2, 2], HAND_TOLERANCE);
    expectClose(cache.invStd, [1, 0.5], HAND_TOLERANCE);
  });

  it('rejects mismatched shapes, empty features and non-finite inputs, with the numbers', () => {
    expect(() => layernormForward(x, ones(3), zeros(4))).toThrow(ShapeError);
    expect(() => layernormForward(x, ones(3), zeros(4))).toThrow(
      'layernormForward: (2, 4) and (3,): x has D = 4 features but gamma has 3 entries; gamma must have shape (4,)',
    );
    expect(() => layernormForward(zeros(2, 0), zeros(0), zeros(0))).toThrow(
      'layernormForward: (2, 0): layer norm needs at least 1 feature per example, got D = 0',
    );
    const bad = x.clone();
    bad.data[6] = Number.NaN;
    expect(() => layernormForward(bad, ones(4), zeros(4))).toThrow(
      'layernormForward: x (2, 4): x[1, 2] is NaN; every element must be finite',
    );
    expect(() => layernormForward(x, ones(4), zeros(4), { eps: Number.NaN })).toThrow(
      'layernormForward: eps must be a finite number >= 0, got NaN',
    );
  });

  it('works on a single example in either mode (no batch statistics)', () => {
    const { out } = layernormForward(tensor([[1, 3]]), ones(2), zeros(2), { eps: 0 });
    expectClose(out, [[-1, 1]], HAND_TOLERANCE);
  });
});

describe('layernormBackward', () => {
  it('matches a hand-computed case', () => {
    const { cache } = layernormForward(x, ones(4), zeros(4), { eps: 0 });
    const { dx, dgamma, dbeta } = layernormBackward(
      tensor([
        [1, 0, 0, 0],
        [0, 0, 0, 2],
      ]),
      cache,
    );
    // dx = 1/(Dσ)·(D·dout − Σdout − x̂·Σ(dout·x̂)) per row.
    expectClose(
      dx,
      [
        [0.5, -0.5, 0, 0],
        [0, 0, -0.5, 0.5],
      ],
      HAND_TOLERANCE,
    );
    expectClose(dgamma, [-1, 0, 0, 2], HAND_TOLERANCE);
    expectClose(dbeta, [1, 0, 0, 2], HAND_TOLERANCE);
  });

  it('passes a gradient check against numericGradient at the default eps', () => {
    const rng = new RandomState(7);
    const xs = rng.randn(4, 5);
    const gamma = rng.randn(5);
    const beta = rng.randn(5);
    const dout = rng.randn(4, 5);
    const forward = (xv: Tensor, g: Tensor, b: Tensor) => layernormForward(xv, g, b).out;
    const grads = layernormBackward(dout, layernormForward(xs, gamma, beta).cache);
    expect(
      relError(
        grads.dx,
        numericGradient((xv) => forward(xv, gamma, beta), xs, dout),
      ),
    ).toBeLessThan(GRADCHECK_TOLERANCE);
    expect(
      relError(
        grads.dgamma,
        numericGradient((g) => forward(xs, g, beta), gamma, dout, AFFINE_STEP),
      ),
    ).toBeLessThan(GRADCHECK_TOLERANCE);
    expect(
      relError(
        grads.dbeta,
        numericGradient((b) => forward(xs, gamma, b), beta, dout, AFFINE_STEP),
      ),
    ).toBeLessThan(GRADCHECK_TOLERANCE);
  });

  it('rejects a dout of another shape and a non-finite dout', () => {
    const { cache } = layernormForward(x, ones(4), zeros(4));
    expect(() => layernormBackward(zeros(2, 3), cache)).toThrow(
      'layernormBackward: (2, 3) and (2, 4): dout must have the shape of the forward input x; D 3 and 4 differ',
    );
    const dout = zeros(2, 4);
    dout.data[0] = Number.NaN;
    expect(() => layernormBackward(dout, cache)).toThrow('layernormBackward: dout (2, 4): dout[0, 0] is NaN; every element must be finite');
  });
});
