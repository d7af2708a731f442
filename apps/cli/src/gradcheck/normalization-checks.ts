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
import { numericGradient, RandomState, relError, type Tensor } from '@lab/tensor';
import type { GradientCheck } from './gradient-check';

const N = 4;
const D = 5;
/**
 * Step for γ and β: the output is affine in both, so centered differences are exact at any
 * step, and a step of 1 keeps rounding noise far below the tolerance.
 */
const AFFINE_STEP = 1;

/** A normalization layer's forward pass with its other settings fixed. */
type NormForward<Cache> = (x: Tensor, gamma: Tensor, beta: Tensor) => { out: Tensor; cache: Cache };

/** Checks dx, dγ and dβ of a normalization layer, training mode, default eps. */
function normCheck<Cache>(
  name: string,
  seed: number,
  forward: NormForward<Cache>,
  backward: (dout: Tensor, cache: Cache) => NormGradients,
): GradientCheck {
  return {
    name,
    shapes: { x: [N, D], gamma: [D], beta: [D] },
    run() {
      const rng = new RandomState(seed);
      const x = rng.randn(N, D);
      const gamma = rng.randn(D);
      const beta = rng.randn(D);
      const dout = rng.randn(N, D);
      const { dx, dgamma, dbeta } = backward(dout, forward(x, gamma, beta).cache);
      return {
        dx: relError(
          dx,
          numericGradient((v) => forward(v, gamma, beta).out, x, dout),
        ),
        dgamma: relError(
          dgamma,
          numericGradient((v) => forward(x, v, beta).out, gamma, dout, AFFINE_STEP),
        ),
        dbeta: relError(
          dbeta,
          numericGradient((v) => forward(x, gamma, v).out, beta, dout, AFFINE_STEP),
        ),
      };
    },
  };
}

// A fresh param per call: batchnormForward updates the running statistics in it.
const batchnormTrain: NormForward<BatchnormCache> = (x, gamma, beta) => batchnormForward(x, gamma, beta, { mode: 'train' });
const layernorm: NormForward<LayernormCache> = (x, gamma, beta) => layernormForward(x, gamma, beta);

/** Gradient checks of @lab/batchnorm: both batch-norm backward passes and layer norm. */
export const NORMALIZATION_CHECKS: readonly GradientCheck[] = [
  normCheck('batchnorm', 231, batchnormTrain, batchnormBackward),
  normCheck('batchnorm (backward alt)', 231, batchnormTrain, batchnormBackwardAlt),
  normCheck('layernorm', 7, layernorm, layernormBackward),
];
