import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@lab/test-kit';
import { expect, it } from 'vitest';
import { footballField } from '../src/index';
import { compressedElement, matFile, matrixElement } from './helpers/mat-writer';

/** A MAT file with the football variables (X, y, Xval, yval) of the course's shapes: the built-in field's points, column-major. */
function footballShapedMat(): Uint8Array {
  const split = footballField({ seed: 7 });
  const columnMajor = (data: Float64Array, rows: number, cols: number) =>
    Array.from({ length: rows * cols }, (_, k) => data[(k % rows) * cols + Math.floor(k / rows)] ?? 0);
  const variable = (name: string, data: Float64Array, rows: number, cols: number) =>
    compressedElement(matrixElement({ name, dims: [rows, cols], values: columnMajor(data, rows, cols) }));
  return matFile([
    variable('X', split.trainX.data, 211, 2),
    variable('y', split.trainY.data, 211, 1),
    variable('Xval', split.testX.data, 200, 2),
    variable('yval', split.testY.data, 200, 1),
  ]);
}

it("runs the README's example, which prints what its comments say", async () => {
  const tiny = matFile([compressedElement(matrixElement({ name: 'A', dims: [2, 3], values: [1, 4, 2, 5, 3, 6] }))]);
  const { logs } = await runReadmeExample({
    packageDir: fileURLToPath(new URL('..', import.meta.url)),
    files: { 'football.mat': footballShapedMat(), 'tiny.mat': tiny },
  });
  expect(logs).toEqual([
    // scikit-learn 1.2.1: np.random.seed(1); make_circles(n_samples=300, noise=.05)
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
    [
      [211, 2],
      [200, 2],
    ],
    [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ],
  ]);
});
