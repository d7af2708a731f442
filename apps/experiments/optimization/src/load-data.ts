import { makeMoons } from '@lab/datasets';
import type { DatasetInfo } from '@lab/run-record';
import type { Tensor } from '@lab/tensor';
import type { MoonsCall } from './record';

/** The course's data: `np.random.seed(3); make_moons(n_samples=300, noise=.2)`. */
export const COURSE_MOONS: MoonsCall = { nSamples: 300, noise: 0.2, seed: 3 };

/** The experiment's data (a training set only, as the course's) and how the run record describes it. */
export interface MoonsData {
  /** (N, 2) points. */
  readonly x: Tensor;
  /** (N, 1) labels, 0 (upper moon) and 1 (lower moon). */
  readonly y: Tensor;
  readonly dataset: DatasetInfo;
  /** The generator call that made them. */
  readonly call: MoonsCall;
}

/**
 * The course's moons, point for point: `makeMoons` reproduces scikit-learn's `make_moons` after
 * `np.random.seed(s)` bit for bit.
 */
export function loadMoons(call: MoonsCall = COURSE_MOONS): MoonsData {
  const { x, y } = makeMoons({ nSamples: call.nSamples, noise: call.noise, seed: call.seed });
  const isCourseData = JSON.stringify(call) === JSON.stringify(COURSE_MOONS);
  return {
    x,
    y,
    call,
    dataset: {
      name: 'moons',
      source: 'builtin',
      isCourseData,
      trainSize: call.nSamples,
      testSize: 0,
      features: 2,
      description: `scikit-learn's make_moons as the course calls it: seed(${call.seed}); make_moons(n_samples=${call.nSamples}, noise=${call.noise}) (no test set)`,
    },
  };
}
