import { describe, expect, it } from 'vitest';
import { tensor, zeros } from './create';
import { mean, std, sum, variance } from './reduce';

const x = tensor([
  [1, 2, 3],
  [4, 5, 9],
]); // (2, 3)

describe('sum, mean, variance, std', () => {
  it('reduce all elements to a 0-D tensor, or keep all axes with keepDims', () => {
    expect(sum(x).shape).toEqual([]);
    expect(sum(x).item()).toBe(24);
    expect(mean(x).item()).toBe(4);
    expect(variance(x).item()).toBe(((1 - 4) ** 2 + 4 + 1 + 0 + 1 + 25) / 6);
    expect(std(x).item()).toBe(Math.sqrt(40 / 6));
    expect(sum(x, { keepDims: true }).toArray()).toEqual([[24]]);
  });

  it('reduce along axis 0 (over the batch) and axis 1 / -1 (over features)', () => {
    expect(sum(x, { axis: 0 }).toArray()).toEqual([5, 7, 12]);
    expect(sum(x, { axis: 0, keepDims: true }).toArray()).toEqual([[5, 7, 12]]);
    expect(mean(x, { axis: 1 }).toArray()).toEqual([2, 6]);
    expect(mean(x, { axis: -1, keepDims: true }).toArray()).toEqual([[2], [6]]);
    expect(variance(x, { axis: 0 }).toArray()).toEqual([2.25, 2.25, 9]);
    expect(variance(x, { axis: 1 }).toArray()).toEqual([2 / 3, 14 / 3]);
    expect(std(x, { axis: 0 }).toArray()).toEqual([1.5, 1.5, 3]);
  });

  it('reduce the middle axis of a 3-D tensor', () => {
    const t = tensor([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    expect(sum(t, { axis: 1 }).toArray()).toEqual([
      [4, 6],
      [12, 14],
    ]);
    expect(variance(t, { axis: 1, keepDims: true }).shape).toEqual([2, 1, 2]);
  });

  it('sum with NumPy pairwise rounding (not left to right)', () => {
    // Left to right, 1e16 + 1 rounds back to 1e16 every time. NumPy keeps 8 partial sums:
    // r0 = 1e16 + 1 still rounds to 1e16, r1 … r7 are 2 each, so np.sum gives 1e16 + 14.
    const values = [1e16, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    let leftToRight = 0;
    for (const v of values) leftToRight += v;
    expect(leftToRight).toBe(1e16);
    expect(sum(tensor(values)).item()).toBe(1e16 + 14);
  });

  it('follow NumPy on empty input: sum 0, mean and variance NaN; an all -0 sum is +0', () => {
    expect(sum(zeros(0)).item()).toBe(0);
    expect(mean(zeros(0, 3), { axis: 0 }).toArray()).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(variance(zeros(2, 0), { axis: 1 }).toArray()).toEqual([Number.NaN, Number.NaN]);
    expect(sum(zeros(0, 3), { axis: 1 }).shape).toEqual([0]);
    expect(Object.is(sum(tensor(new Array(9).fill(-0))).item(), 0)).toBe(true);
  });

  it('write into out and overwrite what was there', () => {
    const out = tensor([100, 100, 100]);
    expect(sum(x, { axis: 0 }, out)).toBe(out);
    expect(out.toArray()).toEqual([5, 7, 12]);
    variance(x, { axis: 0 }, out);
    expect(out.toArray()).toEqual([2.25, 2.25, 9]);
  });

  it('throw ShapeError for an axis out of range or a wrong out', () => {
    expect(() => sum(x, { axis: 2 })).toThrow('sum: (2, 3): axis 2 is out of range for 2-D');
    expect(() => mean(x, { axis: -3 })).toThrow('mean: (2, 3): axis -3 is out of range for 2-D');
    expect(() => variance(x, { axis: 0.5 })).toThrow('variance: (2, 3): axis 0.5 is out of range for 2-D');
    expect(() => std(zeros(3), { axis: 1 })).toThrow('std: (3,): axis 1 is out of range for 1-D');
    expect(() => sum(x, { axis: 0 }, zeros(2))).toThrow('sum: (2, 3): out must have shape (3,), got (2,)');
    expect(() => mean(x, { axis: 0, keepDims: true }, zeros(3))).toThrow('mean: (2, 3): out must have shape (1, 3), got (3,)');
    expect(() => variance(x, {}, zeros(1))).toThrow('variance: (2, 3): out must have shape (), got (1,)');
    expect(() => std(x, { axis: 1 }, zeros(3))).toThrow('std: (2, 3): out must have shape (2,), got (3,)');
  });
});
