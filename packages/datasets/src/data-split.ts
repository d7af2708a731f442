import type { Tensor } from '@lab/tensor';

/**
 * A data set split into training and test rows, aligned row by row: x (N, D) with one example
 * per row, y (N, C) or (N,) with its labels.
 */
export interface DataSplit {
  /** (N, D) training examples. */
  readonly trainX: Tensor;
  /** (N, C) or (N,) training labels. */
  readonly trainY: Tensor;
  /** (T, D) test examples. */
  readonly testX: Tensor;
  /** (T, C) or (T,) test labels. */
  readonly testY: Tensor;
}
