import { type DataSplit, FOOTBALL_FIELD } from '@lab/datasets';
import { Linear } from '@lab/layers';
import { type Environment, RUN_RECORD_VERSION } from '@lab/run-record';
import { RandomState } from '@lab/tensor';
import { compile, GradientDescent, type ProgressEvent, predictGrid, train } from '@lab/trainer';
import { planRegularizationModels, type RegularizationModelJob, type RegularizationPlanOptions, sharedSettings } from './jobs';
import { COURSE_DROPOUT_SEED, COURSE_LAYER_SIZES, courseNetwork, type RegularizationModelSpec } from './plan';
import { PUBLISHED_RESULTS } from './published';
import type { RegularizationModel, RegularizationRecord } from './record';

export interface RegularizationExperimentOptions extends RegularizationPlanOptions {
  /** x (N, 2), y (N, 1) labels in {0, 1}. */
  readonly data: DataSplit;
  readonly environment: Environment;
  readonly onProgress?: (model: RegularizationModelSpec, modelIndex: number, event: ProgressEvent) => void;
  /** Called when a model starts, before its first iteration. */
  readonly onModelStart?: (model: RegularizationModelSpec, modelIndex: number) => void;
  /** Clock in milliseconds, for the timings. Default performance.now. */
  readonly now?: () => number;
}

/**
 * Trains one model of the experiment: the course's network as a Sequential of the public layers,
 * seeded with `job.seed`, compiled for the full batch and trained with gradient descent; then its
 * accuracies, weight norms and decision grid.
 * @param data - x (N, 2), y (N, 1) labels in {0, 1}
 * @param onProgress - called with each cost point as it is recorded, and last with the final cost
 * @param now - clock in milliseconds, for the model's `seconds`
 */
export function trainRegularizationModel(
  job: RegularizationModelJob,
  data: DataSplit,
  onProgress?: (event: ProgressEvent) => void,
  now: () => number = () => performance.now(),
): RegularizationModel {
  const { spec, numIterations } = job;
  const modelStart = now();
  // Feature-major whole-layer kernels, the weights in the model's arena.
  const network = courseNetwork(spec, new RandomState(job.seed));
  const model = compile(network, {
    loss: 'binary-cross-entropy',
    batchSize: data.trainX.shape[0] ?? 1,
    l2: spec.lambd,
    reseedDropout: job.dropoutMasks === 'course' ? COURSE_DROPOUT_SEED : undefined,
  });
  const optimizer = new GradientDescent({ learningRate: job.learningRate });
  // The progress comes with each cost point as it is recorded, so it shows the cost at the
  // iteration it names (one step is one epoch here), and last with the final cost.
  const result = train({
    model,
    optimizer,
    x: data.trainX,
    y: data.trainY,
    numIterations,
    costEvery: job.costEvery,
    // One more pass over the training set after the last step: the course's final cost, which ends the curve.
    finalCost: true,
    onCost:
      onProgress === undefined
        ? undefined
        : ({ iteration, cost }) =>
            onProgress({
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
  const published = job.isCourseData ? PUBLISHED_RESULTS[spec.name] : undefined;
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
    decisionGrid: predictGrid({ predictProba: (x) => model.scores(x) }, FOOTBALL_FIELD, job.gridSize),
    ...(published === undefined ? {} : { published }),
  };
}

/**
 * The course's regularization experiment: the 3-layer network trained with full-batch
 * gradient descent three times — without regularization, with L2, with dropout — one model
 * after the other on this thread, and everything the report needs, as a run record.
 */
export function runRegularizationExperiment(options: RegularizationExperimentOptions): RegularizationRecord {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const jobs = planRegularizationModels(options);
  const models = jobs.map((job) => {
    options.onModelStart?.(job.spec, job.index);
    const progress = options.onProgress;
    return trainRegularizationModel(job, options.data, progress && ((event) => progress(job.spec, job.index, event)), now);
  });
  return regularizationRecord(options, models, (now() - started) / 1000);
}

/**
 * The same experiment with its models trained by `trainModels` (e.g. concurrently, on worker
 * threads): each job is independent, so the record equals {@link runRegularizationExperiment}'s
 * but for the timings. `onProgress`/`onModelStart` are `trainModels`' to call.
 * @param options - `startedAt`: when the trainings started on `now`'s clock, for the record's
 *   `totalSeconds`, when `trainModels` returns trainings started earlier (from the same plan,
 *   `planRegularizationModels`); default now
 * @param trainModels - returns one model per job, in the jobs' order ({@link trainRegularizationModel} of each)
 */
export async function runRegularizationExperimentWith(
  options: Omit<RegularizationExperimentOptions, 'onProgress' | 'onModelStart'> & { readonly startedAt?: number },
  trainModels: (jobs: readonly RegularizationModelJob[]) => Promise<readonly RegularizationModel[]>,
): Promise<RegularizationRecord> {
  const now = options.now ?? (() => performance.now());
  const started = options.startedAt ?? now();
  const jobs = planRegularizationModels(options);
  const models = await trainModels(jobs);
  return regularizationRecord(options, models, (now() - started) / 1000);
}

/** The run record of trained models (one per job, in the jobs' order). */
function regularizationRecord(
  options: RegularizationPlanOptions & Pick<RegularizationExperimentOptions, 'data' | 'environment'>,
  models: readonly RegularizationModel[],
  totalSeconds: number,
): RegularizationRecord {
  const { environment } = options;
  const { seed, learningRate, numIterations, costEvery, dropoutMasks } = sharedSettings(options);
  const { dataset, trainPoints } = recordedData(options);
  return {
    schemaVersion: RUN_RECORD_VERSION,
    kind: 'regularization',
    createdAt: new Date().toISOString(),
    seed,
    dataset,
    architecture: {
      layerSizes: [...COURSE_LAYER_SIZES],
      activations: ['relu', 'relu', 'sigmoid'],
      initialization: 'randn(out, in) / sqrt(in), biases 0',
    },
    training: { optimizer: 'gradient descent (full batch)', learningRate, numIterations, costEvery, dropoutMasks },
    trainPoints,
    models: [...models],
    environment,
    totalSeconds,
  };
}

/** How the record describes its data: the data set (with its sizes) and the training points. */
export function recordedData(
  options: Pick<RegularizationExperimentOptions, 'data' | 'dataset'>,
): Pick<RegularizationRecord, 'dataset' | 'trainPoints'> {
  const { data, dataset } = options;
  const trainX = data.trainX.data;
  const [trainSize = 0, features = 0] = data.trainX.shape;
  return {
    dataset: { ...dataset, trainSize, testSize: data.testX.shape[0] ?? 0, features },
    trainPoints: {
      x: Array.from({ length: trainSize }, (_, i): [number, number] => [trainX[2 * i] as number, trainX[2 * i + 1] as number]),
      y: Array.from(data.trainY.data),
    },
  };
}
