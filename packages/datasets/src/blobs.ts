import { ConfigError, Tensor } from '@lab/tensor';
import { checkCount, checkNonNegative } from './internal/check-options';
import { resolveRng, type SeedOptions } from './internal/resolve-rng';

/** Options of {@link blobs}. */
export interface BlobsOptions extends SeedOptions {
  /** Number of points, shared out evenly (the first centers get the remainder) (default 300). */
  readonly n?: number;
  /** The centers `[[x, y], …]` (C of them), or how many to draw uniformly in `box` (default 3). */
  readonly centers?: number | readonly (readonly [number, number])[];
  /** Standard deviation of each blob (default 1). */
  readonly std?: number;
  /** Range `[low, high]` of drawn center coordinates (default [-10, 10]). */
  readonly box?: readonly [number, number];
}

/**
 * Isotropic Gaussian blobs, one class per center. Drawn centers come first from the
 * generator, then the points blob by blob.
 * @returns x (N, 2) points, y (N,) integer labels 0 … C−1 (blob by blob), centers (C, 2)
 * @throws ConfigError when a count is not a positive integer, std is negative or box is empty
 */
export function blobs(options: BlobsOptions = {}): { x: Tensor; y: Tensor; centers: Tensor } {
  const { n = 300, centers = 3, std = 1, box = [-10, 10] } = options;
  checkCount('blobs', 'n', n);
  checkNonNegative('blobs', 'std', std);
  if (!(box[0] < box[1])) throw new ConfigError(`blobs: box must be [low, high] with low < high, got [${box[0]}, ${box[1]}]`);
  const rng = resolveRng(options);
  let centerData: Float64Array;
  if (typeof centers === 'number') {
    checkCount('blobs', 'centers', centers);
    centerData = new Float64Array(centers * 2);
    for (let i = 0; i < centerData.length; i++) centerData[i] = box[0] + (box[1] - box[0]) * rng.nextDouble();
  } else {
    if (centers.length === 0) throw new ConfigError('blobs: centers must hold at least one [x, y] pair');
    centerData = new Float64Array(centers.flat());
  }
  const count = centerData.length / 2;
  const x = new Float64Array(n * 2);
  const y = new Float64Array(n);
  let row = 0;
  for (let label = 0; label < count; label++) {
    const size = Math.floor(n / count) + (label < n % count ? 1 : 0);
    for (let i = 0; i < size; i++, row++) {
      x[2 * row] = centerData[2 * label] + std * rng.nextGaussian();
      x[2 * row + 1] = centerData[2 * label + 1] + std * rng.nextGaussian();
      y[row] = label;
    }
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n]), centers: new Tensor(centerData, [count, 2]) };
}
