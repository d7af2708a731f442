import { ConfigError } from '@lab/tensor';
import { z } from 'zod';
import { isLegacyRunConfig, legacyRunConfigSchema } from '../config/legacy-config';
import { parseRunConfig } from '../config/run-config';
import {
  EVERY_ITEM,
  formatParamPath,
  getByPath,
  type JsonValue,
  type ParamPath,
  type PathSegment,
  parseParamPath,
  setByPath,
} from './param-path';

/** Most trials one sweep may plan (points × repeats): a bound on the journal and the report, not on the machine. */
export const MAX_SWEEP_TRIALS = 100_000;
/** Most values a generated grid (`linspace`, `logspace`, an `integer` range on a grid) may have. */
export const MAX_GRID_VALUES = 10_000;

const finite = z.number().finite();
const count = z.number().int().min(1).max(MAX_GRID_VALUES);
const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), finite, z.string().max(10_000), z.array(jsonValue).max(10_000), z.record(z.string(), jsonValue)]),
);
const valueList = z.array(jsonValue).min(1).max(MAX_GRID_VALUES);

const parameterSchema = z.union([
  valueList,
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('grid'), values: valueList }).strict(),
    z.object({ kind: z.literal('choice'), values: valueList }).strict(),
    /** Values too long to show (a list of layers), each under a short name: trials, journal and report show the names. */
    z
      .object({
        kind: z.literal('named'),
        values: z
          .record(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_ .+-]{0,39}$/, 'expected a short name such as batchnorm'), jsonValue)
          .refine((values) => Object.keys(values).length > 0, 'name at least one value'),
      })
      .strict(),
    z.object({ kind: z.literal('linspace'), min: finite, max: finite, count }).strict(),
    z.object({ kind: z.literal('logspace'), min: finite.positive(), max: finite.positive(), count }).strict(),
    z.object({ kind: z.literal('uniform'), min: finite, max: finite }).strict(),
    z.object({ kind: z.literal('log-uniform'), min: finite.positive(), max: finite.positive() }).strict(),
    z
      .object({ kind: z.literal('integer'), min: z.number().int().safe(), max: z.number().int().safe(), log: z.boolean().default(false) })
      .strict(),
  ]),
]);

const goal = z.enum(['maximize', 'minimize']);
const metricName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'expected a metric name such as testAccuracy');
const step = z.number().int().min(1).max(1e12);

const earlyTerminationSchema = z.discriminatedUnion('rule', [
  z
    .object({
      rule: z.literal('median'),
      /** The intermediate metric compared at each rung; default: the sweep's metric. */
      metric: metricName.optional(),
      goal: goal.optional(),
      /** First rung, in training steps (iterations). */
      minStep: step,
      /** Steps between rungs. */
      interval: step,
      /** Earlier trials needed at a rung before anything is stopped there. */
      minTrials: z.number().int().min(1).max(10_000).default(3),
    })
    .strict(),
  z
    .object({
      rule: z.literal('asha'),
      metric: metricName.optional(),
      goal: goal.optional(),
      /** First rung; rung k is at minStep · reductionFactor^k. */
      minStep: step,
      reductionFactor: z.number().int().min(2).max(16).default(3),
      minTrials: z.number().int().min(1).max(10_000).default(3),
    })
    .strict(),
]);

/** The sweep config file, as read (YAML or JSON) with `base` already an object. */
export const sweepConfigSchema = z
  .object({
    name: z.string().min(1).max(200).default('sweep'),
    /** Seeds the sampler; repeat r of every point trains with seed + r. Default: the base config's seed, else 0. */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    /** A run config, the same format as `lab train --config`. */
    base: z.record(z.string(), jsonValue),
    /** What to vary, by path into the run config: `model.l2`, `optimizer.learningRate`, `model.layers[2].keepProb`. */
    parameters: z.record(z.string(), parameterSchema),
    method: z.enum(['grid', 'random', 'tpe']).default('grid'),
    /** Points to try (random and tpe); a grid tries every point. */
    trials: z.number().int().min(1).max(MAX_SWEEP_TRIALS).optional(),
    /** Trainings per point, seeds seed, seed + 1, …: each point gets a mean and a spread. */
    repeats: z.number().int().min(1).max(1000).default(1),
    metric: z.object({ name: metricName, goal }).strict(),
    tpe: z
      .object({
        /** Random points before the model kicks in. */
        startupTrials: z.number().int().min(1).max(10_000).default(10),
        /** Points proposed together from the same results: parallelism that does not depend on the number of workers. */
        batch: z.number().int().min(1).max(1000).default(4),
        /** Candidates drawn from the good points' density per proposal. */
        candidates: z.number().int().min(1).max(10_000).default(24),
        /** Fraction of the results counted as good. */
        gamma: z.number().gt(0).lt(1).default(0.25),
      })
      .strict()
      .optional(),
    earlyTermination: earlyTerminationSchema.optional(),
    /** Where each trial's seed goes in the run config. */
    seedPath: z.string().min(1).default('seed'),
    trial: z
      .object({
        /** Give up on a trial (and the sweep) after this long; default: derived from its estimated cost. */
        deadlineSeconds: z
          .number()
          .positive()
          .max(7 * 24 * 3600)
          .optional(),
        /** Heap limit of the thread a trial runs on. */
        memoryLimitMb: z
          .number()
          .int()
          .min(16)
          .max(1 << 20)
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type SweepConfigInput = z.input<typeof sweepConfigSchema>;

/** Where a parameter's values come from: a finite list, or a continuous or integer range. */
export type ParameterDomain =
  | {
      readonly kind: 'values';
      readonly values: readonly JsonValue[];
      /** For `kind: named`: the value each name (in `values`) stands for in the run config. */
      readonly named?: { readonly [name: string]: JsonValue };
    }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number; readonly log: boolean }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number; readonly log: boolean };

/** One varied parameter. */
export interface SweepParameter {
  /** As written: `model.layers[2].keepProb`. */
  readonly name: string;
  readonly path: ParamPath;
  readonly domain: ParameterDomain;
}

/** Early termination, resolved: the metric and goal filled in. */
export type EarlyTermination =
  | {
      readonly rule: 'median';
      readonly metric: string;
      readonly goal: 'maximize' | 'minimize';
      readonly minStep: number;
      readonly interval: number;
      readonly minTrials: number;
    }
  | {
      readonly rule: 'asha';
      readonly metric: string;
      readonly goal: 'maximize' | 'minimize';
      readonly minStep: number;
      readonly reductionFactor: number;
      readonly minTrials: number;
    };

/** A validated sweep: what {@link SweepStudy} runs. */
export interface SweepConfig {
  readonly name: string;
  readonly seed: number;
  /** The base run config as the schema resolved it (defaults filled in): what trials set their values into. */
  readonly base: { readonly [key: string]: JsonValue };
  readonly parameters: readonly SweepParameter[];
  readonly method: 'grid' | 'random' | 'tpe';
  /** Points: the grid's size, or the budget of random/tpe. */
  readonly points: number;
  readonly repeats: number;
  readonly metric: { readonly name: string; readonly goal: 'maximize' | 'minimize' };
  readonly tpe: { readonly startupTrials: number; readonly batch: number; readonly candidates: number; readonly gamma: number };
  readonly earlyTermination?: EarlyTermination;
  readonly seedPath: ParamPath;
  readonly trial: { readonly deadlineSeconds?: number; readonly memoryLimitMb?: number };
  /** The config as given (base inline), for the journal: the same text means the same sweep. */
  readonly source: { readonly [key: string]: JsonValue };
}

/**
 * Validates a run config: returns it resolved (defaults filled in), or throws a ConfigError whose
 * message starts with `source`. Default: `parseRunConfig`.
 */
export type RunConfigValidator = (config: unknown, source: string) => unknown;

/** Options of {@link parseSweepConfig}. */
export interface ParseSweepConfigOptions {
  /** The file name, for messages. Default `sweep config`. */
  readonly source?: string;
  /** How every trial's run config is checked. Default: `lab train`'s schema. */
  readonly validateRun?: RunConfigValidator;
}

/**
 * Validates a parsed sweep config (YAML/JSON, `base` already an object). Beyond the schema it
 * checks that the method fits the parameters (a grid needs finite values; random and tpe need a
 * trial budget), that the sweep is not too large, and that the base config with each
 * parameter at each of its values (or its range's ends) is a valid run config. Every message is
 * one line naming the file and the field path: `sweep.yaml: parameters["model.l2"].min: …`.
 * @throws ConfigError
 */
export function parseSweepConfig(value: unknown, options: ParseSweepConfigOptions = {}): SweepConfig {
  const source = options.source ?? 'sweep config';
  const validateRun = options.validateRun ?? parseRunConfig;
  const result = sweepConfigSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${source}: ${issue.path.length === 0 ? '(top level)' : formatIssuePath(issue.path)}: ${issue.message}`);
  }
  const input = result.data;
  const fail = (where: string, message: string): never => {
    throw new ConfigError(`${source}: ${where}: ${message}`);
  };

  const names = Object.keys(input.parameters);
  if (names.length === 0) fail('parameters', 'name at least one parameter to vary');
  const parameters = names.map((name): SweepParameter => {
    const where = `parameters${keyAccess(name)}`;
    let path: ParamPath = [];
    try {
      path = parseParamPath(name);
    } catch (error) {
      fail(where, (error as Error).message);
    }
    return { name, path, domain: toDomain(input.parameters[name] as z.infer<typeof parameterSchema>, (message) => fail(where, message)) };
  });
  const seen = new Map<string, string>();
  for (const parameter of parameters) {
    const canonical = formatParamPath(parameter.path);
    const other = seen.get(canonical);
    if (other !== undefined) fail(`parameters${keyAccess(parameter.name)}`, `the same path as "${other}"`);
    seen.set(canonical, parameter.name);
  }
  // Parameters are set in the order written: one that replaces what an earlier one set (`model.layers`
  // after `model.layers[*].init.scale`) would silently undo it.
  parameters.forEach((later, j) => {
    for (const earlier of parameters.slice(0, j)) {
      if (!reaches(later.path, earlier.path)) continue;
      fail(
        `parameters${keyAccess(later.name)}`,
        later.path.length === earlier.path.length
          ? `sets what "${earlier.name}" sets too`
          : `replaces what "${earlier.name}" (written before it) sets: write "${later.name}" first`,
      );
    }
  });

  let seedPath: ParamPath = [];
  try {
    seedPath = parseParamPath(input.seedPath);
  } catch (error) {
    fail('seedPath', (error as Error).message);
  }
  if (seen.has(formatParamPath(seedPath)))
    fail('seedPath', `"${input.seedPath}" is also a varied parameter; seeds come from the sweep's seed`);

  let points: number;
  if (input.method === 'grid') {
    if (input.trials !== undefined) fail('trials', 'a grid sweep tries every point; remove trials or use method: random');
    if (input.tpe !== undefined) fail('tpe', 'only for method: tpe');
    points = 1;
    for (const parameter of parameters) {
      if (parameter.domain.kind === 'uniform') {
        fail(`parameters${keyAccess(parameter.name)}`, 'a grid needs finite values: use kind linspace or logspace, or method: random');
      }
      points *= domainSize(parameter.domain, (message) => fail(`parameters${keyAccess(parameter.name)}`, message));
      if (points > MAX_SWEEP_TRIALS) fail('parameters', `the grid has more than ${MAX_SWEEP_TRIALS} points`);
    }
  } else {
    if (input.trials === undefined) fail('trials', `method ${input.method} needs a budget: trials: N`);
    if (input.tpe !== undefined && input.method !== 'tpe') fail('tpe', 'only for method: tpe');
    points = input.trials as number;
  }
  if (points * input.repeats > MAX_SWEEP_TRIALS)
    fail('repeats', `${points} points × ${input.repeats} repeats is more than ${MAX_SWEEP_TRIALS} trials`);

  const baseSeed = getByPath(input.base, seedPath);
  const seed = input.seed ?? (typeof baseSeed === 'number' && Number.isInteger(baseSeed) && baseSeed >= 0 ? baseSeed : 0);
  if (seed + input.repeats - 1 > 0xffffffff) fail('seed', `seed + repeats - 1 must fit in 32 bits, got ${seed + input.repeats - 1}`);

  const early = input.earlyTermination;
  const earlyTermination: EarlyTermination | undefined =
    early === undefined
      ? undefined
      : {
          ...early,
          metric: early.metric ?? input.metric.name,
          goal:
            early.goal ??
            (early.metric === undefined || early.metric === input.metric.name
              ? input.metric.goal
              : (fail('earlyTermination.goal', `say whether ${early.metric} is to be maximized or minimized`) as never)),
        };

  // Trials set their values into the base as the schema resolves it (defaults filled in), so a
  // path may name a field the file leaves to its default (`regularization.l2`).
  const resolved = validateRun(input.base, `${source}: base`);
  // A base in the format before layer lists keeps its own paths (`regularization.l2`): its values
  // are set into it with that format's defaults, and each trial is converted when it is parsed.
  const legacy = isLegacyRunConfig(input.base) ? legacyRunConfigSchema.safeParse(input.base) : undefined;
  const base =
    legacy?.success === true ? (legacy.data as { readonly [key: string]: JsonValue }) : isJsonObject(resolved) ? resolved : input.base;
  const config: SweepConfig = {
    name: input.name,
    seed,
    base,
    parameters,
    method: input.method,
    points,
    repeats: input.repeats,
    metric: input.metric,
    tpe: { startupTrials: 10, batch: 4, candidates: 24, gamma: 0.25, ...input.tpe },
    earlyTermination,
    seedPath,
    trial: input.trial,
    source: value as { readonly [key: string]: JsonValue },
  };
  checkRunConfigs(config, source, validateRun);
  return config;
}

/**
 * Checks the base config, then the base with each parameter at each of its values (a range at
 * its two ends), the others at their first value, and the seed set: one run config per value,
 * not per grid point, since a path's validity does not depend on the other paths' values.
 */
function checkRunConfigs(config: SweepConfig, source: string, validateRun: RunConfigValidator): void {
  const firsts = config.parameters.map((parameter) => sampleValues(parameter.domain)[0] as JsonValue);
  for (const [k, parameter] of config.parameters.entries()) {
    for (const value of sampleValues(parameter.domain)) {
      const values = firsts.map((first, j) => (j === k ? value : first));
      const where = `${source}: parameters${keyAccess(parameter.name)} = ${JSON.stringify(value)}`;
      let trial: JsonValue;
      try {
        trial = applyParameters(config, values, config.seed + config.repeats - 1);
      } catch (error) {
        throw new ConfigError(`${where}: ${(error as Error).message}`);
      }
      validateRun(trial, where);
    }
  }
}

/** The values checked up front: every value of a list, the two ends of a range. */
function sampleValues(domain: ParameterDomain): readonly JsonValue[] {
  return domain.kind === 'values' ? domain.values : [domain.min, domain.max];
}

/**
 * The run config of one trial: the base with each parameter set to its value, in order, and the
 * seed set at `seedPath`.
 * @param values - one value per parameter, in the config's order (for a `named` parameter, the name)
 * @throws ConfigError when a path does not exist in the base
 */
export function applyParameters(config: SweepConfig, values: readonly JsonValue[], seed: number): JsonValue {
  let run: JsonValue = config.base;
  config.parameters.forEach((parameter, k) => {
    const value = values[k] as JsonValue;
    const { domain } = parameter;
    run = setByPath(
      run,
      parameter.path,
      domain.kind === 'values' && domain.named !== undefined ? (domain.named[value as string] as JsonValue) : value,
    );
  });
  return setByPath(run, config.seedPath, seed);
}

/** True when setting `outer` may overwrite what `inner` sets: `outer` is a prefix of `inner`, `[*]` matching any index. */
function reaches(outer: ParamPath, inner: ParamPath): boolean {
  if (outer.length > inner.length) return false;
  return outer.every((segment, k) => {
    const other = inner[k];
    if (segment === other) return true;
    const index = (s: PathSegment | undefined) => typeof s === 'number' || s === EVERY_ITEM;
    return (segment === EVERY_ITEM || other === EVERY_ITEM) && index(segment) && index(other);
  });
}

/** The number of values of a finite domain. */
export function domainSize(
  domain: ParameterDomain,
  fail: (message: string) => never = (m) => {
    throw new ConfigError(m);
  },
): number {
  if (domain.kind === 'values') return domain.values.length;
  if (domain.kind === 'integer') {
    const size = domain.max - domain.min + 1;
    if (size > MAX_GRID_VALUES) fail(`an integer grid of ${size} values is more than ${MAX_GRID_VALUES}; use method: random`);
    return size;
  }
  return fail('a continuous range has no finite size');
}

function toDomain(spec: z.infer<typeof parameterSchema>, fail: (message: string) => never): ParameterDomain {
  if (Array.isArray(spec)) return { kind: 'values', values: spec };
  switch (spec.kind) {
    case 'grid':
    case 'choice':
      return { kind: 'values', values: spec.values };
    case 'named':
      return { kind: 'values', values: Object.keys(spec.values), named: spec.values };
    case 'linspace':
    case 'logspace': {
      if (spec.min > spec.max) fail(`min ${spec.min} is greater than max ${spec.max}`);
      return { kind: 'values', values: spaced(spec.min, spec.max, spec.count, spec.kind === 'logspace') };
    }
    case 'uniform':
    case 'log-uniform':
      if (!(spec.min < spec.max)) fail(`min ${spec.min} must be less than max ${spec.max}`);
      return { kind: 'uniform', min: spec.min, max: spec.max, log: spec.kind === 'log-uniform' };
    case 'integer':
      if (spec.min > spec.max) fail(`min ${spec.min} is greater than max ${spec.max}`);
      if (spec.log && spec.min < 1) fail(`a log-scaled integer range needs min >= 1, got ${spec.min}`);
      return { kind: 'integer', min: spec.min, max: spec.max, log: spec.log };
  }
}

/**
 * `count` values from `min` to `max`, evenly spaced (in log10 when `log`), computed like NumPy's
 * `linspace(min, max, count)` and `logspace(log10(min), log10(max), count)` (`start + k·step`,
 * then `10 ** x`), with the last value exactly `max`. The batch-norm experiment spaces its weight
 * scales with it, so a weight-scale sweep reproduces them bit for bit.
 */
export function spaced(min: number, max: number, count: number, log: boolean): number[] {
  if (count === 1) return [min];
  const lo = log ? Math.log10(min) : min;
  const hi = log ? Math.log10(max) : max;
  const stepSize = (hi - lo) / (count - 1);
  return Array.from({ length: count }, (_, k) => {
    if (k === count - 1) return max;
    const x = lo + k * stepSize;
    return log ? 10 ** x : x;
  });
}

function isJsonObject(value: unknown): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `["model.l2"]`: how a parameter's name shows in a field path (it contains dots). */
function keyAccess(name: string): string {
  return `[${JSON.stringify(name)}]`;
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const text = String(key);
      if (i > 0 && path[i - 1] === 'parameters' && i === 1) return keyAccess(text);
      if (i === 1 && path[0] === 'base') return `.${text}`;
      return `${i === 0 ? '' : '.'}${text}`;
    })
    .join('');
}
