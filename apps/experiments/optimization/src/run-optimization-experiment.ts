import { binaryCrossEntropy, heInit } from '@lab/layers';
import { type Environment, RUN_RECORD_VERSION, toRecordedCost } from '@lab/run-record';
import { RandomState } from '@lab/tensor';
import { compile, type ProgressEvent, predictGrid, train } from '@lab/trainer';
import {
  COURSE_BATCH_SIZE,
  COURSE_COST_EVERY_EPOCHS,
  COURSE_EPOCH_SEED_BASE,
  COURSE_EPOCHS,
  COURSE_INIT_SEED,
  COURSE_LEARNING_RATE,
} from './defaults';
import { loadMoons, type MoonsData } from './load-data';
import { courseNetwork } from './network';
import { COURSE_INIT_EXPRESSION, COURSE_LAYER_SIZES, COURSE_OPTIMIZERS, type OptimizationSpec, optimizerOf } from './plan';
import { PUBLISHED_RESULTS } from './published';
import type { OptimizationModel, OptimizationRecord } from './record';

/** The course's plot window for the moons: x₁ from −1.5 to 2.5, x₂ from −1 to 1.5. */
export const MOONS_WINDOW = { xMin: -1.5, xMax: 2.5, yMin: -1, yMax: 1.5 } as const;

export interface OptimizationExperimentOptions {
  readonly environment: Environment;
  /** Default: the course's moons (`loadMoons()`). */
  readonly moons?: MoonsData;
  /** `np.random.seed` before each model's weights. Default 3, the course's. */
  readonly seed?: number;
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly batchSize?: number;
  /** Record the last mini-batch's cost every k epochs. Default 1000, as the course prints it. */
  readonly costEveryEpochs?: number;
  readonly models?: readonly OptimizationSpec[];
  /** Nodes per side of each decision-boundary grid. Default 100. */
  readonly gridSize?: number;
  readonly onModelStart?: (model: OptimizationSpec, modelIndex: number) => void;
  readonly onProgress?: (model: OptimizationSpec, modelIndex: number, event: ProgressEvent) => void;
  /** Clock in milliseconds, for the timings. Default performance.now. */
  readonly now?: () => number;
}

/**
 * The course's optimization experiment: the network [2, 5, 2, 1] (ReLU, ReLU, sigmoid) trained on
 * the moons with mini-batches of 64, reshuffled every epoch as the course does, three times — with
 * gradient descent, momentum and Adam — and everything the report needs, as a run record. Each
 * network is a `Sequential` of the public layers, trained by the trainer's loop and optimizers.
 */
export function runOptimizationExperiment(options: OptimizationExperimentOptions): OptimizationRecord {
  const { environment } = options;
  const moons = options.moons ?? loadMoons();
  const seed = options.seed ?? COURSE_INIT_SEED;
  const epochs = options.epochs ?? COURSE_EPOCHS;
  const learningRate = options.learningRate ?? COURSE_LEARNING_RATE;
  const batchSize = options.batchSize ?? COURSE_BATCH_SIZE;
  const costEveryEpochs = options.costEveryEpochs ?? COURSE_COST_EVERY_EPOCHS;
  const epochSeedBase = COURSE_EPOCH_SEED_BASE;
  const specs = options.models ?? COURSE_OPTIMIZERS;
  const gridSize = options.gridSize ?? 100;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const examples = moons.x.shape[0] ?? 0;
  const batchesPerEpoch = Math.ceil(examples / Math.min(batchSize, examples));

  const models = specs.map((spec, index): OptimizationModel => {
    options.onModelStart?.(spec, index);
    const modelStart = now();
    // One generator, as the course's global one: seed(3) for the weights, then reseeded every epoch.
    const rng = new RandomState(seed);
    const network = courseNetwork(COURSE_LAYER_SIZES, heInit, rng);
    const model = compile(network, { loss: 'binary-cross-entropy', batchSize });
    const result = train({
      model,
      optimizer: optimizerOf(spec.optimizer, learningRate),
      x: moons.x,
      y: moons.y,
      batchSize,
      rng,
      epochSeedBase,
      numIterations: epochs * batchesPerEpoch,
      costEveryEpochs,
      allowInfiniteCost: true,
      onProgress: options.onProgress === undefined ? undefined : (event) => options.onProgress?.(spec, index, event),
    });
    // The cost of the trained weights on all the data: the course's cost on the test-mode outputs.
    const finalCost = binaryCrossEntropy(model.scores(moons.x), moons.y).loss;
    const published = PUBLISHED_RESULTS[spec.name];
    return {
      name: spec.name,
      optimizer: spec.optimizer,
      costs: result.costs.map(({ epoch, iteration, cost }) => ({ epoch: epoch ?? 0, iteration, cost: toRecordedCost(cost) })),
      finalCost: toRecordedCost(finalCost),
      trainAccuracy: model.accuracy(moons.x, moons.y),
      seconds: (now() - modelStart) / 1000,
      decisionGrid: predictGrid({ predictProba: (x) => model.scores(x) }, MOONS_WINDOW, gridSize),
      ...(published === undefined ? {} : { published }),
    };
  });

  const x = moons.x.data;
  return {
    schemaVersion: RUN_RECORD_VERSION,
    kind: 'optimization',
    createdAt: new Date().toISOString(),
    seed,
    dataset: moons.dataset,
    moons: moons.call,
    architecture: { layerSizes: [...COURSE_LAYER_SIZES], activations: ['relu', 'relu', 'sigmoid'], initialization: COURSE_INIT_EXPRESSION },
    training: { learningRate, epochs, batchSize, epochSeedBase, costEveryEpochs },
    trainPoints: {
      x: Array.from({ length: examples }, (_, i): [number, number] => [x[2 * i] ?? 0, x[2 * i + 1] ?? 0]),
      y: Array.from(moons.y.data),
    },
    models,
    environment,
    totalSeconds: (now() - started) / 1000,
  };
}
