import { readFileSync } from 'node:fs';
import { loadFootball } from '@lab/datasets';
import { fromRecordedCost } from '@lab/run-record';
import { describeEnvironment } from '@lab/trainer/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../../vitest.football';
import { type RegularizationRecord, runRegularizationExperiment } from '../src/index';
import { readReference } from './reference';

interface PublishedModel {
  name: string;
  lambd: number;
  keep_prob: number;
  cost_at: Record<string, number>;
  train_accuracy: number;
  test_accuracy: number;
}

interface Trajectory {
  name: string;
  lambd: number;
  keepProb: number;
  costAt10000: number;
  costAt20000: number;
  finalCost: number;
}

/** The old BinaryMlp's costs (test/fixtures/course-cost-trajectory.md): the compiled Sequential must follow its trajectory. */
const trajectories = (
  JSON.parse(readFileSync(new URL('./fixtures/course-cost-trajectory.json', import.meta.url), 'utf8')) as { models: Trajectory[] }
).models;

describe('the regularization preset reproduces the published results on football.mat', { tags: [FOOTBALL_TAG] }, () => {
  const published = readReference<{ models: PublishedModel[] }>('published_results.json').models;
  let record: RegularizationRecord;
  beforeAll(async () => {
    // The course's file, read where it lies (LAB_FOOTBALL_MAT or ../shared/data); never copied into the project.
    const path = footballMatPath();
    record = runRegularizationExperiment({
      data: await loadFootball(path),
      dataset: { name: 'football.mat', source: 'file', path, isCourseData: true, description: 'the course file' },
      environment: describeEnvironment({}),
    });
  });

  for (const expected of trajectories) {
    it(`${expected.name}: the costs at iterations 10000 and 20000 and the final cost to 1e-9, as the old BinaryMlp`, () => {
      const model = record.models.find((m) => m.lambd === expected.lambd && m.keepProb === expected.keepProb);
      expect(model, `a model with λ=${expected.lambd}, keep_prob=${expected.keepProb}`).toBeDefined();
      if (model === undefined) return;
      const costAt = (iteration: number) => fromRecordedCost(model.costs.find((c) => c.iteration === iteration)?.cost ?? Number.NaN);
      expect(Math.abs(costAt(10000) - expected.costAt10000)).toBeLessThan(1e-9);
      expect(Math.abs(costAt(20000) - expected.costAt20000)).toBeLessThan(1e-9);
      expect(Math.abs(model.finalCost - expected.finalCost)).toBeLessThan(1e-9);
    });
  }

  for (const reference of published) {
    it(`${reference.name}: cost at iteration 0 to 1e-12, train and test accuracy exactly`, () => {
      const model = record.models.find((m) => m.lambd === reference.lambd && m.keepProb === reference.keep_prob);
      expect(model, `a model with λ=${reference.lambd}, keep_prob=${reference.keep_prob}`).toBeDefined();
      if (model === undefined) return;
      const [first] = model.costs;
      expect(first?.iteration).toBe(0);
      expect(Math.abs(fromRecordedCost(first?.cost ?? Number.NaN) - (reference.cost_at['0'] ?? Number.NaN))).toBeLessThan(1e-12);
      expect(model.trainAccuracy).toBe(reference.train_accuracy);
      expect(model.testAccuracy).toBe(reference.test_accuracy);
      // The numbers the report compares against come from the preset's own table.
      expect(model.published).toEqual({
        costAt0: reference.cost_at['0'],
        trainAccuracy: reference.train_accuracy,
        testAccuracy: reference.test_accuracy,
      });
    });
  }
});
