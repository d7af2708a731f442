import { formatShape, ShapeError, type Tensor } from '@lab/tensor';
import type { Param } from './layer';

/**
 * The body of a layer's `bindParams(values, grads)`: checks the given tensors against the layer's
 * `params()` (one value and one grad per param, in order, each of that param's shape) and copies
 * the current values and grads into them, so the layer can then keep them as its own.
 * @param op - the method named in errors, e.g. `Linear.bindParams`
 * @throws ShapeError `<op>: needs 2 values and grads, got 1 and 2`, or
 *   `<op>: (shape): values[i] must have the shape of param <name>, (…)`
 */
export function copyIntoBinding(op: string, params: readonly Param[], values: readonly Tensor[], grads: readonly Tensor[]): void {
  if (values.length !== params.length || grads.length !== params.length) {
    throw new ShapeError(op, [], `needs ${params.length} values and grads, got ${values.length} and ${grads.length}`);
  }
  params.forEach((p, i) => {
    for (const [what, t] of [
      ['values', values[i]],
      ['grads', grads[i]],
    ] as const) {
      const same = t.shape.length === p.value.shape.length && t.shape.every((d, k) => d === p.value.shape[k]);
      if (!same) throw new ShapeError(op, [t.shape], `${what}[${i}] must have the shape of param ${p.name}, ${formatShape(p.value.shape)}`);
    }
  });
  params.forEach((p, i) => {
    values[i].data.set(p.value.data);
    grads[i].data.set(p.grad.data);
  });
}
