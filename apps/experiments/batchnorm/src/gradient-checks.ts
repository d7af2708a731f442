import {
  batchnormBackward,
  batchnormBackwardAlt,
  batchnormForward,
  layernormBackward,
  layernormForward,
  type NormGradients,
} from '@lab/batchnorm';
import { map, numericGradient, RandomState, relError, type Tensor } from '@lab/tensor';
import type { GradientCheck, GradientChecks } from './record';

/** Sizes and seed of {@link normalizationGradientChecks}; the defaults are CS231n's. */
export interface GradientChecksOptions {
  /** Default 231. */
  readonly seed?: number;
  /** Shape of the numerically checked input. Default (4, 5). */
  readonly n?: number;
  readonly d?: number;
  /** Shape at which the staged and alt backwards are compared with each other. Default (100, 500). */
  readonly agreementN?: number;
  readonly agreementD?: number;
}

/** x = 5·randn(N, D) + 12, γ = randn(D), β = randn(D), dout = randn(N, D), drawn in this order, as the notebook does. */
function draw(seed: number, n: number, d: number): { x: Tensor; gamma: Tensor; beta: Tensor; dout: Tensor } {
  const rng = new RandomState(seed);
  const x = map(rng.randn(n, d), (v) => 5 * v + 12);
  return { x, gamma: rng.randn(d), beta: rng.randn(d), dout: rng.randn(n, d) };
}

type NormForward = (x: Tensor, gamma: Tensor, beta: Tensor) => Tensor;

// A fresh param per call: batchnormForward updates the running statistics in it.
const bnForward: NormForward = (x, gamma, beta) => batchnormForward(x, gamma, beta, { mode: 'train' }).out;
const lnForward: NormForward = (x, gamma, beta) => layernormForward(x, gamma, beta).out;

/** The forward pass and the analytic backward each checked kernel is paired with. */
const KERNELS: Readonly<
  Record<NormalizationKernel, { forward: NormForward; backward: (x: Tensor, gamma: Tensor, beta: Tensor, dout: Tensor) => NormGradients }>
> = {
  batchnormBackward: {
    forward: bnForward,
    backward: (x, gamma, beta, dout) => batchnormBackward(dout, batchnormForward(x, gamma, beta, { mode: 'train' }).cache),
  },
  batchnormBackwardAlt: {
    forward: bnForward,
    backward: (x, gamma, beta, dout) => batchnormBackwardAlt(dout, batchnormForward(x, gamma, beta, { mode: 'train' }).cache),
  },
  layernormBackward: {
    forward: lnForward,
    backward: (x, gamma, beta, dout) => layernormBackward(dout, layernormForward(x, gamma, beta).cache),
  },
};

/** A backward that {@link checkNormalizationBackward} checks. */
export type NormalizationKernel = GradientCheck['kernel'];

/**
 * The gradient check of one normalization backward: dx, dγ, dβ on x = 5·randn(N, D) + 12,
 * γ, β = randn(D), dout = randn(N, D) (drawn in this order after `seed`, as CS231n's notebook
 * does), against centered-difference numerical gradients (h = 1e-5). The check passes when every
 * error is below `GRADIENT_CHECK_TOLERANCE` (1e-7, from `@lab/tensor`). `lab gradcheck` runs it too.
 * @param kernel - `batchnormBackward`, `batchnormBackwardAlt` or `layernormBackward`
 * @param options - seed (default 231) and the input's shape (N, D) (default (4, 5))
 * @returns the relative errors (CS231n's `rel_error`, the maximum over elements)
 */
export function checkNormalizationBackward(
  kernel: NormalizationKernel,
  options: { readonly seed?: number; readonly n?: number; readonly d?: number } = {},
): GradientCheck {
  const { seed = 231, n = 4, d = 5 } = options;
  const { forward, backward } = KERNELS[kernel];
  const { x, gamma, beta, dout } = draw(seed, n, d);
  const analytic = backward(x, gamma, beta, dout);
  const dxNum = numericGradient((v) => forward(v, gamma, beta), x.clone(), dout);
  const dgammaNum = numericGradient((v) => forward(x, v, beta), gamma.clone(), dout);
  const dbetaNum = numericGradient((v) => forward(x, gamma, v), beta.clone(), dout);
  return {
    kernel,
    dx: relError(dxNum, analytic.dx),
    dgamma: relError(dgammaNum, analytic.dgamma),
    dbeta: relError(dbetaNum, analytic.dbeta),
  };
}

/**
 * Part 2 of the batch-norm experiment: the relative errors (CS231n's `rel_error`, the maximum
 * over elements) of dx, dγ, dβ from `batchnormBackward`, `batchnormBackwardAlt` and
 * `layernormBackward` against centered-difference numerical gradients, each on its own draw
 * after `seed`; then both batch-norm backwards on a larger input, compared with each other.
 * Deterministic: the result depends on the options alone.
 */
export function normalizationGradientChecks(options: GradientChecksOptions = {}): GradientChecks {
  const { seed = 231, n = 4, d = 5, agreementN = 100, agreementD = 500 } = options;
  const checks = (['batchnormBackward', 'batchnormBackwardAlt', 'layernormBackward'] as const).map((kernel) =>
    checkNormalizationBackward(kernel, { seed, n, d }),
  );

  const big = draw(seed, agreementN, agreementD);
  const bigCache = batchnormForward(big.x, big.gamma, big.beta, { mode: 'train' }).cache;
  const staged = batchnormBackward(big.dout, bigCache);
  const alt = batchnormBackwardAlt(big.dout, bigCache);
  return {
    seed,
    n,
    d,
    checks,
    agreement: {
      n: agreementN,
      d: agreementD,
      dx: relError(staged.dx, alt.dx),
      dgamma: relError(staged.dgamma, alt.dgamma),
      dbeta: relError(staged.dbeta, alt.dbeta),
    },
  };
}
