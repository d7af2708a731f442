import { ConfigError, isLabError } from '@lab/tensor';
import { z } from 'zod';
import { createOptimizer } from '../optimizers';
import { createSchedule, type ExpressionParser } from '../schedules';
import { knownDataShape } from './data-shape';
import { formatPath } from './format-path';
import { convertLegacyConfig, isLegacyRunConfig, legacyRunConfigSchema } from './legacy-config';
import { type ConfigIssue, modelIssue } from './model-checks';
import { dataSchema } from './schema/data-schema';
import { modelSchema } from './schema/model-schema';
import { optimizerSchema } from './schema/optimizer-schema';
import { scheduleSchema } from './schema/schedule-schema';
import { trainingSchema } from './schema/training-schema';
import { fieldsAt } from './schema-fields';

export { MAX_CLASSES, MAX_ITERATIONS, MAX_LAYER_ENTRIES, MAX_LAYER_UNITS, MAX_LAYERS, MAX_PARAMETERS } from './schema/limits';

const seedSchema = z.number().int().min(0).max(0xffffffff);

/**
 * A training run, as `lab train --config FILE` reads it (YAML or JSON): data, model (layers, loss,
 * L2), optimizer, schedule, training, seeds. Parsed, every default is filled in (each optimizer
 * hyperparameter, the schedule, the data generator's settings and seed), so the result states the
 * whole run and a run record that holds it reruns it.
 */
export const runConfigSchema = z
  .object({
    name: z.string().min(1).max(200).default('run'),
    /** Seeds initialization, fresh dropout masks and the mini-batch order (one generator, in that order). Default 3. */
    seed: seedSchema.default(3),
    data: dataSchema,
    model: modelSchema,
    optimizer: optimizerSchema,
    schedule: scheduleSchema.default({ kind: 'constant' }),
    training: trainingSchema,
  })
  .strict()
  // A generated set without its own seed takes the run's, written out so the config states it; so
  // does moons' and circles' held-out share when they generate no test set.
  // The cost is recorded every 100 steps unless every k epochs.
  .transform((config) => ({
    ...config,
    data:
      config.data.kind === 'mat' ? config.data : { ...config.data, seed: config.data.seed ?? config.seed, ...heldOutDefault(config.data) },
    training:
      config.training.costEveryEpochs === undefined ? { ...config.training, costEvery: config.training.costEvery ?? 100 } : config.training,
  }));

function heldOutDefault(data: { kind: string; testFraction?: number; test?: unknown }): { testFraction?: number } {
  if ((data.kind !== 'moons' && data.kind !== 'circles') || data.test !== undefined) return {};
  return { testFraction: data.testFraction ?? 0.3 };
}

/** A validated run config with every default filled in: plain JSON. */
export type RunConfig = z.output<typeof runConfigSchema>;
/** A run config as written, before defaults. */
export type RunConfigInput = z.input<typeof runConfigSchema>;
export type DataSpec = RunConfig['data'];

/** Options of {@link parseRunConfig}. */
export interface ParseRunConfigOptions {
  /**
   * mathjs's parser ({@link loadExpressionParser}): with it, an expression schedule is compiled
   * while parsing, so a bad expression is named as `schedule` here rather than found later.
   */
  readonly expressionParser?: ExpressionParser;
}

/**
 * Validates a parsed config file and fills in its defaults. It also takes a config in the format
 * before layer lists (`dataset`, `model.layerSizes`, `regularization`, `training.numIterations`),
 * converted to the same run, and a run record that holds its config (`config`), so
 * `lab train --config run.json` reruns a recorded run.
 *
 * The first problem becomes one line naming the file, the field path and what was expected:
 * `run.yaml: model.layers[2].keepProb: Too big: expected number to be <=1`. Beyond the fields it
 * checks that the model fits its loss and, for built-in data, its data (see `modelIssue`); then the
 * optimizer and the schedule are built once so their own checks are named by field too.
 * @param value - the parsed YAML/JSON
 * @param source - the file name, for the message
 * @throws ConfigError
 */
export function parseRunConfig(value: unknown, source = 'config', options: ParseRunConfigOptions = {}): RunConfig {
  let where = source;
  let input = value;
  if (isRunRecord(value)) {
    if (!('config' in value)) {
      throw new ConfigError(
        `${source}: a run record written before records held their config (kind ${JSON.stringify(value.kind)}): rerun it from the config it was made with`,
      );
    }
    input = value.config;
    where = `${source}: config`;
  }
  if (isLegacyRunConfig(input)) {
    const legacy = legacyRunConfigSchema.safeParse(input);
    if (!legacy.success) throw issueError(where, legacy.error.issues[0], input, legacyRunConfigSchema);
    input = convertLegacyConfig(legacy.data);
  }
  const result = runConfigSchema.safeParse(input);
  if (!result.success) throw issueError(where, result.error.issues[0], input, runConfigSchema);
  const config = result.data;
  const issue = modelIssue(config.model, knownDataShape(config.data)) ?? trainingIssue(config);
  if (issue !== undefined) throw new ConfigError(`${where}: ${formatPath(issue.path)}: ${issue.message}`);
  const attempt = (field: string, build: () => unknown) => {
    try {
      build();
    } catch (error) {
      if (isLabError(error)) throw new ConfigError(`${where}: ${field}: ${error.message}`);
      throw error;
    }
  };
  attempt('optimizer', () => createOptimizer(config.optimizer));
  const { schedule } = config;
  // Without mathjs an expression cannot be compiled here; the trainer checks it before the first step.
  if (schedule.kind !== 'expression' || options.expressionParser !== undefined) {
    attempt('schedule', () => createSchedule({ ...schedule, learningRate: config.optimizer.learningRate }, options));
  }
  return config;
}

/** Batch norm normalizes over a batch: it needs at least 2 examples in each. */
function trainingIssue(config: RunConfig): ConfigIssue | undefined {
  const { batchSize } = config.training;
  if (batchSize === 1 && config.model.layers.some((layer) => layer.kind === 'batchnorm')) {
    return {
      path: ['training', 'batchSize'],
      message: 'batch norm normalizes over a batch: it needs at least 2 examples per batch, got 1',
    };
  }
  return undefined;
}

function isRunRecord(value: unknown): value is { readonly kind?: unknown; readonly config?: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'schemaVersion' in value && 'kind' in value;
}

/** One line for zod's first issue, naming the field path and, where it helps, the value given or the fields allowed. */
function issueError(source: string, issue: z.core.$ZodIssue, input: unknown, schema: z.core.$ZodType): ConfigError {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const fields = fieldsAt(schema, input, path);
    const kind = valueAt(input, [...path, 'kind']);
    const owner = typeof kind === 'string' ? ` of ${JSON.stringify(kind)}` : '';
    const expected = fields === undefined ? '' : ` (the fields${owner}: ${fields.join(', ')})`;
    return new ConfigError(`${source}: ${formatPath([...path, issue.keys[0]])}: unknown field${expected}`);
  }
  const given = valueAt(input, path);
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    const options = ((issue as { options?: readonly unknown[] }).options ?? []).map((o) => JSON.stringify(o)).join(', ');
    message = given === undefined ? `required: one of ${options}` : `${JSON.stringify(given)} is not one of ${options}`;
  } else if (given === undefined && issue.code !== 'custom') {
    const options = issue.code === 'invalid_value' ? issue.values.map((v) => JSON.stringify(v)).join(', ') : undefined;
    message =
      options !== undefined ? `required: one of ${options}` : issue.code === 'invalid_type' ? `required (${issue.expected})` : 'required';
  }
  return new ConfigError(`${source}: ${formatPath(path)}: ${message}`);
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
