/** NumPy's block size below which pairwise summation is a plain 8-way unrolled loop. */
const BLOCK = 128;

/**
 * Sum of `n` elements of `x` from `start` with `stride`, in exactly the order of NumPy's
 * `pairwise_sum` (numpy/_core/src/umath/loops_utils.h.src): below 8 elements a plain
 * loop, up to 128 eight interleaved partial sums combined as a tree, above that split in
 * two halves (the first a multiple of 8) and recurse. Rounding therefore matches `np.sum`
 * along a contiguous axis digit for digit, and the error grows like O(log n) rather than O(n).
 */
export function pairwiseSum(x: Float64Array, start: number, n: number, stride: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += x[start + i * stride];
    return res;
  }
  if (n <= BLOCK) {
    let r0 = x[start];
    let r1 = x[start + stride];
    let r2 = x[start + 2 * stride];
    let r3 = x[start + 3 * stride];
    let r4 = x[start + 4 * stride];
    let r5 = x[start + 5 * stride];
    let r6 = x[start + 6 * stride];
    let r7 = x[start + 7 * stride];
    const whole = n - (n % 8);
    let i = 8;
    for (; i < whole; i += 8) {
      const p = start + i * stride;
      r0 += x[p];
      r1 += x[p + stride];
      r2 += x[p + 2 * stride];
      r3 += x[p + 3 * stride];
      r4 += x[p + 4 * stride];
      r5 += x[p + 5 * stride];
      r6 += x[p + 6 * stride];
      r7 += x[p + 7 * stride];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += x[start + i * stride];
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(x, start, half, stride) + pairwiseSum(x, start + half * stride, n - half, stride);
}

/**
 * Sum of `(x[i] − center)²` over the same elements and in the same order as
 * {@link pairwiseSum}: what NumPy's `var` sums after forming `x − mean` and squaring it.
 */
export function pairwiseSumSquaredDeviation(x: Float64Array, start: number, n: number, stride: number, center: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) {
      const d = x[start + i * stride] - center;
      res += d * d;
    }
    return res;
  }
  if (n <= BLOCK) {
    const sq = (p: number): number => {
      const d = x[p] - center;
      return d * d;
    };
    let r0 = sq(start);
    let r1 = sq(start + stride);
    let r2 = sq(start + 2 * stride);
    let r3 = sq(start + 3 * stride);
    let r4 = sq(start + 4 * stride);
    let r5 = sq(start + 5 * stride);
    let r6 = sq(start + 6 * stride);
    let r7 = sq(start + 7 * stride);
    const whole = n - (n % 8);
    let i = 8;
    for (; i < whole; i += 8) {
      const p = start + i * stride;
      r0 += sq(p);
      r1 += sq(p + stride);
      r2 += sq(p + 2 * stride);
      r3 += sq(p + 3 * stride);
      r4 += sq(p + 4 * stride);
      r5 += sq(p + 5 * stride);
      r6 += sq(p + 6 * stride);
      r7 += sq(p + 7 * stride);
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += sq(start + i * stride);
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return (
    pairwiseSumSquaredDeviation(x, start, half, stride, center) +
    pairwiseSumSquaredDeviation(x, start + half * stride, n - half, stride, center)
  );
}
