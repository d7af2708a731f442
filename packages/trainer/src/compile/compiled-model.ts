import { BatchNorm1d } from '@lab/batchnorm';
import { Linear, type Param, type Sequential } from '@lab/layers';
import { addL2Gradients, l2PenaltyOfParams, type ParamSelector } from '@lab/regularizers';
import { argmax, assert2d, type BackendName, LabError, ShapeError, StateError, Tensor } from '@lab/tensor';
import { binaryAccuracy, multiclassAccuracy } from '../metrics';
import type { TrainingModel } from '../training-model';
import type { LossName } from './compile';
import type { Program } from './program';

/** The L2 penalty's params: the Linear layers' weights, `W1, W2, …` (as the course and CS231n regularize). */
const linearWeights: ParamSelector = (param) => param.name.startsWith('W');

interface Settings {
  readonly loss: LossName;
  readonly batchSize: number;
  readonly l2: number;
  readonly backend: BackendName;
  readonly inputSize: number;
  readonly outputSize: number;
}

/**
 * A network compiled by `compile`: a {@link TrainingModel} for `train()` (set a batch, compute
 * every grad in one pass, the cost of that pass) plus test-mode outputs, predictions and
 * accuracy. Its params are the network's own (the same Param tensors), kept in its arena.
 */
export class CompiledModel implements TrainingModel {
  /** The compiled network; its Linear and BatchNorm1d parameters live in this model's arena. */
  readonly network: Sequential;
  readonly loss: LossName;
  /** L2 strength λ (0: none). */
  readonly l2: number;
  /** The largest batch `setBatch` takes. */
  readonly batchSize: number;
  /** Where the kernels run. */
  readonly backend: BackendName;
  /** D. */
  readonly inputSize: number;
  /** C: the scores' (or, for binary cross-entropy, the probabilities') width. */
  readonly outputSize: number;
  private readonly program: Program;
  private readonly parameters: Param[];
  /** Each bound layer and the tensor it was bound to (same index): compiling the network again rebinds it. */
  private readonly boundLayers: readonly (Linear | BatchNorm1d)[];
  private readonly boundTensors: readonly Tensor[];
  private count = 0;
  private passDone = false;

  /** @internal Use `compile`. */
  constructor(network: Sequential, program: Program, settings: Settings) {
    this.network = network;
    this.program = program;
    this.loss = settings.loss;
    this.batchSize = settings.batchSize;
    this.l2 = settings.l2;
    this.backend = settings.backend;
    this.inputSize = settings.inputSize;
    this.outputSize = settings.outputSize;
    this.parameters = network.params();
    this.boundLayers = network.layers.filter((layer) => layer instanceof Linear || layer instanceof BatchNorm1d);
    this.boundTensors = this.boundLayers.map(boundTensor);
  }

  /** How the network runs: its layout (`feature-major` or `batch-first`), stages and backend. */
  get layout(): 'feature-major' | 'batch-first' {
    return this.program.layout;
  }

  /** The stages, e.g. `batch-first: linear(784→100)+batchnorm+relu → … → softmax-cross-entropy (wasm)`. */
  describe(): string {
    return `${this.program.describe()} (${this.backend})`;
  }

  /** The network's params (`W1, b1, gamma1, …`), the same objects on every call; values and grads are views of the arena. */
  params(): Param[] {
    return this.parameters;
  }

  /**
   * Makes (x, y) the batch of the next {@link computeGradients}, copying it into the arena.
   * @param x - (N, D), N ≤ batchSize
   * @param y - (N,) or (N, 1): 0/1 labels (binary cross-entropy) or class indices in [0, C)
   * @throws ShapeError when x or y does not fit; LabError when a class index is out of range
   */
  setBatch(x: Tensor, y: Tensor): void {
    const op = 'CompiledModel.setBatch';
    const n = this.checkInputs(op, x);
    if (n > this.batchSize) {
      throw new ShapeError(op, [x.shape], `the model was compiled for batches of at most ${this.batchSize} examples, got ${n}`);
    }
    if (y.size !== n || y.shape[0] !== n || (y.shape.length === 2 && y.shape[1] !== 1) || y.shape.length > 2) {
      throw new ShapeError(op, [x.shape, y.shape], `y must be (${n},) or (${n}, 1) to match x`, ' and ');
    }
    if (this.loss === 'softmax-cross-entropy') {
      const labels = y.data;
      const c = this.outputSize;
      for (let i = 0; i < n; i++) {
        const label = labels[i];
        if (!Number.isInteger(label) || label < 0 || label >= c) {
          throw new LabError(`softmaxCrossEntropy: y[${i}] = ${label} is not a class index in [0, ${c})`);
        }
      }
    }
    this.program.load(x.data, y.data, n);
    this.count = n;
    this.passDone = false;
  }

  /**
   * Forward in train mode, the loss, backward: overwrites every param's grad with ∂cost/∂param
   * (the L2 term's gradient included). Allocation-free where every layer is fused.
   * @throws StateError before {@link setBatch}, or when the network was compiled again since
   */
  computeGradients(): void {
    if (this.count === 0) throw new StateError('CompiledModel.computeGradients: call setBatch first');
    // Indexed, not destructured: the step allocates nothing.
    for (let i = 0; i < this.boundLayers.length; i++) {
      if (boundTensor(this.boundLayers[i]) !== this.boundTensors[i]) {
        throw new StateError('CompiledModel.computeGradients: the network was compiled again, and its parameters moved to the newer model');
      }
    }
    this.program.train();
    if (this.l2 !== 0 && !this.program.fusesL2) addL2Gradients(this.parameters, this.l2, this.count, linearWeights);
    this.passDone = true;
  }

  /**
   * The cost of the last {@link computeGradients} pass: the loss (mean over the batch) plus the
   * L2 penalty (1/m)(λ/2)·Σ‖W‖² of the weights that pass used.
   * @throws StateError before {@link computeGradients}
   */
  cost(): number {
    if (!this.passDone) throw new StateError('CompiledModel.cost: call computeGradients first');
    const loss = this.program.loss();
    return this.l2 === 0 ? loss : loss + l2PenaltyOfParams(this.parameters, this.l2, this.count, linearWeights);
  }

  /**
   * The network's output in the last training pass (dropout on, batch statistics), a copy.
   * @returns (N, C): probabilities for binary cross-entropy, scores for softmax cross-entropy
   * @throws StateError before {@link computeGradients}
   */
  lastOutput(): Tensor {
    if (!this.passDone) throw new StateError('CompiledModel.lastOutput: call computeGradients first');
    const out = new Float64Array(this.count * this.outputSize);
    this.program.output(out);
    return new Tensor(out, [this.count, this.outputSize]);
  }

  /**
   * The network's output in test mode (no dropout, running statistics), in batches of at most
   * batchSize rows. Leaves the training batch and the last pass as they were.
   * @param x - (N, D)
   * @returns (N, C): P(y = 1) for binary cross-entropy, scores (logits) for softmax cross-entropy
   */
  scores(x: Tensor): Tensor {
    const n = this.checkInputs('CompiledModel.scores', x);
    const out = new Float64Array(n * this.outputSize);
    this.program.beginPredict();
    for (let first = 0; first < n; first += this.batchSize) {
      this.program.predict(x.data, first, Math.min(this.batchSize, n - first), out);
    }
    return new Tensor(out, [n, this.outputSize]);
  }

  /**
   * Test-mode class predictions: P(y = 1) > 0.5 (the course's) for binary cross-entropy, the
   * highest score's index for softmax cross-entropy.
   * @param x - (N, D)
   * @returns (N,)
   */
  predict(x: Tensor): Tensor {
    const scores = this.scores(x);
    if (this.loss === 'softmax-cross-entropy') return argmax(scores, { axis: 1 });
    return new Tensor(
      scores.data.map((p) => (p > 0.5 ? 1 : 0)),
      [scores.shape[0]],
    );
  }

  /**
   * The fraction of examples predicted right, in test mode.
   * @param x - (N, D)
   * @param y - (N,) or (N, 1) labels
   */
  accuracy(x: Tensor, y: Tensor): number {
    const scores = this.scores(x);
    if (this.loss === 'softmax-cross-entropy') return multiclassAccuracy(scores, y);
    return binaryAccuracy(scores.reshape(...y.shape), y);
  }

  private checkInputs(op: string, x: Tensor): number {
    if (x.shape.length !== 2) assert2d(op, 'x', x);
    // Read, not destructured from assert2d's tuple: setBatch allocates nothing.
    const n = x.shape[0];
    const d = x.shape[1];
    if (d !== this.inputSize) throw new ShapeError(op, [x.shape], `x must have ${this.inputSize} features, got ${d}`);
    if (n === 0) throw new ShapeError(op, [x.shape], 'x has no examples');
    return n;
  }
}

/** The tensor a bound layer's params live in: a Linear's weight, a BatchNorm1d's gamma. */
function boundTensor(layer: Linear | BatchNorm1d): Tensor {
  return layer instanceof Linear ? layer.weight : layer.gamma;
}
