import {
  type BatchnormCache,
  batchnormBackward,
  batchnormBackwardAlt,
  batchnormForward,
  type LayernormCache,
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

function check(
  kernel: GradientCheck['kernel'],
  forward: (x: Tensor, gamma: Tensor, beta: Tensor) => Tensor,
  analytic: NormGradients,
  inputs: { x: Tensor; gamma: Tensor; beta: Tensor; dout: Tensor },
): GradientCheck {
  const { x, gamma, beta, dout } = inputs;
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
  const bnForward = (x: Tensor, gamma: Tensor, beta: Tensor) => batchnormForward(x, gamma, beta, { mode: 'train' }).out;
  const lnForward = (x: Tensor, gamma: Tensor, beta: Tensor) => layernormForward(x, gamma, beta).out;

  const bn = draw(seed, n, d);
  const bnCache: BatchnormCache = batchnormForward(bn.x, bn.gamma, bn.beta, { mode: 'train' }).cache;
  const ln = draw(seed, n, d);
  const lnCache: LayernormCache = layernormForward(ln.x, ln.gamma, ln.beta).cache;
  const checks = [
    check('batchnormBackward', bnForward, batchnormBackward(bn.dout, bnCache), bn),
    check('batchnormBackwardAlt', bnForward, batchnormBackwardAlt(bn.dout, bnCache), bn),
    check('layernormBackward', lnForward, layernormBackward(ln.dout, lnCache), ln),
  ];

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
