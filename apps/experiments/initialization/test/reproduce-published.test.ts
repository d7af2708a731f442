import { fromRecordedCost, type RecordedCost } from '@lab/run-record';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_RESULTS, runInitializationExperiment } from '../src/index';
import fixture from './fixtures/initialization-course.json';

const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

interface NumpyModel {
  name: string;
  costs: { iteration: number; cost: RecordedCost }[];
  trainAccuracy: number;
  testAccuracy: number;
}

/** The course's code run with NumPy (scripts/initialization_course.py). */
const numpy = fixture.models as NumpyModel[];

/** Where the course's computations and lab's may differ: the order of the sums in the matrix products. */
const COST_TOLERANCE = 1e-12;
/** The He and zeros trajectories against NumPy's, after up to 14000 steps. */
const TRAJECTORY_TOLERANCE = 1e-9;

describe('lab experiment initialization reproduces the course', () => {
  // Three models × 15000 full-batch iterations.
  const record = runInitializationExperiment({ environment, gridSize: 2 });
  const model = (name: string) => {
    const found = record.models.find((m) => m.name === name);
    if (found === undefined) throw new Error(`no model ${name}`);
    return found;
  };

  it('the published numbers: costs at iteration 0 to 1e-12 (+∞ exactly), accuracies exactly', () => {
    expect(record.models.map((m) => m.name)).toEqual(['zeros', 'random', 'he']);
    for (const [name, published] of Object.entries(PUBLISHED_RESULTS)) {
      const ours = model(name);
      const first = ours.costs[0];
      expect(first?.iteration, name).toBe(0);
      if (published.costAt0 === 'Infinity') expect(first?.cost, name).toBe('Infinity');
      else expect(Math.abs(fromRecordedCost(first?.cost ?? 'Infinity') - published.costAt0), name).toBeLessThanOrEqual(COST_TOLERANCE);
      expect(ours.trainAccuracy, name).toBe(published.trainAccuracy);
      expect(ours.testAccuracy, name).toBe(published.testAccuracy);
      expect(ours.published, name).toEqual(published);
    }
    // The course prints 0.6931471805599453: ln 2 rounded to a double.
    expect(PUBLISHED_RESULTS.zeros?.costAt0).toBe(Math.LN2);
    expect(PUBLISHED_RESULTS.he?.costAt0).toBe(0.8830537463419761);
  });

  it('the zeros model: cost 0.6931471805599453 (ln 2) throughout', () => {
    const costs = model('zeros').costs;
    expect(costs).toHaveLength(15);
    for (const { iteration, cost } of costs)
      expect(Math.abs(fromRecordedCost(cost) - Math.LN2), `iteration ${iteration}`).toBeLessThanOrEqual(COST_TOLERANCE);
  });

  it("agrees with the course's code run with NumPy: accuracies, the He and zeros cost curves", () => {
    for (const reference of numpy) {
      const ours = model(reference.name);
      expect(ours.trainAccuracy, reference.name).toBe(reference.trainAccuracy);
      expect(ours.testAccuracy, reference.name).toBe(reference.testAccuracy);
      expect(
        ours.costs.map((c) => c.iteration),
        reference.name,
      ).toEqual(reference.costs.map((c) => c.iteration));
      expect(ours.costs[0]?.cost === 'Infinity', reference.name).toBe(reference.costs[0]?.cost === 'Infinity');
      if (reference.name === 'random') continue;
      reference.costs.forEach(({ iteration, cost }, k) => {
        const difference = Math.abs(fromRecordedCost(ours.costs[k]?.cost ?? 'Infinity') - fromRecordedCost(cost));
        expect(difference, `${reference.name} at iteration ${iteration}`).toBeLessThanOrEqual(TRAJECTORY_TOLERANCE);
      });
    }
  });
}, 600_000);
