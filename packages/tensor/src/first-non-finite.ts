/**
 * Index of the first NaN or ±Infinity in `data`, or -1 when every element is finite: for checks
 * that name the bad element (`x[3, 1] is NaN`) once a cheaper test (a non-finite sum) failed.
 * @param data - any array of numbers, e.g. a tensor's `data`
 */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    // v - v is 0 for every finite v and NaN for NaN and ±Infinity.
    if (v - v !== 0) return k;
  }
  return -1;
}
