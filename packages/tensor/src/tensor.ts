import { formatShape, LabError, ShapeError } from './errors';

const TENSOR_BRAND = Symbol.for('@lab/tensor');

/** Nested arrays of numbers, as `toArray()` returns and `tensor()` accepts. */
export type NestedArray = number | NestedArray[];

/** Number of elements of a shape (1 for a scalar shape `()`). */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

function assertValidShape(op: string, shape: readonly number[]): void {
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) {
      throw new LabError(`${op}: shape ${formatShape(shape)}: every dimension must be a non-negative integer, got ${dim}`);
    }
  }
}

/**
 * A dense row-major float64 array with a shape. Ops return new tensors unless given
 * an `out` buffer; `data` is exposed so kernels can loop over it directly.
 */
export class Tensor {
  /** Dimensions, outermost first: `(N, D)` is `[N, D]`. */
  readonly shape: readonly number[];
  /** The elements in row-major (C) order; `data.length === size`. */
  readonly data: Float64Array;
  readonly [TENSOR_BRAND] = true;

  /**
   * Wraps `data` (not copied) with `shape`.
   * @throws LabError when the shape has a negative or fractional dimension, or its size is not `data.length`
   */
  constructor(data: Float64Array, shape: readonly number[]) {
    assertValidShape('Tensor', shape);
    const size = shapeSize(shape);
    if (size !== data.length) {
      throw new ShapeError('Tensor', [shape], `shape holds ${size} elements but data has ${data.length}`);
    }
    this.shape = Object.freeze([...shape]);
    this.data = data;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Rows of a 2-D tensor (the first dimension). */
  get rows(): number {
    return this.shape[0];
  }

  /** Columns of a 2-D tensor (the last dimension). */
  get cols(): number {
    return this.shape[this.shape.length - 1];
  }

  /** The elements as nested arrays of the tensor's shape (a number for a 0-D tensor). */
  toArray(): NestedArray {
    if (this.shape.length === 0) return this.data[0];
    return nest(this.data, this.shape, 0, 0);
  }

  /**
   * The only element of a one-element tensor (any shape of size 1, e.g. the `()` result of `sum(x)`).
   * @throws ShapeError `item: (2, 3): tensor must have exactly 1 element, got 6`
   */
  item(): number {
    if (this.data.length !== 1) {
      throw new ShapeError('item', [this.shape], `tensor must have exactly 1 element, got ${this.data.length}`);
    }
    return this.data[0];
  }

  /** A deep copy: same shape, new buffer. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /**
   * The same elements under another shape. Shares `data` with this tensor (like NumPy's
   * view); `clone()` first for an independent copy. One dimension may be -1 (inferred).
   * @throws ShapeError when the sizes differ
   */
  reshape(...shape: number[]): Tensor {
    const inferred = shape.indexOf(-1);
    if (inferred >= 0) {
      const known = shapeSize(shape.filter((_, i) => i !== inferred));
      const resolved = [...shape];
      resolved[inferred] = known === 0 ? 0 : this.size / known;
      if (!Number.isInteger(resolved[inferred])) {
        throw new ShapeError('reshape', [this.shape, shape], `cannot infer -1: ${this.size} is not a multiple of ${known}`, ' to ');
      }
      shape = resolved;
    }
    assertValidShape('reshape', shape);
    if (shapeSize(shape) !== this.size) {
      throw new ShapeError('reshape', [this.shape, shape], `sizes ${this.size} and ${shapeSize(shape)} differ`, ' to ');
    }
    return new Tensor(this.data, shape);
  }

  /** A readable summary, e.g. `Tensor(2, 3) [[1, 2, 3], [4, 5, 6]]`. */
  toString(): string {
    return `Tensor${formatShape(this.shape)} ${JSON.stringify(this.toArray())}`;
  }
}

function nest(data: Float64Array, shape: readonly number[], axis: number, offset: number): NestedArray[] {
  const length = shape[axis];
  if (axis === shape.length - 1) return Array.from(data.subarray(offset, offset + length));
  const stride = shapeSize(shape.slice(axis + 1));
  const rows: NestedArray[] = [];
  for (let i = 0; i < length; i++) rows.push(nest(data, shape, axis + 1, offset + i * stride));
  return rows;
}

/** True when `value` is a lab tensor from any copy of this package (checked by brand, not `instanceof`). */
export function isTensor(value: unknown): value is Tensor {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TENSOR_BRAND] === true;
}
