import { numericGradient, ones, RandomState, Tensor, zeros } from '@lab/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchnormBackward, batchnormBackwardAlt, batchnormForward, layernormBackward, layernormForward } from '../src/index';
import { scaledError } from './helpers';
import {
  AFFINE_STEP,
  BACKWARDS_AGREE_TOLERANCE,
  DX_NUMERIC_TOLERANCE,
  PARAM_NUMERIC_TOLERANCE,
  PROPERTY_EPS,
  PROPERTY_RUNS,
} from './tolerances';

/** A random case: shape, eps and a seed for RandomState, so shrinking acts on N, D and eps. */
const cases = fc.record({
  n: fc.integer({ min: 2, max: 64 }),
  d: fc.integer({ min: 1, max: 33 }),
  eps: fc.double({ min: PROPERTY_EPS.min, max: PROPERTY_EPS.max, noNaN: true }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});

function draw(n: number, d: number, seed: number): { x: Tensor; gamma: Tensor; beta: Tensor; dout: Tensor } {
  const rng = new RandomState(seed);
  const x = rng.randn(n, d);
  // Features with different offsets and scales, as real activations have.
  for (let k = 0; k < x.size; k++) x.data[k] = x.data[k] * (1 + (k % d) / 4) + ((k % d) % 3) - 1;
  return { x, gamma: rng.randn(d), beta: rng.randn(d), dout: rng.randn(n, d) };
}

describe('batch norm gradients (random N in 2..64, D in 1..33)', () => {
  it('both backwards agree with numericGradient and with each other', () => {
    fc.assert(
      fc.property(cases, ({ n, d, eps, seed }) => {
        const { x, gamma, beta, dout } = draw(n, d, seed);
        const forward = (xv: Tensor, g: Tensor, b: Tensor) => batchnormForward(xv, g, b, { mode: 'train', eps }).out;
        const { cache } = batchnormForward(x, gamma, beta, { mode: 'train', eps });
        const staged = batchnormBackward(dout, cache);
        const alt = batchnormBackwardAlt(dout, cache);

        const dx = numericGradient((xv) => forward(xv, gamma, beta), x, dout);
        const dgamma = numericGradient((g) => forward(x, g, beta), gamma, dout, AFFINE_STEP);
        const dbeta = numericGradient((b) => forward(x, gamma, b), beta, dout, AFFINE_STEP);
        for (const grads of [staged, alt]) {
          expect(scaledError(grads.dx, dx)).toBeLessThan(DX_NUMERIC_TOLERANCE);
          expect(scaledError(grads.dgamma, dgamma)).toBeLessThan(PARAM_NUMERIC_TOLERANCE);
          expect(scaledError(grads.dbeta, dbeta)).toBeLessThan(PARAM_NUMERIC_TOLERANCE);
        }
        expect(scaledError(staged.dx, alt.dx)).toBeLessThan(BACKWARDS_AGREE_TOLERANCE);
        expect(scaledError(staged.dgamma, alt.dgamma)).toBeLessThan(BACKWARDS_AGREE_TOLERANCE);
        expect(scaledError(staged.dbeta, alt.dbeta)).toBeLessThan(BACKWARDS_AGREE_TOLERANCE);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('test-mode backwards agree with numericGradient and with each other', () => {
    fc.assert(
      fc.property(cases, ({ n, d, eps, seed }) => {
        const { x, gamma, beta, dout } = draw(n, d, seed);
        const rng = new RandomState((seed + 1) % 2 ** 32);
        const runningMean = rng.randn(d);
        const runningVar = rng.rand(d);
        const forward = (xv: Tensor) => batchnormForward(xv, gamma, beta, { mode: 'test', eps, runningMean, runningVar }).out;
        const { cache } = batchnormForward(x, gamma, beta, { mode: 'test', eps, runningMean, runningVar });
        const staged = batchnormBackward(dout, cache);
        const alt = batchnormBackwardAlt(dout, cache);
        const dx = numericGradient(forward, x, dout);
        expect(scaledError(alt.dx, dx)).toBeLessThan(DX_NUMERIC_TOLERANCE);
        expect(scaledError(staged.dx, alt.dx)).toBeLessThan(BACKWARDS_AGREE_TOLERANCE);
        expect(scaledError(staged.dgamma, alt.dgamma)).toBeLessThan(BACKWARDS_AGREE_TOLERANCE);
      }),
      { numRuns: PROPERTY_RUNS / 2 },
    );
  });
});

describe('layer norm gradients (random N in 2..64, D in 1..33)', () => {
  it('layernormBackward agrees with numericGradient', () => {
    fc.assert(
      fc.property(cases, ({ n, d, eps, seed }) => {
        const { x, gamma, beta, dout } = draw(n, d, seed);
        const forward = (xv: Tensor, g: Tensor, b: Tensor) => layernormForward(xv, g, b, { eps }).out;
        const { cache } = layernormForward(x, gamma, beta, { eps });
        const grads = layernormBackward(dout, cache);
        const dx = numericGradient((xv) => forward(xv, gamma, beta), x, dout);
        const dgamma = numericGradient((g) => forward(x, g, beta), gamma, dout, AFFINE_STEP);
        const dbeta = numericGradient((b) => forward(x, gamma, b), beta, dout, AFFINE_STEP);
        expect(scaledError(grads.dx, dx)).toBeLessThan(DX_NUMERIC_TOLERANCE);
        expect(scaledError(grads.dgamma, dgamma)).toBeLessThan(PARAM_NUMERIC_TOLERANCE);
        expect(scaledError(grads.dbeta, dbeta)).toBeLessThan(PARAM_NUMERIC_TOLERANCE);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('layer norm of x is batch norm of xᵀ: its dx agrees with the staged batch-norm backward', () => {
    // An independent cross-check of layernormBackward against the step-by-step graph backward.
    const transpose = (t: Tensor): Tensor => {
      const [rows, cols] = t.shape;
      const out = new Float64Array(t.size);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = t.data[i * cols + j];
      return new Tensor(out, [cols, rows]);
    };
    fc.assert(
      fc.property(cases, ({ n, d, eps, seed }) => {
        fc.pre(d >= 2);
        const { x, dout } = draw(n, d, seed);
        const ln = layernormBackward(dout, layernormForward(x, ones(d), zeros(d), { eps }).cache);
        const bn = batchnormBackward(transpose(dout), batchnormForward(transpose(x), ones(n), zeros(n), { mode: 'train', eps }).cache);
        expect(scaledError(transpose(bn.dx), ln.dx)).toBeLessThan(BACKWARDS_AGREE_TOLERANCE);
      }),
      { numRuns: PROPERTY_RUNS / 2 },
    );
  });
});
