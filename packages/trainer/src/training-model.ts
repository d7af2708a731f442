import type { Param } from '@lab/layers';
import type { Tensor } from '@lab/tensor';

/**
 * What the training loop needs from a model: a batch to train on, one forward+backward
 * pass that fills every param's grad, and the cost of that pass. A network compiled by
 * `compile` (a `CompiledModel`) implements it.
 */
export interface TrainingModel {
  /** Trainable parameters; the loop's optimizer updates `value` from `grad`. */
  params(): Param[];
  /** x: (N, D), y: labels for those N examples. Makes (x, y) the current batch. */
  setBatch(x: Tensor, y: Tensor): void;
  /** Forward (train mode) and backward over the current batch; overwrites every grad. */
  computeGradients(): void;
  /** The cost (loss + regularization) of the last {@link computeGradients} pass. */
  cost(): number;
}
