import { duration, environmentSchema, finiteNumber, recordVersionSchema, unitInterval } from '@lab/run-record';
import { z } from 'zod';

/**
 * The batch-norm experiment's run record (`kind: 'batchnorm'`) and its parts. Its schema lives
 * here, with the experiment that writes it and the report sections that read it; the envelope
 * (`schemaVersion`, `environment`) comes from the general record pieces.
 */

const finite = finiteNumber;
const count = z.number().int().positive();
const accuracy = unitInterval;

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
  /** Timed calls of the staged kernel (the closed form, faster, runs as many or more). */
  repeats: count,
  stagedMs: duration,
  altMs: duration,
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
  schemaVersion: recordVersionSchema,
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
    parts: z.array(z.object({ part: z.string(), seconds: duration })),
    /** Seconds per training job, measured where it ran. */
    runs: z.array(z.object({ id: z.string(), seconds: duration })),
    totalSeconds: duration,
  }),
});

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
