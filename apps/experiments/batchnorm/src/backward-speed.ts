import { batchnormBackward, batchnormBackwardAlt, batchnormForward } from '@lab/batchnorm';
import { ConfigError, RandomState } from '@lab/tensor';
import type { BackwardSpeed, BackwardTiming } from './record';

/** Shapes and effort of {@link backwardSpeed}. */
export interface BackwardSpeedOptions {
  /** (N, D) shapes to time. Default (100, 500), the course's, and (500, 1000). */
  readonly shapes?: readonly (readonly [n: number, d: number])[];
  /** Default 231. */
  readonly seed?: number;
  /** Least timing samples of each kernel per shape (each sample averages one or more calls). Default 5. */
  readonly minRepeats?: number;
  /** Keep timing a shape until its samples (both kernels) took this long in all. Default 100 ms. */
  readonly minMillis?: number;
  /** Clock in milliseconds. Default performance.now. */
  readonly now?: () => number;
}

/** The default shapes of {@link backwardSpeed}. */
export const BACKWARD_SPEED_SHAPES: readonly (readonly [number, number])[] = [
  [100, 500],
  [500, 1000],
];

/** Bounds on the effort, so a coarse or frozen clock cannot keep the loops going. */
const MAX_CALLS_PER_SAMPLE = 1024;
const MAX_SAMPLES = 200;

function median(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Calls per sample of `kernel`: enough for a sample to last about a millisecond, well above the clock's resolution. */
function callsPerSample(kernel: () => void, now: () => number): number {
  let calls = 1;
  for (; calls < MAX_CALLS_PER_SAMPLE; calls *= 2) {
    const start = now();
    for (let c = 0; c < calls; c++) kernel();
    if (now() - start >= 1) break;
  }
  return calls;
}

/**
 * Part 3 of the batch-norm experiment: the median time of `batchnormBackward` (staged) and
 * `batchnormBackwardAlt` (closed form) on one training-mode forward pass per shape. After one
 * untimed warm-up call each, the two kernels alternate sample by sample, so a change in machine
 * load hits both alike; each sample runs its kernel enough times to last about a millisecond (the
 * fast kernel more often), and a shape is timed until there are `minRepeats` samples of each and
 * the samples took `minMillis` in all. A measurement, not a pure function: the numbers vary from
 * run to run.
 * @throws ConfigError for an empty shape list or a bad effort setting
 */
export function backwardSpeed(options: BackwardSpeedOptions = {}): BackwardSpeed {
  const { shapes = BACKWARD_SPEED_SHAPES, seed = 231, minRepeats = 5, minMillis = 100 } = options;
  const now = options.now ?? (() => performance.now());
  if (shapes.length === 0) throw new ConfigError('backwardSpeed: shapes must not be empty');
  if (!Number.isInteger(minRepeats) || minRepeats < 1)
    throw new ConfigError(`backwardSpeed: minRepeats must be an integer >= 1, got ${minRepeats}`);
  const timings: BackwardTiming[] = shapes.map(([n, d]) => {
    const rng = new RandomState(seed);
    const x = rng.randn(n, d);
    const gamma = rng.randn(d);
    const beta = rng.randn(d);
    const dout = rng.randn(n, d);
    const { cache } = batchnormForward(x, gamma, beta, { mode: 'train' });
    const staged = () => batchnormBackward(dout, cache);
    const alt = () => batchnormBackwardAlt(dout, cache);
    staged();
    alt();
    const stagedCalls = callsPerSample(staged, now);
    const altCalls = callsPerSample(alt, now);
    const stagedSamples: number[] = [];
    const altSamples: number[] = [];
    let total = 0;
    const sample = (kernel: () => void, calls: number, into: number[]) => {
      const start = now();
      for (let c = 0; c < calls; c++) kernel();
      const elapsed = now() - start;
      into.push(elapsed / calls);
      total += elapsed;
    };
    while (stagedSamples.length < MAX_SAMPLES && (stagedSamples.length < minRepeats || total < minMillis)) {
      sample(staged, stagedCalls, stagedSamples);
      sample(alt, altCalls, altSamples);
    }
    const stagedMs = median(stagedSamples);
    const altMs = median(altSamples);
    // A clock too coarse to see either kernel gives no ratio: call them equal.
    return { n, d, repeats: stagedSamples.length * stagedCalls, stagedMs, altMs, speedup: altMs > 0 ? stagedMs / altMs : 1 };
  });
  return { seed, timings };
}
