import { Tensor } from '@lab/tensor';
import { checkCount, checkNonNegative } from './internal/check-options';
import { resolveRng, type SeedOptions } from './internal/resolve-rng';

/** Options of {@link moons}. */
export interface MoonsOptions extends SeedOptions {
  /** Number of points; the outer moon gets the odd one (default 200). */
  readonly n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0.1). */
  readonly noise?: number;
}

/**
 * Two interleaving half circles: class 0 on (cos t, sin t), class 1 on
 * (1 − cos t, 0.5 − sin t), t evenly spaced in [0, π], plus Gaussian noise.
 * @returns x (N, 2) points in about [-1, 2] × [-0.5, 1], y (N, 1) labels in {0, 1}; class 0 first
 * @throws ConfigError when n < 2 or noise is negative
 */
export function moons(options: MoonsOptions = {}): { x: Tensor; y: Tensor } {
  const { n = 200, noise = 0.1 } = options;
  checkCount('moons', 'n', n, 2);
  checkNonNegative('moons', 'noise', noise);
  const rng = resolveRng(options);
  const outer = Math.ceil(n / 2);
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    const label = row < outer ? 0 : 1;
    const count = label === 0 ? outer : n - outer;
    const i = label === 0 ? row : row - outer;
    const t = count > 1 ? (Math.PI * i) / (count - 1) : 0;
    x[2 * row] = (label === 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.nextGaussian();
    x[2 * row + 1] = (label === 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.nextGaussian();
    y[row] = label;
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n, 1]) };
}
