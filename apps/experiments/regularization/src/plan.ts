/** One model of the experiment: a name and its regularization. */
export interface RegularizationModelSpec {
  readonly name: string;
  /** L2 strength λ; 0 for none. */
  readonly lambd: number;
  /** Dropout keep probability on both hidden layers; 1 for none. */
  readonly keepProb: number;
}

/** The course's three models. */
export const COURSE_MODELS: readonly RegularizationModelSpec[] = [
  { name: 'no regularization', lambd: 0, keepProb: 1 },
  { name: 'L2', lambd: 0.7, keepProb: 1 },
  { name: 'dropout', lambd: 0, keepProb: 0.86 },
];

/** The course's network: 2 inputs, hidden layers of 20 and 3 ReLU units, one sigmoid output. */
export const COURSE_LAYER_SIZES: readonly number[] = [2, 20, 3, 1];
