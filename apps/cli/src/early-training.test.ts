import type { RegularizationModel } from '@lab/experiment-regularization';
import type { RegularizationData } from '@lab/experiment-regularization/data';
import { planRegularizationModels, type RegularizationModelJob } from '@lab/experiment-regularization/jobs';
import { Tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { EarlyTraining } from './early-training';
import type { RegularizationPool, RegularizationTrainingHooks } from './regularization-pool';

const dataset = { name: 'tiny', source: 'builtin' as const, isCourseData: false, description: 'two points' };
const loaded: RegularizationData = {
  data: {
    trainX: new Tensor(Float64Array.of(0, 0, 1, 1), [2, 2]),
    trainY: new Tensor(Float64Array.of(0, 1), [2, 1]),
    testX: new Tensor(Float64Array.of(0, 1), [1, 2]),
    testY: new Tensor(Float64Array.of(1), [1, 1]),
  },
  dataset,
  note: 'Data: two points',
};

/** A model standing for job's result: only its name matters here. */
const modelOf = (job: RegularizationModelJob) => ({ name: job.spec.name }) as RegularizationModel;

/** A pool whose trainings report at once, synchronously, when started: before anyone can listen. */
function eagerPool(trained: RegularizationModelJob[][]): Pick<RegularizationPool, 'train' | 'timeline' | 'close'> {
  return {
    async train(jobs, hooks: RegularizationTrainingHooks = {}) {
      trained.push([...jobs]);
      for (const job of jobs) {
        hooks.onStart?.(job);
        hooks.onProgress?.(job, { iteration: 0, totalIterations: 5, cost: 0.7 });
        hooks.onModel?.(job, modelOf(job));
      }
      return jobs.map(modelOf);
    },
    timeline: () => ({ origin: 0, workers: [] }),
    close: async () => undefined,
  };
}

describe('EarlyTraining', () => {
  it('starts the planned jobs when the data is loaded, and hands what they reported to the first listener, in order', async () => {
    const trained: RegularizationModelJob[][] = [];
    const training = new EarlyTraining(eagerPool(trained), Promise.resolve(loaded), { seed: 7, numIterations: 5 });
    expect(trained).toEqual([]);
    await training.startedAt();
    const planned = planRegularizationModels({ dataset, seed: 7, numIterations: 5 });
    expect(trained).toEqual([planned]);
    const heard: string[] = [];
    training.listen({
      onStart: (job) => heard.push(`start ${job.spec.name}`),
      onProgress: (job, progress) => heard.push(`cost ${job.spec.name} ${progress.cost}`),
      onModel: (job, model) => heard.push(`model ${job.spec.name} ${model.name}`),
    });
    expect(heard).toEqual(planned.flatMap(({ spec: { name } }) => [`start ${name}`, `cost ${name} 0.7`, `model ${name} ${name}`]));
    expect((await training.modelsFor(planned)).map((model) => model.name)).toEqual(['no regularization', 'L2', 'dropout']);
  });

  it('refuses jobs other than those started', async () => {
    const training = new EarlyTraining(eagerPool([]), Promise.resolve(loaded), { seed: 7, numIterations: 5 });
    const other = planRegularizationModels({ dataset, seed: 8, numIterations: 5 });
    await expect(training.modelsFor(other)).rejects.toThrow(/planned other jobs than the ones started/);
  });

  it("passes on the data's error where it is asked for, and starts nothing", async () => {
    const trained: RegularizationModelJob[][] = [];
    const failing = Promise.reject(new Error('football.mat: no such file'));
    const training = new EarlyTraining(eagerPool(trained), failing, {});
    await expect(training.startedAt()).rejects.toThrow('football.mat: no such file');
    expect(trained).toEqual([]);
  });
});
