import { describe, expect, it } from 'vitest';
import { greater } from './compare';
import { tensor, zeros } from './create';
import { where } from './where';

describe('where', () => {
  it('picks a where cond is non-zero (NaN counts as true) and b elsewhere', () => {
    const cond = tensor([1, 0, Number.NaN, -2]);
    expect(where(cond, tensor([1, 2, 3, 4]), tensor([-1, -2, -3, -4])).toArray()).toEqual([1, -2, 3, 4]);
  });

  it('broadcasts all three operands, numbers included (ReLU backward)', () => {
    const z = tensor([
      [-1, 2],
      [3, -4],
    ]);
    const dout = tensor([
      [10, 20],
      [30, 40],
    ]);
    expect(where(greater(z, 0), dout, 0).toArray()).toEqual([
      [0, 20],
      [30, 0],
    ]);
    expect(where(tensor([[1], [0]]), tensor([7, 8]), -1).toArray()).toEqual([
      [7, 8],
      [-1, -1],
    ]);
    expect(where(tensor([1, 0]), 5, 6).toArray()).toEqual([5, 6]);
  });

  it('writes into out', () => {
    const out = zeros(3);
    expect(where(tensor([0, 1, 0]), 1, 2, out)).toBe(out);
    expect(out.toArray()).toEqual([2, 1, 2]);
  });

  it('throws ShapeError naming all three shapes', () => {
    expect(() => where(zeros(2, 3), zeros(4), 0)).toThrow(
      'where: (2, 3) and (4,) and (): cannot broadcast: sizes 3 and 4 differ at axis -1 and neither is 1',
    );
    expect(() => where(zeros(2), 1, 0, zeros(2, 2))).toThrow('where: (2,) and () and (): out must have shape (2,), got (2, 2)');
  });
});
