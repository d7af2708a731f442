import { describe, expect, it } from 'vitest';
import { tensor, zeros } from './create';

describe('Tensor.item', () => {
  it('returns the only element of any one-element shape', () => {
    expect(tensor(4).item()).toBe(4);
    expect(tensor([[2.5]]).item()).toBe(2.5);
  });

  it('throws ShapeError with the element count otherwise', () => {
    expect(() => zeros(2, 3).item()).toThrow('item: (2, 3): tensor must have exactly 1 element, got 6');
    expect(() => zeros(0).item()).toThrow('item: (0,): tensor must have exactly 1 element, got 0');
  });
});
