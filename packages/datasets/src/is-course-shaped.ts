import type { DataSplit } from './data-split';

/**
 * True when a split has the course's football shapes: X (211, 2) and Xval (200, 2). Then the
 * published numbers apply, and a report compares against them.
 * @param data - trainX (N, D) and testX (M, D)
 */
export function isCourseShaped(data: DataSplit): boolean {
  const [trainRows, trainCols] = data.trainX.shape;
  const [testRows, testCols] = data.testX.shape;
  return trainRows === 211 && trainCols === 2 && testRows === 200 && testCols === 2;
}
