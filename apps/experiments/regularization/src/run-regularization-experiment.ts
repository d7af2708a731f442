import { type DataSplit, FOOTBALL_FIELD } from '@lab/datasets';
import { Linear } from '@lab/layers';
import { type DatasetInfo, type Environment, RUN_RECORD_VERSION } from '@lab/run-record';
import { RandomState } from '@lab/tensor';
import { compile, GradientDescent, type ProgressEvent, predictGrid, train } from '@lab/trainer';
import { COURSE_ITERATIONS, COURSE_LEARNING_RATE, COURSE_SEED } from './defaults';
import {
  COURSE_DROPOUT_SEED,
  COURSE_LAYER_SIZES,
  COURSE_MODELS,
  courseNetwork,
  type DropoutMasks,
  type RegularizationModelSpec,
} from './plan';
import { PUBLISHED_RESULTS } from './published';
import type { RegularizationModel, RegularizationRecord } from './record';

export interface RegularizationExperimentOptions {
  /** x (N, 2), y (N, 1) labels in {0, 1}. */
  readonly data: DataSplit;
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
  const seed = options.seed ?? COURSE_SEED;
  const numIterations = options.numIterations ?? COURSE_ITERATIONS;
  const learningRate = options.learningRate ?? COURSE_LEARNING_RATE;
  const costEvery = options.costEvery ?? 1000;
  const dropoutMasks = options.dropoutMasks ?? (dataset.isCourseData ? 'course' : 'fresh');
  const specs = options.models ?? COURSE_MODELS;
  const gridSize = options.gridSize ?? 60;
  const now = options.now ?? (() => performance.now());
  const started = now();

  const models: RegularizationModel[] = specs.map((spec, index) => {
    options.onModelStart?.(spec, index);
    const modelStart = now();
    // The course's network as a Sequential of the public layers, compiled for the full batch:
    // feature-major whole-layer kernels, the weights in the model's arena.
    const network = courseNetwork(spec, new RandomState(seed));
    const model = compile(network, {
      loss: 'binary-cross-entropy',
      batchSize: data.trainX.shape[0] ?? 1,
      l2: spec.lambd,
      reseedDropout: dropoutMasks === 'course' ? COURSE_DROPOUT_SEED : undefined,
    });
    const optimizer = new GradientDescent({ learningRate });
    // The progress comes with each cost point as it is recorded, so it shows the cost at the
    // iteration it names (one step is one epoch here), and last with the final cost.
    const progress = options.onProgress;
    const result = train({
      model,
      optimizer,
      x: data.trainX,
      y: data.trainY,
      numIterations,
      costEvery,
      // One more pass over the training set after the last step: the course's final cost, which ends the curve.
      finalCost: true,
      onCost:
        progress === undefined
          ? undefined
          : ({ iteration, cost }) =>
              progress(spec, index, {
                iteration,
                totalIterations: numIterations,
                epoch: Math.max(0, iteration - 1),
                cost,
                learningRate: optimizer.learningRate,
              }),
    });
    const finalCost = result.finalCost ?? Number.NaN;
    const weightNorms = network.layers
      .filter((layer): layer is Linear => layer instanceof Linear)
      .map((layer) => Math.sqrt(layer.weight.data.reduce((sum, w) => sum + w * w, 0)));
    const published = dataset.isCourseData ? PUBLISHED_RESULTS[spec.name] : undefined;
    return {
      name: spec.name,
      lambd: spec.lambd,
      keepProb: spec.keepProb,
      costs: result.costs.map(({ iteration, cost }) => ({ iteration, cost })),
      finalCost,
      weightNorms,
      trainAccuracy: model.accuracy(data.trainX, data.trainY),
      testAccuracy: model.accuracy(data.testX, data.testY),
      seconds: (now() - modelStart) / 1000,
      decisionGrid: predictGrid({ predictProba: (x) => model.scores(x) }, FOOTBALL_FIELD, gridSize),
      ...(published === undefined ? {} : { published }),
    };
  });

  const trainX = data.trainX.data;
  const [trainSize = 0, features = 0] = data.trainX.shape;
  return {
    schemaVersion: RUN_RECORD_VERSION,
    kind: 'regularization',
    createdAt: new Date().toISOString(),
    seed,
    dataset: { ...dataset, trainSize, testSize: data.testX.shape[0] ?? 0, features },
    architecture: {
      layerSizes: [...COURSE_LAYER_SIZES],
      activations: ['relu', 'relu', 'sigmoid'],
      initialization: 'randn(out, in) / sqrt(in), biases 0',
    },
    training: { optimizer: 'gradient descent (full batch)', learningRate, numIterations, costEvery, dropoutMasks },
    trainPoints: {
      x: Array.from({ length: trainSize }, (_, i): [number, number] => [trainX[2 * i] as number, trainX[2 * i + 1] as number]),
      y: Array.from(data.trainY.data),
    },
    models,
    environment,
    totalSeconds: (now() - started) / 1000,
  };
}
