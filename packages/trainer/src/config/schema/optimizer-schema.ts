import { z } from 'zod';

const learningRate = z.number().positive().max(1e6);
/** Decoupled weight decay (AdamW-style, `w −= learningRate·weightDecay·w`), off by default. */
const weightDecay = z.number().nonnegative().max(1e6).default(0);
const decay = z.number().min(0).lt(1);
const epsilon = z.number().positive().max(1).default(1e-8);

/** The optimizer, with every hyperparameter of its kind (defaults filled in when parsed). */
export const optimizerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gd'), learningRate, weightDecay }).strict(),
  z.object({ kind: z.literal('momentum'), learningRate, beta: decay.default(0.9), weightDecay }).strict(),
  z.object({ kind: z.literal('rmsprop'), learningRate, beta: decay.default(0.9), epsilon, weightDecay }).strict(),
  z
    .object({ kind: z.literal('adam'), learningRate, beta1: decay.default(0.9), beta2: decay.default(0.999), epsilon, weightDecay })
    .strict(),
]);

export type OptimizerConfig = z.infer<typeof optimizerSchema>;
