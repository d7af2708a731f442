import { RandomState, type Tensor } from '@lab/tensor';
import { BinaryMlp, type DropoutMasks } from '../binary-mlp';
import { predictGrid } from '../decision-grid';
import { GradientDescent } from '../optimizers';
import type { DatasetInfo, Environment, ModelResult, RegularizationRecord } from '../run-record';
import { RUN_RECORD_VERSION } from '../run-record';
import { type ProgressEvent, train } from '../train-loop';
import { PUBLISHED_RESULTS } from './published';

/** One model of the experiment: a name and its regularization. */
export interface RegularizationModelSpec {
  readonly name: string;
  /** L2 strength λ; 0 for none. */
  readonly lambd: number;
  /** Dropout keep probability on both hidden layers; 1 for none. */
  readonly keepProb: number;
}

/** The course's three models. */
export const COURSE_MODELS: readonly RegularizationModelSpec[] = [
  { name: 'no regularization', lambd: 0, keepProb: 1 },
  { name: 'L2', lambd: 0.7, keepProb: 1 },
  { name: 'dropout', lambd: 0, keepProb: 0.86 },
];

/** The course's network: 2 inputs, hidden layers of 20 and 3 ReLU units, one sigmoid output. */
export const COURSE_LAYER_SIZES: readonly number[] = [2, 20, 3, 1];

/** The football field the course plots on: x in [-0.75, 0.40], y in [-0.75, 0.65]. */
export const FOOTBALL_FIELD = { xMin: -0.75, xMax: 0.4, yMin: -0.75, yMax: 0.65 } as const;

/** Train and test sets: x (N, 2), y (N, 1) labels in {0, 1}. */
export interface BinaryDataSplit {
  readonly trainX: Tensor;
  readonly trainY: Tensor;
  readonly testX: Tensor;
  readonly testY: Tensor;
}

export interface RegularizationExperimentOptions {
  readonly data: BinaryDataSplit;
  /** Describes the data; sizes are filled in from `data`. */
  readonly dataset: Omit<DatasetInfo, 'trainSize' | 'testSize' | 'features'>;
  readonly environment: Environment;
  /** Seeds each model's RandomState (initialization, fresh dropout masks). Default 3, the course's. */
  readonly seed?: number;
  readonly numIterations?: number;
  readonly learningRate?: number;
  /** Record the cost every k iterations. Default 1000, as the course. */
  readonly costEvery?: number;
  /** Default: `course` on the course's data (to reproduce it), `fresh` elsewhere. */
  readonly dropoutMasks?: DropoutMasks;
  readonly models?: readonly RegularizationModelSpec[];
  /** Cells per side of each decision-boundary grid. Default 60. */
  readonly gridSize?: number;
  readonly onProgress?: (model: RegularizationModelSpec, modelIndex: number, event: ProgressEvent) => void;
  /** Called when a model starts, before its first iteration. */
  readonly onModelStart?: (model: RegularizationModelSpec, modelIndex: number) => void;
  /** Clock in milliseconds, for the timings. Default performance.now. */
  readonly now?: () => number;
}

/**
 * The course's regularization experiment: the 3-layer network trained with full-batch
 * gradient descent three times — without regularization, with L2, with dropout — and
 * everything the report needs, as a run record.
 */
export function runRegularizationExperiment(options: RegularizationExperimentOptions): RegularizationRecord {
  const { data, dataset, environment } = options;
  const seed = options.seed ?? 3;
  const numIterations = options.numIterations ?? 30000;
  const learningRate = options.learningRate ?? 0.3;
  const costEvery = options.costEvery ?? 1000;
  const dropoutMasks = options.dropoutMasks ?? (dataset.isCourseData ? 'course' : 'fresh');
  const specs = options.models ?? COURSE_MODELS;
  const gridSize = options.gridSize ?? 60;
  const now = options.now ?? (() => performance.now());
  const started = now();

  const models: ModelResult[] = specs.map((spec, index) => {
    options.onModelStart?.(spec, index);
    const modelStart = now();
    const model = new BinaryMlp({
      layerSizes: COURSE_LAYER_SIZES,
      rng: new RandomState(seed),
      lambd: spec.lambd,
      keepProb: spec.keepProb,
      dropoutMasks,
    });
    const result = train({
      model,
      optimizer: new GradientDescent({ learningRate }),
      x: data.trainX,
      y: data.trainY,
      numIterations,
      costEvery,
      onProgress: options.onProgress === undefined ? undefined : (event) => options.onProgress?.(spec, index, event),
    });
    // Full-batch training left the whole training set as the model's batch: one more pass gives the final cost.
    model.computeGradients();
    const finalCost = model.cost();
    const published = dataset.isCourseData ? PUBLISHED_RESULTS[spec.name] : undefined;
    return {
      name: spec.name,
      lambd: spec.lambd,
      keepProb: spec.keepProb,
      costs: result.costs.map(({ iteration, cost }) => ({ iteration, cost })),
      finalCost,
      trainAccuracy: model.accuracy(data.trainX, data.trainY),
      testAccuracy: model.accuracy(data.testX, data.testY),
      seconds: (now() - modelStart) / 1000,
      decisionGrid: predictGrid(model, FOOTBALL_FIELD, gridSize),
      ...(published === undefined ? {} : { published }),
    };
  });

  const trainX = data.trainX.data;
  return {
    schemaVersion: RUN_RECORD_VERSION,
    kind: 'regularization',
    createdAt: new Date().toISOString(),
    seed,
    dataset: {
      ...dataset,
      trainSize: data.trainX.shape[0],
      testSize: data.testX.shape[0],
      features: data.trainX.shape[1],
    },
    architecture: {
      layerSizes: [...COURSE_LAYER_SIZES],
      activations: ['relu', 'relu', 'sigmoid'],
      initialization: 'randn(out, in) / sqrt(in), biases 0',
    },
    training: { optimizer: 'gradient descent (full batch)', learningRate, numIterations, costEvery, dropoutMasks },
    trainPoints: {
      x: Array.from({ length: data.trainX.shape[0] }, (_, i) => [trainX[2 * i], trainX[2 * i + 1]] as [number, number]),
      y: Array.from(data.trainY.data),
    },
    models,
    environment,
    totalSeconds: (now() - started) / 1000,
  };
}
