import { LabError } from './errors';
import { type NestedArray, shapeSize, Tensor } from './tensor';

/** A shape given as separate numbers (`zeros(2, 3)`) or as one array (`zeros([2, 3])`). */
export type ShapeArgs = number[] | [readonly number[]];

/** Normalizes {@link ShapeArgs} to a plain shape array. */
export function shapeFromArgs(args: ShapeArgs): number[] {
  return Array.isArray(args[0]) ? [...(args[0] as readonly number[])] : (args as number[]);
}

/**
 * Builds a tensor from nested arrays: `tensor([[1, 2], [3, 4]])` is `(2, 2)`; a number is 0-D.
 * @throws LabError on ragged arrays or non-numeric entries, naming the index path
 */
export function tensor(nested: NestedArray | readonly number[] | Float64Array): Tensor {
  if (nested instanceof Float64Array) return new Tensor(nested.slice(), [nested.length]);
  const shape: number[] = [];
  let probe: unknown = nested;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const data = new Float64Array(shapeSize(shape));
  let cursor = 0;
  const fill = (value: unknown, axis: number, path: string): void => {
    if (axis === shape.length) {
      if (typeof value !== 'number') throw new LabError(`tensor: entry ${path || '[]'} is ${typeof value}, expected a number`);
      data[cursor++] = value;
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[axis]) {
      const got = Array.isArray(value) ? `length ${value.length}` : typeof value;
      throw new LabError(`tensor: ragged nested array at ${path || '[]'}: expected length ${shape[axis]}, got ${got}`);
    }
    for (let i = 0; i < value.length; i++) fill(value[i], axis + 1, `${path}[${i}]`);
  };
  fill(nested, 0, '');
  return new Tensor(data, shape);
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number): Tensor {
  return new Tensor(new Float64Array(shapeSize(shape)).fill(value), shape);
}

/** A tensor of zeros: `zeros(2, 3)` or `zeros([2, 3])`. */
export function zeros(...shape: ShapeArgs): Tensor {
  const dims = shapeFromArgs(shape);
  return new Tensor(new Float64Array(shapeSize(dims)), dims);
}

/** A tensor of ones: `ones(2, 3)` or `ones([2, 3])`. */
export function ones(...shape: ShapeArgs): Tensor {
  return full(shapeFromArgs(shape), 1);
}

/** A tensor of zeros with the shape of `like`. */
export function zerosLike(like: Tensor): Tensor {
  return new Tensor(new Float64Array(like.size), like.shape);
}
