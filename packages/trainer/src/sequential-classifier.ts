import { type Param, type Sequential, softmaxCrossEntropy } from '@lab/layers';
import { argmax, ShapeError, StateError, type Tensor } from '@lab/tensor';
import { multiclassAccuracy } from './metrics';
import type { TrainingModel } from './training-model';

/**
 * A multi-class classifier for the training loop: a {@link Sequential} network that maps
 * (N, D) inputs to (N, C) scores, trained with softmax cross-entropy on integer labels
 * (CS231n's `FullyConnectedNet.loss`). The cost is the data loss alone; any regularization
 * belongs in the network's layers or the optimizer's weight decay.
 *
 * Training passes run the network in `'train'` mode (batch statistics, dropout on);
 * {@link scores}, {@link predict} and {@link accuracy} run it in `'test'` mode.
 */
export class SequentialClassifier implements TrainingModel {
  /** The wrapped network; its params are this model's params. */
  readonly network: Sequential;
  private readonly parameters: Param[];
  private x: Tensor | undefined;
  private y: Tensor | undefined;
  private loss = Number.NaN;

  constructor(network: Sequential) {
    this.network = network;
    this.parameters = network.params();
  }

  /** The network's params (`W1, b1, gamma1, beta1, …`), the same objects on every call. */
  params(): Param[] {
    return this.parameters;
  }

  /**
   * Makes (x, y) the batch of the next {@link computeGradients}.
   * @param x - (N, D) inputs
   * @param y - (N,) class indices in [0, C)
   * @throws ShapeError when y is not (N,)
   */
  setBatch(x: Tensor, y: Tensor): void {
    if (y.shape.length !== 1 || y.shape[0] !== x.shape[0]) {
      throw new ShapeError('SequentialClassifier.setBatch', [x.shape, y.shape], `y must be (N,) = (${x.shape[0]},) labels for x`, ' and ');
    }
    this.x = x;
    this.y = y;
  }

  /**
   * Forward in train mode, softmax cross-entropy, backward: overwrites every param's grad.
   * @throws StateError before any {@link setBatch}; LabError when a label is not a class index
   */
  computeGradients(): void {
    if (this.x === undefined || this.y === undefined) throw new StateError('SequentialClassifier.computeGradients: call setBatch first');
    const scores = this.network.forward(this.x, 'train');
    const { loss, dx } = softmaxCrossEntropy(scores, this.y);
    this.loss = loss;
    this.network.backward(dx);
  }

  /** The softmax cross-entropy of the last {@link computeGradients} pass (NaN before the first). */
  cost(): number {
    return this.loss;
  }

  /**
   * Test-mode scores (logits).
   * @param x - (N, D)
   * @returns (N, C)
   */
  scores(x: Tensor): Tensor {
    return this.network.forward(x, 'test');
  }

  /**
   * Test-mode class predictions: the index of each row's highest score.
   * @param x - (N, D)
   * @returns (N,) class indices
   */
  predict(x: Tensor): Tensor {
    return argmax(this.scores(x), { axis: 1 });
  }

  /**
   * The fraction of examples whose prediction equals the label, in test mode.
   * @param x - (N, D)
   * @param y - (N,) class indices
   */
  accuracy(x: Tensor, y: Tensor): number {
    return multiclassAccuracy(this.scores(x), y);
  }
}
