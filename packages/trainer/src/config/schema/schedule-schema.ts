import { z } from 'zod';

const positiveInt = z.number().int().positive();

/** The learning-rate schedule (the optimizer's `learningRate` is its starting rate). Default `constant`. */
export const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }).strict(),
  z.object({ kind: z.literal('step'), dropFactor: z.number().gt(0).max(1), epochsPerDrop: positiveInt }).strict(),
  z.object({ kind: z.literal('exponential'), decayRate: z.number().gt(0).max(1) }).strict(),
  z.object({ kind: z.literal('inverse-time'), decayRate: z.number().nonnegative(), timeInterval: positiveInt.default(1) }).strict(),
  z.object({ kind: z.literal('expression'), expression: z.string().min(1) }).strict(),
]);

export type ScheduleConfig = z.infer<typeof scheduleSchema>;
