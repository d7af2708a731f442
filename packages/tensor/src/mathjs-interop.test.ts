import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { tensor, zeros } from './create';
import { fromMathjs, toMathjs } from './mathjs-interop';

describe('toMathjs / fromMathjs', () => {
  it('round-trip 2-D and 1-D tensors through mathjs matrices', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const m = toMathjs(x, math) as math.Matrix<number>;
    expect(math.size(m).valueOf()).toEqual([2, 3]);
    expect(math.multiply(m, math.transpose(m)).valueOf()).toEqual([
      [14, 32],
      [32, 77],
    ]);
    expect(fromMathjs(m).toArray()).toEqual(x.toArray());
    expect(fromMathjs(toMathjs(tensor([1, 2]), math)).shape).toEqual([2]);
  });

  it('take any structural { matrix(data) } factory', () => {
    const seen: unknown[] = [];
    const result = toMathjs(tensor([[1]]), { matrix: (data) => seen.push(data) });
    expect(result).toBe(1);
    expect(seen).toEqual([[[1]]]);
  });

  it('keep the shape of empty matrices from size()', () => {
    expect(fromMathjs(math.zeros(0, 3) as math.Matrix).shape).toEqual([0, 3]);
    expect(fromMathjs(math.matrix([])).shape).toEqual([0]);
  });

  it('accept nested arrays, numbers, and objects with size() and valueOf() only', () => {
    expect(fromMathjs([[1], [2]]).shape).toEqual([2, 1]);
    expect(fromMathjs(3).item()).toBe(3);
    const structural = { size: () => [2], valueOf: () => [7, 8] };
    expect(fromMathjs(structural).toArray()).toEqual([7, 8]);
  });

  it('copy, so later changes do not leak either way', () => {
    const m = math.matrix([1, 2]);
    const t = fromMathjs(m);
    t.data[0] = 99;
    expect(m.get([0])).toBe(1);
  });

  it('reject non-numbers, ragged arrays and 0-D tensors with a clear message', () => {
    expect(() => fromMathjs(math.matrix([math.bignumber(1)]) as never)).toThrow('fromMathjs: entry [0] is object, expected a number');
    expect(() => fromMathjs([[1, 2], [3]])).toThrow('fromMathjs: ragged array at [1]: expected length 2, got length 1');
    expect(() => toMathjs(tensor(1), math)).toThrow('toMathjs: (): a mathjs matrix needs at least one dimension');
    expect(() => toMathjs(zeros(1), math)).not.toThrow();
  });
});
