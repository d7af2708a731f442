import { ConfigError } from '@lab/tensor';
import { z } from 'zod';

const positiveInt = z.number().int().positive();

const datasetSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('mat'),
      /** A MAT v5 file with the course's variables X, y (train) and Xval, yval (test). */
      path: z.string().min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('builtin'),
      name: z.enum(['football', 'moons', 'circles', 'planar-flower', 'blobs']),
      /** Examples to generate (ignored by `football`, which has the course's 211/200 split). */
      n: positiveInt.optional(),
      noise: z.number().nonnegative().optional(),
      /** Fraction held out for testing (not for `football`). */
      testFraction: z.number().gt(0).lt(1).default(0.3),
    })
    .strict(),
]);

const optimizerSchema = z
  .object({
    kind: z.enum(['gd', 'momentum', 'rmsprop', 'adam']),
    learningRate: z.number().positive(),
    beta: z.number().min(0).lt(1).optional(),
    beta1: z.number().min(0).lt(1).optional(),
    beta2: z.number().min(0).lt(1).optional(),
    epsilon: z.number().positive().optional(),
    weightDecay: z.number().nonnegative().optional(),
  })
  .strict();

const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }).strict(),
  z.object({ kind: z.literal('step'), dropFactor: z.number().gt(0).max(1), epochsPerDrop: positiveInt }).strict(),
  z.object({ kind: z.literal('exponential'), decayRate: z.number().gt(0).max(1) }).strict(),
  z.object({ kind: z.literal('inverse-time'), decayRate: z.number().nonnegative(), timeInterval: positiveInt.default(1) }).strict(),
  z.object({ kind: z.literal('expression'), expression: z.string().min(1) }).strict(),
]);

/** A training run, as `lab train --config FILE` reads it (YAML or JSON). */
export const runConfigSchema = z
  .object({
    name: z.string().min(1).default('run'),
    /** Seeds initialization, dropout masks and shuffling. */
    seed: z.number().int().min(0).max(0xffffffff).default(3),
    dataset: datasetSchema,
    model: z
      .object({
        /** Units per layer, input first, ending in 1 (a sigmoid unit): hidden layers use ReLU. */
        layerSizes: z.array(positiveInt).min(2),
      })
      .strict(),
    regularization: z
      .object({
        l2: z.number().nonnegative().default(0),
        keepProb: z.number().gt(0).max(1).default(1),
        dropoutMasks: z.enum(['fresh', 'course']).default('fresh'),
      })
      .strict()
      .default({ l2: 0, keepProb: 1, dropoutMasks: 'fresh' }),
    optimizer: optimizerSchema,
    schedule: scheduleSchema.optional(),
    training: z
      .object({
        numIterations: z.number().int().nonnegative(),
        /** Omit for full-batch training. */
        batchSize: positiveInt.optional(),
        costEvery: positiveInt.default(100),
      })
      .strict(),
  })
  .strict();

export type RunConfig = z.infer<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;

/**
 * Validates a parsed config file. The first problem becomes one line naming the file,
 * the field path and what was expected: `run.yaml: optimizer.learningRate: Too small: expected number to be >0`.
 * @param value - the parsed YAML/JSON
 * @param source - the file name, for the message
 * @throws ConfigError
 */
export function parseRunConfig(value: unknown, source = 'config'): RunConfig {
  const result = runConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.length === 0 ? '(top level)' : formatPath(issue.path);
  throw new ConfigError(`${source}: ${path}: ${issue.message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
