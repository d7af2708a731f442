import type { DataSplit } from '@lab/datasets';
import type { RegularizationModel, RegularizationModelJob } from '@lab/experiment-regularization';
// The training alone, not the package's index: a thread loads no report code.
import { trainRegularizationModel } from '@lab/experiment-regularization/run';
import { Tensor } from '@lab/tensor';
import type { TaskContext } from '@lab/trainer/node';

/** A data split as it crosses to a thread: each tensor's elements and shape. */
export type PlainDataSplit = { readonly [K in keyof DataSplit]: { readonly data: Float64Array; readonly shape: readonly number[] } };

/** What the pool sends for one model: the job; the data came once per thread, as the pool's `workerData`. */
export interface RegularizationTask {
  readonly job: RegularizationModelJob;
}

/** What a model's training posts as it goes: each cost point (see `trainRegularizationModel`'s `onProgress`). */
export interface RegularizationTaskProgress {
  readonly iteration: number;
  readonly totalIterations: number;
  readonly cost: number;
}

/** The thread's data, as tensors, made once from the pool's `workerData`. */
let cached: { readonly from: unknown; readonly data: DataSplit } | undefined;

function dataOf(context: TaskContext): DataSplit {
  const plain = context.workerData as PlainDataSplit | undefined;
  if (plain === undefined) throw new Error('regularization-worker: no workerData; run this task through the regularization pool');
  if (cached?.from !== plain) {
    const tensor = (t: PlainDataSplit['trainX']) => new Tensor(t.data, t.shape);
    cached = {
      from: plain,
      data: { trainX: tensor(plain.trainX), trainY: tensor(plain.trainY), testX: tensor(plain.testX), testY: tensor(plain.testY) },
    };
  }
  return cached.data;
}

/**
 * The regularization experiment's pool task (built to `dist/regularization-worker.js`, run by a
 * `WorkerPool` thread): one model's training with `trainRegularizationModel` on the data the pool
 * gave this thread, posting each cost point as progress. The same job gives the same model, bit
 * for bit, as on the main thread.
 */
export function trainRegularizationTask(task: RegularizationTask, context: TaskContext): RegularizationModel {
  return trainRegularizationModel(task.job, dataOf(context), ({ iteration, totalIterations, cost }) => {
    const progress: RegularizationTaskProgress = { iteration, totalIterations, cost };
    context.post(progress);
  });
}
