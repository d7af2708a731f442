import { Tensor } from '@lab/tensor';
import { checkCount, checkNonNegative } from './internal/check-options';
import { linspace } from './internal/linspace';
import { resolveRng, type SeedOptions } from './internal/resolve-rng';

/** Options of {@link spiral}. */
export interface SpiralOptions extends SeedOptions {
  /** Points per class (default 100). */
  readonly pointsPerClass?: number;
  /** Number of classes K, one arm each (default 3). */
  readonly classes?: number;
  /** Standard deviation of the Gaussian noise on the angle (default 0.2). */
  readonly noise?: number;
}

/**
 * The CS231n spiral: K arms, radius 0 → 1, arm k at angle 4k → 4(k+1) plus noise. Draws
 * the same numbers as the CS231n notes' NumPy code after `np.random.seed(seed)`.
 * @returns x (N·K, 2) points, y (N·K,) integer labels 0 … K−1, arm by arm
 * @throws ConfigError when a count is not a positive integer or noise is negative
 * @see https://cs231n.github.io/neural-networks-case-study/
 */
export function spiral(options: SpiralOptions = {}): { x: Tensor; y: Tensor } {
  const { pointsPerClass = 100, classes = 3, noise = 0.2 } = options;
  checkCount('spiral', 'pointsPerClass', pointsPerClass, 2);
  checkCount('spiral', 'classes', classes);
  checkCount('spiral', 'pointsPerClass × classes', pointsPerClass * classes, 2);
  checkNonNegative('spiral', 'noise', noise);
  const rng = resolveRng(options);
  const n = pointsPerClass * classes;
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  const radius = linspace(0, 1, pointsPerClass);
  for (let label = 0; label < classes; label++) {
    const theta = linspace(label * 4, (label + 1) * 4, pointsPerClass);
    for (let i = 0; i < pointsPerClass; i++) {
      const t = theta[i] + rng.nextGaussian() * noise;
      const row = label * pointsPerClass + i;
      x[2 * row] = radius[i] * Math.sin(t);
      x[2 * row + 1] = radius[i] * Math.cos(t);
      y[row] = label;
    }
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n]) };
}
