import { ConfigError, firstNonFinite, formatShape, LabError, ShapeError, type Tensor } from '@lab/tensor';

/**
 * Checks that `x` is a 2-D `(N, D)` batch and returns `[N, D]`.
 * @throws ShapeError `<op>: (shape): x must be 2-D (N, D), got k-D`
 */
export function assertBatch(op: string, name: string, x: Tensor): readonly [rows: number, cols: number] {
  if (x.shape.length !== 2) throw new ShapeError(op, [x.shape], `${name} must be 2-D (N, D), got ${x.shape.length}-D`);
  return [x.shape[0], x.shape[1]];
}

/**
 * Checks that a per-feature vector (`gamma`, `beta`, a running statistic) is `(D,)` for the batch `x`.
 * @throws ShapeError `<op>: (N, D) and (k,): x has D = … features but <name> has k entries; <name> must have shape (D,)`
 */
export function assertFeatureVector(op: string, name: string, v: Tensor, x: Tensor, d: number): void {
  if (v.shape.length === 1 && v.shape[0] === d) return;
  const got = v.shape.length === 1 ? `${v.shape[0]} entries` : `shape ${formatShape(v.shape)}`;
  throw new ShapeError(op, [x.shape, v.shape], `x has D = ${d} features but ${name} has ${got}; ${name} must have shape (${d},)`, ' and ');
}

/**
 * Checks that the upstream gradient has the shape of the forward input.
 * @throws ShapeError `<op>: (dout) and (x): dout must have the shape of the forward input x; N 3 and 4 differ`
 */
export function assertDoutShape(op: string, dout: Tensor, expected: readonly number[]): void {
  const got = dout.shape;
  if (got.length === 2 && got[0] === expected[0] && got[1] === expected[1]) return;
  let detail: string;
  if (got.length !== 2) detail = `dout is ${got.length}-D`;
  else if (got[0] !== expected[0]) detail = `N ${got[0]} and ${expected[0]} differ`;
  else detail = `D ${got[1]} and ${expected[1]} differ`;
  throw new ShapeError(op, [got, expected], `dout must have the shape of the forward input x; ${detail}`, ' and ');
}

/**
 * Throws when `t` (an `(N, D)` batch) holds a NaN or an infinity, naming the first one.
 * The kernels call it only on their slow path, after a per-feature sum came out non-finite.
 * @throws LabError `<op>: <name> (N, D): <name>[i, j] is NaN; every element must be finite`
 */
export function assertFinite(op: string, name: string, t: Tensor): void {
  const k = firstNonFinite(t.data);
  if (k < 0) return;
  const d = t.shape[t.shape.length - 1] || 1;
  const index = t.shape.length === 2 ? `${Math.floor(k / d)}, ${k % d}` : `${k}`;
  throw new LabError(`${op}: ${name} ${formatShape(t.shape)}: ${name}[${index}] is ${t.data[k]}; every element must be finite`);
}

/**
 * Checks a normalization epsilon.
 * @throws ConfigError `<op>: eps must be a finite number >= 0, got …`
 */
export function checkEps(op: string, eps: number): number {
  if (typeof eps !== 'number' || !Number.isFinite(eps) || eps < 0) {
    throw new ConfigError(`${op}: eps must be a finite number >= 0, got ${String(eps)}`);
  }
  return eps;
}

/**
 * Checks a running-average momentum.
 * @throws ConfigError `<op>: momentum must be in [0, 1], got …`
 */
export function checkMomentum(op: string, momentum: number): number {
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
    throw new ConfigError(`${op}: momentum must be in [0, 1], got ${String(momentum)}`);
  }
  return momentum;
}

/**
 * Checks a mode string coming from untyped callers (JavaScript, JSON configs).
 * @throws ConfigError `<op>: mode must be 'train' or 'test', got 'eval'`
 */
export function checkMode(op: string, mode: unknown): 'train' | 'test' {
  if (mode === 'train' || mode === 'test') return mode;
  throw new ConfigError(`${op}: mode must be 'train' or 'test', got ${typeof mode === 'string' ? `'${mode}'` : String(mode)}`);
}

/**
 * Checks an optional output buffer: the shape of `x`, and no shared memory with `x` (the
 * batch-norm cache keeps `x` for the backward pass).
 * @throws ShapeError `<op>: (out) and (x): <name> must have the shape of x; …`
 * @throws LabError when the buffer shares memory with x
 */
export function assertOutBuffer(op: string, name: string, out: Tensor, x: Tensor): void {
  const a = out.shape;
  const b = x.shape;
  if (a.length !== 2 || a[0] !== b[0] || a[1] !== b[1]) {
    throw new ShapeError(op, [a, b], `${name} must have the shape of x, (${b[0]}, ${b[1]})`, ' and ');
  }
  const o = out.data;
  const d = x.data;
  const overlap = o.buffer === d.buffer && o.byteOffset < d.byteOffset + d.byteLength && d.byteOffset < o.byteOffset + o.byteLength;
  if (overlap && out.size > 0) {
    throw new LabError(`${op}: ${name} ${formatShape(a)}: ${name} shares memory with x, which the cache keeps for backward`);
  }
}
