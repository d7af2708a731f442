import { ShapeError } from '../errors';
import type { Tensor } from '../tensor';

/** An operand of a broadcasting op: a tensor or a plain number (a 0-D scalar). */
export type Operand = Tensor | number;

const SCALAR_SHAPE: readonly number[] = Object.freeze([]);

/** The shape of an operand; `()` for a number. */
export function operandShape(x: Operand): readonly number[] {
  return typeof x === 'number' ? SCALAR_SHAPE : x.shape;
}

/**
 * NumPy broadcasting of several shapes: align them at the last axis; per axis the sizes must
 * be equal or 1 (a missing axis counts as 1).
 * @throws ShapeError `add: (3, 4) and (5,): cannot broadcast: sizes 4 and 5 differ at axis -1 and neither is 1`
 */
export function broadcastShape(op: string, shapes: readonly (readonly number[])[], joiner = ' and '): number[] {
  let ndim = 0;
  for (const s of shapes) if (s.length > ndim) ndim = s.length;
  const result = new Array<number>(ndim);
  for (let back = 1; back <= ndim; back++) {
    let size = 1;
    for (const s of shapes) {
      const axis = s.length - back;
      if (axis < 0) continue;
      const dim = s[axis];
      if (dim === 1 || dim === size) continue;
      if (size !== 1) {
        throw new ShapeError(op, shapes, `cannot broadcast: sizes ${size} and ${dim} differ at axis -${back} and neither is 1`, joiner);
      }
      size = dim;
    }
    result[ndim - back] = size;
  }
  return result;
}

/**
 * A broadcast loop nest: the result's axes with size-1 axes dropped and neighbours merged
 * wherever every operand walks them contiguously. `strides[k][d]` is operand k's element
 * stride along merged axis `d` (0 where it is broadcast). The last axis is the inner run.
 */
export interface LoopNest {
  readonly dims: number[];
  readonly strides: number[][];
}

/** Builds the {@link LoopNest} of operands with `shapes` broadcast to `shape` (already checked). */
export function loopNest(shape: readonly number[], shapes: readonly (readonly number[])[]): LoopNest {
  const ndim = shape.length;
  const full = shapes.map((s) => {
    const strides = new Array<number>(ndim).fill(0);
    let stride = 1;
    for (let axis = s.length - 1; axis >= 0; axis--) {
      if (s[axis] !== 1) strides[ndim - s.length + axis] = stride;
      stride *= s[axis];
    }
    return strides;
  });
  const dims: number[] = [];
  const strides: number[][] = shapes.map(() => []);
  for (let axis = 0; axis < ndim; axis++) {
    const dim = shape[axis];
    if (dim === 1) continue;
    const last = dims.length - 1;
    // Merge into the previous axis when each operand's stride there is this axis' extent times its stride here.
    if (last >= 0 && full.every((s, k) => strides[k][last] === s[axis] * dim)) {
      dims[last] *= dim;
      full.forEach((s, k) => {
        strides[k][last] = s[axis];
      });
      continue;
    }
    dims.push(dim);
    full.forEach((s, k) => strides[k].push(s[axis]));
  }
  return { dims, strides };
}
