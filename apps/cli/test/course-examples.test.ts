import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PUBLISHED_RESULTS as INITIALIZATION_PUBLISHED, runInitializationExperiment } from '@lab/experiment-initialization';
import { PUBLISHED_RESULTS as OPTIMIZATION_PUBLISHED, printedCost } from '@lab/experiment-optimization';
import { fromRecordedCost, type RecordedCost } from '@lab/run-record';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import initializationCourse from '../../experiments/initialization/test/fixtures/initialization-course.json';
import optimizationCourse from '../../experiments/optimization/test/fixtures/optimization-course.json';
import type { RunSummary } from '../src/output/run-summary';
import { runCli, tempDir } from './helpers/run-cli';

// examples/initialization-*.yaml and optimization-*.yaml through `lab train`: each one model of the
// course's notebooks, reproducing its published numbers and the course's code run with NumPy
// (the experiments' fixtures, made by their scripts/*_course.py).

const EXAMPLES = new URL('../../../examples/', import.meta.url).pathname;
const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

interface TrainedModel {
  name: string;
  costs: { iteration: number; cost: RecordedCost }[];
  trainAccuracy: number;
  testAccuracy: number;
}

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => dir.cleanup());

async function train(example: string): Promise<TrainedModel> {
  const { code, stdout, stderr } = await runCli(['train', '--config', join(EXAMPLES, example), '--out', example, '--json'], dir.path);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const summary = JSON.parse(stdout) as RunSummary;
  const record = JSON.parse(await readFile(summary.runRecord, 'utf8')) as { models: TrainedModel[] };
  return record.models[0] as TrainedModel;
}

describe('examples/initialization-*.yaml reproduce the initialization notebook through lab train', () => {
  // lab experiment initialization's own run: lab train must train the same model.
  const experiment = runInitializationExperiment({ environment, gridSize: 2 });
  for (const name of ['zeros', 'random', 'he']) {
    it(`initialization-${name}.yaml: the published cost at 0 and accuracies exactly, the experiment's costs, NumPy's`, async () => {
      const model = await train(`initialization-${name}.yaml`);
      const published = INITIALIZATION_PUBLISHED[name];
      expect(model.name).toBe(name);
      expect(model.costs[0]).toEqual({ iteration: 0, cost: published?.costAt0 });
      expect([model.trainAccuracy, model.testAccuracy]).toEqual([published?.trainAccuracy, published?.testAccuracy]);
      // lab train's full-batch curve ends with the final cost, after the 15000th update.
      const ours = experiment.models.find((m) => m.name === name);
      expect(model.costs).toEqual([...(ours?.costs ?? []), { iteration: 15000, cost: ours?.finalCost }]);
      // The course's code run with NumPy: the zeros and He curves to 1e-9 (the experiment's own bound;
      // the ×10 model's curve is compared there neither: its saturated start amplifies the last bits).
      const numpy = initializationCourse.models.find((m) => m.name === name);
      expect(model.costs.slice(0, -1).map((c) => c.iteration)).toEqual(numpy?.costs.map((c) => c.iteration));
      if (name === 'random') return;
      numpy?.costs.forEach(({ iteration, cost }, k) => {
        const difference = Math.abs(fromRecordedCost(model.costs[k]?.cost ?? 'Infinity') - fromRecordedCost(cost as RecordedCost));
        expect(difference, `iteration ${iteration}`).toBeLessThanOrEqual(1e-9);
      });
    }, 300_000);
  }
});

describe('examples/optimization-*.yaml reproduce the optimization notebook through lab train', () => {
  for (const name of ['gd', 'momentum', 'adam']) {
    it(`optimization-${name}.yaml: the printed cost after epoch 0 and the train accuracy exactly, every cost NumPy printed to 1e-12`, async () => {
      const model = await train(`optimization-${name}.yaml`);
      const published = OPTIMIZATION_PUBLISHED[name];
      expect(model.name).toBe(name);
      // The last mini-batch of epoch 0 is step 4 (four batches of 64, then 44); then every 1000 epochs of 5 steps.
      expect(model.costs.map((c) => c.iteration)).toEqual(Array.from({ length: 10 }, (_, k) => 4 + 5000 * k));
      expect(printedCost(fromRecordedCost(model.costs[0]?.cost ?? 'Infinity'))).toBe(published?.costAfterEpoch0);
      expect(model.trainAccuracy).toBe(published?.trainAccuracy);
      const numpy = optimizationCourse.models.find((m) => m.name === name);
      expect(numpy?.costs).toHaveLength(10);
      numpy?.costs.forEach(({ epoch, cost, printed }, k) => {
        const ours = fromRecordedCost(model.costs[k]?.cost ?? 'Infinity');
        expect(printedCost(ours), `after epoch ${epoch}`).toBe(printed);
        expect(Math.abs(ours - cost), `after epoch ${epoch}`).toBeLessThanOrEqual(1e-12);
      });
    }, 300_000);
  }
});
