import type { Param } from '@lab/layers';
import { assert2d, type BackendName, ConfigError, isWasmAvailable, type RandomState, ShapeError, StateError, Tensor } from '@lab/tensor';
import { allocateNetwork, loadInputs, loadLabels, loadParams, type NetworkBuffers } from './internal/network-layout';
import { runBackward, runForward } from './internal/network-passes';

/**
 * How dropout masks are drawn. `fresh`: new masks at every training forward pass (the
 * library's dropout). `course`: the course notebook's quirk — the generator is reseeded
 * with 1 at the start of every forward pass, so every iteration uses the same masks.
 */
export type DropoutMasks = 'fresh' | 'course';

export interface BinaryMlpOptions {
  /** Units per layer, input first; the last must be 1 (a sigmoid unit): e.g. `[2, 20, 3, 1]`. */
  readonly layerSizes: readonly number[];
  /** Draws the initial weights (course init: randn(out, in) / √in, in layer order) and fresh dropout masks. */
  readonly rng: RandomState;
  /** L2 strength λ in the course's cost term (1/m)(λ/2)·Σ‖W‖²; 0 turns it off. */
  readonly lambd?: number;
  /** Probability of keeping a hidden unit in training (inverted dropout); 1 turns it off. */
  readonly keepProb?: number;
  readonly dropoutMasks?: DropoutMasks;
  /**
   * `webassembly` (default where the runtime has WebAssembly SIMD) or `javascript`. Both run
   * the same blocked loops; WebAssembly does two examples per instruction.
   */
  readonly kernels?: 'webassembly' | 'javascript';
}

/** The seed the course's notebook passes to np.random.seed at the start of every dropout forward pass. */
export const COURSE_DROPOUT_SEED = 1;

/**
 * A fully connected binary classifier, LINEAR → RELU → … → LINEAR → SIGMOID, trained with
 * cross-entropy, optional L2 and inverted dropout on every hidden layer — the course's
 * regularization network, written as fused kernels for speed.
 *
 * Internally activations are feature-major `(units, N)`, the course's layout, so every
 * inner loop runs over examples; the public API stays batch-first. Buffers are allocated
 * by {@link setBatch} and reused, so {@link computeGradients} allocates nothing.
 */
export class BinaryMlp {
  readonly layerSizes: readonly number[];
  readonly lambd: number;
  readonly keepProb: number;
  readonly dropoutMasks: DropoutMasks;
  private readonly rng: RandomState;
  private readonly backend: BackendName;
  private readonly weights: Param[] = [];
  private readonly biases: Param[] = [];
  private readonly allParams: Param[] = [];
  private network: NetworkBuffers | null = null; // the training batch, from setBatch
  private courseMasksFor = -1; // batch size the course masks were drawn for
  private forwardDone = false;

  /** @throws ConfigError on bad sizes, λ < 0 or keepProb outside (0, 1] */
  constructor(options: BinaryMlpOptions) {
    const { layerSizes, rng, lambd = 0, keepProb = 1, dropoutMasks = 'fresh', kernels = 'webassembly' } = options;
    if (layerSizes.length < 2 || layerSizes.some((units) => !Number.isInteger(units) || units < 1)) {
      throw new ConfigError(`BinaryMlp: layerSizes must be at least two positive integers, got [${layerSizes.join(', ')}]`);
    }
    if (layerSizes[layerSizes.length - 1] !== 1) {
      throw new ConfigError(`BinaryMlp: the output layer must have 1 unit (sigmoid), got ${layerSizes[layerSizes.length - 1]}`);
    }
    if (!(lambd >= 0) || !Number.isFinite(lambd)) throw new ConfigError(`BinaryMlp: lambd must be a finite number >= 0, got ${lambd}`);
    if (!(keepProb > 0 && keepProb <= 1)) throw new ConfigError(`BinaryMlp: keepProb must be in (0, 1], got ${keepProb}`);
    this.layerSizes = [...layerSizes];
    this.lambd = lambd;
    this.keepProb = keepProb;
    this.dropoutMasks = dropoutMasks;
    this.rng = rng;
    this.backend = kernels === 'webassembly' && isWasmAvailable() ? 'wasm' : 'js';
    for (let l = 1; l < layerSizes.length; l++) {
      const fanIn = layerSizes[l - 1];
      const w = rng.randn(layerSizes[l], fanIn);
      // Divide (not multiply by 1/√in), exactly as the course's `randn(...) / np.sqrt(n)`.
      const root = Math.sqrt(fanIn);
      for (let i = 0; i < w.data.length; i++) w.data[i] /= root;
      const weight: Param = { name: `W${l}`, value: w, grad: new Tensor(new Float64Array(w.size), w.shape) };
      const bias: Param = {
        name: `b${l}`,
        value: new Tensor(new Float64Array(layerSizes[l]), [layerSizes[l]]),
        grad: new Tensor(new Float64Array(layerSizes[l]), [layerSizes[l]]),
      };
      this.weights.push(weight);
      this.biases.push(bias);
      this.allParams.push(weight, bias);
    }
  }

  /** W1 (n1, n0), b1 (n1,), W2 (n2, n1), b2 (n2,), …: values and the grads the last backward wrote. */
  params(): Param[] {
    return this.allParams;
  }

  /** Which kernels run the passes: `webassembly` or, where it is unavailable or not asked for, `javascript`. */
  get kernelName(): 'webassembly' | 'javascript' {
    return this.backend === 'wasm' ? 'webassembly' : 'javascript';
  }

  /** Number of examples in the current batch. */
  get size(): number {
    return this.network?.count ?? 0;
  }

  /**
   * Makes (x, y) the batch that {@link computeGradients} trains on. Copies into internal
   * feature-major buffers, allocating only when the batch size changes.
   * @param x - (N, D) inputs, D = layerSizes[0]
   * @param y - (N, 1) or (N,) labels in {0, 1}
   */
  setBatch(x: Tensor, y: Tensor): void {
    const [n, d] = this.checkInputs('BinaryMlp.setBatch', x);
    if (y.size !== n || y.shape[0] !== n || (y.shape.length === 2 && y.shape[1] !== 1) || y.shape.length > 2) {
      throw new ShapeError('BinaryMlp.setBatch', [x.shape, y.shape], `y must be (${n}, 1) or (${n},) to match x`, ' and ');
    }
    if (n !== this.size) {
      const shape = { layerSizes: this.layerSizes, count: n, training: true, dropout: this.keepProb < 1 };
      this.network = allocateNetwork(this.backend, shape);
      this.courseMasksFor = -1;
    }
    const network = this.network as NetworkBuffers;
    loadInputs(network, x.data, d);
    loadLabels(network, y.data);
    this.forwardDone = false;
  }

  /**
   * One forward pass in training mode and one backward pass over the current batch:
   * fills every param's grad with ∂cost/∂param (cross-entropy + L2). Allocation-free.
   * @throws StateError before {@link setBatch}
   */
  computeGradients(): void {
    const network = this.network;
    if (network === null) throw new StateError('BinaryMlp.computeGradients: call setBatch first');
    const dropout = this.keepProb < 1;
    // Masks are drawn before the first ReLU, in layer order, as the course draws them.
    if (dropout) this.drawMasks(network);
    loadParams(network, this.weights, this.biases);
    runForward(network, dropout, this.keepProb);
    runBackward(network, this.keepProb);
    this.storeGradients(network);
    this.forwardDone = true;
  }

  /**
   * The cost of the last training forward pass: −(1/m)Σ[y log a + (1−y) log(1−a)] plus the
   * L2 term (1/m)(λ/2)Σ‖W‖² of the weights that pass used. Like the course (np.nansum),
   * an example whose term is NaN (a = y exactly) adds nothing.
   * @throws StateError before {@link computeGradients}
   */
  cost(): number {
    if (!this.forwardDone) throw new StateError('BinaryMlp.cost: call computeGradients first');
    const network = this.network as NetworkBuffers;
    const n = network.count;
    const a3 = network.layers[network.layers.length - 1].activation;
    const labels = network.outputDelta.labels;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const term = -Math.log(a3[i]) * labels[i] + -Math.log(1 - a3[i]) * (1 - labels[i]);
      if (!Number.isNaN(term)) total += term;
    }
    let cost = (1 / n) * total;
    if (this.lambd !== 0) {
      let squares = 0;
      for (const w of this.weights) {
        let sum = 0;
        for (const v of w.value.data) sum += v * v;
        squares += sum;
      }
      cost += (1 / n) * (this.lambd / 2) * squares;
    }
    return cost;
  }

  /**
   * The output of the last training-mode forward pass (with dropout), a copy.
   * @returns (N, 1) probabilities
   * @throws StateError before {@link computeGradients}
   */
  lastOutput(): Tensor {
    if (!this.forwardDone) throw new StateError('BinaryMlp.lastOutput: call computeGradients first');
    const network = this.network as NetworkBuffers;
    const output = network.layers[network.layers.length - 1].activation;
    return new Tensor(output.slice(0, network.count), [network.count, 1]);
  }

  /**
   * P(y = 1 | x) in test mode (no dropout).
   * @param x - (N, D)
   * @returns (N, 1) probabilities
   */
  predictProba(x: Tensor): Tensor {
    const [n, d] = this.checkInputs('BinaryMlp.predictProba', x);
    // Its own JavaScript kernels and buffers, so the training buffers stay as they are; the
    // forward pass is bit-identical in both implementations.
    const network = allocateNetwork('js', { layerSizes: this.layerSizes, count: n, training: false, dropout: false });
    loadInputs(network, x.data, d);
    loadParams(network, this.weights, this.biases);
    runForward(network, false, 1);
    return new Tensor(network.layers[network.layers.length - 1].activation.slice(0, n), [n, 1]);
  }

  /**
   * The course's accuracy: mean((a > 0.5) == y).
   * @param x - (N, D); y - (N, 1) or (N,) labels in {0, 1}
   */
  accuracy(x: Tensor, y: Tensor): number {
    const proba = this.predictProba(x).data;
    if (y.size !== proba.length) {
      throw new ShapeError('BinaryMlp.accuracy', [x.shape, y.shape], `y must hold ${proba.length} labels`, ' and ');
    }
    let correct = 0;
    for (let i = 0; i < proba.length; i++) if ((proba[i] > 0.5 ? 1 : 0) === y.data[i]) correct++;
    return correct / proba.length;
  }

  private checkInputs(op: string, x: Tensor): readonly [n: number, d: number] {
    const [n, d] = assert2d(op, 'x', x);
    if (d !== this.layerSizes[0]) throw new ShapeError(op, [x.shape], `x must have ${this.layerSizes[0]} features, got ${d}`);
    if (n === 0) throw new ShapeError(op, [x.shape], 'x has no examples');
    return [n, d];
  }

  /** Draws the hidden layers' masks, (units, N) each, as the course does: rand(units, N) < keepProb. */
  private drawMasks(network: NetworkBuffers): void {
    const { count, stride } = network;
    if (this.dropoutMasks === 'course') {
      // Reseeding with the same seed each pass gives the same masks: draw them once per batch size.
      if (this.courseMasksFor === count) return;
      this.rng.seed(COURSE_DROPOUT_SEED);
      this.courseMasksFor = count;
    }
    const { rng, keepProb } = this;
    for (const { mask, units } of network.layers) {
      if (mask === null) continue;
      // Row by row over the real units and examples only: the draws must follow the course's order.
      for (let j = 0; j < units; j++) {
        const row = j * stride;
        for (let i = 0; i < count; i++) mask[row + i] = rng.nextDouble() < keepProb ? 1 : 0;
      }
    }
  }

  /** Param grads from the kernels' dw and db, plus the L2 term (λ/m)·W. */
  private storeGradients(network: NetworkBuffers): void {
    const l2Scale = this.lambd / network.count;
    for (let l = 0; l < network.layers.length; l++) {
      const layer = network.layers[l];
      const w = this.weights[l].value.data;
      const grad = this.weights[l].grad.data;
      const dw = layer.dw as Float64Array;
      // Added even when λ = 0: 0·w is 0, unless w itself is not finite, and then its gradient says so.
      for (let i = 0; i < grad.length; i++) grad[i] = dw[i] + l2Scale * w[i];
      const db = layer.db as Float64Array;
      const biasGrad = this.biases[l].grad.data;
      for (let k = 0; k < layer.units; k++) biasGrad[k] = db[k];
    }
  }
}
