import { z } from 'zod';

/**
 * The run record: everything one experiment produced, as versioned JSON. The trainer
 * writes it, the report app reads it; bump {@link RUN_RECORD_VERSION} on any change
 * that an older reader would misread.
 */
export const RUN_RECORD_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** Where the data came from: the course's MAT file or a built-in generator. */
export const datasetInfoSchema = z.object({
  /** e.g. `football.mat` or `football (built-in)` */
  name: z.string(),
  source: z.enum(['file', 'builtin']),
  /** The file as given on the command line, when `source` is `file`. */
  path: z.string().optional(),
  /** True when the file is byte-identical to the course's football.mat (its published numbers apply). */
  isCourseData: z.boolean(),
  trainSize: z.number().int().nonnegative(),
  testSize: z.number().int().nonnegative(),
  features: z.number().int().positive(),
  description: z.string(),
});

/**
 * A grid of model outputs over the plane, for decision-boundary figures: node (ix, iy) sits at
 * x = xMin + ix·(xMax − xMin)/(nx − 1), y = yMin + iy·(yMax − yMin)/(ny − 1); `values[iy * nx + ix]` is P(y = 1) there.
 */
export const decisionGridSchema = z.object({
  xMin: finite,
  xMax: finite,
  yMin: finite,
  yMax: finite,
  nx: z.number().int().positive(),
  ny: z.number().int().positive(),
  values: z.array(finite),
});

/** The published numbers one model is compared against, when the data is the course's. */
export const publishedResultSchema = z.object({
  costAt0: finite,
  trainAccuracy: finite,
  testAccuracy: finite,
});

export const modelResultSchema = z.object({
  /** `no regularization`, `L2`, `dropout`, … */
  name: z.string(),
  lambd: finite,
  keepProb: finite,
  /** Cost recorded every `training.costEvery` iterations, before that iteration's update. */
  costs: z.array(z.object({ iteration: z.number().int().nonnegative(), cost: finite })),
  finalCost: finite,
  trainAccuracy: finite,
  testAccuracy: finite,
  seconds: finite,
  decisionGrid: decisionGridSchema.optional(),
  published: publishedResultSchema.optional(),
});

export const environmentSchema = z.object({
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpu: z.string(),
  cores: z.number().int().positive(),
  /** Package name → version of every @lab package that took part. */
  packages: z.record(z.string(), z.string()),
});

/**
 * What the records of binary classifiers trained on one data set share (`lab experiment
 * regularization` and `lab train`): everything but `kind` and `models`.
 */
const binaryRunRecordShape = {
  schemaVersion: z.literal(RUN_RECORD_VERSION),
  createdAt: z.string(),
  seed: z.number().int().nonnegative(),
  dataset: datasetInfoSchema,
  architecture: z.object({
    /** Units per layer, input first: `[2, 20, 3, 1]`. */
    layerSizes: z.array(z.number().int().positive()).min(2),
    /** One activation per weight layer: `['relu', 'relu', 'sigmoid']`. */
    activations: z.array(z.string()),
    initialization: z.string(),
  }),
  training: z.object({
    /** The optimizer and how it sees the data: `gradient descent (full batch)`, `adam (batches of 64)`. */
    optimizer: z.string(),
    learningRate: finite,
    numIterations: z.number().int().nonnegative(),
    costEvery: z.number().int().positive(),
    /** How dropout masks are drawn: `fresh` per step, or the course's `course` reseeded draw. */
    dropoutMasks: z.enum(['fresh', 'course']),
  }),
  /** The training points, for the decision-boundary figures: x (N, 2) and labels (N,). */
  trainPoints: z.object({ x: z.array(z.tuple([finite, finite])), y: z.array(finite) }),
  environment: environmentSchema,
  totalSeconds: finite,
};

/** The record of `lab experiment regularization`: one or more models of the same network. */
export const regularizationRecordSchema = z.object({
  ...binaryRunRecordShape,
  kind: z.literal('regularization'),
  models: z.array(modelResultSchema).min(1),
});

/**
 * The record of `lab train --config FILE`: the one model the config describes. (Records that
 * `lab train` wrote before this kind existed say `regularization`, and still parse as such.)
 */
export const trainRecordSchema = z.object({
  ...binaryRunRecordShape,
  kind: z.literal('train'),
  models: z.tuple([modelResultSchema]),
});

export type DatasetInfo = z.infer<typeof datasetInfoSchema>;
export type DecisionGrid = z.infer<typeof decisionGridSchema>;
export type PublishedResult = z.infer<typeof publishedResultSchema>;
export type ModelResult = z.infer<typeof modelResultSchema>;
export type Environment = z.infer<typeof environmentSchema>;
export type RegularizationRecord = z.infer<typeof regularizationRecordSchema>;
export type TrainRecord = z.infer<typeof trainRecordSchema>;
/** A record of binary classifiers trained on one data set: the reports of both share their sections. */
export type BinaryRunRecord = RegularizationRecord | TrainRecord;

const count = z.number().int().positive();
const accuracy = z.number().min(0).max(1);

/** How a hidden layer of the batch-norm experiment's networks is normalized (between its affine map and its ReLU). */
export const normalizationSchema = z.enum(['none', 'batchnorm', 'layernorm']);

/** Per-feature statistics of one stage of the forward-statistics demonstration (part 1). */
export const featureStatisticsSchema = z.object({
  /** `before`: the raw activations; `train`: batch norm with γ = 1, β = 0; `train-scaled`: with the given γ, β; `test`: test mode after warm-up. */
  stage: z.enum(['before', 'train', 'train-scaled', 'test']),
  /** (D3,) the scale used, `null` before batch norm. */
  gamma: z.array(finite).nullable(),
  /** (D3,) the shift used, `null` before batch norm. */
  beta: z.array(finite).nullable(),
  /** (D3,) per-feature mean over the N examples. */
  means: z.array(finite),
  /** (D3,) per-feature standard deviation (biased, NumPy's `std`). */
  stds: z.array(finite),
});

/** Part 1: batch norm's output statistics on `relu(X·W1)·W2`, CS231n's BatchNormalization notebook. */
export const forwardStatisticsSchema = z.object({
  seed: z.number().int().nonnegative(),
  n: count,
  d1: count,
  d2: count,
  d3: count,
  /** Training-mode batches run before the test-mode stage. */
  warmupBatches: z.number().int().nonnegative(),
  stages: z.array(featureStatisticsSchema),
});

/** Relative errors of one backward against numerical gradients (part 2). */
export const gradientCheckSchema = z.object({
  /** `batchnormBackward`, `batchnormBackwardAlt` or `layernormBackward`. */
  kernel: z.enum(['batchnormBackward', 'batchnormBackwardAlt', 'layernormBackward']),
  dx: finite,
  dgamma: finite,
  dbeta: finite,
});

/** Part 2: gradient checks on a small input, and the staged and alt backwards compared on a larger one. */
export const gradientChecksSchema = z.object({
  seed: z.number().int().nonnegative(),
  /** Shape of the numerically checked input. */
  n: count,
  d: count,
  checks: z.array(gradientCheckSchema),
  /** Relative errors between the staged and the alt backward at (n, d). */
  agreement: z.object({ n: count, d: count, dx: finite, dgamma: finite, dbeta: finite }),
});

/** Part 3: median time of each backward at one shape. */
export const backwardTimingSchema = z.object({
  n: count,
  d: count,
  /** Timed calls of each kernel. */
  repeats: count,
  stagedMs: finite,
  altMs: finite,
  /** stagedMs / altMs. */
  speedup: finite,
});

export const backwardSpeedSchema = z.object({
  seed: z.number().int().nonnegative(),
  timings: z.array(backwardTimingSchema),
});

/**
 * One training of the batch-norm experiment (parts 4–6): everything that determines its result.
 * Its RandomState is seeded with `seed` alone, so a job gives the same result on any worker.
 */
export const batchnormJobSchema = z.object({
  /** Unique within a run, e.g. `weight-scale/batchnorm/07`. */
  id: z.string(),
  part: z.enum(['deep-mlp', 'weight-scale', 'batch-size']),
  normalization: normalizationSchema,
  /** Units of each hidden layer; the input and output sizes come from the data. */
  hiddenSizes: z.array(count).min(1),
  /** Standard deviation of the initial weights. */
  weightScale: finite.refine((x) => x > 0, 'must be > 0'),
  /** Adam's learning rate. */
  learningRate: finite.refine((x) => x > 0, 'must be > 0'),
  batchSize: count,
  numEpochs: count,
  /** The first trainSize rows of the training data are used, … */
  trainSize: count,
  /** … and the first validationSize rows of the validation data. */
  validationSize: count,
  seed: z.number().int().nonnegative(),
});

/** Accuracies after an epoch (epoch 0: before training). */
export const epochAccuracySchema = z.object({
  epoch: z.number().int().nonnegative(),
  trainAccuracy: accuracy,
  valAccuracy: accuracy,
});

/** What one {@link batchnormJobSchema} job produced. */
export const batchnormRunSchema = z.object({
  job: batchnormJobSchema,
  /** The training loss of every iteration, before its update. */
  losses: z.array(finite),
  epochs: z.array(epochAccuracySchema),
  bestTrainAccuracy: accuracy,
  bestValAccuracy: accuracy,
  /** Mean loss over the last epoch's iterations (or those run before a divergence); null when no iteration ran. */
  finalTrainLoss: finite.nullable(),
  /** Set when training stopped on a non-finite loss or gradient. */
  diverged: z.object({ iteration: z.number().int().nonnegative(), message: z.string() }).nullable(),
});

/** Shared settings of a part's trainings. */
const trainingSettingsShape = {
  hiddenSizes: z.array(count).min(1),
  learningRate: finite,
  numEpochs: count,
  trainSize: count,
  validationSize: count,
};

/** Part 4: a deep MLP with and without batch norm. */
export const deepMlpSettingsSchema = z.object({ ...trainingSettingsShape, weightScale: finite, batchSize: count });
/** Part 5: the weight-scale sweep. */
export const weightScaleSweepSettingsSchema = z.object({ ...trainingSettingsShape, batchSize: count, scales: z.array(finite).min(1) });
/** Part 6: batch sizes with and without normalization. */
export const batchSizeSettingsSchema = z.object({
  ...trainingSettingsShape,
  weightScale: finite,
  batchSizes: z.array(count).min(1),
  normalizations: z.array(normalizationSchema).min(1),
});

/** The record of `lab experiment batchnorm`. */
export const batchnormRecordSchema = z.object({
  schemaVersion: z.literal(RUN_RECORD_VERSION),
  kind: z.literal('batchnorm'),
  createdAt: z.string(),
  seed: z.number().int().nonnegative(),
  /** The digits of parts 4–6. */
  dataset: z.object({
    name: z.string(),
    description: z.string(),
    trainSize: z.number().int().nonnegative(),
    validationSize: z.number().int().nonnegative(),
    features: count,
    classes: count,
    /** Seed of the digit selection and split. */
    seed: z.number().int().nonnegative(),
  }),
  forwardStatistics: forwardStatisticsSchema,
  gradientChecks: gradientChecksSchema,
  backwardSpeed: backwardSpeedSchema,
  deepMlp: z.object({ settings: deepMlpSettingsSchema, runs: z.array(batchnormRunSchema) }),
  weightScaleSweep: z.object({ settings: weightScaleSweepSettingsSchema, runs: z.array(batchnormRunSchema) }),
  batchSize: z.object({ settings: batchSizeSettingsSchema, runs: z.array(batchnormRunSchema) }),
  /** Worker threads the trainings ran on (results do not depend on it). */
  workers: count,
  environment: environmentSchema,
  timings: z.object({
    /** Seconds per part, in the order they ran. */
    parts: z.array(z.object({ part: z.string(), seconds: finite })),
    /** Seconds per training job, measured where it ran. */
    runs: z.array(z.object({ id: z.string(), seconds: finite })),
    totalSeconds: finite,
  }),
});

/** Every run record kind, told apart by `kind`. */
export const runRecordSchema = z.discriminatedUnion('kind', [regularizationRecordSchema, trainRecordSchema, batchnormRecordSchema]);

export type Normalization = z.infer<typeof normalizationSchema>;
export type FeatureStatistics = z.infer<typeof featureStatisticsSchema>;
export type ForwardStatistics = z.infer<typeof forwardStatisticsSchema>;
export type GradientCheck = z.infer<typeof gradientCheckSchema>;
export type GradientChecks = z.infer<typeof gradientChecksSchema>;
export type BackwardTiming = z.infer<typeof backwardTimingSchema>;
export type BackwardSpeed = z.infer<typeof backwardSpeedSchema>;
export type BatchnormJob = z.infer<typeof batchnormJobSchema>;
export type EpochAccuracy = z.infer<typeof epochAccuracySchema>;
export type BatchnormRun = z.infer<typeof batchnormRunSchema>;
export type DeepMlpSettings = z.infer<typeof deepMlpSettingsSchema>;
export type WeightScaleSweepSettings = z.infer<typeof weightScaleSweepSettingsSchema>;
export type BatchSizeSettings = z.infer<typeof batchSizeSettingsSchema>;
export type BatchnormRecord = z.infer<typeof batchnormRecordSchema>;
export type AnyRunRecord = z.infer<typeof runRecordSchema>;
