import { RandomState } from '@lab/tensor';

/** How a generator gets its randomness: a generator to draw from, or a seed for a fresh one (default 0). */
export interface SeedOptions {
  /** Seed of a fresh `RandomState` (default 0). Ignored when `rng` is given. */
  readonly seed?: number;
  /** Draw from this generator instead (it advances). */
  readonly rng?: RandomState;
}

/** The `RandomState` to draw from: `options.rng`, else a new one seeded with `options.seed ?? 0`. */
export function resolveRng(options: SeedOptions): RandomState {
  return options.rng ?? new RandomState(options.seed ?? 0);
}
