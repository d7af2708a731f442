/**
 * The most examples a generator makes: 10 million 2-D points are 160 MB of float64, a bound
 * that keeps a typo (`n: 3e9`) a one-line error instead of an allocation failure.
 */
export const MAX_GENERATED_EXAMPLES = 10_000_000;
