import type { Linear } from '@lab/layers';
import type { Dropout } from '@lab/regularizers';
import { type BackendName, type KernelSet, Tensor } from '@lab/tensor';
import { ArenaPlan } from './arena-plan';
import { BinaryLoss } from './binary-loss';
import { copyPrefix, MaskSchedule, type Program } from './program';

/** A network the feature-major program runs: LINEAR → RELU → [DROPOUT] → … → LINEAR (1 unit) → SIGMOID. */
export interface FeatureMajorSpec {
  readonly hidden: readonly { readonly linear: Linear; readonly dropout: Dropout | null }[];
  readonly output: Linear;
}

/** One linear layer's buffers. `units` real units of `rows` (a multiple of four). */
interface LayerSlots {
  readonly linear: Linear;
  readonly dropout: Dropout | null;
  readonly inUnits: number;
  readonly units: number;
  readonly rows: number;
  w: Float64Array; // (rows, inUnits), padded rows zero: the layer's bound weights are its first `units` rows
  b: Float64Array; // (rows,)
  activation: Float64Array; // (rows, stride)
  mask: Float64Array | null; // (rows, stride), hidden layers with dropout
  dw: Float64Array; // (rows, inUnits): the layer's bound weight gradient is its first `units` rows
  db: Float64Array; // (rows,)
  delta: Float64Array; // (rows, stride): dZ
}

const rowsOf = (units: number) => Math.ceil(units / 4) * 4;

/**
 * The course network's fast path: every activation and delta feature-major, `(units, stride)`
 * with one row per unit and the batch padded to a multiple of four examples (`stride`), so each
 * kernel call does a whole layer with long inner loops over the examples (the course's own
 * layout). A training step is one `forwardHidden` per hidden layer (bias and ReLU fused), one
 * `forwardSigmoid` (the output, the loss's delta and its bias gradient), one `backwardHidden`
 * per hidden layer (the ReLU/dropout mask, the bias sums and the next layer's weight gradient
 * in one pass) and one `weightGradient`; an L2 term's `(λ/m)·W` is added to each weight gradient
 * as those two kernels store it. The layers' weights and gradients are views of this
 * program's arena (bound with `bindParams`), so nothing is copied per step.
 */
export class FeatureMajorProgram implements Program {
  readonly layout = 'feature-major';
  readonly fusesL2 = true;
  private readonly kernels: KernelSet;
  private readonly layers: LayerSlots[];
  private readonly inputWidth: number;
  private readonly inputs: Float64Array; // (D rounded up to even, maxStride): the training batch
  private readonly predictInputs: Float64Array; // the same, for test-mode passes
  private readonly labels: Float64Array; // (maxStride,)
  private readonly scale: Float64Array; // (maxStride,): 1/n for an example, 0 for the padding
  private readonly zeros: Float64Array; // (maxStride,): labels and scale of a test-mode pass
  private readonly sink: Float64Array; // (maxStride,): the delta of a test-mode pass
  private readonly sinkDb: Float64Array; // (1,)
  private readonly predictOutput: Float64Array; // (maxStride,)
  private readonly masks: MaskSchedule;
  private readonly binaryLoss: BinaryLoss;
  private readonly l2: number;
  private count = 0;
  private stride = 0;
  /** λ/m for the loaded batch (0 without L2): set when the batch size changes, not per step (a double computed per step would be boxed on its way into the kernels). */
  private decay = 0;

  /**
   * @param l2 - λ of the L2 term (0: none), whose gradient the weight-gradient kernels add
   * @param spare - arena values kept free for an optimizer's moments
   */
  constructor(
    spec: FeatureMajorSpec,
    batchSize: number,
    backend: BackendName,
    reseedDropout: number | undefined,
    l2: number,
    spare: number,
  ) {
    this.l2 = l2;
    const maxStride = Math.ceil(batchSize / 4) * 4;
    const all = [...spec.hidden, { linear: spec.output, dropout: null }];
    this.inputWidth = all[0].linear.inFeatures;
    const plan = new ArenaPlan();
    const inputRows = Math.ceil(this.inputWidth / 2) * 2;
    const slots = {
      inputs: plan.reserve(inputRows * maxStride),
      predictInputs: plan.reserve(inputRows * maxStride),
      labels: plan.reserve(maxStride),
      scale: plan.reserve(maxStride),
      zeros: plan.reserve(maxStride),
      sink: plan.reserve(maxStride),
      sinkDb: plan.reserve(1),
      predictOutput: plan.reserve(maxStride),
    };
    const layerSlots = all.map(({ linear, dropout }) => {
      const rows = rowsOf(linear.outFeatures);
      const inUnits = linear.inFeatures;
      return {
        w: plan.reserve(rows * inUnits),
        b: plan.reserve(rows),
        activation: plan.reserve(rows * maxStride),
        mask: dropout === null ? -1 : plan.reserve(rows * maxStride),
        dw: plan.reserve(rows * inUnits),
        db: plan.reserve(rows),
        delta: plan.reserve(rows * maxStride),
      };
    });
    const arena = plan.create(backend, spare);
    this.kernels = arena.kernels;
    this.inputs = plan.view(slots.inputs);
    this.predictInputs = plan.view(slots.predictInputs);
    this.labels = plan.view(slots.labels);
    this.scale = plan.view(slots.scale);
    this.zeros = plan.view(slots.zeros);
    this.sink = plan.view(slots.sink);
    this.sinkDb = plan.view(slots.sinkDb);
    this.predictOutput = plan.view(slots.predictOutput);
    this.layers = all.map(({ linear, dropout }, l) => {
      const s = layerSlots[l];
      const units = linear.outFeatures;
      const inUnits = linear.inFeatures;
      const layer: LayerSlots = {
        linear,
        dropout,
        inUnits,
        units,
        rows: rowsOf(units),
        w: plan.view(s.w),
        b: plan.view(s.b),
        activation: plan.view(s.activation),
        mask: dropout === null ? null : plan.view(s.mask),
        dw: plan.view(s.dw),
        db: plan.view(s.db),
        delta: plan.view(s.delta),
      };
      // The layer's parameters become the first `units` rows of the padded buffers.
      linear.bindParams(
        [new Tensor(layer.w.subarray(0, units * inUnits), [units, inUnits]), new Tensor(layer.b.subarray(0, units), [units])],
        [new Tensor(layer.dw.subarray(0, units * inUnits), [units, inUnits]), new Tensor(layer.db.subarray(0, units), [units])],
      );
      return layer;
    });
    this.masks = new MaskSchedule(
      reseedDropout,
      all.flatMap((block) => (block.dropout === null ? [] : [block.dropout])),
    );
    const output = this.layers[this.layers.length - 1];
    this.binaryLoss = new BinaryLoss(output.activation, this.labels, batchSize);
  }

  load(x: Float64Array, y: Float64Array, n: number): void {
    if (n !== this.count) {
      this.count = n;
      this.stride = Math.ceil(n / 4) * 4;
      // 1/n for every real example and 0 for the padding, so padded examples add nothing to any gradient.
      this.scale.fill(0);
      this.scale.fill(1 / n, 0, n);
      // λ/m as @lab/regularizers' addL2Gradients computes it: the same bits as adding it there.
      this.decay = this.l2 === 0 ? 0 : this.l2 / n;
    }
    loadFeatureMajor(this.inputs, x, n, this.inputWidth, this.stride);
    copyPrefix(this.labels, y, n);
  }

  train(): void {
    const { kernels, layers, count: n, stride, decay } = this;
    if (this.masks.beginPass(n)) {
      // Drawn before the first layer's forward, in layer order, as the course draws them.
      for (const layer of layers)
        if (layer.dropout !== null && layer.mask !== null) layer.dropout.drawMask(layer.mask, n, layer.units, stride);
    }
    const last = layers.length - 1;
    let input = this.inputs;
    for (let l = 0; l < last; l++) {
      const layer = layers[l];
      kernels.forwardHidden(layer.w, layer.b, input, layer.activation, layer.inUnits, layer.units, stride);
      if (layer.dropout !== null && layer.mask !== null) {
        kernels.dropoutMask(layer.activation, layer.mask, layer.dropout.keepProb, layer.rows * stride);
      }
      input = layer.activation;
    }
    const output = layers[last];
    kernels.forwardSigmoid(
      output.w,
      output.b,
      input,
      output.activation,
      output.inUnits,
      stride,
      this.labels,
      this.scale,
      output.delta,
      output.db,
    );
    // Each hidden layer's delta and bias gradient come out of the same pass as the next layer's dw.
    for (let l = last; l >= 1; l--) {
      const layer = layers[l];
      const below = layers[l - 1];
      const keepProb = below.dropout === null ? 1 : below.dropout.keepProb;
      kernels.backwardHidden(
        layer.w,
        layer.delta,
        below.activation,
        below.delta,
        layer.dw,
        below.db,
        layer.inUnits,
        layer.units,
        stride,
        keepProb,
        decay,
      );
    }
    kernels.weightGradient(layers[0].delta, this.inputs, layers[0].dw, this.inputWidth, layers[0].rows, stride, layers[0].w, decay);
  }

  loss(): number {
    return this.binaryLoss.loss(this.count);
  }

  output(target: Float64Array): void {
    target.set(this.layers[this.layers.length - 1].activation.subarray(0, this.count));
  }

  beginPredict(): void {
    // Nothing to prepare: the feature-major kernels read the weights in place.
  }

  predict(x: Float64Array, first: number, rows: number, out: Float64Array): void {
    const { kernels, layers } = this;
    const stride = Math.ceil(rows / 4) * 4;
    loadFeatureMajor(this.predictInputs, x.subarray(first * this.inputWidth), rows, this.inputWidth, stride);
    const last = layers.length - 1;
    let input = this.predictInputs;
    for (let l = 0; l < last; l++) {
      const layer = layers[l];
      kernels.forwardHidden(layer.w, layer.b, input, layer.activation, layer.inUnits, layer.units, stride);
      input = layer.activation;
    }
    const output = layers[last];
    kernels.forwardSigmoid(
      output.w,
      output.b,
      input,
      this.predictOutput,
      output.inUnits,
      stride,
      this.zeros,
      this.zeros,
      this.sink,
      this.sinkDb,
    );
    out.set(this.predictOutput.subarray(0, rows), first);
  }

  describe(): string {
    const hidden = this.layers.slice(0, -1).map((l) => `linear(${l.inUnits}→${l.units})+relu${l.dropout === null ? '' : '+dropout'}`);
    const output = this.layers[this.layers.length - 1];
    return `feature-major: ${[...hidden, `linear(${output.inUnits}→1)+sigmoid+binary-cross-entropy`].join(' → ')}`;
  }
}

/** Row-major (n, d) inputs → the feature-major (d, stride) buffer: unit j's row at j·stride. */
function loadFeatureMajor(target: Float64Array, x: Float64Array, n: number, d: number, stride: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) target[j * stride + i] = x[i * d + j];
}
