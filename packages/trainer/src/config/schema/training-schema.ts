import { z } from 'zod';
import { MAX_ITERATIONS } from './limits';

const positiveInt = z.number().int().positive();

/** The metrics a run measures after an epoch: on the held-out (test) split or the training split. */
export const EPOCH_METRICS = ['testAccuracy', 'testCost', 'trainAccuracy', 'trainCost'] as const;
export type EpochMetric = (typeof EPOCH_METRICS)[number];

/**
 * Stop when a metric, measured every `interval` epochs (for full-batch training an epoch is one
 * step), has not improved for `patience` measurements; the best measurement's weights are put back.
 */
const earlyStoppingSchema = z
  .object({
    metric: z.enum(EPOCH_METRICS),
    /** Measurements without improvement to tolerate. */
    patience: z.number().int().nonnegative().max(1_000_000),
    /** An improvement must beat the best by more than this. Default 0. */
    minDelta: z.number().nonnegative().default(0),
    /** Epochs between measurements. Default 1. */
    interval: positiveInt.max(MAX_ITERATIONS).default(1),
  })
  .strict();

/** Save a checkpoint every `interval` epochs (for full-batch training an epoch is one step), and at the end. */
const checkpointsSchema = z
  .object({
    /** Relative paths are taken relative to `<out>.checkpoints/`, beside the output directory. Default `checkpoint.json`. */
    path: z.string().min(1).max(4096).default('checkpoint.json'),
    interval: positiveInt.max(MAX_ITERATIONS),
  })
  .strict();

/** How long and in what batches to train. Give `iterations` (optimizer steps) or `epochs` (passes over the data). */
export const trainingSchema = z
  .object({
    iterations: z.number().int().nonnegative().max(MAX_ITERATIONS).optional(),
    epochs: z.number().int().nonnegative().max(MAX_ITERATIONS).optional(),
    /** Examples per step; omit for full-batch training. */
    batchSize: positiveInt.max(100_000_000).optional(),
    /** Record the cost every k steps. Default 100 (none with `costEveryEpochs`). */
    costEvery: positiveInt.max(MAX_ITERATIONS).optional(),
    /**
     * Record instead the cost of the last mini-batch of epochs 0, k, 2k… (what the course prints
     * every 1000 epochs). Not with `costEvery`.
     */
    costEveryEpochs: positiveInt.max(MAX_ITERATIONS).optional(),
    /**
     * The data order: reseed the run's generator with `epochSeedBase + e + 1` before epoch e's
     * permutation (the course's `seed = seed + 1; random_mini_batches(…, seed)` from `seed = 10`).
     * Default: one stream, each epoch's permutation drawn after the last.
     */
    epochSeedBase: z
      .number()
      .int()
      .min(0)
      .max(0xffffffff - MAX_ITERATIONS - 1)
      .optional(),
    /**
     * Record a cost of +∞ (the course's `nansum` cost when a probability is exactly wrong, as with
     * ×10 initial weights) instead of stopping the run as divergent; NaN still stops it. Default false.
     */
    allowInfiniteCost: z.boolean().optional(),
    earlyStopping: earlyStoppingSchema.optional(),
    checkpoints: checkpointsSchema.optional(),
  })
  .strict()
  .superRefine((training, context) => {
    if (training.costEvery !== undefined && training.costEveryEpochs !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['costEveryEpochs'],
        message: 'give costEvery (steps) or costEveryEpochs (epochs), not both',
      });
    }
    if ((training.iterations === undefined) === (training.epochs === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [training.iterations === undefined ? 'iterations' : 'epochs'],
        message:
          training.iterations === undefined
            ? 'give iterations (optimizer steps) or epochs (passes over the data)'
            : 'give iterations or epochs, not both',
      });
    }
  });

export type TrainingConfig = z.infer<typeof trainingSchema>;
