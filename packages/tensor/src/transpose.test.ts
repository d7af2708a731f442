import { describe, expect, it } from 'vitest';
import { tensor, zeros } from './create';
import { RandomState } from './random-state';
import { Tensor } from './tensor';
import { transpose } from './transpose';

describe('transpose', () => {
  it('swaps rows and columns', () => {
    expect(
      transpose(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ).toArray(),
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });

  it('is exact across tile edges and round-trips', () => {
    const x = new RandomState(0).randn(37, 70);
    const t = transpose(x);
    expect(t.shape).toEqual([70, 37]);
    for (let i = 0; i < 37; i++) for (let j = 0; j < 70; j++) expect(t.data[j * 37 + i]).toBe(x.data[i * 70 + j]);
    expect(transpose(t).data).toEqual(x.data);
  });

  it('writes into out and handles empty shapes', () => {
    const out = zeros(2, 1);
    expect(transpose(tensor([[1, 2]]), out)).toBe(out);
    expect(out.toArray()).toEqual([[1], [2]]);
    expect(transpose(zeros(0, 3)).shape).toEqual([3, 0]);
  });

  it('throws ShapeError on non-2-D input or a wrong out, LabError on an aliased out', () => {
    expect(() => transpose(zeros(2, 3, 4))).toThrow('transpose: (2, 3, 4): x must be 2-D, got 3-D');
    expect(() => transpose(zeros(2, 3), zeros(2, 3))).toThrow('transpose: (2, 3): out must have shape (3, 2), got (2, 3)');
    const square = zeros(2, 2);
    expect(() => transpose(square, square)).toThrow('transpose: out must not share memory with x');
    // Disjoint views of one buffer (an arena's) are fine.
    const buffer = Float64Array.from([1, 2, 3, 4, 0, 0, 0, 0]);
    const out = transpose(new Tensor(buffer.subarray(0, 4), [2, 2]), new Tensor(buffer.subarray(4), [2, 2]));
    expect(out.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
});
