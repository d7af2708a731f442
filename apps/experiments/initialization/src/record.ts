import { datasetInfoSchema, decisionGridSchema, environmentSchema, finiteNumber, recordedCost, recordVersionSchema } from '@lab/run-record';
import { z } from 'zod';

/**
 * The initialization experiment's run record (`kind: 'initialization'`). Its schema lives here, with
 * the experiment that writes it and the report that reads it.
 *
 * Costs are `recordedCost`s (`@lab/trainer`): a finite number, or the string `'Infinity'` for +∞
 * — the course's cost of the `random` model at iteration 0, where sigmoid outputs rounded to
 * exactly 0 or 1 on the wrong side make `(1/m)·nansum(…)` infinite.
 */

/** The published numbers one model is compared against. */
export const initializationPublishedSchema = z.object({
  /** The printed cost at iteration 0 (`'Infinity'` for the random model). */
  costAt0: recordedCost,
  /** The cost printed at every iteration, when the course prints one value throughout (the zeros model). */
  costThroughout: finiteNumber.optional(),
  trainAccuracy: finiteNumber,
  testAccuracy: finiteNumber,
});

/** How a model's weights were drawn, in the run config's terms. */
export const initializationInitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('zeros') }),
  z.object({ kind: z.literal('scaled-normal'), scale: finiteNumber }),
  z.object({ kind: z.literal('he') }),
]);

/** One model: its initialization, cost curve, accuracies and decision grid. */
export const initializationModelSchema = z.object({
  /** The course's name: `zeros`, `random`, `he`. */
  name: z.string(),
  init: initializationInitSchema,
  /** The course's NumPy expression for W[l]. */
  expression: z.string(),
  /** The cost before the update of every `training.costEvery`-th iteration. */
  costs: z.array(z.object({ iteration: z.number().int().nonnegative(), cost: recordedCost })),
  /** The cost after the last update. */
  finalCost: recordedCost,
  trainAccuracy: finiteNumber,
  testAccuracy: finiteNumber,
  seconds: finiteNumber,
  decisionGrid: decisionGridSchema.optional(),
  /** The course's numbers for this model, when it is one of the course's three. */
  published: initializationPublishedSchema.optional(),
});

/** One `make_circles` call of the course: `np.random.seed(seed); make_circles(n_samples, noise=noise)`. */
export const circlesCallSchema = z.object({
  nSamples: z.number().int().positive(),
  noise: finiteNumber,
  seed: z.number().int().nonnegative(),
});

/** The record of `lab experiment initialization`. */
export const initializationRecordSchema = z.object({
  schemaVersion: recordVersionSchema,
  kind: z.literal('initialization'),
  createdAt: z.string(),
  /** `np.random.seed` before each model's weights. */
  seed: z.number().int().nonnegative(),
  dataset: datasetInfoSchema,
  /** The generator calls that made the training and the test set. */
  circles: z.object({ train: circlesCallSchema, test: circlesCallSchema }),
  architecture: z.object({
    /** Units per layer, input first: `[2, 10, 5, 1]`. */
    layerSizes: z.array(z.number().int().positive()).min(2),
    /** One activation per weight layer: `['relu', 'relu', 'sigmoid']`. */
    activations: z.array(z.string()),
  }),
  training: z.object({
    learningRate: finiteNumber,
    numIterations: z.number().int().nonnegative(),
    costEvery: z.number().int().positive(),
  }),
  /** The training points, for the decision-boundary figures: x (N, 2) and labels (N,). */
  trainPoints: z.object({ x: z.array(z.tuple([finiteNumber, finiteNumber])), y: z.array(finiteNumber) }),
  models: z.array(initializationModelSchema).min(1),
  environment: environmentSchema,
  totalSeconds: finiteNumber,
});

export type InitializationPublished = z.infer<typeof initializationPublishedSchema>;
export type InitializationModel = z.infer<typeof initializationModelSchema>;
export type InitializationRecord = z.infer<typeof initializationRecordSchema>;
export type CirclesCall = z.infer<typeof circlesCallSchema>;
