import { type Layer, Linear, ReLU, Sequential, Sigmoid } from '@lab/layers';
import { Dropout } from '@lab/regularizers';
import type { RandomState } from '@lab/tensor';
import type { RegularizationModelSpec } from './defaults';

export { COURSE_MODELS, type RegularizationModelSpec } from './defaults';

/** The course's network: 2 inputs, hidden layers of 20 and 3 ReLU units, one sigmoid output. */
export const COURSE_LAYER_SIZES: readonly number[] = [2, 20, 3, 1];

/**
 * How the dropout model's masks are drawn. `fresh`: new masks at every training forward pass (the
 * library's dropout). `course`: the course notebook's quirk — the generator is reseeded with 1
 * at the start of every forward pass, so every iteration uses the same masks (reproduction only).
 */
export type DropoutMasks = 'fresh' | 'course';

/** The seed the course's notebook passes to np.random.seed at the start of every dropout forward pass. */
export const COURSE_DROPOUT_SEED = 1;

/**
 * The course's network for one model of the plan, a Sequential of the public layers:
 * LINEAR(2→20) → RELU → [DROPOUT] → LINEAR(20→3) → RELU → [DROPOUT] → LINEAR(3→1) → SIGMOID, the
 * weights drawn from `rng` layer by layer with the course's `randn(out, in) / √in` (Linear's
 * default), dropout (when keepProb < 1) drawing its masks from the same generator in the course's
 * order, `rand(units, N)`.
 */
export function courseNetwork(spec: RegularizationModelSpec, rng: RandomState): Sequential {
  const layers: Layer[] = [];
  for (let l = 1; l < COURSE_LAYER_SIZES.length; l++) {
    layers.push(new Linear(COURSE_LAYER_SIZES[l - 1] ?? 0, COURSE_LAYER_SIZES[l] ?? 0, rng));
    if (l === COURSE_LAYER_SIZES.length - 1) break;
    layers.push(new ReLU());
    if (spec.keepProb < 1) layers.push(new Dropout(spec.keepProb, rng, { drawOrder: 'course' }));
  }
  layers.push(new Sigmoid());
  return new Sequential(layers);
}
