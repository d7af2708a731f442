/**
 * A fixed, made-up run record of binary classifiers for the report tests (the shape of
 * `@lab/trainer`'s binary run records, written out here so that this kit depends on no @lab
 * package). The points come from a small seeded generator (not from the course's data): two
 * classes split by a wavy line across the course's window, with a few labels flipped so the
 * models can overfit.
 */

/** P(y = 1) over a grid, as run records hold it. */
export interface SyntheticGrid {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  readonly nx: number;
  readonly ny: number;
  readonly values: number[];
}

/** One model of a synthetic record. */
export interface SyntheticModel {
  name: string;
  lambd: number;
  keepProb: number;
  costs: { iteration: number; cost: number }[];
  finalCost: number;
  trainAccuracy: number;
  testAccuracy: number;
  seconds: number;
  decisionGrid?: SyntheticGrid;
  published?: { costAt0: number; trainAccuracy: number; testAccuracy: number };
}

/** A synthetic record of binary classifiers, `kind` and `schemaVersion` as asked. */
export interface SyntheticRun<K extends string> {
  schemaVersion: number;
  kind: K;
  createdAt: string;
  seed: number;
  dataset: {
    name: string;
    source: 'file' | 'builtin';
    path?: string;
    isCourseData: boolean;
    trainSize: number;
    testSize: number;
    features: number;
    description: string;
  };
  architecture: { layerSizes: number[]; activations: string[]; initialization: string };
  training: { optimizer: string; learningRate: number; numIterations: number; costEvery: number; dropoutMasks: 'fresh' | 'course' };
  trainPoints: { x: [number, number][]; y: number[] };
  models: SyntheticModel[];
  environment: { node: string; platform: string; arch: string; cpu: string; cores: number; packages: Record<string, string> };
  totalSeconds: number;
}

/** mulberry32: a tiny seeded PRNG, enough for made-up fixture points. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The made-up class boundary: label 1 above the wave. */
function wave(x1: number, wiggle: number): number {
  return 0.15 * Math.sin(7 * x1) + wiggle * Math.sin(23 * x1) - 0.05;
}

function points(count: number, seed: number): { x: [number, number][]; y: number[] } {
  const random = prng(seed);
  const x: [number, number][] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const x1 = -0.7 + 1.05 * random();
    const x2 = -0.7 + 1.3 * random();
    const flip = random() < 0.08;
    x.push([x1, x2]);
    y.push((x2 > wave(x1, 0) ? 1 : 0) ^ (flip ? 1 : 0));
  }
  return { x, y };
}

function grid(wiggle: number, n: number): SyntheticGrid {
  const [xMin, xMax, yMin, yMax] = [-0.8, 0.45, -0.8, 0.7];
  const values: number[] = [];
  for (let iy = 0; iy < n; iy++) {
    for (let ix = 0; ix < n; ix++) {
      const x1 = xMin + (ix * (xMax - xMin)) / (n - 1);
      const x2 = yMin + (iy * (yMax - yMin)) / (n - 1);
      values.push(1 / (1 + Math.exp(-40 * (x2 - wave(x1, wiggle)))));
    }
  }
  return { xMin, xMax, yMin, yMax, nx: n, ny: n, values };
}

function costs(start: number, end: number, numIterations: number, every: number): SyntheticModel['costs'] {
  const out: SyntheticModel['costs'] = [];
  for (let iteration = 0; iteration < numIterations; iteration += every) {
    out.push({ iteration, cost: end + (start - end) * Math.exp(-iteration / 4000) });
  }
  return out;
}

/** Options of {@link syntheticRecord}; the defaults give the fixed record most tests use. */
export interface SyntheticOptions {
  /** The record's `schemaVersion`: the current `RUN_RECORD_VERSION` of the caller. */
  readonly schemaVersion: number;
  /** Seconds of every model (the timings section); vary it to check masking. */
  readonly seconds?: number;
  readonly createdAt?: string;
  /** Mark the data as the course's and attach published numbers. */
  readonly courseData?: boolean;
  /** Decision grid size per axis. */
  readonly gridSize?: number;
  /** Iterations between two recorded costs. */
  readonly costEvery?: number;
}

/** The model names of the fixed record, in order. */
export const MODEL_NAMES = ['no regularization', 'L2', 'dropout'] as const;

/**
 * A fixed regularization record: 3 models (`no regularization`, `L2`, `dropout`),
 * 80 made-up training points, 40 × 40 decision grids, costs every 1000 of 30000 iterations.
 * With `courseData`, published numbers are attached that match ours everywhere except
 * the dropout model's test accuracy (one ✗ out of 9).
 */
export function syntheticRecord(options: SyntheticOptions): SyntheticRun<'regularization'> {
  const { seconds = 1.25, createdAt = '2025-01-02T03:04:05.000Z', courseData = false, gridSize = 40, costEvery = 1000 } = options;
  const numIterations = 30000;
  const settings = [
    { lambd: 0, keepProb: 1, wiggle: 0.08, start: 0.6912, end: 0.11, train: 0.95, test: 0.9 },
    { lambd: 0.5, keepProb: 1, wiggle: 0.02, start: 0.7214, end: 0.24, train: 0.9375, test: 0.925 },
    { lambd: 0, keepProb: 0.8, wiggle: 0, start: 0.6853, end: 0.29, train: 0.925, test: 0.9375 },
  ];
  const models: SyntheticModel[] = settings.map((s, m) => {
    const curve = costs(s.start, s.end, numIterations, costEvery);
    const model: SyntheticModel = {
      name: MODEL_NAMES[m] ?? `model ${m}`,
      lambd: s.lambd,
      keepProb: s.keepProb,
      costs: curve,
      finalCost: curve[curve.length - 1]?.cost ?? s.end,
      trainAccuracy: s.train,
      testAccuracy: s.test,
      seconds: seconds * (m + 1),
      decisionGrid: grid(s.wiggle, gridSize),
    };
    if (!courseData) return model;
    const published = { costAt0: s.start, trainAccuracy: s.train, testAccuracy: m === 2 ? 0.95 : s.test };
    return { ...model, published };
  });
  return {
    schemaVersion: options.schemaVersion,
    kind: 'regularization',
    createdAt,
    seed: 3,
    dataset: {
      name: courseData ? 'football.mat' : 'football (built-in)',
      source: courseData ? 'file' : 'builtin',
      ...(courseData ? { path: 'data/football.mat' } : {}),
      isCourseData: courseData,
      trainSize: 80,
      testSize: 80,
      features: 2,
      description: 'made-up points for tests',
    },
    architecture: { layerSizes: [2, 20, 3, 1], activations: ['relu', 'relu', 'sigmoid'], initialization: 'randn / sqrt(fan_in)' },
    training: { optimizer: 'gradient descent', learningRate: 0.3, numIterations, costEvery, dropoutMasks: 'course' },
    trainPoints: points(80, 7),
    models,
    environment: {
      node: 'v20.0.0',
      platform: 'linux',
      arch: 'x64',
      cpu: 'Test CPU @ 1.00GHz',
      cores: 2,
      packages: { '@lab/trainer': '0.1.0', '@lab/tensor': '0.1.0', '@lab/report': '0.1.0' },
    },
    totalSeconds: seconds * 6,
  };
}

/**
 * A fixed train record (`lab train`): the {@link syntheticRecord}'s L2 model alone, named
 * `moons, Adam` and trained with `adam (batches of 32)`.
 */
export function syntheticTrainRecord(options: SyntheticOptions): SyntheticRun<'train'> & { models: [SyntheticModel] } {
  const { kind: _kind, models, training, ...rest } = syntheticRecord(options);
  const model = models[1] ?? models[0];
  if (model === undefined) throw new Error('syntheticRecord has no models');
  return {
    ...rest,
    kind: 'train',
    training: { ...training, optimizer: 'adam (batches of 32)', learningRate: 0.01, dropoutMasks: 'fresh' },
    models: [{ ...model, name: 'moons, Adam' }],
    totalSeconds: model.seconds,
  };
}
