import { type BatchNorm1d, batchnormBackwardAlt, batchnormForward } from '@lab/batchnorm';
import type { Layer, Linear } from '@lab/layers';
import type { Dropout } from '@lab/regularizers';
import { batchnormWorkspaceLength, gemmPanelsLength, type KernelSet, LabError, ShapeError, Tensor } from '@lab/tensor';
import type { ArenaPlan } from './arena-plan';
import { layerName } from './layer-kinds';

/**
 * One step of a batch-first compiled network, (N, inWidth) → (N, width). `out` holds the output
 * of a training pass, `outPredict` that of a test-mode pass (so a prediction between two steps
 * changes nothing a step needs); `dOut` receives the gradient of the loss with respect to `out`
 * from the stage after it (or the loss).
 */
export interface Stage {
  readonly inWidth: number;
  readonly width: number;
  out: Float64Array;
  outPredict: Float64Array;
  dOut: Float64Array;
  /** Allocates nothing: takes its views from the created arena and binds its layers' params. */
  bind(plan: ArenaPlan, kernels: KernelSet, panels: Float64Array): void;
  /** Before test-mode forwards on the same parameters: prepares what they share (the packed weights). */
  beginPredict(): void;
  /** Forward over n rows of `input`, into `out` (train) or `outPredict` (test, after {@link beginPredict}). */
  forward(input: Float64Array, n: number, train: boolean): void;
  /** Backward after a training forward: its params' grads, and dIn (the gradient for `input`) unless null. */
  backward(input: Float64Array, dIn: Float64Array | null, n: number): void;
  /** Values of the shared panels buffer its products need at batch size B. */
  panelsLength(batchSize: number): number;
  describe(): string;
}

/** The shape every stage's buffers share: slots reserved before the arena exists. */
abstract class StageBuffers {
  out!: Float64Array;
  outPredict!: Float64Array;
  dOut!: Float64Array;
  private readonly outSlots: readonly [number, number, number];

  constructor(
    readonly inWidth: number,
    readonly width: number,
    plan: ArenaPlan,
    batchSize: number,
  ) {
    const size = batchSize * width;
    this.outSlots = [plan.reserve(size), plan.reserve(size), plan.reserve(size)];
  }

  protected bindOutputs(plan: ArenaPlan): void {
    this.out = plan.view(this.outSlots[0]);
    this.outPredict = plan.view(this.outSlots[1]);
    this.dOut = plan.view(this.outSlots[2]);
  }
}

/** What a {@link DenseStage} fuses: LINEAR → [BATCHNORM] → [RELU] → [DROPOUT], or BATCHNORM → [RELU] → [DROPOUT]. */
export interface DenseParts {
  readonly linear: Linear | null;
  readonly batchnorm: BatchNorm1d | null;
  readonly relu: boolean;
  readonly dropout: Dropout | null;
}

/**
 * A dense block in one stage. Forward: the product x·Wᵀ (@lab/tensor's panel kernels), the bias
 * (and, without batch norm, the ReLU) in one pass; batch norm's statistics, running statistics
 * and normalization (with the ReLU fused) in two passes; the dropout mask. Backward: dropout's and
 * the ReLU's masks on the incoming gradient, batch norm's closed form, the bias sums, dW = doutᵀ·x
 * and dx = dout·W. The layers' parameters and grads are views of the arena.
 */
export class DenseStage extends StageBuffers implements Stage {
  private kernels!: KernelSet;
  private panels!: Float64Array;
  /** Wᵀ packed for the test-mode forwards of one `scores` call (beginPredict): packed once, not once per chunk of rows. */
  private predictPanels!: Float64Array;
  private readonly slots: Record<string, number> = {};
  private w!: Float64Array;
  private b!: Float64Array;
  private dw!: Float64Array;
  private db!: Float64Array;
  private z!: Float64Array; // (B, width): the linear output, batch norm's input
  private dz!: Float64Array; // (B, width): its gradient
  private mask!: Float64Array;
  private mean!: Float64Array;
  private variance!: Float64Array;
  private invStd!: Float64Array;
  private work!: Float64Array;
  private gamma!: Float64Array;
  private beta!: Float64Array;
  private dgamma!: Float64Array;
  private dbeta!: Float64Array;

  constructor(
    readonly parts: DenseParts,
    inWidth: number,
    width: number,
    plan: ArenaPlan,
    batchSize: number,
  ) {
    super(inWidth, width, plan, batchSize);
    const { linear, batchnorm, dropout } = parts;
    const size = batchSize * width;
    if (linear !== null) {
      this.slots.w = plan.reserve(width * inWidth);
      this.slots.b = plan.reserve(width);
      this.slots.dw = plan.reserve(width * inWidth);
      this.slots.db = plan.reserve(width);
      this.slots.predictPanels = plan.reserve(gemmPanelsLength(inWidth, width));
    }
    if (batchnorm !== null) {
      for (const name of ['gamma', 'beta', 'dgamma', 'dbeta', 'mean', 'variance', 'invStd']) this.slots[name] = plan.reserve(width);
      this.slots.work = plan.reserve(batchnormWorkspaceLength(width));
      if (linear !== null) {
        this.slots.z = plan.reserve(size);
        this.slots.dz = plan.reserve(size);
      }
    }
    if (dropout !== null) this.slots.mask = plan.reserve(size);
  }

  panelsLength(batchSize: number): number {
    if (this.parts.linear === null) return 0;
    const d = this.inWidth;
    const m = this.width;
    return Math.max(gemmPanelsLength(d, m), gemmPanelsLength(batchSize, d), gemmPanelsLength(m, d));
  }

  bind(plan: ArenaPlan, kernels: KernelSet, panels: Float64Array): void {
    this.bindOutputs(plan);
    this.kernels = kernels;
    this.panels = panels;
    const view = (name: string) => plan.view(this.slots[name]);
    const { linear, batchnorm, dropout } = this.parts;
    const d = this.inWidth;
    const m = this.width;
    if (linear !== null) {
      this.w = view('w');
      this.b = view('b');
      this.dw = view('dw');
      this.db = view('db');
      this.predictPanels = view('predictPanels');
      linear.bindParams([new Tensor(this.w, [m, d]), new Tensor(this.b, [m])], [new Tensor(this.dw, [m, d]), new Tensor(this.db, [m])]);
    }
    if (batchnorm !== null) {
      this.gamma = view('gamma');
      this.beta = view('beta');
      this.dgamma = view('dgamma');
      this.dbeta = view('dbeta');
      this.mean = view('mean');
      this.variance = view('variance');
      this.invStd = view('invStd');
      this.work = view('work');
      batchnorm.bindParams(
        [new Tensor(this.gamma, [m]), new Tensor(this.beta, [m])],
        [new Tensor(this.dgamma, [m]), new Tensor(this.dbeta, [m])],
      );
      if (linear !== null) {
        this.z = view('z');
        this.dz = view('dz');
      }
    }
    if (dropout !== null) this.mask = view('mask');
  }

  forward(input: Float64Array, n: number, train: boolean): void {
    const { kernels } = this;
    const { linear, batchnorm, relu, dropout } = this.parts;
    const d = this.inWidth;
    const m = this.width;
    const out = train ? this.out : this.outPredict;
    let x = input;
    if (linear !== null) {
      const target = batchnorm === null ? out : this.z;
      // out = x·Wᵀ: op(B) = Wᵀ, W read transposed while packing (in test mode, packed by
      // beginPredict); the bias after the product, as affineForward adds it.
      let panels = this.predictPanels;
      if (train) {
        panels = this.panels;
        kernels.packPanels(this.w, d, m, true, panels);
      }
      kernels.multiplyPanels(input, panels, target, n, d, m, false);
      kernels.addBias(target, this.b, n, m, relu && batchnorm === null);
      x = target;
    }
    if (batchnorm !== null) this.normalize(batchnorm, x, out, n, train);
    if (dropout !== null && train) {
      if (this.drawMasks) dropout.drawMask(this.mask, n, m);
      kernels.dropoutMask(out, this.mask, dropout.keepProb, n * m);
    }
  }

  beginPredict(): void {
    if (this.parts.linear !== null) this.kernels.packPanels(this.w, this.inWidth, this.width, true, this.predictPanels);
  }

  /** Set by the program before each training forward: whether this pass draws new masks (see MaskSchedule). */
  drawMasks = true;

  private normalize(layer: BatchNorm1d, x: Float64Array, out: Float64Array, n: number, train: boolean): void {
    const m = this.width;
    const relu = this.parts.relu;
    if (train) {
      if (n < 2) {
        throw new ShapeError(
          'batchnormForward',
          [[n, m]],
          `train mode needs a batch of at least 2 examples to estimate a variance, got N = ${n}`,
        );
      }
      const correction = layer.unbiasedRunningVar ? n / (n - 1) : 1;
      const bad = this.kernels.batchnormTrainForward(
        x,
        n,
        m,
        this.gamma,
        this.beta,
        layer.runningMean.data,
        layer.runningVar.data,
        layer.eps,
        layer.momentum,
        correction,
        this.mean,
        this.variance,
        this.invStd,
        out,
        relu,
        this.work,
      );
      if (bad >= 0) this.reportForward(layer, x, n, 'train');
      return;
    }
    const runningVar = layer.runningVar.data;
    this.mean.set(layer.runningMean.data);
    for (let j = 0; j < m; j++) this.invStd[j] = 1 / Math.sqrt(runningVar[j] + layer.eps);
    for (let j = 0; j < m; j++) {
      const s = this.invStd[j];
      if (s - s !== 0 || !(s > 0)) this.reportForward(layer, x, n, 'test');
    }
    if (!this.kernels.batchnormTestForward(x, n, m, this.mean, this.invStd, this.gamma, this.beta, out, relu, this.work)) {
      this.reportForward(layer, x, n, 'test');
    }
  }

  /** A bad batch: batchnormForward (the same kernels) on a copy names the problem in its own words. */
  private reportForward(layer: BatchNorm1d, x: Float64Array, n: number, mode: 'train' | 'test'): void {
    const m = this.width;
    batchnormForward(new Tensor(x.slice(0, n * m), [n, m]), layer.gamma, layer.beta, {
      mode,
      eps: layer.eps,
      momentum: layer.momentum,
      runningMean: new Tensor(layer.runningMean.data.slice(), [m]),
      runningVar: new Tensor(layer.runningVar.data.slice(), [m]),
    });
    throw new LabError(`BatchNorm1d: the ${mode}-mode batch statistics of a (${n}, ${m}) batch are not finite`);
  }

  backward(input: Float64Array, dIn: Float64Array | null, n: number): void {
    const { kernels } = this;
    const { linear, batchnorm, relu, dropout } = this.parts;
    const d = this.inWidth;
    const m = this.width;
    const g = this.dOut;
    // The layers' order backwards: dropout (mask/keepProb), then the ReLU (out > 0 exactly where
    // the ReLU passed and dropout kept the unit), then batch norm, then the product.
    if (dropout !== null) kernels.dropoutMask(g, this.mask, dropout.keepProb, n * m);
    if (relu) kernels.reluMask(g, this.out, n * m);
    let grad = g;
    if (batchnorm !== null) {
      const x = linear === null ? input : this.z;
      const dx = linear === null ? (dIn ?? g) : this.dz;
      if (!kernels.batchnormBackward(x, g, n, m, this.mean, this.invStd, this.gamma, true, dx, this.dgamma, this.dbeta, this.work)) {
        this.reportBackward(x, g, n);
      }
      if (linear === null) return;
      grad = this.dz;
    }
    if (linear === null) return;
    kernels.columnSums(grad, n, m, this.db);
    // dW = gradᵀ·x: op(A) = gradᵀ read in place, op(B) = x packed.
    kernels.packPanels(input, n, d, false, this.panels);
    kernels.multiplyPanels(grad, this.panels, this.dw, m, n, d, true);
    if (dIn !== null) {
      // dx = grad·W.
      kernels.packPanels(this.w, m, d, false, this.panels);
      kernels.multiplyPanels(grad, this.panels, dIn, n, m, d, false);
    }
  }

  private reportBackward(x: Float64Array, g: Float64Array, n: number): void {
    const m = this.width;
    const cache = {
      mode: 'train' as const,
      x: new Tensor(x.slice(0, n * m), [n, m]),
      mean: new Tensor(this.mean.slice(), [m]),
      invStd: new Tensor(this.invStd.slice(), [m]),
      gamma: new Tensor(this.gamma.slice(), [m]),
    };
    batchnormBackwardAlt(new Tensor(g.slice(0, n * m), [n, m]), cache);
    throw new LabError(`BatchNorm1d: the gradient sums of a (${n}, ${m}) batch are not finite`);
  }

  describe(): string {
    const { linear, batchnorm, relu, dropout } = this.parts;
    const parts = [
      linear === null ? null : `linear(${this.inWidth}→${this.width})`,
      batchnorm === null ? null : 'batchnorm',
      relu ? 'relu' : null,
      dropout === null ? null : 'dropout',
    ];
    return parts.filter((p) => p !== null).join('+');
  }
}

/**
 * A layer without a fused kernel: its own `forward` and `backward` run on tensors over the
 * arena's buffers, and their results are copied into the next buffers. Correct for any layer
 * that keeps the Layer contract; it allocates what the layer allocates.
 */
export class LayerStage extends StageBuffers implements Stage {
  private readonly wrappers = new Map<Float64Array, Map<number, Tensor>>();

  constructor(
    readonly layer: Layer,
    inWidth: number,
    width: number,
    plan: ArenaPlan,
    batchSize: number,
  ) {
    super(inWidth, width, plan, batchSize);
  }

  panelsLength(): number {
    return 0;
  }

  bind(plan: ArenaPlan): void {
    this.bindOutputs(plan);
  }

  beginPredict(): void {
    // The layer's own forward prepares what it needs.
  }

  /** A tensor over the first n rows of a buffer of this stage's widths, made once per (buffer, n). */
  private wrap(buffer: Float64Array, n: number, width: number): Tensor {
    let byRows = this.wrappers.get(buffer);
    if (byRows === undefined) {
      byRows = new Map();
      this.wrappers.set(buffer, byRows);
    }
    let tensor = byRows.get(n);
    if (tensor === undefined) {
      tensor = new Tensor(buffer.subarray(0, n * width), [n, width]);
      byRows.set(n, tensor);
    }
    return tensor;
  }

  forward(input: Float64Array, n: number, train: boolean): void {
    const y = this.layer.forward(this.wrap(input, n, this.inWidth), train ? 'train' : 'test');
    this.copy(y, train ? this.out : this.outPredict, n, this.width, 'forward');
  }

  backward(_input: Float64Array, dIn: Float64Array | null, n: number): void {
    const dx = this.layer.backward(this.wrap(this.dOut, n, this.width));
    if (dIn !== null) this.copy(dx, dIn, n, this.inWidth, 'backward');
  }

  private copy(t: Tensor, target: Float64Array, n: number, width: number, pass: string): void {
    if (t.shape.length !== 2 || t.shape[0] !== n || t.shape[1] !== width) {
      throw new ShapeError(`${layerName(this.layer)}.${pass}`, [t.shape], `expected (${n}, ${width}), as at compile time`);
    }
    if (t.data !== target) target.set(t.data);
  }

  describe(): string {
    return `${layerName(this.layer)} (its own kernels)`;
  }
}
