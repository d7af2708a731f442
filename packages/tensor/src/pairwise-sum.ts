import { pairwiseSum as pairwiseSumStrided } from './internal/pairwise-sum';

/**
 * The sum of `length` consecutive doubles of `values` from `start`, added in exactly the order of
 * NumPy's `np.sum` over a contiguous array (pairwise summation: blocks of up to 128 values summed
 * eight ways, halves combined as a tree), so it rounds as NumPy does, digit for digit — what a cost
 * written as `np.sum(...)` or `np.nansum(...)` in the course needs to print the course's digits.
 * Allocates nothing.
 * @param values - any doubles; NaN and infinities propagate as in any sum
 * @param start - first index, default 0
 * @param length - how many, default the rest of `values`
 * @throws RangeError when the range does not lie inside `values`
 */
export function pairwiseSum(values: Float64Array, start = 0, length = values.length - start): number {
  if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > values.length) {
    throw new RangeError(`pairwiseSum: [${start}, ${start + length}) is not a range inside ${values.length} values`);
  }
  return 0 + pairwiseSumStrided(values, start, length, 1);
}
