import { datasetInfoSchema, decisionGridSchema, environmentSchema, finiteNumber, recordedCost, recordVersionSchema } from '@lab/run-record';
import { z } from 'zod';

/**
 * The optimization experiment's run record (`kind: 'optimization'`). Its schema lives here, with
 * the experiment that writes it and the report that reads it. Costs are `recordedCost`s
 * (`@lab/trainer`): a finite number, or the string `'Infinity'` for +∞.
 */

/** The published numbers one model is compared against. */
export const optimizationPublishedSchema = z.object({
  /** The cost printed after epoch 0, as printed (`"%f"`: six decimals). */
  costAfterEpoch0: z.string().regex(/^\d+\.\d{6}$/),
  trainAccuracy: finiteNumber,
});

/** The optimizer and its hyperparameters (the learning rate is the run's). */
export const optimizerSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gd') }),
  z.object({ kind: z.literal('momentum'), beta: finiteNumber }),
  z.object({ kind: z.literal('adam'), beta1: finiteNumber, beta2: finiteNumber, epsilon: finiteNumber }),
]);

/** One model: its optimizer, cost curve, accuracy and decision grid. */
export const optimizationModelSchema = z.object({
  /** The course's name: `gd`, `momentum`, `adam`. */
  name: z.string(),
  optimizer: optimizerSettingsSchema,
  /** The cost of the last mini-batch of every `training.costEveryEpochs`-th epoch (0-based), before its update. */
  costs: z.array(z.object({ epoch: z.number().int().nonnegative(), iteration: z.number().int().nonnegative(), cost: recordedCost })),
  /** The cost of the final weights on the whole training set. */
  finalCost: recordedCost,
  trainAccuracy: finiteNumber,
  seconds: finiteNumber,
  decisionGrid: decisionGridSchema.optional(),
  /** The course's numbers for this model, when it is one of the course's three. */
  published: optimizationPublishedSchema.optional(),
});

/** The course's `make_moons` call: `np.random.seed(seed); make_moons(n_samples, noise=noise)`. */
export const moonsCallSchema = z.object({
  nSamples: z.number().int().positive(),
  noise: finiteNumber,
  seed: z.number().int().nonnegative(),
});

/** The record of `lab experiment optimization`. */
export const optimizationRecordSchema = z.object({
  schemaVersion: recordVersionSchema,
  kind: z.literal('optimization'),
  createdAt: z.string(),
  /** `np.random.seed` before each model's weights. */
  seed: z.number().int().nonnegative(),
  dataset: datasetInfoSchema,
  moons: moonsCallSchema,
  architecture: z.object({
    /** Units per layer, input first: `[2, 5, 2, 1]`. */
    layerSizes: z.array(z.number().int().positive()).min(2),
    /** One activation per weight layer: `['relu', 'relu', 'sigmoid']`. */
    activations: z.array(z.string()),
    /** The course's expression for W[l]. */
    initialization: z.string(),
  }),
  training: z.object({
    learningRate: finiteNumber,
    epochs: z.number().int().nonnegative(),
    batchSize: z.number().int().positive(),
    /** The data order: `seed(epochSeedBase + e + 1); permutation(m)` before epoch e. */
    epochSeedBase: z.number().int(),
    costEveryEpochs: z.number().int().positive(),
  }),
  /** The training points, for the decision-boundary figures: x (N, 2) and labels (N,). */
  trainPoints: z.object({ x: z.array(z.tuple([finiteNumber, finiteNumber])), y: z.array(finiteNumber) }),
  models: z.array(optimizationModelSchema).min(1),
  environment: environmentSchema,
  totalSeconds: finiteNumber,
});

export type OptimizationPublished = z.infer<typeof optimizationPublishedSchema>;
export type OptimizationModel = z.infer<typeof optimizationModelSchema>;
export type OptimizationRecord = z.infer<typeof optimizationRecordSchema>;
export type MoonsCall = z.infer<typeof moonsCallSchema>;
