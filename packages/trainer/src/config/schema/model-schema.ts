import { z } from 'zod';
import { MAX_LAYER_ENTRIES, MAX_LAYER_UNITS } from './limits';

/**
 * How a linear layer draws its weights (biases start at 0): `course` randn(out, in)/√in (the
 * course's, and `Linear`'s default), `he` randn·√(2/in), `xavier` randn·√(2/(in + out)),
 * `scaled-normal` scale·randn (CS231n's `weight_scale`), `zeros` (draws nothing).
 */
export const initSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('course') }).strict(),
  z.object({ kind: z.literal('he') }).strict(),
  z.object({ kind: z.literal('xavier') }).strict(),
  z
    .object({
      kind: z.literal('scaled-normal'),
      /** The weights' standard deviation. Default 0.01 (CS231n's `weight_scale = 1e-2`). */
      scale: z.number().nonnegative().max(1e6).default(0.01),
    })
    .strict(),
  z.object({ kind: z.literal('zeros') }).strict(),
]);

const linearSchema = z
  .object({
    kind: z.literal('linear'),
    /** Output features M; the input features come from the previous layers (or the data). */
    units: z.number().int().positive().max(MAX_LAYER_UNITS),
    init: initSchema.default({ kind: 'course' }),
  })
  .strict();

const dropoutSchema = z
  .object({
    kind: z.literal('dropout'),
    /** Probability of keeping a unit, in (0, 1]. */
    keepProb: z.number().gt(0).max(1),
    /**
     * `fresh` (default): a new mask at every training step, from the run's generator. `course`:
     * the course's reference draw, only for reproducing it — rand(units, N) from a generator
     * reseeded with 1 at every forward pass, so every step uses the same masks.
     */
    masks: z.enum(['fresh', 'course']).default('fresh'),
  })
  .strict();

const batchnormSchema = z
  .object({
    kind: z.literal('batchnorm'),
    /** running = momentum·running + (1 − momentum)·batch. Default 0.9 (PyTorch's momentum=0.1). */
    momentum: z.number().min(0).max(1).default(0.9),
    eps: z.number().gt(0).max(1).default(1e-5),
  })
  .strict();

const layernormSchema = z
  .object({
    kind: z.literal('layernorm'),
    eps: z.number().gt(0).max(1).default(1e-5),
  })
  .strict();

/** One entry of `model.layers`. */
export const layerSchema = z.discriminatedUnion('kind', [
  linearSchema,
  z.object({ kind: z.literal('relu') }).strict(),
  z.object({ kind: z.literal('sigmoid') }).strict(),
  z.object({ kind: z.literal('softmax') }).strict(),
  dropoutSchema,
  batchnormSchema,
  layernormSchema,
]);

/**
 * A network: layers applied in order to (N, D) inputs (D from the data), a loss on the last
 * layer's output, and the course's L2 term (1/m)(λ/2)·Σ‖W‖² over the linear layers' weights.
 */
export const modelSchema = z
  .object({
    layers: z.array(layerSchema).min(1).max(MAX_LAYER_ENTRIES),
    /**
     * `binary-cross-entropy`: labels 0/1, the last layer a sigmoid over 1 unit.
     * `softmax-cross-entropy`: labels 0 … C−1, the last layer linear with C ≥ 2 units (raw scores).
     */
    loss: z.enum(['binary-cross-entropy', 'softmax-cross-entropy']),
    /** λ of the L2 term; 0 (default) turns it off. */
    l2: z.number().nonnegative().max(1e6).default(0),
  })
  .strict();

export type InitSpec = z.infer<typeof initSchema>;
export type LayerSpec = z.infer<typeof layerSchema>;
export type LinearSpec = z.infer<typeof linearSchema>;
export type DropoutSpec = z.infer<typeof dropoutSchema>;
export type ModelSpec = z.infer<typeof modelSchema>;
export type LossKind = ModelSpec['loss'];
