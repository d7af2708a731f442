import type { OptimizationPublished } from './record';

/**
 * The course's published results of its optimization notebook (make_moons data, the network
 * [2, 5, 2, 1], He-style weights after seed(3), mini-batches of 64 reshuffled every epoch,
 * learning rate 0.0007, 10000 epochs): the cost printed after epoch 0 (`"%f"`, six decimals: the
 * cost of the epoch's last mini-batch) and the train accuracy. Facts quoted from the course
 * material; the tests check them against the course's code run with NumPy (test/fixtures).
 */
export const PUBLISHED_RESULTS: Readonly<Record<string, OptimizationPublished>> = {
  gd: { costAfterEpoch0: '0.690736', trainAccuracy: 0.7966666666666666 },
  momentum: { costAfterEpoch0: '0.690741', trainAccuracy: 0.7966666666666666 },
  adam: { costAfterEpoch0: '0.690552', trainAccuracy: 0.94 },
};
