import { describe, expect, it } from 'vitest';
import { tensor, zeros } from './create';
import { exp, log, map, scale, sqrt } from './unary';

describe('exp, log, sqrt, scale, map', () => {
  const x = tensor([
    [0, 1],
    [4, 9],
  ]);

  it('apply the function to every element', () => {
    expect(exp(x).toArray()).toEqual([
      [1, Math.E],
      [Math.exp(4), Math.exp(9)],
    ]);
    expect(log(x).toArray()).toEqual([
      [Number.NEGATIVE_INFINITY, 0],
      [Math.log(4), Math.log(9)],
    ]);
    expect(sqrt(x).toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(scale(x, -0.5).toArray()).toEqual([
      [-0, -0.5],
      [-2, -4.5],
    ]);
    expect(map(x, (v, i) => v + 10 * i).toArray()).toEqual([
      [0, 11],
      [24, 39],
    ]);
  });

  it('write into out, which may be the input itself', () => {
    const y = x.clone();
    expect(sqrt(y, y)).toBe(y);
    expect(y.toArray()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    const out = zeros(2, 2);
    expect(scale(x, 2, out)).toBe(out);
    expect(out.data[3]).toBe(18);
  });

  it('keep 0-D and empty shapes', () => {
    expect(exp(tensor(0)).item()).toBe(1);
    expect(log(zeros(0, 2)).shape).toEqual([0, 2]);
  });

  it('throw ShapeError when out has another shape', () => {
    expect(() => exp(x, zeros(4))).toThrow('exp: (2, 2): out must have shape (2, 2), got (4,)');
    expect(() => log(x, zeros(4))).toThrow('log: (2, 2): out must have shape (2, 2), got (4,)');
    expect(() => sqrt(x, zeros(4))).toThrow('sqrt: (2, 2): out must have shape (2, 2), got (4,)');
    expect(() => scale(x, 2, zeros(4))).toThrow('scale: (2, 2): out must have shape (2, 2), got (4,)');
    expect(() => map(x, (v) => v, zeros(2, 3))).toThrow('map: (2, 2): out must have shape (2, 2), got (2, 3)');
  });
});
