import type { Tensor } from '@lab/tensor';
import { checkCount, checkNonNegative } from './internal/check-options';
import type { SeedOptions } from './internal/resolve-rng';
import { makeMoons } from './make-moons';

/** Options of {@link moons}. */
export interface MoonsOptions extends SeedOptions {
  /** Number of points; n // 2 on the upper moon, the rest (the odd one) on the lower (default 200). */
  readonly n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.1). */
  readonly noise?: number;
}

/**
 * The built-in moons: {@link makeMoons} (scikit-learn's `make_moons`, bit for bit) with lab's
 * defaults — class 0 on (cos t, sin t), class 1 on (1 − cos t, 0.5 − sin t), t evenly spaced in
 * [0, π], shuffled, plus Gaussian noise.
 * @returns x (N, 2) points in about [-1, 2] × [-0.5, 1], y (N, 1) labels in {0, 1}, in shuffled order
 * @throws ConfigError when n < 2 or noise is negative
 */
export function moons(options: MoonsOptions = {}): { x: Tensor; y: Tensor } {
  const { n = 200, noise = 0.1, seed, rng } = options;
  checkCount('moons', 'n', n, 2);
  checkNonNegative('moons', 'noise', noise);
  return makeMoons({ nSamples: n, noise, seed, rng });
}
