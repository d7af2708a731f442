import { BatchNorm1d, LayerNorm } from '@lab/batchnorm';
import { type Layer, Linear, ReLU, Sequential, scaledNormalInit } from '@lab/layers';
import type { RandomState } from '@lab/tensor';
import type { Normalization } from './record';

/** The shape and initialization of {@link classifierNetwork}. */
export interface ClassifierNetworkOptions {
  /** D, features per example. */
  readonly inputSize: number;
  /** Units of each hidden layer, e.g. five 100s. */
  readonly hiddenSizes: readonly number[];
  /** C, the number of classes (the last layer's outputs). */
  readonly numClasses: number;
  /** What sits between each hidden affine layer and its ReLU. */
  readonly normalization: Normalization;
  /** Standard deviation of every weight matrix (`weightScale · randn(out, in)`); biases start at 0. */
  readonly weightScale: number;
  /** Draws the weights, layer by layer, input side first. */
  readonly rng: RandomState;
}

/**
 * CS231n's `FullyConnectedNet`: `{affine → [batch/layer norm] → relu} × L → affine`, scores (N, C).
 * Normalization layers draw nothing from `rng` (γ = 1, β = 0), so networks with and without
 * them built from equally seeded generators start from the same weights.
 * @throws ConfigError (from the layers) for a non-positive size or a bad weight scale
 */
export function classifierNetwork(options: ClassifierNetworkOptions): Sequential {
  const { inputSize, hiddenSizes, numClasses, normalization, weightScale, rng } = options;
  const init = { init: (r: RandomState, out: number, inFeatures: number) => scaledNormalInit(r, out, inFeatures, weightScale) };
  const layers: Layer[] = [];
  let previous = inputSize;
  for (const size of hiddenSizes) {
    layers.push(new Linear(previous, size, rng, init));
    if (normalization === 'batchnorm') layers.push(new BatchNorm1d(size));
    else if (normalization === 'layernorm') layers.push(new LayerNorm(size));
    layers.push(new ReLU());
    previous = size;
  }
  layers.push(new Linear(previous, numClasses, rng, init));
  return new Sequential(layers);
}
