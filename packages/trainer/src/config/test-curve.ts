/**
 * The test curve of a `lab train` run: the held-out split's accuracy and data loss, in test mode,
 * at recorded cost points — the model after exactly that many steps.
 */
export interface TestPoint {
  readonly iteration: number;
  readonly accuracy: number;
  /** The loss's data term (no L2), mean over the split; +Infinity when a probability is exactly wrong. */
  readonly cost: number;
}

/** A test curve has at most this many points measured during training (the final model's is one more). */
export const MAX_TEST_CURVE_POINTS = 50;

/**
 * Every how many recorded cost points the test split is scored: at most
 * {@link MAX_TEST_CURVE_POINTS} points, and no more examples scored (one forward pass each, in test
 * mode) than the run trains on (a forward and a backward pass each), so the curve costs at most
 * about a third of the training. Examples: 200 points, 1000 test examples, 200 steps of 50 → 20
 * (10 points); 31 points, 200 test examples, 30000 full-batch steps of 211 → 1 (every point).
 * @param points - cost points the run records (`⌈iterations / cost steps⌉`)
 * @param testSize - examples in the test split
 * @param trainedExamples - examples the run's steps see in all (`iterations × batch size`)
 * @returns k ≥ 1: score at points 0, k, 2k, …
 */
export function testCurveEvery(points: number, testSize: number, trainedExamples: number): number {
  const byCount = Math.ceil(points / MAX_TEST_CURVE_POINTS);
  const byWork = trainedExamples > 0 ? Math.ceil((points * testSize) / trainedExamples) : 1;
  return Math.max(1, byCount, byWork);
}
