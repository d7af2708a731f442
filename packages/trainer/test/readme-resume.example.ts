// The README's "Checkpoints and resume" example, verbatim between the markers (test/readme-resume.test.ts
// checks that, with `@lab/trainer` for `../src/index`, and runs it).
// readme:start
import { existsSync } from 'node:fs';
import { footballField } from '@lab/datasets';
import { Linear, ReLU, Sequential, Sigmoid } from '@lab/layers';
import { Dropout } from '@lab/regularizers';
import { RandomState } from '@lab/tensor';
import { type CompiledModel, compile, createOptimizer, train } from '../src/index';
import { loadCheckpoint, saveCheckpoint } from '../src/node/index';

/**
 * Trains with dropout and Adam on mini-batches, saving a checkpoint at the end of every epoch.
 * Called again after a crash, it continues from the last checkpoint: same result, bit for bit.
 */
export function trainResumably(path: string, numIterations: number): CompiledModel {
  const data = footballField({ seed: 1 });
  // Build everything as at the start, from a fresh generator (the layers draw their weights and masks from it).
  const rng = new RandomState(3);
  const network = new Sequential([
    new Linear(2, 20, rng),
    new ReLU(),
    new Dropout(0.86, rng),
    new Linear(20, 3, rng),
    new ReLU(),
    new Dropout(0.86, rng),
    new Linear(3, 1, rng),
    new Sigmoid(),
  ]);
  const model = compile(network, { loss: 'binary-cross-entropy', batchSize: 64 });
  const optimizer = createOptimizer({ kind: 'adam', learningRate: 0.01 });
  // A damaged newest checkpoint falls back to the previous one, and says so.
  const resumeFrom = existsSync(path) ? loadCheckpoint(path) : undefined;
  if (resumeFrom?.fellBack !== undefined) console.warn(`${resumeFrom.fellBack.reason}; resuming from ${resumeFrom.path}`);
  train({
    model,
    optimizer,
    rng,
    x: data.trainX,
    y: data.trainY,
    batchSize: 64,
    numIterations,
    resumeFrom, // params, optimizer state, RNG state and position, restored together before the first step
    onEpoch: (event) => {
      saveCheckpoint(path, event.checkpoint());
      return undefined;
    },
  });
  return model;
}
// readme:end
