import { MAX_GENERATED_EXAMPLES } from '@lab/datasets';
import { ConfigError, isLabError } from '@lab/tensor';
import { z } from 'zod';
import { createOptimizer } from '../optimizers';
import { createSchedule, type ExpressionParser } from '../schedules';

const positiveInt = z.number().int().positive();

/** The widest layer a config may ask for: 100 000 units. */
export const MAX_LAYER_UNITS = 100_000;
/** The most layers (weight matrices) a config may ask for. */
export const MAX_LAYERS = 100;
/** The most trainable parameters (weights and biases) a config may ask for: 20 million float64, 160 MB. */
export const MAX_PARAMETERS = 20_000_000;

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
      n: positiveInt.max(MAX_GENERATED_EXAMPLES).optional(),
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
        layerSizes: z
          .array(positiveInt.max(MAX_LAYER_UNITS))
          .min(2)
          .max(MAX_LAYERS + 1)
          .superRefine(checkLayerSizes),
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

/** The output layer is one sigmoid unit, and the parameters fit in memory. */
function checkLayerSizes(sizes: readonly number[], context: z.RefinementCtx): void {
  const last = sizes[sizes.length - 1];
  if (last !== 1) {
    context.addIssue({
      code: 'custom',
      path: [sizes.length - 1],
      message: `the output layer must have 1 unit (a sigmoid for labels 0 and 1), got ${last}`,
    });
    return;
  }
  let parameters = 0;
  for (let l = 1; l < sizes.length; l++) parameters += sizes[l] * (sizes[l - 1] + 1);
  if (parameters > MAX_PARAMETERS) {
    context.addIssue({
      code: 'custom',
      message: `${parameters} parameters (weights and biases), more than the ${MAX_PARAMETERS} a run may have`,
    });
  }
}

export type RunConfig = z.infer<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;

/** Options of {@link parseRunConfig}. */
export interface ParseRunConfigOptions {
  /**
   * mathjs's parser ({@link loadExpressionParser}): with it, an expression schedule is compiled
   * while parsing, so a bad expression is named as `schedule` here rather than found later.
   */
  readonly expressionParser?: ExpressionParser;
}

/**
 * Validates a parsed config file. The first problem becomes one line naming the file,
 * the field path and what was expected: `run.yaml: optimizer.learningRate: Too small: expected number to be >0`.
 * The optimizer and the schedule are then built once, so that their own checks (a beta of another
 * optimizer, an expression that does not compile) are named by field too: `run.yaml: optimizer: …`.
 * @param value - the parsed YAML/JSON
 * @param source - the file name, for the message
 * @throws ConfigError
 */
export function parseRunConfig(value: unknown, source = 'config', options: ParseRunConfigOptions = {}): RunConfig {
  const result = runConfigSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.length === 0 ? '(top level)' : formatPath(issue.path);
    throw new ConfigError(`${source}: ${path}: ${issue.message}`);
  }
  const config = result.data;
  const attempt = (field: string, build: () => unknown) => {
    try {
      build();
    } catch (error) {
      if (isLabError(error)) throw new ConfigError(`${source}: ${field}: ${error.message}`);
      throw error;
    }
  };
  attempt('optimizer', () => createOptimizer(config.optimizer));
  const { schedule } = config;
  // Without mathjs an expression cannot be compiled here; the trainer checks it before the first step.
  if (schedule !== undefined && (schedule.kind !== 'expression' || options.expressionParser !== undefined)) {
    attempt('schedule', () => createSchedule({ ...schedule, learningRate: config.optimizer.learningRate }, options));
  }
  return config;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
