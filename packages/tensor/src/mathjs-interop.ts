import { LabError, ShapeError } from './errors';
import { type NestedArray, shapeSize, Tensor } from './tensor';

/**
 * The part of a mathjs instance that {@link toMathjs} uses: pass `math` from
 * `import * as math from 'mathjs'` (or `create(all)`). Structural, so this package needs
 * no mathjs at run time or in its type declarations.
 */
export interface MathjsMatrixFactory<M = unknown> {
  matrix(data: number[][] | number[]): M;
}

/**
 * What {@link fromMathjs} accepts: a mathjs `Matrix` (anything with `size()` and
 * `toArray()` or `valueOf()`), a nested array of numbers, or a number.
 */
export type MathjsLike = { size(): number[] | { valueOf(): number[] }; toArray?(): unknown; valueOf(): unknown } | NestedArray;

/**
 * Converts a tensor into a mathjs matrix with the same shape and values (a copy).
 * @param t - 1-D `(N,)`, 2-D `(N, M)` or more dimensions
 * @param math - the mathjs instance, or any `{ matrix(data) }`
 * @returns what `math.matrix(t.toArray())` returns: a dense mathjs Matrix of `t.shape`
 * @throws ShapeError `toMathjs: (): a mathjs matrix needs at least one dimension` for a 0-D tensor
 */
export function toMathjs<M>(t: Tensor, math: MathjsMatrixFactory<M>): M {
  if (t.shape.length === 0) throw new ShapeError('toMathjs', [t.shape], 'a mathjs matrix needs at least one dimension');
  return math.matrix(t.toArray() as number[][] | number[]);
}

function isMatrixLike(m: unknown): m is { size(): unknown; toArray?(): unknown; valueOf(): unknown } {
  return typeof m === 'object' && m !== null && !Array.isArray(m) && typeof (m as { size?: unknown }).size === 'function';
}

function inferShape(nested: unknown): number[] {
  const shape: number[] = [];
  let probe = nested;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  return shape;
}

/**
 * Converts a mathjs matrix (or a nested array, or a number) into a tensor (a copy).
 * The shape comes from `size()` when present, so empty matrices such as `(0, 3)` keep it.
 * @param m - a mathjs `Matrix` of numbers, a nested `number` array, or a number (0-D)
 * @returns a tensor of `m`'s shape
 * @throws LabError `fromMathjs: entry [1][0] is object, expected a number` for non-numbers (BigNumber,
 *   Complex, …: convert with `math.number` first) and for ragged arrays
 */
export function fromMathjs(m: MathjsLike): Tensor {
  let nested: unknown = m;
  let shape: number[];
  if (isMatrixLike(m)) {
    const size = m.size();
    shape = Array.isArray(size) ? [...size] : ([...((size as { valueOf(): number[] }).valueOf() ?? [])] as number[]);
    nested = typeof m.toArray === 'function' ? m.toArray() : m.valueOf();
  } else {
    shape = inferShape(m);
  }
  const data = new Float64Array(shapeSize(shape));
  let cursor = 0;
  const walk = (value: unknown, axis: number, path: string): void => {
    if (axis === shape.length) {
      if (typeof value !== 'number') throw new LabError(`fromMathjs: entry ${path || '[]'} is ${typeof value}, expected a number`);
      data[cursor++] = value;
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[axis]) {
      const got = Array.isArray(value) ? `length ${value.length}` : typeof value;
      throw new LabError(`fromMathjs: ragged array at ${path || '[]'}: expected length ${shape[axis]}, got ${got}`);
    }
    for (let i = 0; i < value.length; i++) walk(value[i], axis + 1, `${path}[${i}]`);
  };
  if (data.length > 0) walk(nested, 0, '');
  return new Tensor(data, shape);
}
