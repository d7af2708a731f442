import { ConfigError, RandomState, ShapeError, Tensor } from '@lab/tensor';
import { Adam, compile, DivergenceError, train } from '@lab/trainer';
import { classifierNetwork } from './classifier-network';
import type { BatchnormJob, BatchnormRun, EpochAccuracy } from './record';

/** A tensor's data and shape: what survives a structured clone to a worker thread (a `Tensor` is one). */
export interface TensorLike {
  readonly data: Float64Array;
  readonly shape: readonly number[];
}

/** The labelled data every training job draws its rows from. */
export interface ClassificationData {
  /** (N, D) training inputs. */
  readonly trainX: TensorLike;
  /** (N,) training labels, integers in [0, numClasses). */
  readonly trainY: TensorLike;
  /** (V, D) validation inputs. */
  readonly valX: TensorLike;
  /** (V,) validation labels. */
  readonly valY: TensorLike;
  /** C: the network's outputs. */
  readonly numClasses: number;
}

/**
 * The first `count` rows of a 2-D or 1-D tensor: a view of its data, not a copy (the trainings
 * only read their inputs). A copy per training, 5–13 MB of array buffers, made V8 run a full
 * collection for nearly every training (array buffers count toward its old-generation limit).
 */
function firstRows(t: TensorLike, count: number, name: string): Tensor {
  const rows = t.shape[0] ?? 0;
  if (count > rows) throw new ConfigError(`runJob: ${name} has ${rows} rows, the job needs ${count}`);
  const width = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return new Tensor(t.data.subarray(0, count * width), [count, ...t.shape.slice(1)]);
}

/**
 * Runs one training of the batch-norm experiment (parts 4–6): builds the job's network
 * ({@link classifierNetwork}, weights from `new RandomState(job.seed)`), trains it with Adam on
 * the first `trainSize` training rows in shuffled mini-batches (one permutation per epoch from the
 * same generator), and measures train and validation accuracy (test mode) before training and
 * after every epoch.
 *
 * Pure and deterministic: the result depends on `job` and `data` alone (no shared generator, no
 * clock), so it is the same in any process, on any worker, in any order. A run whose loss or
 * gradients go non-finite stops there and reports it in `diverged`.
 * @param job - the training's description
 * @param data - rows are taken from the top: `trainSize` of the training set, `validationSize` of the validation set
 * @throws ConfigError when the data has too few rows, or a batch-norm job would leave a last batch of one example
 * @throws ShapeError when the inputs are not (N, D) or the labels do not match them
 */
export function runJob(job: BatchnormJob, data: ClassificationData): BatchnormRun {
  const { trainSize, validationSize, batchSize, numEpochs } = job;
  if (data.trainX.shape.length !== 2 || data.valX.shape.length !== 2 || data.trainX.shape[1] !== data.valX.shape[1]) {
    throw new ShapeError('runJob', [data.trainX.shape, data.valX.shape], 'trainX and valX must be (N, D) with the same D', ' and ');
  }
  if (job.normalization === 'batchnorm' && batchSize < trainSize && trainSize % batchSize === 1) {
    throw new ConfigError(
      `runJob: ${job.id}: ${trainSize} examples in batches of ${batchSize} leave a last batch of 1, which batch norm cannot normalize`,
    );
  }
  const trainX = firstRows(data.trainX, trainSize, 'trainX');
  const trainY = firstRows(data.trainY, trainSize, 'trainY');
  const valX = firstRows(data.valX, validationSize, 'valX');
  const valY = firstRows(data.valY, validationSize, 'valY');

  const iterationsPerEpoch = Math.ceil(trainSize / Math.min(batchSize, trainSize));
  const rng = new RandomState(job.seed);
  const network = classifierNetwork({
    inputSize: trainX.shape[1] ?? 0,
    hiddenSizes: job.hiddenSizes,
    numClasses: data.numClasses,
    normalization: job.normalization,
    weightScale: job.weightScale,
    rng,
  });
  const model = compile(network, { loss: 'softmax-cross-entropy', batchSize: Math.min(batchSize, trainSize) });
  const evaluate = (epoch: number): EpochAccuracy => ({
    epoch,
    trainAccuracy: model.accuracy(trainX, trainY),
    valAccuracy: model.accuracy(valX, valY),
  });

  const epochs: EpochAccuracy[] = [evaluate(0)];
  const losses: number[] = [];
  let diverged: BatchnormRun['diverged'] = null;
  try {
    train({
      model,
      optimizer: new Adam({ learningRate: job.learningRate }),
      x: trainX,
      y: trainY,
      batchSize,
      numIterations: numEpochs * iterationsPerEpoch,
      rng,
      costEvery: 1,
      progressEvery: 1,
      onProgress: (event) => {
        losses.push(event.cost);
      },
      onEpoch: ({ epoch }) => {
        epochs.push(evaluate(epoch));
        return undefined;
      },
    });
  } catch (error) {
    if (!(error instanceof DivergenceError)) throw error;
    diverged = { iteration: error.iteration, message: error.message };
  }

  const trained = epochs.length > 1 ? epochs.slice(1) : epochs;
  // The last epoch's losses: CS231n averages its last 100 (`np.mean(loss_history[-100:])`), which
  // for runs of a few hundred iterations would mix in the first epochs.
  const tail = losses.slice(-iterationsPerEpoch);
  return {
    job,
    losses,
    epochs,
    bestTrainAccuracy: Math.max(...trained.map((e) => e.trainAccuracy)),
    bestValAccuracy: Math.max(...trained.map((e) => e.valAccuracy)),
    finalTrainLoss: tail.length === 0 ? null : tail.reduce((a, b) => a + b, 0) / tail.length,
    diverged,
  };
}
