import { assert2d, ConfigError, formatShape, ShapeError, type Tensor } from '@lab/tensor';

/** Checks that two 2-D tensors have the same shape, naming both with their sizes. */
export function assertSame2d(op: string, a: Tensor, b: Tensor, nameA: string, nameB: string): readonly [rows: number, cols: number] {
  const [ra, ca] = assert2d(op, nameA, a);
  const [rb, cb] = assert2d(op, nameB, b);
  if (ra !== rb || ca !== cb) {
    const what = ra !== rb ? `rows ${ra} and ${rb}` : `columns ${ca} and ${cb}`;
    throw new ShapeError(op, [a.shape, b.shape], `${nameA} and ${nameB} must have the same shape: ${what} differ`, ' and ');
  }
  return [ra, ca];
}

/** Checks an optional out buffer's shape. @throws ShapeError `<op>: (shape): out must have shape (N, M)` */
export function assertOut(op: string, out: Tensor, shape: readonly number[]): void {
  let ok = out.shape.length === shape.length;
  for (let i = 0; ok && i < shape.length; i++) ok = out.shape[i] === shape[i];
  if (!ok) throw new ShapeError(op, [out.shape], `out must have shape ${formatShape(shape)}`);
}

/** @throws ConfigError `<op>: <name> must be a positive integer, got <value>` */
export function assertPositiveInteger(op: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${op}: ${name} must be a positive integer, got ${value}`);
}

/**
 * Checks the tensors given to a layer's `bindParams` against its params and copies the current
 * values and grads into them.
 * @throws ShapeError `<op>: (shape): values[i] must have the shape of param <name>, (…)`
 */
export function copyIntoBinding(
  op: string,
  params: readonly { readonly name: string; readonly value: Tensor; readonly grad: Tensor }[],
  values: readonly Tensor[],
  grads: readonly Tensor[],
): void {
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
