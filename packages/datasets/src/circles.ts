import { ConfigError, Tensor } from '@lab/tensor';
import { checkCount, checkNonNegative } from './internal/check-options';
import { resolveRng, type SeedOptions } from './internal/resolve-rng';

/** Options of {@link circles}. */
export interface CirclesOptions extends SeedOptions {
  /** Number of points; the outer circle gets the odd one (default 200). */
  readonly n?: number;
  /** Radius of the inner circle relative to the outer one's 1, in (0, 1) (default 0.5). */
  readonly factor?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.05). */
  readonly noise?: number;
}

/**
 * Two concentric circles: class 0 on the unit circle, class 1 on the circle of radius
 * `factor`, angles evenly spaced, plus Gaussian noise.
 * @returns x (N, 2) points in about [-1, 1]², y (N, 1) labels in {0, 1}; class 0 first
 * @throws ConfigError when n < 2, factor is outside (0, 1) or noise is negative
 */
export function circles(options: CirclesOptions = {}): { x: Tensor; y: Tensor } {
  const { n = 200, factor = 0.5, noise = 0.05 } = options;
  checkCount('circles', 'n', n, 2);
  checkNonNegative('circles', 'noise', noise);
  if (!(factor > 0 && factor < 1)) throw new ConfigError(`circles: factor must be in (0, 1), got ${factor}`);
  const rng = resolveRng(options);
  const outer = Math.ceil(n / 2);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    const label = row < outer ? 0 : 1;
    const count = label === 0 ? outer : n - outer;
    const t = (2 * Math.PI * (label === 0 ? row : row - outer)) / count;
    const radius = label === 0 ? 1 : factor;
    x[2 * row] = radius * Math.cos(t) + noise * rng.nextGaussian();
    x[2 * row + 1] = radius * Math.sin(t) + noise * rng.nextGaussian();
    y[row] = label;
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n, 1]) };
}
