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
