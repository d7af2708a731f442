import { binaryCrossEntropy } from '@lab/layers';
import { type Environment, RUN_RECORD_VERSION, toRecordedCost } from '@lab/run-record';
import { RandomState } from '@lab/tensor';
import { compile, GradientDescent, type ProgressEvent, predictGrid, train } from '@lab/trainer';
import { COURSE_COST_EVERY, COURSE_INIT_SEED, COURSE_ITERATIONS, COURSE_LEARNING_RATE } from './defaults';
import { type CirclesData, loadCircles } from './load-data';
import { courseNetwork } from './network';
import { COURSE_INITIALIZATIONS, COURSE_LAYER_SIZES, type InitializationSpec, initializerOf } from './plan';
import { PUBLISHED_RESULTS } from './published';
import type { InitializationModel, InitializationRecord } from './record';

/** The course's plot window for the circles: x₁ and x₂ from −1.5 to 1.5. */
export const CIRCLES_WINDOW = { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 } as const;

export interface InitializationExperimentOptions {
  readonly environment: Environment;
  /** Default: the course's circles (`loadCircles()`). */
  readonly circles?: CirclesData;
  /** `np.random.seed` before each model's weights. Default 3, the course's. */
  readonly seed?: number;
  readonly numIterations?: number;
  readonly learningRate?: number;
  /** Record the cost every k iterations. Default 1000, as the course. */
  readonly costEvery?: number;
  readonly models?: readonly InitializationSpec[];
  /** Nodes per side of each decision-boundary grid. Default 100. */
  readonly gridSize?: number;
  readonly onModelStart?: (model: InitializationSpec, modelIndex: number) => void;
  readonly onProgress?: (model: InitializationSpec, modelIndex: number, event: ProgressEvent) => void;
  /** Clock in milliseconds, for the timings. Default performance.now. */
  readonly now?: () => number;
}

/**
 * The course's initialization experiment: the network [2, 10, 5, 1] (ReLU, ReLU, sigmoid) trained
 * on the circles with full-batch gradient descent three times — from zero weights, from
 * `randn · 10` and from He's `randn · √(2 / fan_in)` — and everything the report needs, as a run
 * record. Each network is a `Sequential` of the public layers, trained by the trainer's loop.
 */
export function runInitializationExperiment(options: InitializationExperimentOptions): InitializationRecord {
  const { environment } = options;
  const circles = options.circles ?? loadCircles();
  const { data, dataset } = circles;
  const seed = options.seed ?? COURSE_INIT_SEED;
  const numIterations = options.numIterations ?? COURSE_ITERATIONS;
  const learningRate = options.learningRate ?? COURSE_LEARNING_RATE;
  const costEvery = options.costEvery ?? COURSE_COST_EVERY;
  const specs = options.models ?? COURSE_INITIALIZATIONS;
  const gridSize = options.gridSize ?? 100;
  const now = options.now ?? (() => performance.now());
  const started = now();

  const models = specs.map((spec, index): InitializationModel => {
    options.onModelStart?.(spec, index);
    const modelStart = now();
    // The course seeds before every initialization that draws (np.random.seed(3)).
    const network = courseNetwork(COURSE_LAYER_SIZES, initializerOf(spec.init), new RandomState(seed));
    const model = compile(network, { loss: 'binary-cross-entropy', batchSize: data.trainX.shape[0] ?? 1 });
    const result = train({
      model,
      optimizer: new GradientDescent({ learningRate }),
      x: data.trainX,
      y: data.trainY,
      numIterations,
      costEvery,
      // The course's cost of saturated outputs: +∞ is a value to record, not a divergence.
      allowInfiniteCost: true,
      onProgress: options.onProgress === undefined ? undefined : (event) => options.onProgress?.(spec, index, event),
    });
    // The cost of the trained weights: the course's cost on the test-mode outputs.
    const finalCost = binaryCrossEntropy(model.scores(data.trainX), data.trainY).loss;
    const published = PUBLISHED_RESULTS[spec.name];
    return {
      name: spec.name,
      init: spec.init,
      expression: spec.expression,
      costs: result.costs.map(({ iteration, cost }) => ({ iteration, cost: toRecordedCost(cost) })),
      finalCost: toRecordedCost(finalCost),
      trainAccuracy: model.accuracy(data.trainX, data.trainY),
      testAccuracy: model.accuracy(data.testX, data.testY),
      seconds: (now() - modelStart) / 1000,
      decisionGrid: predictGrid({ predictProba: (x) => model.scores(x) }, CIRCLES_WINDOW, gridSize),
      ...(published === undefined ? {} : { published }),
    };
  });

  const trainX = data.trainX.data;
  const trainSize = data.trainX.shape[0] ?? 0;
  return {
    schemaVersion: RUN_RECORD_VERSION,
    kind: 'initialization',
    createdAt: new Date().toISOString(),
    seed,
    dataset,
    circles: circles.calls,
    architecture: { layerSizes: [...COURSE_LAYER_SIZES], activations: ['relu', 'relu', 'sigmoid'] },
    training: { learningRate, numIterations, costEvery },
    trainPoints: {
      x: Array.from({ length: trainSize }, (_, i): [number, number] => [trainX[2 * i] ?? 0, trainX[2 * i + 1] ?? 0]),
      y: Array.from(data.trainY.data),
    },
    models,
    environment,
    totalSeconds: (now() - started) / 1000,
  };
}
