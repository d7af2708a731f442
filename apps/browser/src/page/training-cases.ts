import { BatchNorm1d } from '@lab/batchnorm';
import { Linear, ReLU, Sequential, Sigmoid } from '@lab/layers';
import { Dropout } from '@lab/regularizers';
import { RandomState, Tensor } from '@lab/tensor';
import { Adam, compile, GradientDescent, train } from '@lab/trainer';
import type { CaseResults } from './cases';

/** 211 points of two blobs' quadrant labels: x (211, 2), y (211, 1) with y = 1 where x₁·x₂ > 0. */
function quadrants(rng: RandomState): { x: Tensor; y: Tensor } {
  const x = rng.randn(211, 2);
  const y = new Tensor(
    Float64Array.from({ length: 211 }, (_, i) => ((x.data[2 * i] as number) * (x.data[2 * i + 1] as number) > 0 ? 1 : 0)),
    [211, 1],
  );
  return { x, y };
}

const values = (t: Tensor): number[] => Array.from(t.data);

/** {@link runTrainingCases}' outputs: `exact` must match across runtimes bit for bit; `engineMath` goes through the JavaScript engine's Math.log or Math.pow. */
export interface TrainingResults {
  readonly exact: CaseResults;
  readonly engineMath: CaseResults;
}

/**
 * Compiled training steps (@lab/trainer's `compile` and `train`), deterministic: the course's
 * network on the feature-major fast path (dropout with fresh masks, full-batch gradient descent)
 * and a batch-norm network on the batch-first stages (mini-batches, gradient descent), every
 * parameter after training; and what depends on the engine's transcendental functions, which
 * V8 versions round differently in the last bit: the recorded costs (the cross-entropy's
 * Math.log) and the parameters of a run with Adam (its bias corrections' β^t, Math.pow).
 */
export function runTrainingCases(): TrainingResults {
  const results: CaseResults = {};
  const engineMath: CaseResults = {};
  const data = quadrants(new RandomState(5));

  const rng = new RandomState(3);
  const course = new Sequential([
    new Linear(2, 20, rng),
    new ReLU(),
    new Dropout(0.86, rng),
    new Linear(20, 3, rng),
    new ReLU(),
    new Dropout(0.86, rng),
    new Linear(3, 1, rng),
    new Sigmoid(),
  ]);
  const courseModel = compile(course, { loss: 'binary-cross-entropy', batchSize: 211, l2: 0.1 });
  const courseRun = train({
    model: courseModel,
    optimizer: new GradientDescent({ learningRate: 0.3 }),
    ...data,
    numIterations: 300,
    costEvery: 50,
  });
  engineMath[`compiled ${courseModel.layout}: costs`] = courseRun.costs.map((point) => point.cost);
  for (const param of courseModel.params()) results[`compiled ${courseModel.layout}: ${param.name}`] = values(param.value);

  const bnRng = new RandomState(7);
  const normalized = new Sequential([new Linear(2, 16, bnRng), new BatchNorm1d(16), new ReLU(), new Linear(16, 1, bnRng), new Sigmoid()]);
  const bnModel = compile(normalized, { loss: 'binary-cross-entropy', batchSize: 64 });
  train({ model: bnModel, optimizer: new GradientDescent({ learningRate: 0.3 }), ...data, batchSize: 64, rng: bnRng, numIterations: 60 });
  for (const param of bnModel.params()) results[`compiled ${bnModel.layout}: ${param.name}`] = values(param.value);

  // Adam on the course's network without dropout: its bias corrections 1 − β^t go through Math.pow.
  const adamRng = new RandomState(11);
  const plain = new Sequential([
    new Linear(2, 20, adamRng),
    new ReLU(),
    new Linear(20, 3, adamRng),
    new ReLU(),
    new Linear(3, 1, adamRng),
    new Sigmoid(),
  ]);
  const adamModel = compile(plain, { loss: 'binary-cross-entropy', batchSize: 211 });
  train({ model: adamModel, optimizer: new Adam({ learningRate: 0.01 }), ...data, numIterations: 60 });
  for (const param of adamModel.params()) engineMath[`compiled ${adamModel.layout}, Adam: ${param.name}`] = values(param.value);
  return { exact: results, engineMath };
}
