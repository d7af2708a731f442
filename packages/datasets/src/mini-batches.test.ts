import { ConfigError, RandomState, ShapeError, Tensor, tensor } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { miniBatches } from './mini-batches';

/** x (N, 2) with row i = [i, 100 + i] and y (N, 1) with row i = [-i]: every row says where it came from. */
function numbered(n: number): { x: Tensor; y: Tensor } {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = 100 + i;
    y[i] = -i;
  }
  return { x: new Tensor(x, [n, 2]), y: new Tensor(y, [n, 1]) };
}

describe('miniBatches', () => {
  it('cuts one permutation into batches of batchSize, the last one smaller', () => {
    const { x, y } = numbered(148);
    const batches = miniBatches(x, y, 64, new RandomState(0));
    expect(batches.map((b) => b.x.shape)).toEqual([
      [64, 2],
      [64, 2],
      [20, 2],
    ]);
    expect(batches.map((b) => b.y.shape)).toEqual([
      [64, 1],
      [64, 1],
      [20, 1],
    ]);
    const perm = Array.from(new RandomState(0).permutation(148).data);
    expect(batches.flatMap((b) => Array.from(b.x.data.filter((_, k) => k % 2 === 0)))).toEqual(perm);
  });

  it('keeps the rows of x and y aligned', () => {
    const { x, y } = numbered(37);
    for (const batch of miniBatches(x, y, 8, new RandomState(5))) {
      for (let i = 0; i < batch.y.size; i++) {
        expect(batch.x.data[2 * i + 1]).toBe(100 + batch.x.data[2 * i]);
        expect(batch.y.data[i]).toBe(-batch.x.data[2 * i]);
      }
    }
  });

  it('matches np.random.seed(0); np.random.permutation(10) cut in batches of 4', () => {
    const { x, y } = numbered(10);
    const batches = miniBatches(x, y.reshape(10), 4, new RandomState(0));
    // NumPy: np.random.seed(0); np.random.permutation(10) → [2 8 4 9 1 6 7 3 0 5]
    expect(batches.map((b) => b.y.toArray())).toEqual([
      [-2, -8, -4, -9],
      [-1, -6, -7, -3],
      [-0, -5],
    ]);
  });

  it('draws a new permutation each call (one per epoch) and leaves no remainder batch when N divides', () => {
    const { x, y } = numbered(12);
    const rng = new RandomState(1);
    const first = miniBatches(x, y, 4, rng);
    const second = miniBatches(x, y, 4, rng);
    expect(first).toHaveLength(3);
    expect(first[0].x.data).not.toEqual(second[0].x.data);
    expect(miniBatches(x, y, 100, new RandomState(0))).toHaveLength(1);
  });

  it('rejects rows that differ and a bad batch size', () => {
    expect(() => miniBatches(tensor([[1], [2]]), tensor([[1]]), 1, new RandomState(0))).toThrow(ShapeError);
    expect(() => miniBatches(tensor([[1], [2]]), tensor([[1]]), 1, new RandomState(0))).toThrow(
      'miniBatches: (2, 1) and (1, 1): x and y must have the same number of rows, got 2 and 1',
    );
    expect(() => miniBatches(tensor([[1]]), tensor([[1]]), 0, new RandomState(0))).toThrow(ConfigError);
    expect(() => miniBatches(tensor([[1]]), tensor([[1]]), 1.5, new RandomState(0))).toThrow(
      'miniBatches: batchSize must be a positive integer, got 1.5',
    );
  });
});
