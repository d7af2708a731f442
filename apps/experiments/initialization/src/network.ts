import { type Initializer, type Layer, Linear, ReLU, Sequential, Sigmoid } from '@lab/layers';
import type { RandomState } from '@lab/tensor';

/**
 * The course's network as a `Sequential` of the public layers: `LINEAR → RELU` for every hidden
 * layer, then `LINEAR → SIGMOID`. The weights are drawn layer by layer from `rng` with `init`
 * (the course's loop over l = 1 … L), biases start at zero.
 * @param layerSizes - units per layer, input first, e.g. `[2, 10, 5, 1]`
 */
export function courseNetwork(layerSizes: readonly number[], init: Initializer, rng: RandomState): Sequential {
  const layers: Layer[] = [];
  for (let l = 1; l < layerSizes.length; l++) {
    layers.push(new Linear(layerSizes[l - 1] ?? 0, layerSizes[l] ?? 0, rng, { init }));
    layers.push(l + 1 < layerSizes.length ? new ReLU() : new Sigmoid());
  }
  return new Sequential(layers);
}
