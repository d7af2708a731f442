import {
  ConfigError,
  isLabError,
  numericGradient,
  ones,
  RandomState,
  relError,
  ShapeError,
  setBackend,
  type Tensor,
  tensor,
  zeros,
} from '@lab/tensor';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { expectClose } from '../test/helpers';
import { AFFINE_STEP, GRADCHECK_TOLERANCE, HAND_TOLERANCE } from '../test/tolerances';
import { type BatchnormParam, batchnormBackward, batchnormBackwardAlt, batchnormForward } from './batchnorm-functions';

const backwards = [
  ['batchnormBackward', batchnormBackward],
  ['batchnormBackwardAlt', batchnormBackwardAlt],
] as const;

// Every test on both backends of @lab/tensor: wasm (the default) and js (the readable reference).
describe.each(['wasm', 'js'] as const)('%s backend', (backend) => {
  beforeEach(() => setBackend(backend));
  afterAll(() => setBackend('wasm'));

  describe('batchnormForward', () => {
    it('returns a cache of its own on every call: a copy of gamma, statistics no later call overwrites', () => {
      const x = tensor([
        [1, 2],
        [3, 6],
      ]);
      const gamma = tensor([1, 2]);
      const first = batchnormForward(x, gamma, tensor([0, 0]), { mode: 'train', eps: 0 }).cache;
      const means = Array.from(first.mean.data);
      const invStds = Array.from(first.invStd.data);
      gamma.data.fill(5);
      const second = batchnormForward(
        tensor([
          [0, 0],
          [10, 20],
        ]),
        gamma,
        tensor([0, 0]),
        { mode: 'train', eps: 0 },
      ).cache;
      expect(Array.from(first.gamma.data)).toEqual([1, 2]);
      expect(Array.from(first.mean.data)).toEqual(means);
      expect(Array.from(first.invStd.data)).toEqual(invStds);
      expect(Array.from(second.gamma.data)).toEqual([5, 5]);
      expect(Array.from(second.mean.data)).toEqual([5, 10]);
      // Each vector is (D,) and none overlaps another's values.
      for (const cache of [first, second]) for (const t of [cache.mean, cache.invStd, cache.gamma]) expect(t.shape).toEqual([2]);
      const grads = batchnormBackwardAlt(
        tensor([
          [1, 1],
          [1, 1],
        ]),
        first,
      );
      grads.dgamma.data.fill(7);
      expect(Array.from(grads.dbeta.data)).toEqual([2, 2]);
    });

    it('standardizes each column by hand: means 2 and 4, biased stds 1 and 2', () => {
      const param: BatchnormParam = { mode: 'train', eps: 0 };
      const { out } = batchnormForward(
        tensor([
          [1, 2],
          [3, 6],
        ]),
        tensor([2, 0.5]),
        tensor([1, -1]),
        param,
      );
      expectClose(
        out,
        [
          [-1, -1.5],
          [3, -0.5],
        ],
        HAND_TOLERANCE,
      );
      // running = 0.9·(0, 1) + 0.1·(batch mean, batch variance)
      expectClose(param.runningMean!, [0.2, 0.4], HAND_TOLERANCE);
      expectClose(param.runningVar!, [1.0, 1.3], HAND_TOLERANCE);
    });

    it('keeps the running statistics in param, in place, and can store the unbiased variance', () => {
      const runningMean = zeros(2);
      const runningVar = ones(2);
      const param: BatchnormParam = { mode: 'train', eps: 0, momentum: 0.5, runningMean, runningVar, unbiasedRunningVar: true };
      batchnormForward(
        tensor([
          [1, 2],
          [3, 6],
        ]),
        ones(2),
        zeros(2),
        param,
      );
      expect(param.runningMean).toBe(runningMean);
      // Unbiased variances 2 and 8: 0.5·1 + 0.5·(2, 8).
      expectClose(runningVar, [1.5, 4.5], HAND_TOLERANCE);
      expectClose(runningMean, [1, 2], HAND_TOLERANCE);
    });

    it('test mode normalizes with the running statistics and leaves them alone', () => {
      const param: BatchnormParam = { mode: 'test', eps: 0, runningMean: tensor([1, -2]), runningVar: tensor([4, 0.25]) };
      const { out } = batchnormForward(
        tensor([
          [3, -2],
          [1, -1],
        ]),
        tensor([1, 2]),
        tensor([0, 1]),
        param,
      );
      expectClose(
        out,
        [
          [1, 1],
          [0, 5],
        ],
        HAND_TOLERANCE,
      );
      expectClose(param.runningMean!, [1, -2], 0);
      expectClose(param.runningVar!, [4, 0.25], 0);
    });

    it('creates absent running statistics as zeros and ones, also in test mode', () => {
      const param: BatchnormParam = { mode: 'test', eps: 0 };
      const { out } = batchnormForward(tensor([[3, -2]]), ones(2), zeros(2), param);
      expectClose(out, [[3, -2]], 0);
      expectClose(param.runningMean!, [0, 0], 0);
      expectClose(param.runningVar!, [1, 1], 0);
    });

    it('writes into an out buffer when given, and does not mutate x', () => {
      const x = tensor([
        [1, 2],
        [3, 6],
      ]);
      const out = zeros(2, 2);
      const result = batchnormForward(x, ones(2), zeros(2), { mode: 'train', eps: 0 }, out);
      expect(result.out).toBe(out);
      expectClose(
        out,
        [
          [-1, -1],
          [1, 1],
        ],
        HAND_TOLERANCE,
      );
      expectClose(
        x,
        [
          [1, 2],
          [3, 6],
        ],
        0,
      );
    });

    it('rejects mismatched shapes with both shapes and the numbers', () => {
      const x = zeros(4, 5);
      const param = (): BatchnormParam => ({ mode: 'train' });
      expect(() => batchnormForward(x, ones(4), zeros(5), param())).toThrow(ShapeError);
      expect(() => batchnormForward(x, ones(4), zeros(5), param())).toThrow(
        'batchnormForward: (4, 5) and (4,): x has D = 5 features but gamma has 4 entries; gamma must have shape (5,)',
      );
      expect(() => batchnormForward(x, ones(5), zeros(5, 1), param())).toThrow(
        'batchnormForward: (4, 5) and (5, 1): x has D = 5 features but beta has shape (5, 1); beta must have shape (5,)',
      );
      expect(() => batchnormForward(x, ones(5), zeros(5), { mode: 'train', runningMean: zeros(3) })).toThrow(
        /x has D = 5 features but runningMean has 3 entries/,
      );
      expect(() => batchnormForward(zeros(5), ones(5), zeros(5), param())).toThrow('batchnormForward: (5,): x must be 2-D (N, D), got 1-D');
      expect(() => batchnormForward(x, ones(5), zeros(5), param(), zeros(5, 4))).toThrow(
        'batchnormForward: (5, 4) and (4, 5): out must have the shape of x, (4, 5)',
      );
    });

    it('rejects a training batch of one example, naming the shape', () => {
      const call = () => batchnormForward(tensor([[1, 2, 3]]), ones(3), zeros(3), { mode: 'train' });
      expect(call).toThrow(ShapeError);
      expect(call).toThrow('batchnormForward: (1, 3): train mode needs a batch of at least 2 examples to estimate a variance, got N = 1');
      // Test mode needs no batch statistics.
      expect(() => batchnormForward(tensor([[1, 2, 3]]), ones(3), zeros(3), { mode: 'test' })).not.toThrow();
    });

    it('rejects NaN and infinities in x, naming the first one', () => {
      const x = tensor([
        [1, 2, 3],
        [4, 5, Number.NaN],
        [7, Number.POSITIVE_INFINITY, 9],
      ]);
      const train = () => batchnormForward(x, ones(3), zeros(3), { mode: 'train' });
      expect(train).toThrow('batchnormForward: x (3, 3): x[1, 2] is NaN; every element must be finite');
      const test = () => batchnormForward(x, ones(3), zeros(3), { mode: 'test' });
      expect(test).toThrow('batchnormForward: x (3, 3): x[1, 2] is NaN; every element must be finite');
      try {
        train();
      } catch (error) {
        expect(isLabError(error)).toBe(true);
      }
      const inf = tensor([
        [1, Number.NEGATIVE_INFINITY],
        [2, 3],
      ]);
      expect(() => batchnormForward(inf, ones(2), zeros(2), { mode: 'train' })).toThrow(/x\[0, 1\] is -Infinity/);
    });

    it('rejects a constant feature with eps = 0 and bad hyperparameters', () => {
      expect(() =>
        batchnormForward(
          tensor([
            [1, 2],
            [1, 3],
          ]),
          ones(2),
          zeros(2),
          { mode: 'train', eps: 0 },
        ),
      ).toThrow('batchnormForward: x (2, 2): the variance of feature 0 plus eps is 0; it must be finite and > 0');
      const x = zeros(2, 2);
      expect(() => batchnormForward(x, ones(2), zeros(2), { mode: 'eval' as 'test' })).toThrow(ConfigError);
      expect(() => batchnormForward(x, ones(2), zeros(2), { mode: 'eval' as 'test' })).toThrow(
        "batchnormForward: mode must be 'train' or 'test', got 'eval'",
      );
      expect(() => batchnormForward(x, ones(2), zeros(2), { mode: 'train', eps: -1 })).toThrow(
        'batchnormForward: eps must be a finite number >= 0, got -1',
      );
      expect(() => batchnormForward(x, ones(2), zeros(2), { mode: 'train', momentum: 1.5 })).toThrow(
        'batchnormForward: momentum must be in [0, 1], got 1.5',
      );
      expect(() => batchnormForward(x, ones(2), zeros(2), { mode: 'test', runningVar: tensor([1, -1]) })).toThrow(
        'batchnormForward: x (2, 2): runningVar[1] plus eps is -0.99999; it must be finite and > 0',
      );
    });
  });

  describe.each(backwards)('%s', (name, backward) => {
    it('matches a hand-computed case (x̂ = ±1, eps = 0)', () => {
      // Column 0: x̂ = x = (−1, −1, 1, 1), σ = 1. Column 1: mean 2, σ = 2, x̂ = (−1, −1, 1, 1).
      const x = tensor([
        [-1, 0],
        [-1, 0],
        [1, 4],
        [1, 4],
      ]);
      const { cache } = batchnormForward(x, tensor([1, 3]), zeros(2), { mode: 'train', eps: 0 });
      const dout = tensor([
        [1, 0],
        [0, 0],
        [0, 0],
        [0, 2],
      ]);
      const { dx, dgamma, dbeta } = backward(dout, cache);
      // dx = γ/(Nσ)·(N·dout − Σdout − x̂·Σ(dout·x̂)): column 0 (4·dout − 1 + x̂)/4, column 1 3/8·(4·dout − 2 − 2x̂).
      expectClose(
        dx,
        [
          [0.5, 0],
          [-0.5, 0],
          [0, -1.5],
          [0, 1.5],
        ],
        HAND_TOLERANCE,
      );
      expectClose(dgamma, [-1, 2], HAND_TOLERANCE);
      expectClose(dbeta, [1, 2], HAND_TOLERANCE);
    });

    it('passes a gradient check against numericGradient at the default eps', () => {
      const rng = new RandomState(231);
      const x = rng.randn(4, 5);
      const gamma = rng.randn(5);
      const beta = rng.randn(5);
      const dout = rng.randn(4, 5);
      const forward = (xv: Tensor, g: Tensor, b: Tensor) => batchnormForward(xv, g, b, { mode: 'train' }).out;
      const grads = backward(dout, batchnormForward(x, gamma, beta, { mode: 'train' }).cache);
      expect(
        relError(
          grads.dx,
          numericGradient((xv) => forward(xv, gamma, beta), x, dout),
        ),
      ).toBeLessThan(GRADCHECK_TOLERANCE);
      expect(
        relError(
          grads.dgamma,
          numericGradient((g) => forward(x, g, beta), gamma, dout, AFFINE_STEP),
        ),
      ).toBeLessThan(GRADCHECK_TOLERANCE);
      expect(
        relError(
          grads.dbeta,
          numericGradient((b) => forward(x, gamma, b), beta, dout, AFFINE_STEP),
        ),
      ).toBeLessThan(GRADCHECK_TOLERANCE);
    });

    it('in test mode passes the gradient straight through γ/σ', () => {
      const param: BatchnormParam = { mode: 'test', eps: 0, runningMean: tensor([5, 5]), runningVar: tensor([4, 16]) };
      const { cache } = batchnormForward(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([2, 8]),
        zeros(2),
        param,
      );
      const { dx } = backward(
        tensor([
          [1, 1],
          [-1, 2],
        ]),
        cache,
      );
      expectClose(
        dx,
        [
          [1, 2],
          [-1, 4],
        ],
        HAND_TOLERANCE,
      );
    });

    it('rejects a dout of another shape and non-finite dout, with the numbers', () => {
      const { cache } = batchnormForward(zeros(4, 5).reshape(4, 5), ones(5), zeros(5), { mode: 'train', eps: 1 });
      expect(() => backward(zeros(3, 5), cache)).toThrow(ShapeError);
      expect(() => backward(zeros(3, 5), cache)).toThrow(
        `${name}: (3, 5) and (4, 5): dout must have the shape of the forward input x; N 3 and 4 differ`,
      );
      expect(() => backward(zeros(4, 6), cache)).toThrow(/D 6 and 5 differ/);
      const dout = zeros(4, 5);
      dout.data[7] = Number.POSITIVE_INFINITY;
      expect(() => backward(dout, cache)).toThrow(`${name}: dout (4, 5): dout[1, 2] is Infinity; every element must be finite`);
    });
  });

  describe('batchnormBackwardAlt', () => {
    it('writes into a dx buffer when given', () => {
      const x = tensor([
        [-1, 0],
        [-1, 0],
        [1, 4],
        [1, 4],
      ]);
      const { cache } = batchnormForward(x, tensor([1, 3]), zeros(2), { mode: 'train', eps: 0 });
      const buffer = zeros(4, 2);
      const { dx } = batchnormBackwardAlt(
        tensor([
          [1, 0],
          [0, 0],
          [0, 0],
          [0, 2],
        ]),
        cache,
        buffer,
      );
      expect(dx).toBe(buffer);
      expectClose(
        buffer,
        [
          [0.5, 0],
          [-0.5, 0],
          [0, -1.5],
          [0, 1.5],
        ],
        HAND_TOLERANCE,
      );
      expect(() => batchnormBackwardAlt(zeros(4, 2), cache, x)).toThrow(/dx shares memory with x/);
    });
  });
});
