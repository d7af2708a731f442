import type { Environment, TrainRecord } from '@lab/run-record';
import { ConfigError, isLabError, RandomState } from '@lab/tensor';
import { EarlyStopping } from '../early-stopping';
import { createOptimizer } from '../optimizers';
import { type Checkpoint, restoreCheckpoint } from '../resume';
import { createSchedule, type ExpressionParser, loadExpressionParser, type Schedule, type ScheduleRun } from '../schedules';
import { type CostPoint, type ProgressEvent, train } from '../train-loop';
import { buildNetworkModel } from './build-model';
import { costStepsOf } from './cost-steps';
import { scoreSplit } from './evaluate';
import { formatPath } from './format-path';
import { loadRunData, type RunData } from './load-run-data';
import { copyBuffers, loadBuffers, type Measurement, readRunCheckpoint, runCheckpointExtra } from './run-checkpoint';
import type { RunConfig } from './run-config';
import { MAX_ITERATIONS } from './schema/limits';
import type { EpochMetric } from './schema/training-schema';
import { type TestPoint, testCurveEvery } from './test-curve';
import { trainingPassCost, trainRecordOf } from './train-record';

export interface RunFromConfigOptions {
  readonly environment: Environment;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Clock in milliseconds, for the timings. Default performance.now. */
  readonly now?: () => number;
  /**
   * mathjs's parser, from {@link loadExpressionParser}: {@link trainFromData} needs it when the
   * config's schedule is an expression ({@link runFromConfig} loads it itself). Loading mathjs takes
   * about a second, so it is loaded only for expression schedules.
   */
  readonly expressionParser?: ExpressionParser;
  /**
   * The config's file name (`run.yaml`): a setting that does not fit the data, or a schedule that
   * fails before or during training, is then named as `run.yaml: training.batchSize: …`, like the
   * errors of `parseRunConfig`. Default `config`.
   */
  readonly source?: string;
  /**
   * Rungs (a sweep's early termination): after each listed step (iterations completed), the
   * metrics then — `cost` (the latest recorded), `trainAccuracy`, `testAccuracy` — go to `onRung`;
   * when it returns true, training stops at the next epoch end (at once for full-batch runs).
   * Measuring does not change the training: the results are those of a run without rungs.
   */
  readonly rungs?: {
    readonly steps: readonly number[];
    readonly onRung: (step: number, metrics: RungMetrics) => boolean;
  };
  /**
   * Receives the checkpoints `training.checkpoints` asks for (every `interval` epochs and at the
   * end), to save them (`saveCheckpoint` in Node); without it none are taken. Each holds what
   * `resumeFrom` needs: params, optimizer, RNG, batching, and in `extra` batch norm's running
   * statistics, early stopping, the cost curve and the config.
   */
  readonly onCheckpoint?: (checkpoint: Checkpoint) => void;
  /** Continue the run from this checkpoint (from `loadCheckpoint`, or `onCheckpoint`), taken by a run of the same config. */
  readonly resumeFrom?: Checkpoint & { readonly path?: string };
  /**
   * Record the test curve (the record's `testCurve`): the test split's accuracy and data loss, in
   * test mode, at recorded cost points (at most 50, see `testCurveEvery`) and after training. It
   * changes nothing in the training. Default true (when the data has a test split).
   */
  readonly testCurve?: boolean;
}

/** The metrics a run reports at a rung. */
export interface RungMetrics {
  readonly cost: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
}

export type { RunData } from './load-run-data';

/**
 * Runs one training described by a validated {@link RunConfig}: loads or generates the data,
 * builds the network, trains it with the configured optimizer and schedule, and returns the
 * run record (kind `train`, one model). {@link loadRunData} then {@link trainFromData}, for
 * callers that do not need to hold the data in between.
 * @throws DatasetError when the data cannot be read; ConfigError on settings that do not fit the data
 */
export async function runFromConfig(config: RunConfig, options: RunFromConfigOptions): Promise<TrainRecord> {
  const expressionParser = options.expressionParser ?? (config.schedule.kind === 'expression' ? await loadExpressionParser() : undefined);
  return trainFromData(config, await loadRunData(config, { source: options.source }), { ...options, expressionParser });
}

/**
 * The training part of {@link runFromConfig}, synchronous: one RandomState, seeded with
 * `config.seed`, reaches initialization, fresh dropout masks and shuffling, in that order. Being
 * synchronous, it can be run under a watchdog that stops it (the CLI's Ctrl-C).
 *
 * With `training.earlyStopping`, the metric is measured in test mode every `interval` epochs and
 * the best measurement's weights (and batch norm's running statistics) are put back at the end.
 * With `training.checkpoints` and `options.onCheckpoint`, a checkpoint is taken every
 * `interval` epochs and at the end; `options.resumeFrom` continues from one, bit for bit as if the
 * run had never stopped.
 * @param data - from {@link loadRunData} for the same config
 * @param options - with `expressionParser` when the config's schedule is an expression
 * @returns the run record (kind `train`, one model); its timings start when this call does
 * @throws ConfigError on settings that do not fit the data, a checkpoint of another run, or a
 *   schedule that fails at some step (before the first step: the loop checks the whole run)
 */
export function trainFromData(config: RunConfig, runData: RunData, options: RunFromConfigOptions): TrainRecord {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const source = options.source ?? 'config';
  const fail = (path: (string | number)[], message: string): never => {
    throw new ConfigError(`${source}: ${formatPath(path)}: ${message}`);
  };
  const { data } = runData;
  const { training } = config;
  const n = data.trainX.shape[0];
  const batchSize = Math.min(training.batchSize ?? n, n);
  const batchesPerEpoch = Math.ceil(n / batchSize);
  if (config.model.layers.some((layer) => layer.kind === 'batchnorm') && (n % batchSize === 1 || n === 1)) {
    fail(
      ['training', 'batchSize'],
      `${n} training examples in batches of ${batchSize} leave a batch of 1, which batch norm cannot normalize`,
    );
  }
  const numIterations = training.iterations ?? (training.epochs as number) * batchesPerEpoch;
  if (numIterations > MAX_ITERATIONS) {
    fail(
      ['training', 'epochs'],
      `${training.epochs} epochs of ${batchesPerEpoch} steps are ${numIterations} steps, more than ${MAX_ITERATIONS}`,
    );
  }

  const rng = new RandomState(config.seed);
  const model = buildNetworkModel(config.model, { features: data.trainX.shape[1], rng, batchSize });
  const params = model.params();
  const optimizer = createOptimizer(config.optimizer);
  const schedule = namedSchedule(
    createSchedule({ ...config.schedule, learningRate: config.optimizer.learningRate }, { expressionParser: options.expressionParser }),
    `${source}: schedule`,
  );
  const early = training.earlyStopping;
  const stopper =
    early === undefined
      ? undefined
      : new EarlyStopping({
          metric: early.metric,
          mode: early.metric.endsWith('Accuracy') ? 'max' : 'min',
          patience: early.patience,
          minDelta: early.minDelta,
        });
  let bestBuffers: Record<string, Float64Array> | undefined;
  let costs: CostPoint[] = [];
  let measurements: Measurement[] = [];
  let testCurve: TestPoint[] = [];
  const resume = options.resumeFrom;
  if (resume !== undefined) {
    // Checked and read first: a checkpoint of another run changes nothing.
    const saved = readRunCheckpoint(resume, {
      config,
      dataSha256: runData.info.sha256,
      buffers: model.buffers(),
      earlyStopping: stopper !== undefined,
    });
    costs = saved.costs;
    measurements = saved.measurements;
    testCurve = saved.testCurve;
    if (stopper !== undefined && saved.earlyStopping !== undefined) {
      stopper.loadState(saved.earlyStopping.state);
      bestBuffers = saved.earlyStopping.bestBuffers;
    }
    loadBuffers(model.buffers(), saved.buffers);
  }
  const startIteration = resume?.iteration ?? 0;

  const measure = (metric: EpochMetric): number => {
    const test = metric.startsWith('test');
    const score = scoreSplit(model, config.model.loss, test ? data.testX : data.trainX, test ? data.testY : data.trainY);
    return metric.endsWith('Accuracy') ? score.accuracy : score.cost;
  };
  const { onCheckpoint } = options;
  const checkpoints = training.checkpoints;
  // The caller's progress: `iteration` steps done, and the cost of the weights after them.
  const progressAt = (iteration: number, cost: number): ProgressEvent => ({
    iteration,
    totalIterations: numIterations,
    epoch: Math.floor(Math.max(0, iteration - 1) / batchesPerEpoch),
    cost,
    learningRate: optimizer.learningRate,
  });
  // Each point of the cost curve as the loop records it (before the step's update): the cost at the
  // iteration it names, which is also what the progress shows, never one recorded earlier.
  const liveCosts: CostPoint[] = [];
  const liveTestCurve: TestPoint[] = [];
  const onCost = (point: CostPoint) => {
    liveCosts.push({ iteration: point.iteration, cost: point.cost });
    const { metrics } = point;
    if (metrics?.testAccuracy !== undefined && metrics.testCost !== undefined) {
      liveTestCurve.push({ iteration: point.iteration, accuracy: metrics.testAccuracy, cost: metrics.testCost });
    }
    options.onProgress?.(progressAt(point.iteration, point.cost));
  };
  const progressNow = () =>
    runCheckpointExtra({
      config,
      dataSha256: runData.info.sha256,
      costs: [...costs, ...liveCosts],
      measurements,
      testCurve: [...testCurve, ...liveTestCurve],
      buffers: copyBuffers(model.buffers()),
      ...(stopper === undefined
        ? {}
        : { earlyStopping: { state: stopper.state(), bestBuffers: bestBuffers ?? copyBuffers(model.buffers()) } }),
    });
  const rungs = options.rungs;
  const rungSteps = new Set(rungs?.steps ?? []);
  let rungStop = false;
  let stoppedEarly = false;
  let epochs = Math.floor(startIteration / batchesPerEpoch);
  let iterationsDone = startIteration;
  // The test curve: scored in test mode before the point's step, so each point is the model after
  // exactly that many steps; spaced so that scoring costs less than the training (testCurveEvery).
  const testSize = data.testX.shape[0];
  const keepTestCurve = options.testCurve !== false && testSize > 0;
  const measureEvery = testCurveEvery(
    Math.ceil(numIterations / costStepsOf(training, batchesPerEpoch)),
    testSize,
    numIterations * batchSize,
  );
  const measureTest = () => {
    const score = scoreSplit(model, config.model.loss, data.testX, data.testY);
    return { testAccuracy: score.accuracy, testCost: score.cost };
  };
  const trainStarted = now();
  if (startIteration < numIterations) {
    const result = train({
      model,
      optimizer,
      schedule,
      x: data.trainX,
      y: data.trainY,
      batchSize,
      numIterations,
      rng,
      ...(training.costEveryEpochs === undefined ? { costEvery: training.costEvery } : { costEveryEpochs: training.costEveryEpochs }),
      ...(training.epochSeedBase === undefined ? {} : { epochSeedBase: training.epochSeedBase }),
      allowInfiniteCost: training.allowInfiniteCost === true,
      ...(resume === undefined ? {} : { resumeFrom: resume }),
      onCost,
      ...(keepTestCurve ? { measure: measureTest, measureEvery } : {}),
      ...(rungs === undefined
        ? {}
        : {
            // Every step, to catch each rung.
            progressEvery: 1,
            onProgress: (event: ProgressEvent) => {
              if (rungSteps.has(event.iteration)) {
                const metrics = { cost: event.cost, trainAccuracy: measure('trainAccuracy'), testAccuracy: measure('testAccuracy') };
                if (rungs.onRung(event.iteration, metrics)) rungStop = true;
              }
            },
          }),
      onEpoch: (end) => {
        const { epoch, iteration } = end;
        let stop = rungStop;
        if (stopper !== undefined && early !== undefined && epoch % early.interval === 0) {
          const value = measure(early.metric);
          measurements.push({ epoch, iteration, value });
          const patienceRanOut = stopper.update(epoch, { [early.metric]: value }, params);
          if (stopper.bestEpoch === epoch) bestBuffers = copyBuffers(model.buffers());
          if (patienceRanOut) {
            stop = true;
            if (iteration < numIterations) stoppedEarly = true;
          }
        }
        if (
          onCheckpoint !== undefined &&
          checkpoints !== undefined &&
          (epoch % checkpoints.interval === 0 || iteration === numIterations || stop)
        ) {
          onCheckpoint({ ...end.checkpoint(), extra: progressNow() });
        }
        // Every step of a full-batch run ends an epoch: no new object for the usual answer.
        return stop ? STOP : GO_ON;
      },
    });
    costs = [...costs, ...liveCosts];
    testCurve = [...testCurve, ...liveTestCurve];
    epochs = result.epochs;
    iterationsDone = result.iterations;
  } else if (resume !== undefined) {
    // The checkpoint is of the finished run: nothing to train, only its weights to put back.
    restoreCheckpoint(resume, { model, optimizer, rng });
  }
  const trainSeconds = (now() - trainStarted) / 1000;
  let restoredEpoch: number | undefined;
  if (stopper?.hasBest === true) {
    stopper.restoreBest(params);
    if (bestBuffers !== undefined) loadBuffers(model.buffers(), bestBuffers);
    restoredEpoch = stopper.bestEpoch ?? undefined;
  }
  // The course's final cost: one more training pass over the whole training set. A full-batch
  // curve ends with it (its points are such passes too; a mini-batch curve's are single batches'),
  // unless early stopping put an earlier epoch's weights back (they belong to no point here), or
  // the run took no step (a curve needs training to end).
  const finalCost = trainingPassCost(model, data.trainX, data.trainY);
  const fullBatch = batchSize === n;
  const restoredEarlier = restoredEpoch !== undefined && restoredEpoch !== epochs;
  const ends = iterationsDone > 0 && costs.at(-1)?.iteration !== iterationsDone;
  if (fullBatch && !restoredEarlier && ends && Number.isFinite(finalCost)) {
    costs = [...costs, { iteration: iterationsDone, cost: finalCost }];
  }
  options.onProgress?.(progressAt(iterationsDone, finalCost));
  return trainRecordOf({
    config,
    runData,
    model,
    costs,
    finalCost,
    measurements,
    // The final model's point, from the record's own test scores, unless those are of earlier weights.
    ...(keepTestCurve ? { testCurve, testCurveEnds: iterationsDone > 0 && !restoredEarlier } : {}),
    iterations: iterationsDone,
    epochs,
    trainSeconds,
    schedule: schedule.describe(),
    earlyStopping: early === undefined ? undefined : { metric: early.metric, stoppedEarly, restoredEpoch },
    resumedFrom: resume === undefined ? undefined : { path: resume.path ?? 'checkpoint', iteration: resume.iteration },
    environment: options.environment,
    totalSeconds: () => (now() - started) / 1000,
  });
}

const STOP = Object.freeze({ stop: true });
const GO_ON = Object.freeze({ stop: false });

/** `schedule`, with every error it throws prefixed by `field` (`run.yaml: schedule`), so a schedule's message names the config. */
function namedSchedule(schedule: Schedule, field: string): Schedule {
  const named = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      if (isLabError(error)) throw new ConfigError(`${field}: ${error.message}`);
      throw error;
    }
  };
  return {
    // Called every step: no closure per call.
    learningRate: (epoch, iteration) => {
      try {
        return schedule.learningRate(epoch, iteration);
      } catch (error) {
        if (isLabError(error)) throw new ConfigError(`${field}: ${error.message}`);
        throw error;
      }
    },
    describe: () => schedule.describe(),
    ...(schedule.checkRun === undefined ? {} : { checkRun: (run: ScheduleRun) => named(() => schedule.checkRun?.(run)) }),
  };
}
