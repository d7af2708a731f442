import { type Environment, RUN_RECORD_VERSION, type TrainRecord, toRecordedCost } from '@lab/run-record';
import type { Tensor } from '@lab/tensor';
import type { CostPoint } from '../train-loop';
import type { NetworkModel } from './build-model';
import { costStepsOf } from './cost-steps';
import { describeInitialization, describeLayers, linearActivations, linearSizes } from './describe-model';
import { decisionGridOf, scoreSplit } from './evaluate';
import type { RunData } from './load-run-data';
import { copyBuffers, loadBuffers, type Measurement } from './run-checkpoint';
import type { RunConfig } from './run-config';
import type { TestPoint } from './test-curve';

/** What a finished run hands to {@link trainRecordOf}. */
export interface FinishedRun {
  readonly config: RunConfig;
  readonly runData: RunData;
  /** The trained model (early stopping's best weights already put back). */
  readonly model: NetworkModel;
  /** The cost curve, ending with the final cost's point unless early stopping restored earlier weights. */
  readonly costs: readonly CostPoint[];
  /** The cost of one more training pass over the whole training set after training (see `trainingPassCost`). */
  readonly finalCost: number;
  readonly measurements: readonly Measurement[];
  /** The test curve measured during training; absent when the run keeps none. */
  readonly testCurve?: readonly TestPoint[];
  /** Whether the test curve ends with the record's own test scores at `iterations` (the weights training ended with). */
  readonly testCurveEnds?: boolean;
  readonly iterations: number;
  readonly epochs: number;
  /** Wall-clock seconds of the training loop. */
  readonly trainSeconds: number;
  /** The schedule's `describe()`. */
  readonly schedule: string;
  readonly earlyStopping?: { readonly metric: string; readonly stoppedEarly: boolean; readonly restoredEpoch?: number };
  readonly resumedFrom?: { readonly path: string; readonly iteration: number };
  readonly environment: Environment;
  /** Seconds since the run started, read last. */
  readonly totalSeconds: () => number;
}

/**
 * The `train` record of a finished run: the resolved config (the data's path as read), the data
 * (with its file's SHA-256), the network layer by layer, the optimizer, schedule and batching,
 * the cost curve, accuracies and costs in test mode, the final training cost, and for two-feature
 * data the decision grid.
 */
export function trainRecordOf(run: FinishedRun): TrainRecord {
  const { config, runData, model } = run;
  const { data, info } = runData;
  const { loss } = config.model;
  const features = data.trainX.shape[1];
  const trainScore = scoreSplit(model, loss, data.trainX, data.trainY);
  const testScore = scoreSplit(model, loss, data.testX, data.testY);
  const decisionGrid =
    features === 2 ? decisionGridOf(model, loss, data.trainX, config.data.kind === 'football' || info.isCourseData) : undefined;
  const { finalCost } = run;
  const testCurve = run.testCurve === undefined ? undefined : [...run.testCurve];
  if (testCurve !== undefined && run.testCurveEnds === true && testCurve.at(-1)?.iteration !== run.iterations) {
    testCurve.push({ iteration: run.iterations, accuracy: testScore.accuracy, cost: testScore.cost });
  }
  const dropout = config.model.layers.find((layer) => layer.kind === 'dropout');
  const trainX = data.trainX.data;
  const { batchSize } = config.training;
  const fullBatch = batchSize === undefined || batchSize >= data.trainX.shape[0];
  return {
    schemaVersion: RUN_RECORD_VERSION,
    kind: 'train',
    createdAt: new Date().toISOString(),
    seed: config.seed,
    dataset: { ...info, trainSize: data.trainX.shape[0], testSize: data.testX.shape[0], features },
    architecture: {
      layerSizes: linearSizes(config.model, features),
      activations: linearActivations(config.model),
      initialization: describeInitialization(config.model),
      layers: describeLayers(config.model, features),
      loss,
    },
    training: {
      optimizer: `${config.optimizer.kind}${fullBatch ? ' (full batch)' : ` (batches of ${batchSize})`}`,
      learningRate: config.optimizer.learningRate,
      numIterations: run.iterations,
      costEvery: costStepsOf(
        config.training,
        Math.ceil(data.trainX.shape[0] / Math.min(batchSize ?? data.trainX.shape[0], data.trainX.shape[0])),
      ),
      dropoutMasks: config.model.layers.some((layer) => layer.kind === 'dropout' && layer.masks === 'course') ? 'course' : 'fresh',
      schedule: run.schedule,
      ...(fullBatch ? {} : { batchSize }),
      epochs: run.epochs,
      ...(run.earlyStopping === undefined
        ? {}
        : {
            earlyStopping: {
              metric: run.earlyStopping.metric,
              stoppedEarly: run.earlyStopping.stoppedEarly,
              ...(run.earlyStopping.restoredEpoch === undefined ? {} : { restoredEpoch: run.earlyStopping.restoredEpoch }),
            },
          }),
      ...(run.resumedFrom === undefined ? {} : { resumedFrom: { ...run.resumedFrom } }),
    },
    trainPoints:
      features === 2
        ? {
            x: Array.from({ length: data.trainX.shape[0] }, (_, i) => [trainX[2 * i], trainX[2 * i + 1]] as [number, number]),
            y: Array.from(data.trainY.data),
          }
        : { x: [], y: [] },
    models: [
      {
        name: config.name,
        lambd: config.model.l2,
        keepProb: dropout?.kind === 'dropout' ? dropout.keepProb : 1,
        costs: run.costs.map(({ iteration, cost }) => ({ iteration, cost: toRecordedCost(cost) })),
        finalCost,
        trainAccuracy: trainScore.accuracy,
        testAccuracy: testScore.accuracy,
        trainCost: toRecordedCost(trainScore.cost),
        testCost: toRecordedCost(testScore.cost),
        seconds: run.trainSeconds,
        ...(decisionGrid === undefined ? {} : { decisionGrid }),
        ...(run.measurements.length === 0
          ? {}
          : { measurements: run.measurements.map((m) => ({ epoch: m.epoch, iteration: m.iteration, value: toRecordedCost(m.value) })) }),
        ...(testCurve === undefined
          ? {}
          : { testCurve: testCurve.map(({ iteration, accuracy, cost }) => ({ iteration, accuracy, cost: toRecordedCost(cost) })) }),
      },
    ],
    config: { ...config, data: runData.spec } as unknown as Record<string, unknown>,
    environment: run.environment,
    totalSeconds: run.totalSeconds(),
  };
}

/**
 * The cost of one more training pass over the whole training set after training (the course's
 * final cost: dropout on, one batch). Batch norm's running statistics are put back after it.
 */
export function trainingPassCost(model: NetworkModel, x: Tensor, y: Tensor): number {
  const buffers = copyBuffers(model.buffers());
  const cost = model.trainingPassCost(x, y);
  loadBuffers(model.buffers(), buffers);
  return cost;
}
