/**
 * Chooses which params decoupled weight decay applies to.
 * @param name - a param's name, e.g. `W1`, `b1`, `gamma2`
 * @returns true to decay the param
 */
export type DecayFilter = (name: string) => boolean;

/**
 * The default {@link DecayFilter}: decays weights, not biases or normalization params —
 * every name except those starting with `b` (biases), `beta` or `gamma` (batch/layer norm).
 * Shrinking a bias or a norm's scale toward 0 does not regularize (a bias does not
 * multiply inputs) and fights the normalization.
 */
export function defaultDecayFilter(name: string): boolean {
  return !(name.startsWith('b') || name.startsWith('beta') || name.startsWith('gamma'));
}

/** Options every optimizer accepts for decoupled weight decay. */
export interface WeightDecayOptions {
  /** `w −= learningRate·weightDecay·w` before each update, for params `decayFilter` selects; ≥ 0, default 0 (off). */
  readonly weightDecay?: number;
  /** Which params decay; default {@link defaultDecayFilter}. Called once per param name. */
  readonly decayFilter?: DecayFilter;
}
