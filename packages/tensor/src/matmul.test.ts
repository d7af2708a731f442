import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { setBackend } from './backend';
import { tensor, zeros } from './create';
import { isLabError, ShapeError } from './errors';
import { matmul } from './matmul';
import { RandomState } from './random-state';
import { Tensor } from './tensor';
import { transpose } from './transpose';

/** The textbook triple loop, the reference every blocked result must equal bit for bit. */
function naive(a: number[][], b: number[][]): number[][] {
  return a.map((row) =>
    b[0].map((_, j) => {
      let s = 0;
      for (let p = 0; p < row.length; p++) s += row[p] * b[p][j];
      return s;
    }),
  );
}

// Every test runs on both backends: wasm (the default on Node 20) and js (the readable
// reference, and the fallback for runtimes without WebAssembly SIMD).
describe.each(['wasm', 'js'] as const)('matmul (%s backend)', (backend) => {
  beforeEach(() => setBackend(backend));
  afterAll(() => setBackend('wasm'));

  it('multiplies a hand-computed 2×3 by 3×2', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    expect(matmul(a, b).toArray()).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  it('honours all four transpose combinations without copying', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]); // (3, 2)
    const b = tensor([
      [1, 0, 2],
      [0, 1, -1],
    ]); // (2, 3)
    expect(matmul(a, b).toArray()).toEqual(naive(a.toArray() as number[][], b.toArray() as number[][]));
    expect(matmul(a, a, { transposeA: true }).toArray()).toEqual([
      [35, 44],
      [44, 56],
    ]);
    expect(matmul(b, b, { transposeB: true }).toArray()).toEqual([
      [5, -2],
      [-2, 2],
    ]);
    expect(matmul(b, a, { transposeA: true, transposeB: true }).toArray()).toEqual([
      [1, 3, 5],
      [2, 4, 6],
      [0, 2, 4],
    ]);
  });

  it('equals the naive triple loop bit for bit across block edges (n mod 3 and 4, m mod 4, k < 8 and ≥ 8, several row chunks)', () => {
    const rng = new RandomState(3);
    for (const [n, k, m] of [
      [1, 1, 1],
      [5, 3, 7],
      [9, 2, 6],
      [7, 13, 5],
      [16, 9, 11],
      [33, 40, 3],
      [8, 10, 5],
      [50, 600, 3],
      [1, 5, 1],
      [2, 1, 2],
      [4, 2, 20],
      [6, 3, 1],
      [11, 20, 3],
      [13, 4, 9],
      [12, 7, 8],
      [61, 700, 6],
      [211, 2, 20],
    ]) {
      const a = rng.randn(n, k);
      const b = rng.randn(k, m);
      const expected = naive(a.toArray() as number[][], b.toArray() as number[][]);
      expect(matmul(a, b).toArray()).toEqual(expected);
      expect(matmul(transpose(a), b, { transposeA: true }).toArray()).toEqual(expected);
      expect(matmul(a, transpose(b), { transposeB: true }).toArray()).toEqual(expected);
      expect(matmul(transpose(a), transpose(b), { transposeA: true, transposeB: true }).toArray()).toEqual(expected);
    }
  });

  it('writes into out and returns it, overwriting old contents', () => {
    const out = tensor([
      [9, 9],
      [9, 9],
    ]);
    const result = matmul(tensor([[1], [2]]), tensor([[3, 4]]), {}, out);
    expect(result).toBe(out);
    expect(out.toArray()).toEqual([
      [3, 4],
      [6, 8],
    ]);
  });

  it('handles empty edges: k = 0 gives zeros, n = 0 or m = 0 gives an empty result', () => {
    expect(matmul(zeros(2, 0), zeros(0, 3)).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const out = tensor([[5, 5]]);
    matmul(zeros(1, 0), zeros(0, 2), {}, out);
    expect(out.toArray()).toEqual([[0, 0]]);
    expect(matmul(zeros(0, 4), zeros(4, 3)).shape).toEqual([0, 3]);
    expect(matmul(zeros(2, 4), zeros(4, 0)).shape).toEqual([2, 0]);
  });

  it('throws ShapeError naming both shapes when the inner dimensions differ', () => {
    expect(() => matmul(zeros(3, 4), zeros(5, 2))).toThrow('matmul: (3, 4) @ (5, 2): inner dimensions 4 and 5 differ');
    expect(matmul(zeros(3, 4), zeros(3, 2), { transposeA: true }).shape).toEqual([4, 2]);
    expect(() => matmul(zeros(4, 3), zeros(5, 2), { transposeA: true })).toThrow(
      'matmul: (4, 3) @ (5, 2): inner dimensions 4 and 5 differ (with transposeA)',
    );
    expect(() => matmul(zeros(3, 4), zeros(2, 5), { transposeB: true })).toThrow(
      'matmul: (3, 4) @ (2, 5): inner dimensions 4 and 5 differ (with transposeB)',
    );
    expect(() => matmul(zeros(4, 3), zeros(2, 5), { transposeA: true, transposeB: true })).toThrow(
      'matmul: (4, 3) @ (2, 5): inner dimensions 4 and 5 differ (with transposeA, transposeB)',
    );
    try {
      matmul(zeros(3, 4), zeros(5, 2));
    } catch (error) {
      expect(error).toBeInstanceOf(ShapeError);
      expect(isLabError(error)).toBe(true);
      expect((error as ShapeError).op).toBe('matmul');
      expect((error as ShapeError).shapes).toEqual([
        [3, 4],
        [5, 2],
      ]);
    }
  });

  it('throws ShapeError when an operand is not 2-D', () => {
    expect(() => matmul(zeros(3), zeros(3, 2))).toThrow('matmul: (3,) @ (3, 2): a must be 2-D, got 1-D');
    expect(() => matmul(zeros(2, 3), zeros(3, 2, 1))).toThrow('matmul: (2, 3) @ (3, 2, 1): b must be 2-D, got 3-D');
  });

  it('throws ShapeError when out has the wrong shape', () => {
    expect(() => matmul(zeros(3, 4), zeros(4, 2), {}, zeros(2, 3))).toThrow(
      'matmul: (3, 4) @ (4, 2): out must have shape (3, 2), got (2, 3)',
    );
  });

  it('refuses an out buffer that shares memory with an operand', () => {
    const a = zeros(2, 2);
    expect(() => matmul(a, zeros(2, 2), {}, a)).toThrow('matmul: out must not share memory with a');
    const b = zeros(2, 2);
    expect(() => matmul(zeros(2, 2), b, {}, b.reshape(2, 2))).toThrow('matmul: out must not share memory with b');
    // Overlapping views of one buffer are refused too; disjoint ones (an arena's) are not.
    const buffer = new Float64Array(12);
    const view = (start: number) => new Tensor(buffer.subarray(start, start + 4), [2, 2]);
    expect(() => matmul(view(0), zeros(2, 2), {}, view(2))).toThrow('matmul: out must not share memory with a');
    buffer.set([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(matmul(view(0), view(4), {}, view(8)).toArray()).toEqual([
      [19, 22],
      [43, 50],
    ]);
  });

  it('sums from +0 like the naive loop: products that are all −0 give +0, and NaN and ±Infinity propagate', () => {
    const zero = matmul(tensor([[-1, 1]]), tensor([[0], [-0]]));
    expect(Object.is(zero.data[0], 0)).toBe(true);
    const special = matmul(
      tensor([
        [Number.POSITIVE_INFINITY, 1],
        [Number.NaN, 2],
        [1, Number.NEGATIVE_INFINITY],
      ]),
      tensor([
        [0, 1, -1],
        [1, 1, 0],
      ]),
    );
    expect(Array.from(special.data)).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ]);
  });
});
