import fc from 'fast-check';
import { all, create, type Matrix } from 'mathjs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { setBackend } from '../src/backend';
import {
  add,
  argmax,
  div,
  fromMathjs,
  matmul,
  max,
  maximum,
  mean,
  minimum,
  mul,
  type ReduceOptions,
  std,
  sub,
  sum,
  Tensor,
  toMathjs,
  transpose,
  variance,
} from '../src/index';
import { expectClose } from './close';
import { MATHJS_ELEMENTWISE_ABS, MATHJS_MATMUL_REL, MATHJS_SUM_REL } from './tolerances';

/**
 * Property tests of @lab/tensor against mathjs as an independent implementation, on random
 * shapes that favour the edges: dimensions 0 and 1 are drawn as often as 2 … 7.
 */

const RUNS = { numRuns: 300 };
/**
 * mathjs compares numbers with a relative tolerance (`larger(1, 1 + 1e-13)` is false), which
 * makes its `max` pick the wrong one of two nearly equal values; this instance compares exactly.
 */
const math = create(all, { relTol: 1e-300, absTol: 0 });
const toM = (t: Tensor) => toMathjs(t, math) as Matrix;
const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));
const dim = fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 2, max: 7 }));
const value = fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true });

function tensorOf(shape: readonly number[]): fc.Arbitrary<Tensor> {
  const size = shape.reduce((a, b) => a * b, 1);
  return fc.array(value, { minLength: size, maxLength: size }).map((values) => new Tensor(Float64Array.from(values), shape));
}
const matrix = (rows: fc.Arbitrary<number>, cols: fc.Arbitrary<number>) => fc.tuple(rows, cols).chain(([r, c]) => tensorOf([r, c]));

/** mathjs cannot hold a (0, M) or (N, 0) matrix, so those are compared with plain loops. */
const nonEmpty = (t: Tensor) => t.size > 0;
const flat = (m: unknown) => Float64Array.from((math.flatten(m as Matrix) as Matrix).valueOf() as number[]);
const absolute = (t: Tensor) => t.data.map(Math.abs);

describe.each(['wasm', 'js'] as const)('matmul (%s backend) against mathjs.multiply', (backend) => {
  beforeEach(() => setBackend(backend));
  afterAll(() => setBackend('wasm'));

  const operands = fc
    .tuple(dim, dim, dim)
    .chain(([n, k, m]) => fc.tuple(tensorOf([n, k]), tensorOf([k, m])))
    .map(([a, b]) => ({ a, b }));

  for (const [transposeA, transposeB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ]) {
    it(`agrees with transposeA=${transposeA}, transposeB=${transposeB}`, () => {
      fc.assert(
        fc.property(operands, ({ a, b }) => {
          const left = transposeA ? transpose(a) : a;
          const right = transposeB ? transpose(b) : b;
          const product = matmul(left, right, { transposeA, transposeB });
          const [n, k] = a.shape;
          const m = b.shape[1];
          expect(product.shape).toEqual([n, m]);
          if (n === 0 || m === 0) return;
          if (k === 0) {
            expect(Array.from(product.data)).toEqual(new Array(n * m).fill(0));
            return;
          }
          const expected = flat(math.multiply(toM(a), toM(b)));
          const absProducts = flat(math.multiply(toM(new Tensor(absolute(a), a.shape)), toM(new Tensor(absolute(b), b.shape))));
          expectClose(product.data, expected, absProducts, MATHJS_MATMUL_REL);
        }),
        RUNS,
      );
    });
  }
});

describe('broadcasting against mathjs', () => {
  // Partners of an (N, M) tensor: itself, (M,), (1, M), (N, 1), (1, 1), a number.
  const pair = fc
    .tuple(dim, dim)
    .chain(([n, m]) =>
      fc.tuple(
        tensorOf([n, m]),
        fc.oneof(tensorOf([n, m]), tensorOf([m]), tensorOf([1, m]), tensorOf([n, 1]), tensorOf([1, 1]), value),
        fc.boolean(),
      ),
    );
  const ops = [
    ['add', add, math.add],
    ['sub', sub, math.subtract],
    ['mul', mul, math.dotMultiply],
    ['div', div, math.dotDivide],
  ] as const;

  for (const [name, op, mathOp] of ops) {
    it(`${name} agrees element for element, in both argument orders`, () => {
      fc.assert(
        fc.property(pair, ([big, small, swap]) => {
          const [a, b] = swap ? [small, big] : [big, small];
          const result = op(a, b);
          expect(result.shape).toEqual(big.shape);
          if (!nonEmpty(big)) return;
          const operand = (x: Tensor | number) => (typeof x === 'number' ? x : toM(x));
          const expected = flat((mathOp as (x: unknown, y: unknown) => unknown)(operand(a), operand(b)));
          for (let i = 0; i < expected.length; i++) {
            const same = Object.is(result.data[i], expected[i]) || Math.abs(result.data[i] - expected[i]) <= MATHJS_ELEMENTWISE_ABS;
            if (!same) expect.fail(`${name}: element ${i}: ${result.data[i]} vs mathjs ${expected[i]}`);
          }
        }),
        RUNS,
      );
    });
  }

  it('maximum and minimum agree with mathjs.max / mathjs.min of each broadcast pair', () => {
    fc.assert(
      fc.property(pair, ([big, small]) => {
        const hi = maximum(big, small);
        const lo = minimum(big, small);
        const smallM = typeof small === 'number' ? null : fromMathjs(toM(small));
        const [n, m] = big.shape;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < m; j++) {
            let s: number;
            if (smallM === null) s = small as number;
            else if (smallM.shape.length === 1) s = smallM.data[j];
            else s = smallM.data[(smallM.shape[0] === 1 ? 0 : i) * smallM.shape[1] + (smallM.shape[1] === 1 ? 0 : j)];
            const x = big.data[i * m + j];
            expect(same(hi.data[i * m + j], math.max(x, s))).toBe(true);
            expect(same(lo.data[i * m + j], math.min(x, s))).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('reductions against mathjs', () => {
  const cases = matrix(dim, dim).chain((x) =>
    fc.tuple(fc.constant(x), fc.constantFrom<ReduceOptions | undefined>(undefined, { axis: 0 }, { axis: 1 }, { axis: -1, keepDims: true })),
  );
  const reference = (x: Tensor, options: ReduceOptions | undefined, f: (m: Matrix, dim?: number) => unknown) => {
    const m = toMathjs(x, math) as Matrix;
    if (options?.axis === undefined) return Float64Array.of(f(m) as number);
    return flat(f(m, options.axis < 0 ? options.axis + 2 : options.axis));
  };
  const reducedLength = (x: Tensor, options: ReduceOptions | undefined) =>
    options?.axis === undefined ? x.size : x.shape[options.axis < 0 ? options.axis + 2 : options.axis];
  /** NumPy's result shape: drop the reduced axis (all axes without one), or keep it as 1 with keepDims. */
  const expectedShape = (shape: readonly number[], options: ReduceOptions | undefined) => {
    const axis = options?.axis === undefined ? undefined : (options.axis + shape.length) % shape.length;
    if (options?.keepDims) return shape.map((d, a) => (axis === undefined || a === axis ? 1 : d));
    return axis === undefined ? [] : shape.filter((_, a) => a !== axis);
  };
  /** Sum of |x| over the same groups: the scale of the rounding error of a sum. */
  const magnitude = (x: Tensor, options: ReduceOptions | undefined) => sum(new Tensor(absolute(x), x.shape), options).data;

  it('sum, mean, variance and std agree within rounding and have NumPy shapes', () => {
    fc.assert(
      fc.property(cases, ([x, options]) => {
        const s = sum(x, options);
        expect(s.shape).toEqual(expectedShape(x.shape, options));
        if (!nonEmpty(x) || reducedLength(x, options) === 0) return;
        const scale = magnitude(x, options);
        const n = reducedLength(x, options);
        expectClose(
          s.data,
          reference(x, options, (m, d) => (d === undefined ? math.sum(m) : math.sum(m, d))),
          scale,
          MATHJS_SUM_REL,
        );
        const meanScale = scale.map((v) => v / n);
        expectClose(
          mean(x, options).data,
          reference(x, options, (m, d) => (d === undefined ? math.mean(m) : math.mean(m, d))),
          meanScale,
          MATHJS_SUM_REL,
        );
        const squares = sum(mul(x, x), options).data.map((v) => v / n);
        const varianceRef = reference(x, options, (m, d) =>
          d === undefined ? math.variance(m, 'uncorrected') : math.variance(m, d, 'uncorrected'),
        );
        expectClose(variance(x, options).data, varianceRef, squares, MATHJS_SUM_REL);
        const stdRef = reference(x, options, (m, d) => (d === undefined ? math.std(m, 'uncorrected') : math.std(m, d, 'uncorrected')));
        expectClose(std(x, options).data, stdRef, squares.map(Math.sqrt), MATHJS_SUM_REL);
      }),
      RUNS,
    );
  });

  it('max is exact and argmax points at the first maximal element', () => {
    fc.assert(
      fc.property(cases, ([x, options]) => {
        if (!nonEmpty(x)) return;
        const expected = reference(x, options, (m, d) => (d === undefined ? math.max(m) : math.max(m, d)));
        const got = max(x, options).data;
        // Equal values (===): where −0 and +0 tie for the maximum, mathjs returns the first
        // without an axis and the last with one; lab returns the first, the one argmax points at
        // (asserted with its sign below, and in src/extrema.test.ts).
        expect(got.length).toBe(expected.length);
        expect(Array.from(got).every((v, k) => v === expected[k])).toBe(true);
        const [rows, cols] = x.shape;
        const at = argmax(x, options).data;
        if (options?.axis === undefined) {
          expect(x.data[at[0]]).toBe(got[0]);
          expect(Array.from(x.data.subarray(0, at[0])).every((v) => v < expected[0])).toBe(true);
        } else if (options.axis === 0) {
          for (let j = 0; j < cols; j++) {
            expect(x.data[at[j] * cols + j]).toBe(got[j]);
            for (let i = 0; i < at[j]; i++) expect(x.data[i * cols + j]).toBeLessThan(expected[j]);
          }
        } else {
          for (let i = 0; i < rows; i++) {
            expect(x.data[i * cols + at[i]]).toBe(got[i]);
            for (let j = 0; j < at[i]; j++) expect(x.data[i * cols + j]).toBeLessThan(expected[i]);
          }
        }
      }),
      RUNS,
    );
  });
});
