import { ConfigError, type Tensor } from '@lab/tensor';
import { checkCount, checkNonNegative } from './internal/check-options';
import type { SeedOptions } from './internal/resolve-rng';
import { makeCircles } from './make-circles';

/** Options of {@link circles}. */
export interface CirclesOptions extends SeedOptions {
  /** Number of points; n // 2 on the outer circle, the rest (the odd one) on the inner (default 200). */
  readonly n?: number;
  /** Radius of the inner circle relative to the outer one's 1, in (0, 1) (default 0.5). */
  readonly factor?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.05). */
  readonly noise?: number;
}

/**
 * The built-in circles: {@link makeCircles} (scikit-learn's `make_circles`, bit for bit) with
 * lab's defaults — class 0 on the unit circle, class 1 on the circle of radius `factor`, shuffled,
 * plus Gaussian noise.
 * @returns x (N, 2) points in about [-1, 1]², y (N, 1) labels in {0, 1}, in shuffled order
 * @throws ConfigError when n < 2, factor is outside (0, 1) or noise is negative
 */
export function circles(options: CirclesOptions = {}): { x: Tensor; y: Tensor } {
  const { n = 200, factor = 0.5, noise = 0.05, seed, rng } = options;
  checkCount('circles', 'n', n, 2);
  checkNonNegative('circles', 'noise', noise);
  if (!(factor > 0 && factor < 1)) throw new ConfigError(`circles: factor must be in (0, 1), got ${factor}`);
  return makeCircles({ nSamples: n, factor, noise, seed, rng });
}
