import { getBackend } from './backend';
import { LabError, ShapeError } from './errors';
import { gemm, gemmPanelsLength } from './internal/kernels/gemm';
import { overlaps } from './internal/overlap';
import { resultBuffer } from './internal/result-buffer';
import { scratch } from './internal/scratch';
import { scratchArena } from './scratch-arena';
import type { Tensor } from './tensor';

/** Larger products (operands, result and panels past 256 MiB) run the JavaScript kernel on the operands in place. */
const MAX_SCRATCH_VALUES = 2 ** 25;

/** Transpose flags of {@link matmul}: multiply by `aᵀ` and/or `bᵀ` without materializing them. */
export interface MatmulOptions {
  /** Use `aᵀ`: `a` is then `(K, N)`. Default `false`. */
  readonly transposeA?: boolean;
  /** Use `bᵀ`: `b` is then `(M, K)`. Default `false`. */
  readonly transposeB?: boolean;
}

/**
 * Matrix product of two 2-D tensors, `op(a) · op(b)` where `op` transposes when its flag is set.
 * Each element is summed over the inner dimension in order from 0, bit-identical to the naive
 * triple loop, on either backend ({@link setBackend}): with `wasm` the operands are copied into
 * the scratch arena, multiplied there by the WebAssembly SIMD kernel and the product copied out;
 * with `js` the JavaScript kernel runs on them in place.
 * @param a - `(N, K)`, or `(K, N)` with `transposeA`
 * @param b - `(K, M)`, or `(M, K)` with `transposeB`
 * @param options - `{ transposeA?, transposeB? }`
 * @param out - optional `(N, M)` buffer, overwritten; must not share memory with `a` or `b`
 * @returns `(N, M)`: `out` when given, else a new tensor
 * @throws ShapeError when an operand is not 2-D (`matmul: (3,) @ (3, 2): a must be 2-D, got 1-D`),
 *   the inner dimensions differ (`matmul: (3, 4) @ (5, 2): inner dimensions 4 and 5 differ`),
 *   or `out` is not `(N, M)`
 * @throws LabError when `out` shares its buffer with `a` or `b`
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}, out?: Tensor): Tensor {
  const transposeA = options.transposeA === true;
  const transposeB = options.transposeB === true;
  if (a.shape.length !== 2) throw new ShapeError('matmul', [a.shape, b.shape], `a must be 2-D, got ${a.shape.length}-D`, ' @ ');
  if (b.shape.length !== 2) throw new ShapeError('matmul', [a.shape, b.shape], `b must be 2-D, got ${b.shape.length}-D`, ' @ ');
  const n = transposeA ? a.shape[1] : a.shape[0];
  const k = transposeA ? a.shape[0] : a.shape[1];
  const kb = transposeB ? b.shape[1] : b.shape[0];
  const m = transposeB ? b.shape[0] : b.shape[1];
  if (k !== kb) {
    const flags = [transposeA ? 'transposeA' : '', transposeB ? 'transposeB' : ''].filter(Boolean).join(', ');
    const suffix = flags ? ` (with ${flags})` : '';
    throw new ShapeError('matmul', [a.shape, b.shape], `inner dimensions ${k} and ${kb} differ${suffix}`, ' @ ');
  }
  // Checked inline so that a call with a correct `out` allocates nothing at all.
  if (out === undefined || out.shape.length !== 2 || out.shape[0] !== n || out.shape[1] !== m) {
    out = resultBuffer('matmul', [a.shape, b.shape], [n, m], out, ' @ ');
  }
  if (overlaps(out.data, a.data) || overlaps(out.data, b.data)) {
    throw new LabError(`matmul: out must not share memory with ${overlaps(out.data, a.data) ? 'a' : 'b'}`);
  }
  if (n === 0 || m === 0) return out;
  if (k === 0) {
    out.data.fill(0);
    return out;
  }
  const panels = gemmPanelsLength(k, m);
  // C (n·m and 3 spare values: the kernel's stores spill up to 3 past the last row), A, B, B's panels.
  const aAt = even(n * m + 3);
  const bAt = aAt + even(n * k);
  const panelsAt = bAt + even(k * m);
  const total = panelsAt + panels;
  if (total > MAX_SCRATCH_VALUES || getBackend() === 'js') {
    gemm(a.data, b.data, out.data, n, k, m, transposeA, transposeB, scratch(panels));
    return out;
  }
  const work = scratchArena(total);
  const A = work.view(aAt, n * k);
  const B = work.view(bAt, k * m);
  const P = work.view(panelsAt, panels);
  const C = work.view(0, n * m);
  A.set(a.data);
  B.set(b.data);
  work.kernels.packPanels(B, k, m, transposeB, P);
  work.kernels.multiplyPanels(A, P, C, n, k, m, transposeA);
  out.data.set(C);
  return out;
}

/** Rounds a value count up to even, so the next view starts 16-byte aligned. */
function even(values: number): number {
  return (values + 1) & ~1;
}
