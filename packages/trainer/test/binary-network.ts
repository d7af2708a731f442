import { type Layer, Linear, ReLU, Sequential, Sigmoid } from '@lab/layers';
import { Dropout } from '@lab/regularizers';
import type { RandomState } from '@lab/tensor';
import { type CompiledModel, compile } from '../src/index';

/**
 * A LINEAR → RELU → [DROPOUT] → … → LINEAR → SIGMOID network of the given layer sizes (input
 * first, ending in 1), weights drawn from `rng` (the course's init), compiled with binary
 * cross-entropy for batches of up to `batchSize` (default 64) examples.
 */
export function binaryModel(
  layerSizes: readonly number[],
  rng: RandomState,
  options: { readonly l2?: number; readonly keepProb?: number; readonly batchSize?: number; readonly reseedDropout?: number } = {},
): CompiledModel {
  const { keepProb = 1 } = options;
  const layers: Layer[] = [];
  for (let l = 1; l < layerSizes.length; l++) {
    layers.push(new Linear(layerSizes[l - 1], layerSizes[l], rng));
    if (l === layerSizes.length - 1) break;
    layers.push(new ReLU());
    if (keepProb < 1) layers.push(new Dropout(keepProb, rng, { drawOrder: 'course' }));
  }
  layers.push(new Sigmoid());
  const { batchSize = 64, l2 = 0, reseedDropout } = options;
  return compile(new Sequential(layers), { loss: 'binary-cross-entropy', batchSize, l2, reseedDropout });
}
