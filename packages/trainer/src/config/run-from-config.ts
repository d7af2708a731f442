import { blobs, circles, footballField, loadFootball, moons, planarFlower, trainTestSplit } from '@lab/datasets';
import { RandomState, type Tensor } from '@lab/tensor';
import { BinaryMlp } from '../binary-mlp';
import { type PlaneBounds, predictGrid } from '../decision-grid';
import { type BinaryDataSplit, FOOTBALL_FIELD } from '../experiments/regularization';
import { createOptimizer } from '../optimizers';
import type { DatasetInfo, DecisionGrid, Environment, RegularizationRecord } from '../run-record';
import { RUN_RECORD_VERSION } from '../run-record';
import { createSchedule } from '../schedules';
import { type ProgressEvent, train } from '../train-loop';
import type { RunConfig } from './run-config';

export interface RunFromConfigOptions {
  readonly environment: Environment;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Clock in milliseconds, for the timings. Default performance.now. */
  readonly now?: () => number;
}

/**
 * Runs one training described by a validated {@link RunConfig}: loads or generates the data,
 * builds the network, trains it with the configured optimizer and schedule, and returns the
 * run record (one model). One RandomState, seeded with `config.seed`, reaches initialization,
 * dropout masks and shuffling, in that order.
 * @throws DatasetError when the data cannot be read; ConfigError on settings that do not fit the data
 */
export async function runFromConfig(config: RunConfig, options: RunFromConfigOptions): Promise<RegularizationRecord> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const { data, info } = await loadConfiguredData(config);
  const rng = new RandomState(config.seed);
  const model = new BinaryMlp({
    layerSizes: config.model.layerSizes,
    rng,
    lambd: config.regularization.l2,
    keepProb: config.regularization.keepProb,
    dropoutMasks: config.regularization.dropoutMasks,
  });
  const optimizer = createOptimizer(config.optimizer);
  const schedule =
    config.schedule === undefined ? undefined : createSchedule({ ...config.schedule, learningRate: config.optimizer.learningRate });
  const result = train({
    model,
    optimizer,
    schedule,
    x: data.trainX,
    y: data.trainY,
    batchSize: config.training.batchSize,
    numIterations: config.training.numIterations,
    rng,
    costEvery: config.training.costEvery,
    onProgress: options.onProgress,
  });
  model.setBatch(data.trainX, data.trainY);
  model.computeGradients();
  const finalCost = model.cost();
  const trainX = data.trainX.data;
  const features = data.trainX.shape[1];
  const trainSeconds = (now() - started) / 1000;
  return {
    schemaVersion: RUN_RECORD_VERSION,
    kind: 'regularization',
    createdAt: new Date().toISOString(),
    seed: config.seed,
    dataset: { ...info, trainSize: data.trainX.shape[0], testSize: data.testX.shape[0], features },
    architecture: {
      layerSizes: [...config.model.layerSizes],
      activations: [...config.model.layerSizes.slice(2).map(() => 'relu'), 'sigmoid'],
      initialization: 'randn(out, in) / sqrt(in), biases 0',
    },
    training: {
      optimizer: `${config.optimizer.kind}${config.training.batchSize === undefined ? ' (full batch)' : ` (batches of ${config.training.batchSize})`}`,
      learningRate: config.optimizer.learningRate,
      numIterations: config.training.numIterations,
      costEvery: config.training.costEvery,
      dropoutMasks: config.regularization.dropoutMasks,
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
        lambd: config.regularization.l2,
        keepProb: config.regularization.keepProb,
        costs: result.costs.map(({ iteration, cost }) => ({ iteration, cost })),
        finalCost,
        trainAccuracy: model.accuracy(data.trainX, data.trainY),
        testAccuracy: model.accuracy(data.testX, data.testY),
        seconds: trainSeconds,
        ...(features === 2
          ? {
              decisionGrid: decisionGridOver(model, data.trainX, config.dataset.kind === 'builtin' && config.dataset.name === 'football'),
            }
          : {}),
      },
    ],
    environment: options.environment,
    totalSeconds: (now() - started) / 1000,
  };
}

async function loadConfiguredData(
  config: RunConfig,
): Promise<{ data: BinaryDataSplit; info: Omit<DatasetInfo, 'trainSize' | 'testSize' | 'features'> }> {
  const spec = config.dataset;
  if (spec.kind === 'mat') {
    const data = await loadFootball(spec.path);
    return {
      data,
      info: {
        name: spec.path.split(/[\\/]/).pop() ?? spec.path,
        source: 'file',
        path: spec.path,
        isCourseData: isCourseShaped(data),
        description: 'MAT file with X, y (train) and Xval, yval (test)',
      },
    };
  }
  if (spec.name === 'football') {
    return {
      data: footballField({ seed: config.seed }),
      info: {
        name: 'football (built-in)',
        source: 'builtin',
        isCourseData: false,
        description: 'built-in football-field set, the course file’s shape and range',
      },
    };
  }
  const generated = generate(spec.name, { n: spec.n, noise: spec.noise, seed: config.seed });
  const split = trainTestSplit(generated.x, generated.y, { testFraction: spec.testFraction, rng: new RandomState(config.seed) });
  return {
    data: split,
    info: {
      name: `${spec.name} (built-in)`,
      source: 'builtin',
      isCourseData: false,
      description: `built-in ${spec.name} set, ${Math.round(spec.testFraction * 100)} % held out for testing`,
    },
  };
}

function generate(
  name: 'moons' | 'circles' | 'planar-flower' | 'blobs',
  options: { n?: number; noise?: number; seed: number },
): { x: Tensor; y: Tensor } {
  const { n, noise, seed } = options;
  switch (name) {
    case 'moons':
      return moons({ n, noise, seed });
    case 'circles':
      return circles({ n, noise, seed });
    case 'planar-flower':
      return planarFlower({ n, noise, seed });
    case 'blobs': {
      const { x, y } = blobs({ n, centers: 2, std: noise, seed });
      return { x, y };
    }
  }
}

/**
 * True when a MAT file has the course's football shapes: X (211, 2) and Xval (200, 2). Then
 * the published numbers apply, and the report compares against them.
 */
export function isCourseShaped(data: BinaryDataSplit): boolean {
  const [trainRows, trainCols] = data.trainX.shape;
  const [testRows, testCols] = data.testX.shape;
  return trainRows === 211 && trainCols === 2 && testRows === 200 && testCols === 2;
}

/** P(y = 1) over a 60 × 60 grid: the football field, or the data's extent padded by 10 %. */
function decisionGridOver(model: BinaryMlp, x: Tensor, football: boolean): DecisionGrid {
  const size = 60;
  let bounds: PlaneBounds = FOOTBALL_FIELD;
  if (!football) {
    let xMin = Number.POSITIVE_INFINITY;
    let xMax = Number.NEGATIVE_INFINITY;
    let yMin = Number.POSITIVE_INFINITY;
    let yMax = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < x.shape[0]; i++) {
      xMin = Math.min(xMin, x.data[2 * i]);
      xMax = Math.max(xMax, x.data[2 * i]);
      yMin = Math.min(yMin, x.data[2 * i + 1]);
      yMax = Math.max(yMax, x.data[2 * i + 1]);
    }
    const padX = 0.1 * (xMax - xMin || 1);
    const padY = 0.1 * (yMax - yMin || 1);
    bounds = { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
  }
  return predictGrid(model, bounds, size);
}
