import { footballField } from '@lab/datasets';
import { describe, expect, it } from 'vitest';
import { BUILTIN_FOOTBALL_SEED, COURSE_MODELS, runRegularizationExperiment } from '../src/index';

type Model = ReturnType<typeof runRegularizationExperiment>['models'][number];

const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

describe('the default built-in data set', () => {
  it('shows the lesson with the course settings: the unregularized model overfits, L2 and dropout generalize better', () => {
    const record = runRegularizationExperiment({
      data: footballField({ seed: BUILTIN_FOOTBALL_SEED }),
      dataset: { name: 'football-field', source: 'builtin', isCourseData: false, description: 'built-in' },
      environment,
      gridSize: 2,
    });
    expect(record.models.map((model) => model.name)).toEqual(COURSE_MODELS.map((spec) => spec.name));
    expect(record.models).toHaveLength(3);
    const [plain, l2, dropout] = record.models as [Model, Model, Model];
    const gap = (model: Model) => model.trainAccuracy - model.testAccuracy;
    // By a margin of at least 2 test points of 200 against either, so a change in the last bits
    // of the sums (which 30000 steps can grow) does not flip the lesson.
    expect(Math.min(l2.testAccuracy, dropout.testAccuracy) - plain.testAccuracy).toBeGreaterThanOrEqual(0.02);
    expect(gap(plain)).toBeGreaterThan(Math.max(gap(l2), gap(dropout)));
    expect(plain.trainAccuracy).toBeGreaterThan(Math.max(l2.trainAccuracy, dropout.trainAccuracy));
    // Three models × 30000 iterations: about 10 s on an idle core, far more on a shared one.
  }, 600_000);
});
