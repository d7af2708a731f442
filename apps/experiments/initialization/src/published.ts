import type { InitializationPublished } from './record';

/**
 * The course's published results of its initialization notebook (make_circles data, the 3-layer
 * net [2, 10, 5, 1], full-batch gradient descent, learning rate 0.01, 15000 iterations, weights
 * after seed(3)): the printed cost at iteration 0, and the train and test accuracies. The zeros
 * model prints the same cost at every iteration. Facts quoted from the course material; the
 * tests check them against the course's code run with NumPy (test/fixtures).
 */
export const PUBLISHED_RESULTS: Readonly<Record<string, InitializationPublished>> = {
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: the course's printed cost, quoted as printed (it is ln 2 rounded)
  zeros: { costAt0: 0.6931471805599453, costThroughout: 0.6931471805599453, trainAccuracy: 0.5, testAccuracy: 0.5 },
  random: { costAt0: 'Infinity', trainAccuracy: 0.83, testAccuracy: 0.86 },
  he: { costAt0: 0.8830537463419761, trainAccuracy: 0.9933333333333333, testAccuracy: 0.96 },
};
