import { ConfigError, type RandomState, Tensor } from '@lab/tensor';
import { MAX_GENERATED_EXAMPLES } from '../limits';

/** How many points each circle gets: a total (the second circle gets the odd one) or a pair. */
export type SampleCounts = number | readonly [first: number, second: number];

/**
 * scikit-learn's split of `n_samples`: n // 2 on the first circle and the rest on the second,
 * or the pair as given.
 * @throws ConfigError `<op>: nSamples must be an integer from 1 to 10000000 or a pair of integers >= 0 adding up to that, got …`
 */
export function splitCounts(op: string, nSamples: SampleCounts): [first: number, second: number] {
  const pair = typeof nSamples === 'number' ? null : nSamples;
  const total =
    pair === null
      ? nSamples
      : Array.isArray(pair) && pair.length === 2 && pair.every((k) => Number.isInteger(k) && k >= 0)
        ? pair[0] + pair[1]
        : Number.NaN;
  if (!(Number.isInteger(total) && (total as number) >= 1 && (total as number) <= MAX_GENERATED_EXAMPLES)) {
    const shown = Array.isArray(nSamples) ? `[${nSamples.join(', ')}]` : String(nSamples);
    throw new ConfigError(
      `${op}: nSamples must be an integer from 1 to ${MAX_GENERATED_EXAMPLES} or a pair of integers >= 0 adding up to that, got ${shown}`,
    );
  }
  if (pair !== null) return [pair[0], pair[1]];
  const first = Math.floor((nSamples as number) / 2);
  return [first, (nSamples as number) - first];
}

/**
 * The end of scikit-learn's make_circles/make_moons: rows `[xs[i], ys[i]]` labelled 0 for the
 * first `first` points and 1 after, shuffled with `rng.shuffle` of the row indices when `shuffle`
 * (sklearn.utils.shuffle), then `rng.normal(0, noise, (N, 2))` added when a noise is given.
 * @returns x (N, 2), y (N, 1)
 */
export function finishPoints(
  xs: Float64Array,
  ys: Float64Array,
  first: number,
  rng: RandomState,
  shuffle: boolean,
  noise: number | undefined,
): { x: Tensor; y: Tensor } {
  const n = xs.length;
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) rng.shuffle(order);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    const from = order[row];
    x[2 * row] = xs[from];
    x[2 * row + 1] = ys[from];
    y[row] = from < first ? 0 : 1;
  }
  if (noise !== undefined) {
    // X += normal(scale=noise, size=(N, 2)): one draw per coordinate, row by row.
    const draws = rng.normal(0, noise, [n, 2]).data;
    for (let i = 0; i < x.length; i++) x[i] += draws[i];
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n, 1]) };
}
