import { describe, expect, it } from 'vitest';
import { equal, greater, greaterEqual, less, lessEqual, notEqual } from './compare';
import { tensor, zeros } from './create';

const a = tensor([[1, 2, Number.NaN]]);
const b = tensor([2, 2, 2]);

describe('comparisons', () => {
  it('return 0/1 masks; any comparison with NaN is 0 except notEqual', () => {
    expect(greater(a, b).toArray()).toEqual([[0, 0, 0]]);
    expect(greaterEqual(a, b).toArray()).toEqual([[0, 1, 0]]);
    expect(less(a, b).toArray()).toEqual([[1, 0, 0]]);
    expect(lessEqual(a, b).toArray()).toEqual([[1, 1, 0]]);
    expect(equal(a, b).toArray()).toEqual([[0, 1, 0]]);
    expect(notEqual(a, b).toArray()).toEqual([[1, 0, 1]]);
  });

  it('broadcast numbers and column vectors, and fill out', () => {
    expect(greater(tensor([-1, 0, 3]), 0).toArray()).toEqual([0, 0, 1]);
    const out = zeros(2, 2);
    expect(less(tensor([[1], [5]]), tensor([2, 6]), out)).toBe(out);
    expect(out.toArray()).toEqual([
      [1, 1],
      [0, 1],
    ]);
  });

  it('throw ShapeError naming the op and both shapes', () => {
    expect(() => greater(zeros(2, 3), zeros(2))).toThrow('greater: (2, 3) and (2,): cannot broadcast: sizes 3 and 2 differ at axis -1');
    expect(() => greaterEqual(zeros(2, 3), zeros(2))).toThrow('greaterEqual: (2, 3) and (2,)');
    expect(() => less(zeros(2, 3), zeros(2))).toThrow('less: (2, 3) and (2,)');
    expect(() => lessEqual(zeros(2, 3), zeros(2))).toThrow('lessEqual: (2, 3) and (2,)');
    expect(() => equal(zeros(2, 3), zeros(2))).toThrow('equal: (2, 3) and (2,)');
    expect(() => notEqual(zeros(2, 3), zeros(2))).toThrow('notEqual: (2, 3) and (2,)');
    expect(() => greater(zeros(2), 1, zeros(3))).toThrow('greater: (2,) and (): out must have shape (2,), got (3,)');
  });
});
