import { type BatchnormParam, batchnormForward } from '@lab/batchnorm';
import { map, matmul, mean, RandomState, std, type Tensor, tensor } from '@lab/tensor';
import type { FeatureStatistics, ForwardStatistics } from './record';

/** Sizes and seed of {@link forwardStatistics}; the defaults are CS231n's. */
export interface ForwardStatisticsOptions {
  /** Default 231. */
  readonly seed?: number;
  /** Examples per batch. Default 200. */
  readonly n?: number;
  /** Input features. Default 50. */
  readonly d1?: number;
  /** Hidden units. Default 60. */
  readonly d2?: number;
  /** Output features, the ones normalized. Default 3. */
  readonly d3?: number;
  /** Training-mode batches before the test-mode stage. Default 50. */
  readonly warmupBatches?: number;
}

/**
 * Part 1 of the batch-norm experiment, following CS231n's BatchNormalization notebook: the
 * activations `a = relu(X·W1)·W2` of a random two-layer network (`X` (N, D1), `W1` (D1, D2),
 * `W2` (D2, D3), all `randn` after `seed`), their per-feature means and stds before batch
 * norm, after training-mode batch norm with γ = 1, β = 0, and with γ = (1, 2, …, D3),
 * β = (11, 12, …); then, with the generator reseeded and fresh weights, `warmupBatches`
 * training-mode passes over fresh batches build the running statistics, and a last fresh
 * batch is normalized in test mode with them.
 *
 * Deterministic: the result depends on the options alone.
 */
export function forwardStatistics(options: ForwardStatisticsOptions = {}): ForwardStatistics {
  const { seed = 231, n = 200, d1 = 50, d2 = 60, d3 = 3, warmupBatches = 50 } = options;
  const ones = tensor(Array.from({ length: d3 }, () => 1));
  const zeros = tensor(Array.from({ length: d3 }, () => 0));
  const gammaScaled = tensor(Array.from({ length: d3 }, (_, j) => j + 1));
  const betaScaled = tensor(Array.from({ length: d3 }, (_, j) => j + 11));

  // The notebook's first cell: X, W1, W2 drawn in this order.
  let rng = new RandomState(seed);
  const x = rng.randn(n, d1);
  let w1 = rng.randn(d1, d2);
  let w2 = rng.randn(d2, d3);
  const a = twoLayer(x, w1, w2);
  const stages: FeatureStatistics[] = [
    stage('before', a, null, null),
    stage('train', batchnormForward(a, ones, zeros, { mode: 'train' }).out, ones, zeros),
    stage('train-scaled', batchnormForward(a, gammaScaled, betaScaled, { mode: 'train' }).out, gammaScaled, betaScaled),
  ];

  // The notebook's test-time cell: reseed, fresh weights, then a fresh X for every batch.
  rng = new RandomState(seed);
  w1 = rng.randn(d1, d2);
  w2 = rng.randn(d2, d3);
  const param: BatchnormParam = { mode: 'train' };
  for (let t = 0; t < warmupBatches; t++) batchnormForward(twoLayer(rng.randn(n, d1), w1, w2), ones, zeros, param);
  param.mode = 'test';
  const test = batchnormForward(twoLayer(rng.randn(n, d1), w1, w2), ones, zeros, param).out;
  stages.push(stage('test', test, ones, zeros));

  return { seed, n, d1, d2, d3, warmupBatches, stages };
}

/** relu(x·w1)·w2: x (N, D1), w1 (D1, D2), w2 (D2, D3) → (N, D3). */
function twoLayer(x: Tensor, w1: Tensor, w2: Tensor): Tensor {
  return matmul(
    map(matmul(x, w1), (v) => Math.max(v, 0)),
    w2,
  );
}

function stage(name: FeatureStatistics['stage'], a: Tensor, gamma: Tensor | null, beta: Tensor | null): FeatureStatistics {
  return {
    stage: name,
    gamma: gamma === null ? null : Array.from(gamma.data),
    beta: beta === null ? null : Array.from(beta.data),
    means: Array.from(mean(a, { axis: 0 }).data),
    stds: Array.from(std(a, { axis: 0 }).data),
  };
}
