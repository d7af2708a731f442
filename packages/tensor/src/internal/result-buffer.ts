import { formatShape, ShapeError } from '../errors';
import { Tensor } from '../tensor';

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Returns `out` after checking it has `shape`, or a new zero tensor of `shape`.
 * @param op - the public op, named in the error
 * @param operands - the op's operand shapes, named in the error
 * @param joiner - how the operand shapes are joined in the message (`' and '`, `' @ '`)
 * @throws ShapeError `<op>: <operands>: out must have shape (2, 3), got (3, 2)`
 */
export function resultBuffer(
  op: string,
  operands: readonly (readonly number[])[],
  shape: readonly number[],
  out: Tensor | undefined,
  joiner = ' and ',
): Tensor {
  if (out === undefined) {
    let size = 1;
    for (const dim of shape) size *= dim;
    return new Tensor(new Float64Array(size), shape);
  }
  if (!sameShape(out.shape, shape)) {
    throw new ShapeError(op, operands, `out must have shape ${formatShape(shape)}, got ${formatShape(out.shape)}`, joiner);
  }
  return out;
}

export { sameShape };
