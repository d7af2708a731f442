import { assert2d, ConfigError, type RandomState, ShapeError, Tensor } from '@lab/tensor';
import { assertFiniteCost, assertFiniteGradients } from './divergence';
import type { EarlyStopping } from './early-stopping';
import type { Optimizer } from './optimizers';
import { type Checkpoint, captureCheckpoint, restoreCheckpoint } from './resume';
import type { Schedule } from './schedules';
import type { TrainingModel } from './training-model';

/** One recorded point of the cost curve. */
export interface CostPoint {
  /** 0-based iteration; the cost is that of the forward pass before its update. */
  readonly iteration: number;
  /** With `costEveryEpochs`: the 0-based epoch whose last mini-batch this cost is. */
  readonly epoch?: number;
  /** May be +Infinity with `allowInfiniteCost`. */
  readonly cost: number;
  /** With `measure`: what it returned at this point (the model after exactly `iteration` steps). */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** Emitted after each optimizer step that is a multiple of `progressEvery`, and after the last. */
export interface ProgressEvent {
  /** Iterations completed so far. */
  readonly iteration: number;
  readonly totalIterations: number;
  readonly epoch: number;
  /**
   * The most recently recorded cost: that of an earlier iteration (up to `progressEvery` before).
   * For the cost at the iteration it names, use `onCost`.
   */
  readonly cost: number;
  readonly learningRate: number;
}

/** Emitted at the end of every epoch (a full pass over the data). */
export interface EpochEvent {
  /** 1-based number of completed epochs. */
  readonly epoch: number;
  readonly iteration: number;
  /** Whatever `onEpoch` returned, e.g. validation accuracy, for history and early stopping. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** What `onEpoch` gets at the end of an epoch. */
export interface EpochEnd {
  /** 1-based number of completed epochs. */
  readonly epoch: number;
  /** Optimizer steps completed. */
  readonly iteration: number;
  /** The run as it stands, for `saveCheckpoint` and `train({ resumeFrom })`. @throws ConfigError without `rng` */
  checkpoint(): Checkpoint;
}

export interface TrainOptions {
  readonly model: TrainingModel;
  readonly optimizer: Optimizer;
  /** Sets the optimizer's learning rate before every step; default: leave it alone. */
  readonly schedule?: Schedule;
  /** Training inputs (N, D) and labels (N, …), rows aligned. */
  readonly x: Tensor;
  readonly y: Tensor;
  /** Examples per step; omit (or ≥ N) for full-batch gradient descent. */
  readonly batchSize?: number;
  /** Total optimizer steps to reach (counting those done before a resume). */
  readonly numIterations: number;
  /** Shuffles mini-batches (one permutation per epoch). Needed when batchSize < N. */
  readonly rng?: RandomState;
  /**
   * The data order of mini-batch runs: when given, `rng` is reseeded with `epochSeedBase + e + 1`
   * before the permutation of epoch e (0-based), so each epoch's order depends on its number alone
   * — the course's `seed = seed + 1; random_mini_batches(X, Y, 64, seed)` with `seed = 10` at the
   * start is `epochSeedBase: 10`. Default: one stream, each epoch's permutation drawn after the last.
   */
  readonly epochSeedBase?: number;
  /** Record the cost every k iterations (the course: 1000). Default 100. */
  readonly costEvery?: number;
  /**
   * Instead of `costEvery`: record the cost of the last mini-batch of epochs 0, k, 2k, … (0-based),
   * as the course's optimization notebook prints it. Each point then carries its `epoch`.
   */
  readonly costEveryEpochs?: number;
  /**
   * Record a cost of +Infinity instead of stopping with a DivergenceError: the course's cost
   * (`nansum` of the cross-entropy terms) is +Infinity whenever a sigmoid output rounded to exactly
   * 0 or 1 on the wrong side, while its gradient `a − y` stays finite. NaN still stops. Default false.
   */
  readonly allowInfiniteCost?: boolean;
  /**
   * Measures the model at recorded cost points, e.g. accuracy and cost on a held-out set in test
   * mode; the result becomes the point's `metrics`. Called before the point's forward pass, so it
   * sees the weights and batch norm's running statistics after exactly `iteration` steps: what a
   * run of `iteration` steps ends with. It must leave the training state alone (a test-mode
   * prediction of a compiled model does). Not called for the final cost's point.
   */
  readonly measure?: (iteration: number) => Readonly<Record<string, number>>;
  /**
   * Measure only every k-th recorded point, counted from the first point of the run (the point's
   * number comes from its iteration or epoch, so a resumed run measures the same points). Default 1.
   */
  readonly measureEvery?: number;
  /** Call `onProgress` every k iterations. Default: costEvery (k epochs' iterations with costEveryEpochs). */
  readonly progressEvery?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * Called with each point of the cost curve as it is recorded (and with the final cost's point,
   * with `finalCost`): the cost at the iteration it names, for a progress line that shows the cost
   * at its own iteration. Recorded costs are computed anyway, so this adds no work.
   */
  readonly onCost?: (point: CostPoint) => void;
  /**
   * Called at the end of every epoch; its metrics go into the history. Return `stop: true` to end
   * training. `checkpoint()` captures the run as it stands (params, optimizer, RNG, progress and
   * batching) for `saveCheckpoint`; it needs `rng`.
   */
  readonly onEpoch?: (event: EpochEnd) => { metrics?: Record<string, number>; stop?: boolean } | undefined;
  /**
   * Stops when `onEpoch`'s metrics stop improving, and restores the best epoch's weights
   * whenever training ends (early, or after numIterations). Needs `onEpoch` to report the metric.
   */
  readonly earlyStopping?: EarlyStopping;
  /**
   * Resume a run from a checkpoint (from `onEpoch`'s `checkpoint()`, or `loadCheckpoint`): before
   * the first step, the model's params, the optimizer's state and `rng`'s state are restored
   * together, and training continues at the checkpoint's iteration — the same steps, bit for bit,
   * as a run that was never stopped. Build the model as at the start (from a fresh generator);
   * the checkpoint overwrites what building it drew. Needs `rng`; the checkpoint's batching must
   * be this run's.
   */
  readonly resumeFrom?: Checkpoint & { readonly path?: string };
  /** Start at this many completed iterations without restoring anything (see `resumeFrom`). Default 0. */
  readonly startIteration?: number;
  /** Check every gradient for NaN/±Infinity each step. Default true. */
  readonly checkFinite?: boolean;
  /**
   * After training (and after early stopping put the best weights back), one more training pass
   * over the whole training set gives the cost of the weights training ends with — the course's
   * final cost: the cost curve ends with it (a point at the last iteration, unless early stopping
   * restored an earlier epoch's weights), and so do `TrainResult.finalCost` and `onCost`. The pass
   * runs in train mode (dropout draws masks, batch norm updates its running statistics), and the
   * model must take all N examples as one batch. Default false.
   */
  readonly finalCost?: boolean;
}

export interface TrainResult {
  /** Iterations completed, counting those before a resume. */
  readonly iterations: number;
  readonly epochs: number;
  readonly costs: CostPoint[];
  readonly epochHistory: EpochEvent[];
  /** True when `onEpoch` or early stopping ended training before numIterations. */
  readonly stoppedEarly: boolean;
  /** The epoch whose weights early stopping restored, when it did. */
  readonly restoredEpoch?: number;
  /** With the `finalCost` option: the cost of the weights training ends with, over the whole training set (train mode). */
  readonly finalCost?: number;
}

/**
 * The training loop: for each step, take a batch, compute gradients, set the scheduled
 * learning rate, update. Full-batch runs set the batch once and allocate nothing per step;
 * mini-batch runs draw one permutation per epoch from `rng` (reseeded per epoch with
 * `epochSeedBase`) and walk it in order (the last batch may be smaller), as the course does.
 *
 * The cost is computed only at recorded iterations (every `costEvery`, or the last batch of every
 * `costEveryEpochs`-th epoch), because it costs a log per example and changes nothing in the update.
 *
 * @throws DivergenceError when a recorded cost or any gradient is NaN or ±Infinity (a cost of
 *   +Infinity is recorded with `allowInfiniteCost`)
 * @throws ConfigError on bad options, or a schedule whose `checkRun` fails, before the first step;
 *   ShapeError when x and y disagree on N
 */
export function train(options: TrainOptions): TrainResult {
  const { model, optimizer, schedule, x, y, onProgress, onCost, onEpoch, earlyStopping, measure } = options;
  if (earlyStopping !== undefined && onEpoch === undefined) {
    throw new ConfigError(`train: earlyStopping watches '${earlyStopping.metric}', which onEpoch must report; no onEpoch was given`);
  }
  const [n] = assert2d('train', 'x', x);
  if (y.shape[0] !== n) throw new ShapeError('train', [x.shape, y.shape], `x has ${n} examples but y has ${y.shape[0]}`, ' and ');
  const numIterations = options.numIterations;
  const { costEveryEpochs, epochSeedBase, resumeFrom } = options;
  if (costEveryEpochs !== undefined && options.costEvery !== undefined) {
    throw new ConfigError('train: give costEvery (iterations) or costEveryEpochs (epochs), not both');
  }
  const costEvery = options.costEvery ?? 100;
  if (resumeFrom !== undefined && options.startIteration !== undefined) {
    throw new ConfigError('train: give resumeFrom or startIteration, not both (resumeFrom starts at its checkpoint’s iteration)');
  }
  if (resumeFrom !== undefined && options.rng === undefined) {
    throw new ConfigError('train: resumeFrom restores the RNG state too: pass the rng that the model and the shuffling draw from');
  }
  const startIteration = resumeFrom?.iteration ?? options.startIteration ?? 0;
  const checkFinite = options.checkFinite ?? true;
  requirePositiveInteger('costEvery', costEvery);
  const measureEvery = options.measureEvery ?? 1;
  requirePositiveInteger('measureEvery', measureEvery);
  if (costEveryEpochs !== undefined) requirePositiveInteger('costEveryEpochs', costEveryEpochs);
  if (epochSeedBase !== undefined && !Number.isSafeInteger(epochSeedBase)) {
    throw new ConfigError(`train: epochSeedBase must be an integer, got ${epochSeedBase}`);
  }
  if (!Number.isInteger(numIterations) || numIterations < 0) {
    throw new ConfigError(`train: numIterations must be a non-negative integer, got ${numIterations}`);
  }
  if (!Number.isInteger(startIteration) || startIteration < 0 || startIteration > numIterations) {
    throw new ConfigError(`train: startIteration must be an integer in [0, ${numIterations}], got ${startIteration}`);
  }
  const batchSize = Math.min(options.batchSize ?? n, n);
  requirePositiveInteger('batchSize', batchSize);
  const fullBatch = batchSize === n;
  if (!fullBatch && options.rng === undefined) throw new ConfigError('train: mini-batches (batchSize < N) need an rng to shuffle with');
  const batchesPerEpoch = Math.ceil(n / batchSize);
  const progressEvery = options.progressEvery ?? (costEveryEpochs === undefined ? costEvery : costEveryEpochs * batchesPerEpoch);
  requirePositiveInteger('progressEvery', progressEvery);
  if (!fullBatch && startIteration % batchesPerEpoch !== 0) {
    throw new ConfigError(`train: a mini-batch run resumes at an epoch boundary (a multiple of ${batchesPerEpoch}), got ${startIteration}`);
  }
  const batching = { examples: n, batchSize };
  if (resumeFrom?.batching !== undefined && (resumeFrom.batching.examples !== n || resumeFrom.batching.batchSize !== batchSize)) {
    const saved = resumeFrom.batching;
    throw new ConfigError(
      `${resumeFrom.path ?? 'checkpoint'}: batching: saved with ${saved.examples} examples in batches of ${saved.batchSize}, but this run has ${n} in batches of ${batchSize}: the data order would differ`,
    );
  }
  // Every step's rate before the first step: a schedule that fails at a later epoch fails now.
  schedule?.checkRun?.({ startIteration, numIterations, batchesPerEpoch });
  // After every check, so a refused resume changes nothing; after the model was built, so the
  // restored RNG state is not spent on initial weights.
  if (resumeFrom !== undefined && options.rng !== undefined) restoreCheckpoint(resumeFrom, { model, optimizer, rng: options.rng });

  const params = model.params();
  const costs: CostPoint[] = [];
  const epochHistory: EpochEvent[] = [];
  let lastCost = Number.NaN;
  let iteration = startIteration;
  let epoch = Math.floor(startIteration / batchesPerEpoch);
  let stoppedEarly = false;
  const batch = fullBatch ? null : new BatchSlicer(x, y, batchSize);
  if (fullBatch) model.setBatch(x, y);

  const allowInfiniteCost = options.allowInfiniteCost ?? false;
  const capture = (at: { readonly epoch: number; readonly iteration: number }): Checkpoint => {
    const rng = options.rng;
    if (rng === undefined) throw new ConfigError('train: a checkpoint holds the RNG state: pass train an rng');
    return captureCheckpoint({ model, optimizer, rng }, { epoch: at.epoch, iteration: at.iteration, batching });
  };

  while (iteration < numIterations && !stoppedEarly) {
    const rng = options.rng;
    if (batch !== null && rng !== undefined && epochSeedBase !== undefined) rng.seed(epochSeedBase + epoch + 1);
    const order = batch !== null && rng !== undefined ? rng.permutation(n).data : null;
    for (let b = 0; b < batchesPerEpoch && iteration < numIterations; b++) {
      const recordCost =
        costEveryEpochs === undefined ? iteration % costEvery === 0 : b === batchesPerEpoch - 1 && epoch % costEveryEpochs === 0;
      // Before the forward pass: a training pass updates batch norm's running statistics.
      const pointNumber = costEveryEpochs === undefined ? iteration / costEvery : epoch / costEveryEpochs;
      const metrics = recordCost && measure !== undefined && pointNumber % measureEvery === 0 ? measure(iteration) : undefined;
      if (batch !== null && order !== null) batch.load(model, order, b * batchSize);
      model.computeGradients();
      if (checkFinite) assertFiniteGradients(params, iteration);
      if (recordCost) {
        lastCost = model.cost();
        if (!(allowInfiniteCost && lastCost === Number.POSITIVE_INFINITY)) assertFiniteCost(lastCost, iteration);
        const point: CostPoint = {
          iteration,
          ...(costEveryEpochs === undefined ? {} : { epoch }),
          cost: lastCost,
          ...(metrics === undefined ? {} : { metrics }),
        };
        costs.push(point);
        onCost?.(point);
      }
      if (schedule !== undefined) optimizer.learningRate = schedule.learningRate(epoch, iteration);
      optimizer.step(params);
      iteration++;
      if (onProgress !== undefined && (iteration % progressEvery === 0 || iteration === numIterations)) {
        onProgress({ iteration, totalIterations: numIterations, epoch, cost: lastCost, learningRate: optimizer.learningRate });
      }
    }
    if (iteration % batchesPerEpoch === 0 || iteration === numIterations) {
      epoch++;
      if (onEpoch !== undefined) {
        // A full-batch run ends an epoch every step: the event is one small object, its checkpoint
        // closure is made only when asked for, and an epoch without metrics shares one empty record.
        const verdict = onEpoch(new EpochEndEvent(epoch, iteration, capture));
        const metrics = verdict?.metrics ?? NO_METRICS;
        epochHistory.push({ epoch, iteration, metrics });
        const patienceRanOut = earlyStopping?.update(epoch, metrics, params) ?? false;
        if ((verdict?.stop === true || patienceRanOut) && iteration < numIterations) stoppedEarly = true;
      }
    }
  }
  let restoredEpoch: number | undefined;
  if (earlyStopping?.hasBest === true) {
    earlyStopping.restoreBest(params);
    restoredEpoch = earlyStopping.bestEpoch ?? undefined;
  }
  let finalCost: number | undefined;
  if (options.finalCost === true) {
    if (!fullBatch) model.setBatch(x, y);
    model.computeGradients();
    finalCost = model.cost();
    if (!(allowInfiniteCost && finalCost === Number.POSITIVE_INFINITY)) assertFiniteCost(finalCost, iteration);
    // Restored weights are those of an earlier epoch: they have no point at this iteration.
    if (restoredEpoch === undefined) {
      const point = { iteration, cost: finalCost };
      costs.push(point);
      onCost?.(point);
    }
  }
  return {
    iterations: iteration,
    epochs: epoch,
    costs,
    epochHistory,
    stoppedEarly,
    ...(restoredEpoch === undefined ? {} : { restoredEpoch }),
    ...(finalCost === undefined ? {} : { finalCost }),
  };
}

/** The metrics of an epoch whose `onEpoch` reported none (frozen: every such epoch shares it). */
const NO_METRICS: Readonly<Record<string, number>> = Object.freeze({});

/**
 * What `onEpoch` gets: the epoch and iteration, and `checkpoint`, a function made when it is read
 * (so `const { checkpoint } = event` works), not at every epoch's end.
 */
class EpochEndEvent implements EpochEnd {
  constructor(
    readonly epoch: number,
    readonly iteration: number,
    private readonly capture: (at: EpochEndEvent) => Checkpoint,
  ) {}

  get checkpoint(): () => Checkpoint {
    return () => this.capture(this);
  }
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`train: ${name} must be a positive integer, got ${value}`);
}

/** From this row width on, x's rows are copied by `set` from views made once (7× faster at 784 wide); narrower rows element by element. */
const ROW_VIEW_WIDTH = 16;

/** Gathers the rows of one mini-batch into reused buffers (one pair per batch size). */
class BatchSlicer {
  private readonly rowWidthX: number;
  private readonly rowWidthY: number;
  private readonly buffers = new Map<number, { x: Tensor; y: Tensor }>();
  /** A view of each wide row of x, made at the first load: a row is then one block copy (`set`), with no view made per row and step. */
  private rowsX: Float64Array[] | null = null;

  constructor(
    private readonly x: Tensor,
    private readonly y: Tensor,
    private readonly batchSize: number,
  ) {
    this.rowWidthX = x.size / x.shape[0];
    this.rowWidthY = y.size / y.shape[0];
  }

  load(model: TrainingModel, order: Float64Array, start: number): void {
    const rows = Math.min(this.batchSize, order.length - start);
    let pair = this.buffers.get(rows);
    if (pair === undefined) {
      pair = {
        x: new Tensor(new Float64Array(rows * this.rowWidthX), [rows, ...this.x.shape.slice(1)]),
        y: new Tensor(new Float64Array(rows * this.rowWidthY), [rows, ...this.y.shape.slice(1)]),
      };
      this.buffers.set(rows, pair);
    }
    const wx = this.rowWidthX;
    const wy = this.rowWidthY;
    const xs = this.x.data;
    const ys = this.y.data;
    const xd = pair.x.data;
    const yd = pair.y.data;
    if (wx >= ROW_VIEW_WIDTH) {
      this.rowsX ??= Array.from({ length: this.x.shape[0] }, (_, i) => xs.subarray(i * wx, (i + 1) * wx));
      const rowsX = this.rowsX;
      for (let r = 0; r < rows; r++) xd.set(rowsX[order[start + r]], r * wx);
    } else {
      for (let r = 0; r < rows; r++) {
        const source = order[start + r];
        for (let c = 0; c < wx; c++) xd[r * wx + c] = xs[source * wx + c];
      }
    }
    for (let r = 0; r < rows; r++) {
      const source = order[start + r];
      for (let c = 0; c < wy; c++) yd[r * wy + c] = ys[source * wy + c];
    }
    model.setBatch(pair.x, pair.y);
  }
}
