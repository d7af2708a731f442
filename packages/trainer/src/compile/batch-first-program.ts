import type { Layer } from '@lab/layers';
import type { Dropout } from '@lab/regularizers';
import { type BackendName, type KernelSet, softmaxWorkspaceLength } from '@lab/tensor';
import { ArenaPlan } from './arena-plan';
import { type DenseParts, DenseStage, LayerStage, type Stage } from './batch-first-stages';
import { BinaryLoss } from './binary-loss';
import { copyPrefix, MaskSchedule, type Program } from './program';

/** One stage of a batch-first network, as the compile step planned it. */
export type StageSpec =
  | { readonly kind: 'dense'; readonly parts: DenseParts; readonly inWidth: number; readonly width: number }
  | { readonly kind: 'layer'; readonly layer: Layer; readonly inWidth: number; readonly width: number };

export interface BatchFirstSpec {
  readonly stages: readonly StageSpec[];
  /** `binary-cross-entropy`: the network's final Sigmoid and the loss, fused (the Sigmoid is not among the stages). */
  readonly loss: 'binary-cross-entropy' | 'softmax-cross-entropy';
  readonly inputWidth: number;
  /** C: the scores' width (1 for binary cross-entropy). */
  readonly outputWidth: number;
}

/**
 * Any network, batch-first: activations (N, width) row-major, as the layers compute them. Dense
 * blocks (LINEAR → [BATCHNORM] → [RELU] → [DROPOUT]) run fused on @lab/tensor's kernels
 * ({@link DenseStage}); any other layer runs its own forward and backward ({@link LayerStage}).
 * The loss is fused with the output: a sigmoid with binary cross-entropy, or softmax with
 * cross-entropy on the scores.
 */
export class BatchFirstProgram implements Program {
  readonly layout = 'batch-first';
  readonly fusesL2 = false;
  private readonly kernels: KernelSet;
  private readonly stages: Stage[];
  private readonly dense: DenseStage[];
  private readonly input: Float64Array; // (B, D)
  private readonly predictInput: Float64Array; // (B, D)
  private readonly labels: Float64Array; // (B,)
  private readonly zeros: Float64Array; // (B,): the labels of a test-mode pass
  private readonly probabilities: Float64Array; // (B,): the sigmoid's output of a training pass
  private readonly predictProbabilities: Float64Array; // (B,)
  private readonly sink: Float64Array; // (B·C,): a gradient nobody reads
  private readonly softmaxWork: Float64Array;
  private readonly masks: MaskSchedule;
  private readonly binaryLoss: BinaryLoss;
  private count = 0;

  constructor(
    private readonly spec: BatchFirstSpec,
    batchSize: number,
    backend: BackendName,
    reseedDropout: number | undefined,
    /** Arena values kept free for an optimizer's moments. */
    spare: number,
  ) {
    const plan = new ArenaPlan();
    const b = batchSize;
    const c = spec.outputWidth;
    const slots = {
      input: plan.reserve(b * spec.inputWidth),
      predictInput: plan.reserve(b * spec.inputWidth),
      labels: plan.reserve(b),
      zeros: plan.reserve(b),
      probabilities: plan.reserve(b),
      predictProbabilities: plan.reserve(b),
      sink: plan.reserve(b * c),
      softmaxWork: plan.reserve(softmaxWorkspaceLength(b)),
    };
    this.stages = spec.stages.map((s) =>
      s.kind === 'dense' ? new DenseStage(s.parts, s.inWidth, s.width, plan, b) : new LayerStage(s.layer, s.inWidth, s.width, plan, b),
    );
    this.dense = this.stages.filter((s): s is DenseStage => s instanceof DenseStage);
    const panelsSlot = plan.reserve(Math.max(0, ...this.stages.map((s) => s.panelsLength(b))));
    const arena = plan.create(backend, spare);
    this.kernels = arena.kernels;
    this.input = plan.view(slots.input);
    this.predictInput = plan.view(slots.predictInput);
    this.labels = plan.view(slots.labels);
    this.zeros = plan.view(slots.zeros);
    this.probabilities = plan.view(slots.probabilities);
    this.predictProbabilities = plan.view(slots.predictProbabilities);
    this.sink = plan.view(slots.sink);
    this.softmaxWork = plan.view(slots.softmaxWork);
    const panels = plan.view(panelsSlot);
    for (const stage of this.stages) stage.bind(plan, this.kernels, panels);
    const dropouts: Dropout[] = [];
    for (const stage of this.dense) if (stage.parts.dropout !== null) dropouts.push(stage.parts.dropout);
    this.masks = new MaskSchedule(reseedDropout, dropouts);
    this.binaryLoss = new BinaryLoss(this.probabilities, this.labels, b);
  }

  load(x: Float64Array, y: Float64Array, n: number): void {
    this.count = n;
    copyPrefix(this.input, x, n * this.spec.inputWidth);
    copyPrefix(this.labels, y, n);
  }

  train(): void {
    const { stages, kernels, count: n } = this;
    const draw = this.masks.beginPass(n);
    for (const stage of this.dense) stage.drawMasks = draw;
    let input = this.input;
    for (const stage of stages) {
      stage.forward(input, n, true);
      input = stage.out;
    }
    const last = stages[stages.length - 1];
    const grad = last === undefined ? this.sink : last.dOut;
    if (this.spec.loss === 'binary-cross-entropy') {
      kernels.sigmoidCrossEntropy(input, this.labels, n, this.probabilities, grad);
    } else {
      kernels.softmaxCrossEntropy(input, this.labels, n, this.spec.outputWidth, grad, this.softmaxWork);
    }
    for (let i = stages.length - 1; i >= 0; i--) {
      const below = i === 0 ? null : stages[i - 1];
      stages[i].backward(below === null ? this.input : below.out, below === null ? null : below.dOut, n);
    }
  }

  loss(): number {
    return this.spec.loss === 'binary-cross-entropy'
      ? this.binaryLoss.loss(this.count)
      : this.kernels.softmaxLoss(this.softmaxWork, this.count);
  }

  output(target: Float64Array): void {
    const n = this.count;
    if (this.spec.loss === 'binary-cross-entropy') target.set(this.probabilities.subarray(0, n));
    else target.set((this.stages[this.stages.length - 1]?.out ?? this.input).subarray(0, n * this.spec.outputWidth));
  }

  beginPredict(): void {
    for (const stage of this.stages) stage.beginPredict();
  }

  predict(x: Float64Array, first: number, rows: number, out: Float64Array): void {
    const d = this.spec.inputWidth;
    const c = this.spec.outputWidth;
    this.predictInput.set(x.subarray(first * d, (first + rows) * d));
    let input = this.predictInput;
    for (const stage of this.stages) {
      stage.forward(input, rows, false);
      input = stage.outPredict;
    }
    if (this.spec.loss === 'binary-cross-entropy') {
      this.kernels.sigmoidCrossEntropy(input, this.zeros, rows, this.predictProbabilities, this.sink);
      out.set(this.predictProbabilities.subarray(0, rows), first);
    } else {
      out.set(input.subarray(0, rows * c), first * c);
    }
  }

  describe(): string {
    const loss = this.spec.loss === 'binary-cross-entropy' ? 'sigmoid+binary-cross-entropy' : 'softmax-cross-entropy';
    return `batch-first: ${[...this.stages.map((s) => s.describe()), loss].join(' → ')}`;
  }
}
