import { ShapeError } from './errors';
import type { Tensor } from './tensor';

/**
 * Checks `t.shape` against `expected`, where `null` matches any size in that dimension.
 * @param op - the public function doing the check, named in the error
 * @param name - the argument's name, e.g. `gamma`
 * @throws ShapeError `<op>: <name> (got): expected (expected)`
 */
export function assertShape(op: string, name: string, t: Tensor, expected: readonly (number | null)[]): void {
  const shape = t.shape;
  let ok = shape.length === expected.length;
  for (let i = 0; ok && i < shape.length; i++) ok = expected[i] === null || expected[i] === shape[i];
  if (!ok) {
    const want = `(${expected.map((d) => (d === null ? '*' : d)).join(', ')}${expected.length === 1 ? ',' : ''})`;
    throw new ShapeError(op, [shape], `${name} must have shape ${want}`);
  }
}

/**
 * Checks that two tensors have identical shapes.
 * @throws ShapeError `<op>: (a) and (b): <nameA> and <nameB> must have the same shape`
 */
export function assertSameShape(op: string, a: Tensor, b: Tensor, nameA = 'a', nameB = 'b'): void {
  const sa = a.shape;
  const sb = b.shape;
  let same = sa.length === sb.length;
  for (let i = 0; same && i < sa.length; i++) same = sa[i] === sb[i];
  if (!same) throw new ShapeError(op, [sa, sb], `${nameA} and ${nameB} must have the same shape`, ' and ');
}

/**
 * Checks that `t` is 2-D and returns its `[rows, cols]`.
 * @throws ShapeError `<op>: (shape): <name> must be 2-D, got N-D`
 */
export function assert2d(op: string, name: string, t: Tensor): readonly [rows: number, cols: number] {
  if (t.shape.length !== 2) throw new ShapeError(op, [t.shape], `${name} must be 2-D, got ${t.shape.length}-D`);
  return [t.shape[0], t.shape[1]];
}
