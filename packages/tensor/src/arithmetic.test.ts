import { describe, expect, it } from 'vitest';
import { add, div, maximum, minimum, mul, sub } from './arithmetic';
import { ones, tensor, zeros } from './create';

const x = tensor([
  [1, 2, 3],
  [4, 5, 6],
]); // (2, 3)

describe('add, sub, mul, div', () => {
  it('work element-wise on equal shapes', () => {
    const y = tensor([
      [6, 5, 4],
      [3, 2, 1],
    ]);
    expect(add(x, y).toArray()).toEqual([
      [7, 7, 7],
      [7, 7, 7],
    ]);
    expect(sub(x, y).toArray()).toEqual([
      [-5, -3, -1],
      [1, 3, 5],
    ]);
    expect(mul(x, y).toArray()).toEqual([
      [6, 10, 12],
      [12, 10, 6],
    ]);
    expect(div(x, y).toArray()).toEqual([
      [1 / 6, 2 / 5, 3 / 4],
      [4 / 3, 5 / 2, 6],
    ]);
  });

  it('broadcast a row vector (M,) or (1, M) over (N, M)', () => {
    const expected = [
      [11, 22, 33],
      [14, 25, 36],
    ];
    expect(add(x, tensor([10, 20, 30])).toArray()).toEqual(expected);
    expect(add(x, tensor([[10, 20, 30]])).toArray()).toEqual(expected);
    expect(add(tensor([10, 20, 30]), x).toArray()).toEqual(expected);
  });

  it('broadcast a column vector (N, 1) over (N, M), and (N, 1) against (1, M) to (N, M)', () => {
    expect(sub(x, tensor([[1], [4]])).toArray()).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
    expect(mul(tensor([[1], [2]]), tensor([[1, 10, 100]])).toArray()).toEqual([
      [1, 10, 100],
      [2, 20, 200],
    ]);
  });

  it('accept numbers on either side', () => {
    expect(div(x, 2).toArray()).toEqual([
      [0.5, 1, 1.5],
      [2, 2.5, 3],
    ]);
    expect(sub(1, x).toArray()).toEqual([
      [0, -1, -2],
      [-3, -4, -5],
    ]);
    const scalar = add(2, 3);
    expect(scalar.shape).toEqual([]);
    expect(scalar.item()).toBe(5);
  });

  it('broadcast over N-D shapes and keep empty dimensions', () => {
    const a = ones(2, 1, 3);
    const b = tensor([[1], [2], [3], [4]]); // (4, 1)
    const c = add(a, b);
    expect(c.shape).toEqual([2, 4, 3]);
    expect(c.toArray()).toEqual([0, 1].map(() => [2, 3, 4, 5].map((v) => [v, v, v])));
    expect(add(zeros(0, 3), tensor([1, 2, 3])).shape).toEqual([0, 3]);
    expect(add(zeros(2, 1), zeros(0)).shape).toEqual([2, 0]);
  });

  it('write into out, which may be an operand (in-place update)', () => {
    const acc = tensor([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(add(acc, x, acc)).toBe(acc);
    expect(acc.toArray()).toEqual([
      [2, 3, 4],
      [5, 6, 7],
    ]);
    const out = zeros(2, 3);
    expect(mul(x, tensor([[2], [3]]), out)).toBe(out);
    expect(out.toArray()).toEqual([
      [2, 4, 6],
      [12, 15, 18],
    ]);
  });

  it('throw ShapeError naming the op and both shapes when they cannot broadcast', () => {
    expect(() => add(zeros(3, 4), zeros(5))).toThrow(
      'add: (3, 4) and (5,): cannot broadcast: sizes 4 and 5 differ at axis -1 and neither is 1',
    );
    expect(() => sub(zeros(3, 4), zeros(2, 1))).toThrow(
      'sub: (3, 4) and (2, 1): cannot broadcast: sizes 3 and 2 differ at axis -2 and neither is 1',
    );
    expect(() => mul(zeros(2, 3), zeros(3, 2))).toThrow('mul: (2, 3) and (3, 2): cannot broadcast: sizes 3 and 2 differ at axis -1');
    expect(() => div(zeros(0, 3), zeros(2, 3))).toThrow('div: (0, 3) and (2, 3): cannot broadcast: sizes 0 and 2 differ at axis -2');
  });

  it('throw ShapeError when out does not have the broadcast shape', () => {
    expect(() => add(x, 1, zeros(3, 2))).toThrow('add: (2, 3) and (): out must have shape (2, 3), got (3, 2)');
    expect(() => add(x, tensor([1, 2, 3]), zeros(3))).toThrow('add: (2, 3) and (3,): out must have shape (2, 3), got (3,)');
  });
});

describe('maximum, minimum', () => {
  it('pick the larger / smaller element with broadcasting; maximum(x, 0) is ReLU', () => {
    const z = tensor([[-1, 0.5, -0.25, 2]]);
    expect(maximum(z, 0).toArray()).toEqual([[0, 0.5, 0, 2]]);
    expect(minimum(z, tensor([0, 0, 0, 1])).toArray()).toEqual([[-1, 0, -0.25, 1]]);
  });

  it('propagate NaN like NumPy', () => {
    expect(maximum(tensor([Number.NaN, 1]), 0).toArray()).toEqual([Number.NaN, 1]);
    expect(minimum(0, tensor([1, Number.NaN])).toArray()).toEqual([0, Number.NaN]);
  });

  it('throw ShapeError on shapes that cannot broadcast', () => {
    expect(() => maximum(zeros(2, 2), zeros(3))).toThrow('maximum: (2, 2) and (3,): cannot broadcast');
    expect(() => minimum(zeros(2, 2), zeros(3))).toThrow('minimum: (2, 2) and (3,): cannot broadcast');
  });
});
