import type { TrainingConfig } from './schema/training-schema';

// Apart from the training schema, which builds zod schemas when loaded: the training loop needs
// this alone.

/** Steps between two recorded costs: `costEvery`, or `costEveryEpochs` epochs of `batchesPerEpoch` steps. */
export function costStepsOf(training: Pick<TrainingConfig, 'costEvery' | 'costEveryEpochs'>, batchesPerEpoch: number): number {
  return training.costEvery ?? (training.costEveryEpochs ?? 1) * batchesPerEpoch;
}
