import { RandomState } from '@lab/tensor';
import { expect, it, vi } from 'vitest';
import { FOOTBALL_TAG, footballMatPath } from '../../../vitest.football';
import { footballField, loadFootball, makeCircles, miniBatches, parseMat } from '../src/index';
import { compressedElement, matFile, matrixElement } from './helpers/mat-writer';

it('README example runs and prints what it says', { tags: [FOOTBALL_TAG] }, async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const bytes = matFile([compressedElement(matrixElement({ name: 'A', dims: [2, 3], values: [1, 4, 2, 5, 3, 6] }))]);
  const path = footballMatPath();

  // --- README example ---
  // np.random.seed(1); make_circles(n_samples=300, noise=.05): the same points, bit for bit
  const circles = makeCircles({ nSamples: 300, noise: 0.05, seed: 1 });
  console.log(circles.x.shape, circles.x.data[0], circles.y.data[0]); // [300, 2] -0.07741354010048114 1

  const { trainX, trainY, testX } = footballField({ seed: 0 });
  console.log(trainX.shape, trainY.shape, testX.shape); // [211, 2] [211, 1] [200, 2]

  const rng = new RandomState(0);
  for (const batch of miniBatches(trainX, trainY, 64, rng)) console.log(batch.x.shape); // [64, 2] three times, then [19, 2]

  const course = await loadFootball(path); // Node: reads the course's football.mat
  console.log(course.trainX.data[0], course.trainX.data[1], course.trainY.data[0]); // -0.158986 0.423977 1

  const variables = parseMat(bytes, 'tiny.mat'); // bytes: Uint8Array, e.g. from fetch() in a browser
  console.log(variables.get('A')?.toArray()); // [[1, 2, 3], [4, 5, 6]]
  // --- end ---

  expect(log.mock.calls).toEqual([
    [[300, 2], -0.07741354010048114, 1],
    [
      [211, 2],
      [211, 1],
      [200, 2],
    ],
    [[64, 2]],
    [[64, 2]],
    [[64, 2]],
    [[19, 2]],
    [-0.158986, 0.423977, 1],
    [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
  ]);
  log.mockRestore();
});
