import { ConfigError, cos, sin, Tensor } from '@lab/tensor';
import { checkNonNegative } from './internal/check-options';
import { linspace } from './internal/linspace';
import { resolveRng, type SeedOptions } from './internal/resolve-rng';
import { finishPoints, type SampleCounts, splitCounts } from './internal/two-circles';

/** Options of {@link makeCircles}, scikit-learn's `make_circles` parameters by their lab names. */
export interface MakeCirclesOptions extends SeedOptions {
  /** Total points, n // 2 on the outer circle and the rest (the odd one) on the inner; or `[outer, inner]` (default 100). */
  readonly nSamples?: SampleCounts;
  /** Shuffle the points with the generator (default true). */
  readonly shuffle?: boolean;
  /** Standard deviation of the Gaussian noise added to each coordinate; omit for none (and no draws). */
  readonly noise?: number;
  /** Radius of the inner circle, the outer one's being 1, in [0, 1) (default 0.8). */
  readonly factor?: number;
}

/**
 * scikit-learn's `make_circles`, bit for bit: a large circle (label 0) around a smaller one
 * (label 1), angles evenly spaced without the endpoint, shuffled with the generator's `shuffle`,
 * then `normal(scale=noise)` noise added to every coordinate. Given a `RandomState` in the state
 * `np.random.seed(s)` leaves — `{ seed: s }` — it returns exactly the points (same doubles, same
 * order) of `np.random.seed(s); make_circles(...)` with `random_state=None`, or of
 * `make_circles(..., random_state=s)`, as NumPy computes them with glibc's sin and cos (Linux
 * x86-64; NumPy ≥ 1.22 on AVX-512 CPUs differs in the last bits, see the README).
 * @returns x (N, 2) points, y (N, 1) labels in {0, 1}
 * @throws ConfigError when nSamples is not a count ≥ 1 or a pair of counts, factor is outside [0, 1)
 *   or noise is negative or not finite
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_circles.html
 */
export function makeCircles(options: MakeCirclesOptions = {}): { x: Tensor; y: Tensor } {
  const { nSamples = 100, shuffle = true, noise, factor = 0.8 } = options;
  const [outer, inner] = splitCounts('makeCircles', nSamples);
  if (!(factor >= 0 && factor < 1)) throw new ConfigError(`makeCircles: factor must be in [0, 1), got ${factor}`);
  if (noise !== undefined) checkNonNegative('makeCircles', 'noise', noise);
  const rng = resolveRng(options);
  const outerAngles = new Tensor(linspace(0, 2 * Math.PI, outer, false), [outer]);
  const innerAngles = new Tensor(linspace(0, 2 * Math.PI, inner, false), [inner]);
  const xs = new Float64Array(outer + inner);
  const ys = new Float64Array(outer + inner);
  xs.set(cos(outerAngles).data);
  ys.set(sin(outerAngles).data);
  const innerX = cos(innerAngles).data;
  const innerY = sin(innerAngles).data;
  for (let i = 0; i < inner; i++) {
    xs[outer + i] = innerX[i] * factor;
    ys[outer + i] = innerY[i] * factor;
  }
  return finishPoints(xs, ys, outer, rng, shuffle, noise);
}
