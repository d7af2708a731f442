import { ConfigError, Tensor } from '@lab/tensor';
import { checkCount, checkNonNegative } from './internal/check-options';
import { linspace } from './internal/linspace';
import { resolveRng, type SeedOptions } from './internal/resolve-rng';

/** Options of {@link planarFlower}. */
export interface PlanarFlowerOptions extends SeedOptions {
  /** Number of points, an even number: half per class (default 400). */
  readonly n?: number;
  /** Longest petal, the `a` of r = a·sin(4t) (default 4). */
  readonly petalLength?: number;
  /** Standard deviation of the Gaussian noise on angle and radius (default 0.2). */
  readonly noise?: number;
}

/**
 * The course's "planar" flower: two interleaved sets of petals, r = a·sin(4t) + noise at
 * angle t + noise, class 0 for t in [0, 3.12], class 1 for t in [3.12, 6.24]. With
 * `seed: 1` and the defaults it draws the same numbers as the course's
 * `load_planar_dataset()` (transposed to batch-first).
 * @returns x (N, 2) points, y (N, 1) labels in {0, 1}; the first N/2 rows are class 0
 * @throws ConfigError when n is not an even positive integer or noise/petalLength is negative
 */
export function planarFlower(options: PlanarFlowerOptions = {}): { x: Tensor; y: Tensor } {
  const { n = 400, petalLength = 4, noise = 0.2 } = options;
  checkCount('planarFlower', 'n', n, 2);
  if (n % 2 !== 0) throw new ConfigError(`planarFlower: n must be even (half per class), got ${n}`);
  checkNonNegative('planarFlower', 'noise', noise);
  checkNonNegative('planarFlower', 'petalLength', petalLength);
  const rng = resolveRng(options);
  const perClass = n / 2;
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let label = 0; label < 2; label++) {
    const theta = linspace(label * 3.12, (label + 1) * 3.12, perClass);
    // Same order of draws as the course: all angle noise first, then all radius noise.
    for (let i = 0; i < perClass; i++) theta[i] += rng.nextGaussian() * noise;
    for (let i = 0; i < perClass; i++) {
      const radius = petalLength * Math.sin(4 * theta[i]) + rng.nextGaussian() * noise;
      const row = label * perClass + i;
      x[2 * row] = radius * Math.sin(theta[i]);
      x[2 * row + 1] = radius * Math.cos(theta[i]);
      y[row] = label;
    }
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n, 1]) };
}
