/**
 * The half-width h of the moving average of a curve of `points` points: max(1, round(points / 40)),
 * a window of 2h + 1 points, about 5 % of the curve (200 points → h = 5, 11 points; 10 → h = 1, 3).
 */
export function movingAverageHalfWidth(points: number): number {
  return Math.max(1, Math.round(points / 40));
}

/**
 * A centred moving average: value i becomes the mean of the values at i − h … i + h, cut at the
 * curve's ends (the first value averages values 0 … h). Only finite values count (a cost of +∞ is
 * left out of every window); a window without one gives null. Pure; the input is not changed.
 * Example: [1, 2, 6, 3], h = 1 → [(1+2)/2, (1+2+6)/3, (2+6+3)/3, (6+3)/2] = [1.5, 3, 11/3, 4.5].
 * @param values - (n,) in curve order
 * @param halfWidth - h, an integer ≥ 0 (0 returns the finite values as they are)
 * @returns (n,) the averages
 */
export function movingAverage(values: readonly number[], halfWidth: number): (number | null)[] {
  if (!Number.isInteger(halfWidth) || halfWidth < 0)
    throw new RangeError(`movingAverage: halfWidth must be an integer ≥ 0, got ${halfWidth}`);
  return values.map((_, i) => {
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - halfWidth); j <= Math.min(values.length - 1, i + halfWidth); j++) {
      const value = values[j];
      if (value !== undefined && Number.isFinite(value)) {
        sum += value;
        count++;
      }
    }
    return count === 0 ? null : sum / count;
  });
}
