import { fromRecordedCost } from '@lab/run-record';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_RESULTS, printedCost, runOptimizationExperiment } from '../src/index';
import fixture from './fixtures/optimization-course.json';

const environment = { node: 'v20', platform: 'linux', arch: 'x64', cpu: 'test', cores: 1, packages: {} };

interface NumpyModel {
  name: string;
  costs: { epoch: number; cost: number; printed: string }[];
  trainAccuracy: number;
}

/** The course's code run with NumPy (scripts/optimization_course.py). */
const numpy = fixture.models as NumpyModel[];

/**
 * lab's recorded costs against NumPy's, after up to 45000 steps: the matrix products sum in another
 * order than OpenBLAS and V8's `**` (Adam's bias correction) is not glibc's `pow` in every last bit;
 * measured, the costs still agree to 2.2e-16.
 */
const TRAJECTORY_TOLERANCE = 1e-12;

describe('lab experiment optimization reproduces the course', () => {
  // Three optimizers × 10000 epochs × 5 mini-batches.
  const record = runOptimizationExperiment({ environment, gridSize: 2 });
  const model = (name: string) => {
    const found = record.models.find((m) => m.name === name);
    if (found === undefined) throw new Error(`no model ${name}`);
    return found;
  };

  it('the published numbers: the cost printed after epoch 0 digit for digit, train accuracy exactly', () => {
    expect(record.models.map((m) => m.name)).toEqual(['gd', 'momentum', 'adam']);
    for (const [name, published] of Object.entries(PUBLISHED_RESULTS)) {
      const ours = model(name);
      const first = ours.costs[0];
      expect(first?.epoch, name).toBe(0);
      // The last mini-batch of epoch 0: the fifth step (four batches of 64, then the remaining 44).
      expect(first?.iteration, name).toBe(4);
      expect(printedCost(fromRecordedCost(first?.cost ?? 'Infinity')), name).toBe(published.costAfterEpoch0);
      expect(ours.trainAccuracy, name).toBe(published.trainAccuracy);
      expect(ours.published, name).toEqual(published);
    }
    expect(PUBLISHED_RESULTS.gd).toEqual({ costAfterEpoch0: '0.690736', trainAccuracy: 0.7966666666666666 });
    expect(PUBLISHED_RESULTS.momentum).toEqual({ costAfterEpoch0: '0.690741', trainAccuracy: 0.7966666666666666 });
    expect(PUBLISHED_RESULTS.adam).toEqual({ costAfterEpoch0: '0.690552', trainAccuracy: 0.94 });
  });

  it("agrees with the course's code run with NumPy: every cost printed every 1000 epochs, and to 1e-12", () => {
    for (const reference of numpy) {
      const ours = model(reference.name);
      expect(ours.trainAccuracy, reference.name).toBe(reference.trainAccuracy);
      expect(
        ours.costs.map((c) => c.epoch),
        reference.name,
      ).toEqual(reference.costs.map((c) => c.epoch));
      reference.costs.forEach(({ epoch, cost, printed }, k) => {
        const ourCost = fromRecordedCost(ours.costs[k]?.cost ?? 'Infinity');
        expect(printedCost(ourCost), `${reference.name} after epoch ${epoch}`).toBe(printed);
        expect(Math.abs(ourCost - cost), `${reference.name} after epoch ${epoch}`).toBeLessThanOrEqual(TRAJECTORY_TOLERANCE);
      });
    }
  });
}, 600_000);
