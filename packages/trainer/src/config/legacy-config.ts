import { MAX_GENERATED_EXAMPLES } from '@lab/datasets';
import { z } from 'zod';
import { MAX_LAYER_UNITS, MAX_LAYERS, MAX_PARAMETERS } from './schema/limits';

const positiveInt = z.number().int().positive();

/**
 * The run config before models were layer lists (`lab train` configs and the configs of older run
 * records and sweeps): `dataset`, `model.layerSizes` (a binary sigmoid MLP with ReLU hidden
 * layers), `regularization` (L2, dropout on every hidden layer) and `training.numIterations`.
 * Read as it was, so its errors name its own fields, then converted by {@link convertLegacyConfig}.
 */
export const legacyRunConfigSchema = z
  .object({
    name: z.string().min(1).optional(),
    seed: z.number().int().min(0).max(0xffffffff).default(3),
    dataset: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('mat'), path: z.string().min(1) }).strict(),
      z
        .object({
          kind: z.literal('builtin'),
          name: z.enum(['football', 'moons', 'circles', 'planar-flower', 'blobs']),
          n: positiveInt.max(MAX_GENERATED_EXAMPLES).optional(),
          noise: z.number().nonnegative().optional(),
          testFraction: z.number().gt(0).lt(1).default(0.3),
        })
        .strict(),
    ]),
    model: z
      .object({
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
    optimizer: z.record(z.string(), z.unknown()),
    schedule: z.record(z.string(), z.unknown()).optional(),
    training: z
      .object({
        numIterations: z.number().int().nonnegative(),
        batchSize: positiveInt.optional(),
        costEvery: positiveInt.optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((config, context) => {
    // The built-in sets have 2 features; the first size was the input layer's (the new format takes it from the data).
    const inputs = config.model.layerSizes[0];
    if (config.dataset.kind === 'builtin' && inputs !== 2) {
      context.addIssue({
        code: 'custom',
        path: ['model', 'layerSizes', 0],
        message: `the built-in ${config.dataset.name} set has 2 features, got ${inputs}`,
      });
    }
  });

type LegacyRunConfig = z.infer<typeof legacyRunConfigSchema>;

/** The output layer is one sigmoid unit, and the parameters fit in memory: the old format's own checks, in its terms. */
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

/**
 * True when a config is written in the old format: it has `dataset` or `regularization`, or
 * `model.layerSizes`, or `training.numIterations`.
 */
export function isLegacyRunConfig(value: unknown): boolean {
  if (!isObject(value)) return false;
  return (
    'dataset' in value ||
    'regularization' in value ||
    (isObject(value.model) && 'layerSizes' in value.model) ||
    (isObject(value.training) && 'numIterations' in value.training)
  );
}

/**
 * The new-format equivalent of an old config, not yet validated: the same data (a built-in set
 * generated from the run's seed as before), the same network (`layerSizes` [2, 20, 3, 1] becomes
 * linear 20 → relu → linear 3 → relu → linear 1 → sigmoid, with dropout after each hidden ReLU when
 * keepProb < 1, course initialization), the same loss, L2, optimizer, schedule and steps, so it
 * trains exactly as it did.
 */
export function convertLegacyConfig(legacy: LegacyRunConfig): Record<string, unknown> {
  const { seed, dataset, model, optimizer, schedule, training } = legacy;
  const { l2, keepProb, dropoutMasks } = legacy.regularization;
  const sizes = model.layerSizes;
  const layers: Record<string, unknown>[] = [];
  for (let l = 1; l < sizes.length; l++) {
    layers.push({ kind: 'linear', units: sizes[l], init: { kind: 'course' } });
    if (l < sizes.length - 1) {
      layers.push({ kind: 'relu' });
      if (keepProb < 1) layers.push({ kind: 'dropout', keepProb, masks: dropoutMasks });
    }
  }
  layers.push({ kind: 'sigmoid' });
  return {
    name: legacy.name ?? 'run',
    seed,
    data: convertDataset(dataset, seed),
    model: { layers, loss: 'binary-cross-entropy', l2 },
    optimizer,
    ...(schedule === undefined ? {} : { schedule }),
    training: {
      iterations: training.numIterations,
      ...(training.batchSize === undefined ? {} : { batchSize: training.batchSize }),
      ...(training.costEvery === undefined ? {} : { costEvery: training.costEvery }),
    },
  };
}

function convertDataset(dataset: LegacyRunConfig['dataset'], seed: number): Record<string, unknown> {
  if (dataset.kind === 'mat') return { kind: 'mat', path: dataset.path };
  if (dataset.name === 'football') return { kind: 'football', seed };
  const { n, noise, testFraction } = dataset;
  const size = n === undefined ? {} : { n };
  switch (dataset.name) {
    case 'blobs':
      // The old format drew two blobs and called their standard deviation `noise`.
      return { kind: 'blobs', ...size, centers: 2, ...(noise === undefined ? {} : { std: noise }), testFraction, seed };
    default:
      return { kind: dataset.name, ...size, ...(noise === undefined ? {} : { noise }), testFraction, seed };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
