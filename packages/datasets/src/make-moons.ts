import { cos, sin, Tensor } from '@lab/tensor';
import { checkNonNegative } from './internal/check-options';
import { linspace } from './internal/linspace';
import { resolveRng, type SeedOptions } from './internal/resolve-rng';
import { finishPoints, type SampleCounts, splitCounts } from './internal/two-circles';

/** Options of {@link makeMoons}, scikit-learn's `make_moons` parameters by their lab names. */
export interface MakeMoonsOptions extends SeedOptions {
  /** Total points, n // 2 on the upper moon and the rest (the odd one) on the lower; or `[upper, lower]` (default 100). */
  readonly nSamples?: SampleCounts;
  /** Shuffle the points with the generator (default true). */
  readonly shuffle?: boolean;
  /** Standard deviation of the Gaussian noise added to each coordinate; omit for none (and no draws). */
  readonly noise?: number;
}

/**
 * scikit-learn's `make_moons`, bit for bit: two interleaving half circles, label 0 on
 * (cos t, sin t) and label 1 on (1 − cos t, 1 − sin t − 0.5), t evenly spaced over [0, π],
 * shuffled with the generator's `shuffle`, then `normal(scale=noise)` noise added to every
 * coordinate. Given a `RandomState` in the state `np.random.seed(s)` leaves — `{ seed: s }` — it
 * returns exactly the points of `np.random.seed(s); make_moons(...)`, as {@link makeCircles}.
 * @returns x (N, 2) points, y (N, 1) labels in {0, 1}
 * @throws ConfigError when nSamples is not a count ≥ 1 or a pair of counts, or noise is negative or not finite
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_moons.html
 */
export function makeMoons(options: MakeMoonsOptions = {}): { x: Tensor; y: Tensor } {
  const { nSamples = 100, shuffle = true, noise } = options;
  const [upper, lower] = splitCounts('makeMoons', nSamples);
  if (noise !== undefined) checkNonNegative('makeMoons', 'noise', noise);
  const rng = resolveRng(options);
  const upperAngles = new Tensor(linspace(0, Math.PI, upper), [upper]);
  const lowerAngles = new Tensor(linspace(0, Math.PI, lower), [lower]);
  const xs = new Float64Array(upper + lower);
  const ys = new Float64Array(upper + lower);
  xs.set(cos(upperAngles).data);
  ys.set(sin(upperAngles).data);
  const lowerX = cos(lowerAngles).data;
  const lowerY = sin(lowerAngles).data;
  for (let i = 0; i < lower; i++) {
    xs[upper + i] = 1 - lowerX[i];
    // scikit-learn writes 1 − sin t − 0.5, which rounds differently from 0.5 − sin t.
    ys[upper + i] = 1 - lowerY[i] - 0.5;
  }
  return finishPoints(xs, ys, upper, rng, shuffle, noise);
}
