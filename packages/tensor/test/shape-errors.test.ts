import { describe, expect, it } from 'vitest';
import {
  add,
  argmax,
  argmin,
  div,
  equal,
  exp,
  greater,
  greaterEqual,
  less,
  lessEqual,
  log,
  map,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  notEqual,
  scale,
  sqrt,
  std,
  sub,
  sum,
  transpose,
  variance,
  where,
  zeros,
} from '../src/index';

/**
 * Every public op with an `out` buffer rejects one of the wrong shape with the op's name, the
 * operand shapes and both the expected and the actual shape; every broadcasting op rejects
 * shapes that cannot broadcast. (The other ShapeError paths are tested beside each op.)
 */

const x = zeros(2, 3);
const wrong = zeros(3, 2);

describe('ShapeError for a wrong out buffer, op by op', () => {
  const binary = { add, sub, mul, div, maximum, minimum, greater, greaterEqual, less, lessEqual, equal, notEqual };
  for (const [name, op] of Object.entries(binary)) {
    it(`${name}`, () => {
      expect(() => op(x, zeros(3), wrong)).toThrow(`${name}: (2, 3) and (3,): out must have shape (2, 3), got (3, 2)`);
      expect(() => op(x, zeros(2), wrong)).toThrow(
        `${name}: (2, 3) and (2,): cannot broadcast: sizes 3 and 2 differ at axis -1 and neither is 1`,
      );
    });
  }

  for (const [name, op] of Object.entries({ exp, log, sqrt })) {
    it(`${name}`, () => {
      expect(() => op(x, wrong)).toThrow(`${name}: (2, 3): out must have shape (2, 3), got (3, 2)`);
    });
  }

  it('scale, map, where, transpose, matmul', () => {
    expect(() => scale(x, 2, wrong)).toThrow('scale: (2, 3): out must have shape (2, 3), got (3, 2)');
    expect(() => map(x, (v) => v, wrong)).toThrow('map: (2, 3): out must have shape (2, 3), got (3, 2)');
    expect(() => where(x, 1, 0, wrong)).toThrow('where: (2, 3) and () and (): out must have shape (2, 3), got (3, 2)');
    expect(() => transpose(x, x.clone())).toThrow('transpose: (2, 3): out must have shape (3, 2), got (2, 3)');
    expect(() => matmul(x, wrong, {}, wrong)).toThrow('matmul: (2, 3) @ (3, 2): out must have shape (2, 2), got (3, 2)');
  });

  const reductions = { sum, mean, variance, std, max, min, argmax, argmin };
  for (const [name, op] of Object.entries(reductions)) {
    it(`${name}`, () => {
      expect(() => op(x, { axis: 1 }, zeros(3))).toThrow(`${name}: (2, 3): out must have shape (2,), got (3,)`);
      expect(() => op(x, { axis: 0, keepDims: true }, zeros(3))).toThrow(`${name}: (2, 3): out must have shape (1, 3), got (3,)`);
      expect(() => op(x, { axis: -3 })).toThrow(`${name}: (2, 3): axis -3 is out of range for 2-D`);
    });
  }
});
