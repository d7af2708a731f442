import { type DataSplit, makeCircles } from '@lab/datasets';
import type { DatasetInfo } from '@lab/run-record';
import type { CirclesCall } from './record';

/** The course's data: `seed(1); make_circles(300, noise=.05)` to train, `seed(2); make_circles(100, noise=.05)` to test. */
export const COURSE_CIRCLES: { readonly train: CirclesCall; readonly test: CirclesCall } = {
  train: { nSamples: 300, noise: 0.05, seed: 1 },
  test: { nSamples: 100, noise: 0.05, seed: 2 },
};

/** The experiment's data and how the run record describes it. */
export interface CirclesData {
  /** trainX (300, 2), trainY (300, 1), testX (100, 2), testY (100, 1); labels 0 (outer circle) and 1 (inner). */
  readonly data: DataSplit;
  readonly dataset: DatasetInfo;
  /** The generator calls that made them. */
  readonly calls: { readonly train: CirclesCall; readonly test: CirclesCall };
}

/**
 * The course's circles, point for point: `makeCircles` reproduces scikit-learn's `make_circles`
 * after `np.random.seed(s)` bit for bit.
 */
export function loadCircles(calls: { readonly train: CirclesCall; readonly test: CirclesCall } = COURSE_CIRCLES): CirclesData {
  const train = makeCircles({ nSamples: calls.train.nSamples, noise: calls.train.noise, seed: calls.train.seed });
  const test = makeCircles({ nSamples: calls.test.nSamples, noise: calls.test.noise, seed: calls.test.seed });
  const isCourseData = JSON.stringify(calls) === JSON.stringify(COURSE_CIRCLES);
  const describe = (c: CirclesCall) => `seed(${c.seed}); make_circles(n_samples=${c.nSamples}, noise=${c.noise})`;
  return {
    calls,
    data: { trainX: train.x, trainY: train.y, testX: test.x, testY: test.y },
    dataset: {
      name: 'circles',
      source: 'builtin',
      isCourseData,
      trainSize: calls.train.nSamples,
      testSize: calls.test.nSamples,
      features: 2,
      description: `scikit-learn's make_circles as the course calls it: ${describe(calls.train)} to train, ${describe(calls.test)} to test`,
    },
  };
}
