import { z } from 'zod';

/**
 * The run record: everything one run produced, as versioned JSON. The trainer writes the
 * `train` kind, applications write their own kinds from the pieces here, and
 * `@lab/report` reads them; bump {@link RUN_RECORD_VERSION} on any change that an older reader
 * would misread.
 */
export const RUN_RECORD_VERSION = 1;

/** A finite float64 (JSON has no NaN or infinities, and a record must not hide one as null). */
export const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
const finite = finiteNumber;

/** A fraction in [0, 1]: an accuracy, a probability. */
export const unitInterval = z.number().min(0).max(1);

/** A duration (seconds, milliseconds): a finite number >= 0. */
export const duration = finiteNumber.min(0);

/**
 * A recorded cost: a finite number, or the string `'Infinity'` for +∞. The course's cost
 * (`(1/m)·nansum` of the cross-entropy terms) is +∞ whenever a sigmoid output rounded to exactly
 * 0 or 1 on the wrong side, and JSON has no infinity (`JSON.stringify` would write `null`, which
 * also stands for NaN), so records spell it out. A record of finite costs reads as before.
 */
export const recordedCost = z.union([finiteNumber, z.literal('Infinity')]);
export type RecordedCost = z.infer<typeof recordedCost>;

/**
 * A cost as a record holds it (see {@link recordedCost}).
 * @throws Error for NaN or −∞, which no recorded cost may be (training stops on those first)
 */
export function toRecordedCost(cost: number): RecordedCost {
  if (cost === Number.POSITIVE_INFINITY) return 'Infinity';
  if (!Number.isFinite(cost)) throw new Error(`toRecordedCost: a cost must be finite or +Infinity, got ${cost}`);
  return cost;
}

/** The number a {@link recordedCost} stands for: `'Infinity'` is +∞. */
export function fromRecordedCost(cost: RecordedCost): number {
  return cost === 'Infinity' ? Number.POSITIVE_INFINITY : cost;
}

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
  /** P(y = 1) at each node. */
  values: z.array(unitInterval),
});

export const modelResultSchema = z.object({
  /** `no regularization`, `L2`, `dropout`, … */
  name: z.string(),
  lambd: finite.min(0),
  keepProb: z.number().gt(0).max(1),
  /** Cost recorded every `training.costEvery` iterations, before that iteration's update. */
  costs: z.array(z.object({ iteration: z.number().int().nonnegative(), cost: finite })),
  finalCost: finite,
  trainAccuracy: unitInterval,
  testAccuracy: unitInterval,
  seconds: duration,
  decisionGrid: decisionGridSchema.optional(),
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
 * What the records of binary classifiers trained on one data set share (`lab train` and the
 * regularization experiment): everything but `kind` and `models`.
 */
export const binaryRunRecordShape = {
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
    learningRate: finite.gt(0),
    numIterations: z.number().int().nonnegative(),
    costEvery: z.number().int().positive(),
    /** How dropout masks are drawn: `fresh` per step, or the course's `course` reseeded draw. */
    dropoutMasks: z.enum(['fresh', 'course']),
  }),
  /** The training points, for the decision-boundary figures: x (N, 2) and labels (N,). */
  trainPoints: z.object({ x: z.array(z.tuple([finite, finite])), y: z.array(finite) }),
  environment: environmentSchema,
  totalSeconds: duration,
};

/**
 * The record of `lab train --config FILE`: the one model the config describes. (Records that
 * `lab train` wrote before this kind existed say `regularization`; the regularization experiment's
 * report reads them.)
 */
export const trainRecordSchema = z.object({
  ...binaryRunRecordShape,
  kind: z.literal('train'),
  models: z.tuple([modelResultSchema]),
});

export type DatasetInfo = z.infer<typeof datasetInfoSchema>;
export type DecisionGrid = z.infer<typeof decisionGridSchema>;
export type ModelResult = z.infer<typeof modelResultSchema>;
export type Environment = z.infer<typeof environmentSchema>;
export type TrainRecord = z.infer<typeof trainRecordSchema>;

/** Any record of binary classifiers trained on one data set: a `train` record, or an experiment's built on {@link binaryRunRecordShape}. */
export const binaryRunRecordSchema = z.object({ ...binaryRunRecordShape, kind: z.string(), models: z.array(modelResultSchema).min(1) });
/** What the report's sections for binary classifiers (setup, results, cost curves, decision boundaries) read. */
export type BinaryRunRecord = z.infer<typeof binaryRunRecordSchema>;
