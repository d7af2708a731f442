import type { PublishedResult } from './record';

/**
 * The course's published results for its three models on football.mat (3-layer net
 * 2-20-3-1, full-batch gradient descent, learning rate 0.3, 30000 iterations, init after
 * seed(3), dropout masks after seed(1) at every forward pass). Facts quoted from the
 * course material; the reproduction test checks them against test/fixtures/published_results.json.
 */
export const PUBLISHED_RESULTS: Readonly<Record<string, PublishedResult>> = {
  'no regularization': { costAt0: 0.6557412523481002, trainAccuracy: 0.9478672985781991, testAccuracy: 0.915 },
  L2: { costAt0: 0.6974484493131264, trainAccuracy: 0.9383886255924171, testAccuracy: 0.93 },
  dropout: { costAt0: 0.6543912405149825, trainAccuracy: 0.9289099526066351, testAccuracy: 0.95 },
};
