import { describe, expect, it } from 'vitest';
import { tensor, zeros } from './create';
import { argmax, argmin, max, min } from './extrema';
import type { Tensor } from './tensor';

const x = tensor([
  [3, 7, 7],
  [-1, 0, -5],
]);

describe('max, min, argmax, argmin', () => {
  it('reduce all elements (argmax gives the flat row-major index)', () => {
    expect(max(x).item()).toBe(7);
    expect(min(x).item()).toBe(-5);
    expect(argmax(x).item()).toBe(1);
    expect(argmin(x).item()).toBe(5);
    expect(max(x, { keepDims: true }).shape).toEqual([1, 1]);
  });

  it('reduce along an axis, first index on ties', () => {
    expect(max(x, { axis: 0 }).toArray()).toEqual([3, 7, 7]);
    expect(min(x, { axis: 1, keepDims: true }).toArray()).toEqual([[3], [-5]]);
    expect(argmax(x, { axis: 1 }).toArray()).toEqual([1, 1]);
    expect(argmax(x, { axis: 0 }).toArray()).toEqual([0, 0, 0]);
    expect(argmin(x, { axis: -1 }).toArray()).toEqual([0, 2]);
  });

  it('give the first of a tie between -0 and +0, the element argmax points at, with its sign', () => {
    const zeros2 = tensor([
      [-0, 0],
      [0, -0],
    ]);
    const negative = (t: Tensor) => Array.from(t.data, (v) => Object.is(v, -0));
    expect(negative(max(zeros2, { axis: 0 }))).toEqual([true, false]);
    expect(negative(min(zeros2, { axis: 1 }))).toEqual([true, false]);
    expect(Object.is(max(zeros2).item(), -0)).toBe(true);
    expect(argmax(zeros2, { axis: 0 }).toArray()).toEqual([0, 0]);
  });

  it('let the first NaN win, like NumPy', () => {
    const withNaN = tensor([1, Number.NaN, 5, Number.NaN]);
    expect(max(withNaN).item()).toBeNaN();
    expect(min(withNaN).item()).toBeNaN();
    expect(argmax(withNaN).item()).toBe(1);
    expect(argmin(tensor([Number.NaN, 0])).item()).toBe(0);
  });

  it('write into out', () => {
    const out = zeros(2);
    expect(argmax(x, { axis: 1 }, out)).toBe(out);
    max(x, { axis: 1 }, out);
    expect(out.toArray()).toEqual([7, 0]);
  });

  it('reduce nothing without error when the other axes are empty', () => {
    expect(max(zeros(0, 3), { axis: 1 }).shape).toEqual([0]);
  });

  it('throw ShapeError for an empty reduction, a bad axis or a wrong out', () => {
    expect(() => max(zeros(0, 3), { axis: 0 })).toThrow('max: (0, 3): cannot reduce axis 0 of size 0: no identity');
    expect(() => min(zeros(0))).toThrow('min: (0,): cannot reduce an empty tensor: no identity');
    expect(() => argmax(zeros(2, 0), { axis: -1 })).toThrow('argmax: (2, 0): cannot reduce axis -1 of size 0: no identity');
    expect(() => argmin(zeros(0, 2))).toThrow('argmin: (0, 2): cannot reduce an empty tensor');
    expect(() => max(x, { axis: 2 })).toThrow('max: (2, 3): axis 2 is out of range for 2-D');
    expect(() => argmax(x, { axis: 0 }, zeros(2))).toThrow('argmax: (2, 3): out must have shape (3,), got (2,)');
  });
});
