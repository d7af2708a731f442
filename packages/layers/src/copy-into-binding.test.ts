import { Tensor, zeros } from '@lab/tensor';
import { describe, expect, it } from 'vitest';
import { copyIntoBinding } from './copy-into-binding';

const param = (name: string, shape: number[], start: number) => {
  const size = shape.reduce((a, b) => a * b, 1);
  const value = new Tensor(
    Float64Array.from({ length: size }, (_, i) => start + i),
    shape,
  );
  const grad = new Tensor(
    Float64Array.from({ length: size }, (_, i) => -(start + i)),
    shape,
  );
  return { name, value, grad };
};

describe('copyIntoBinding', () => {
  const params = [param('W', [2, 3], 1), param('b', [2], 10)];

  it('copies every param value and grad into the bound tensors, in order', () => {
    const values = [zeros(2, 3), zeros(2)];
    const grads = [zeros(2, 3), zeros(2)];
    copyIntoBinding('My.bindParams', params, values, grads);
    expect(values.map((t) => [...t.data])).toEqual([
      [1, 2, 3, 4, 5, 6],
      [10, 11],
    ]);
    expect(grads.map((t) => [...t.data])).toEqual([
      [-1, -2, -3, -4, -5, -6],
      [-10, -11],
    ]);
  });

  it('refuses other counts or shapes, naming the method, the tensor and the param', () => {
    const grads = [zeros(2, 3), zeros(2)];
    expect(() => copyIntoBinding('My.bindParams', params, [zeros(2, 3)], grads)).toThrow(
      'My.bindParams: needs 2 values and grads, got 1 and 2',
    );
    expect(() => copyIntoBinding('My.bindParams', params, [zeros(2, 3), zeros(2, 1)], grads)).toThrow(
      'My.bindParams: (2, 1): values[1] must have the shape of param b, (2,)',
    );
    expect(() => copyIntoBinding('My.bindParams', params, grads, [zeros(3, 2), zeros(2)])).toThrow(
      'My.bindParams: (3, 2): grads[0] must have the shape of param W, (2, 3)',
    );
  });
});
