import { describe, expect, it } from 'vitest';
import { GRADIENT_REL_ERROR } from '../test/tolerances';
import { mul, sub } from './arithmetic';
import { tensor, zeros } from './create';
import { numericGradient, relError } from './gradient-check';
import { matmul } from './matmul';
import { RandomState } from './random-state';
import type { Tensor } from './tensor';

describe('numericGradient', () => {
  it('matches the hand-derived gradient of f(x) = x³ (d/dx sum(x³·dout) = 3x²·dout)', () => {
    const x = tensor([
      [0.5, -1.25],
      [2, 0.1],
    ]);
    const dout = tensor([
      [1, -2],
      [0.5, 3],
    ]);
    const cube = (v: Tensor) => mul(mul(v, v), v);
    const numeric = numericGradient(cube, x, dout);
    const analytic = mul(mul(mul(x, x), 3), dout);
    expect(relError(numeric, analytic)).toBeLessThan(GRADIENT_REL_ERROR);
  });

  it('matches the gradient of an affine map, dw = xᵀ·dout', () => {
    const rng = new RandomState(1);
    const x = rng.randn(5, 3);
    const w = rng.randn(3, 4);
    const dout = rng.randn(5, 4);
    const numeric = numericGradient((v) => matmul(x, v), w, dout);
    expect(relError(numeric, matmul(x, dout, { transposeA: true }))).toBeLessThan(GRADIENT_REL_ERROR);
  });

  it('restores x exactly, also when f reuses one out buffer', () => {
    const x = tensor([1.5, -2, 3]);
    const before = x.data.slice();
    const out = zeros(3);
    const grad = numericGradient((v) => sub(mul(v, v), v, out), x, tensor([1, 1, 1]));
    expect(x.data).toEqual(before);
    expect(relError(grad, tensor([2, -5, 5]))).toBeLessThan(GRADIENT_REL_ERROR);
  });

  it('restores x when f throws', () => {
    const x = tensor([1, 2]);
    expect(() =>
      numericGradient(
        () => {
          throw new Error('boom');
        },
        x,
        zeros(1),
      ),
    ).toThrow('boom');
    expect(x.toArray()).toEqual([1, 2]);
  });

  it('throws ShapeError when dout does not have the shape of f(x)', () => {
    expect(() => numericGradient((v) => v, zeros(2, 3), zeros(3, 2))).toThrow(
      'numericGradient: (2, 3) and (3, 2): f(x) and dout must have the same shape',
    );
  });
});

describe('relError', () => {
  it('is the maximum over elements of |a − b| / max(1e-8, |a| + |b|)', () => {
    const a = tensor([1, 0, 2, 0]);
    const b = tensor([1, 1e-9, 1, 0]);
    // Elements: 0, 1e-9 / 1e-8 = 0.1, 1 / 3, 0 / 1e-8 = 0.
    expect(relError(a, b)).toBe(1 / 3);
    expect(relError(tensor([0]), tensor([1e-9]))).toBeCloseTo(0.1, 15);
  });

  it('is 0 for empty tensors and NaN when an element is NaN', () => {
    expect(relError(zeros(0), zeros(0))).toBe(0);
    expect(relError(tensor([Number.NaN, 1]), tensor([1, 2]))).toBeNaN();
    expect(relError(tensor([1, Number.NaN]), tensor([2, 1]))).toBeNaN();
  });

  it('throws ShapeError when the shapes differ', () => {
    expect(() => relError(zeros(2, 3), zeros(3, 2))).toThrow('relError: (2, 3) and (3, 2): a and b must have the same shape');
  });
});
