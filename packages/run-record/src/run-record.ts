import { z } from 'zod';

/** `schemaVersion` of a record of any version this package reads (every field added since is optional). */
export const recordVersionSchema = z.union([z.literal(1), z.literal(2)]);

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

/** Where the data came from: the course's MAT file or a built-in generator. */
export const datasetInfoSchema = z.object({
  /** e.g. `football.mat` or `football (built-in)` */
  name: z.string(),
  source: z.enum(['file', 'builtin']),
  /** The file as given on the command line, when `source` is `file`. */
  path: z.string().optional(),
  /** True when the file is byte-identical to the course's football.mat (its published numbers apply). */
  isCourseData: z.boolean(),
  /** SHA-256 of the file's bytes (64 hex digits), when `source` is `file`. */
  sha256: z.string().optional(),
  /** The separate test file, when the data has one (a CSV's `testPath`), and its SHA-256. */
  testPath: z.string().optional(),
  testSha256: z.string().optional(),
  trainSize: z.number().int().nonnegative(),
  testSize: z.number().int().nonnegative(),
  features: z.number().int().positive(),
  /** Classes the labels stand for: 2 for labels 0/1, C for 0 … C−1. Absent in older records (2). */
  classes: z.number().int().min(2).optional(),
  description: z.string(),
});

/**
 * A grid of model outputs over the plane, for decision-boundary figures: node (ix, iy) sits at
 * x = xMin + ix·(xMax − xMin)/(nx − 1), y = yMin + iy·(yMax − yMin)/(ny − 1); `values[iy * nx + ix]` is P(y = 1) there,
 * or, when `classes` is present (a multi-class model), the predicted class 0 … classes−1.
 */
export const decisionGridSchema = z
  .object({
    xMin: finite,
    xMax: finite,
    yMin: finite,
    yMax: finite,
    nx: z.number().int().positive(),
    ny: z.number().int().positive(),
    /** At each node: P(y = 1) in [0, 1], or with `classes` the predicted class, an integer 0 … classes−1. */
    values: z.array(finite),
    classes: z.number().int().min(2).optional(),
  })
  .superRefine((grid, context) => {
    const { classes } = grid;
    const bad = grid.values.findIndex((v) => (classes === undefined ? v < 0 || v > 1 : !Number.isInteger(v) || v < 0 || v >= classes));
    if (bad >= 0) {
      context.addIssue({
        code: 'custom',
        path: ['values', bad],
        message:
          classes === undefined
            ? `expected a probability in [0, 1], got ${grid.values[bad]}`
            : `expected a class 0 … ${classes - 1}, got ${grid.values[bad]}`,
      });
    }
  });

export const modelResultSchema = z.object({
  /** `no regularization`, `L2`, `dropout`, … */
  name: z.string(),
  lambd: finite.min(0),
  keepProb: z.number().gt(0).max(1),
  /**
   * Cost recorded every `training.costEvery` iterations, before that iteration's update; +∞ (the
   * course's `nansum` cost when a probability is exactly wrong) is written `'Infinity'`.
   */
  costs: z.array(z.object({ iteration: z.number().int().nonnegative(), cost: recordedCost })),
  finalCost: finite,
  trainAccuracy: unitInterval,
  testAccuracy: unitInterval,
  /** Wall-clock seconds the training took. */
  seconds: duration,
  decisionGrid: decisionGridSchema.optional(),
  /** The data loss (no L2 term) over each split in test mode, after training (+∞ when a probability is exactly wrong). */
  trainCost: recordedCost.optional(),
  testCost: recordedCost.optional(),
  /** What early stopping measured: the watched metric after every `interval` epochs. */
  measurements: z
    .array(z.object({ epoch: z.number().int().nonnegative(), iteration: z.number().int().nonnegative(), value: recordedCost }))
    .optional(),
  /**
   * The test split's accuracy and data loss (no L2 term), in test mode, at some of the recorded
   * cost points — each the model after exactly `iteration` steps — and last after training: a
   * validation curve beside the training cost. Absent in older records and in records of runs
   * without a test split.
   */
  testCurve: z.array(z.object({ iteration: z.number().int().nonnegative(), accuracy: unitInterval, cost: recordedCost })).optional(),
});

export const environmentSchema = z.object({
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpu: z.string(),
  cores: z.number().int().positive(),
  /** Package name → version of every @lab package that took part. */
  packages: z.record(z.string(), z.string()),
  /** The git commit of the working copy the run started in, when there was one (version 2 on). */
  gitCommit: z
    .string()
    .regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a 40- or 64-digit hex commit id')
    .optional(),
  /** With `gitCommit`: whether tracked files had uncommitted changes (the commit alone is then not the code that ran); absent when unknown. */
  gitDirty: z.boolean().optional(),
});

/**
 * What the records of binary classifiers trained on one data set share (`lab train` and the
 * regularization experiment): everything but `kind` and `models`.
 */
export const binaryRunRecordShape = {
  schemaVersion: recordVersionSchema,
  createdAt: z.string(),
  seed: z.number().int().nonnegative(),
  dataset: datasetInfoSchema,
  architecture: z.object({
    /** Units per layer, input first: `[2, 20, 3, 1]`. */
    layerSizes: z.array(z.number().int().positive()).min(2),
    /** One activation per weight layer: `['relu', 'relu', 'sigmoid']`. */
    activations: z.array(z.string()),
    initialization: z.string(),
    /** Every layer in order, for networks that are not a plain MLP: `LINEAR(784→100)`, `BATCHNORM`, `RELU`, `DROPOUT(keep 0.86)`. */
    layers: z.array(z.string()).optional(),
    /** `binary-cross-entropy` or `softmax-cross-entropy`; absent in older records (binary). */
    loss: z.string().optional(),
  }),
  training: z.object({
    /** The optimizer and how it sees the data: `gradient descent (full batch)`, `adam (batches of 64)`. */
    optimizer: z.string(),
    learningRate: finite.gt(0),
    numIterations: z.number().int().nonnegative(),
    costEvery: z.number().int().positive(),
    /** How dropout masks are drawn: `fresh` per step, or the course's `course` reseeded draw. */
    dropoutMasks: z.enum(['fresh', 'course']),
    /** The learning-rate schedule, as `Schedule.describe()` puts it. */
    schedule: z.string().optional(),
    /** Examples per step; absent for full-batch training. */
    batchSize: z.number().int().positive().optional(),
    /** Passes over the training data, counting a partial last one. */
    epochs: z.number().int().nonnegative().optional(),
    /** Early stopping: what it watched, and the epoch whose weights it put back. */
    earlyStopping: z
      .object({
        metric: z.string(),
        stoppedEarly: z.boolean(),
        restoredEpoch: z.number().int().nonnegative().optional(),
      })
      .optional(),
    /** The checkpoint the run resumed from, and at which step. */
    resumedFrom: z.object({ path: z.string(), iteration: z.number().int().nonnegative() }).optional(),
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
export const trainRecordSchema = z
  .object({
    ...binaryRunRecordShape,
    kind: z.literal('train'),
    models: z.tuple([modelResultSchema]),
    /**
     * The whole resolved run config (`parseRunConfig`'s output, plain JSON), so that
     * `lab train --config run.json` reruns the run. Required from version 2 on; version 1
     * records have it only when written in between.
     */
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((record, context) => {
    if (record.schemaVersion >= 2 && record.config === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['config'],
        message: `a train record of version ${record.schemaVersion} holds its run config`,
      });
    }
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
