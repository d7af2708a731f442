/**
 * The JavaScript matrix-product kernel: `C = op(A) · op(B)` for row-major float64 buffers, with
 * `op(A)` `(n, k)` and `op(B)` `(k, m)`: the `js` backend's, and the readable reference of the
 * `wasm` one (wasm/gemm-kernels.wat, the same loops two columns at a time). The loop structure is
 * GotoBLAS' in miniature:
 *
 * - op(B) is copied once into column panels of width 4 (`k × 4`, contiguous, zero-padded on
 *   the right) by {@link packPanels}. Both transpose cases of B become one sequential access
 *   pattern, and one panel (8 KiB at k = 256) stays in L1 while rows of A stream past it.
 *   Packing is its own step so that a caller multiplying by the same B again (a layer's weights
 *   in a forward pass over many chunks of rows) packs it once.
 * - Rows of A are taken in chunks of about 128 KiB (L2), and for each chunk every panel is
 *   swept over the chunk's rows, so A comes from L2, not memory, once per panel.
 * - Each 3×4 block of C is computed in 12 local accumulators (register blocking), the 12
 *   multiply-adds of one step of `p` written out: 7 loads per 12 multiply-adds instead of 2
 *   per multiply-add in the naive loop. 3×4 rather than 4×4: 12 accumulators plus the 4
 *   values of B about fit x64's 16 float registers, 16 + 4 do not and V8 spills them; in
 *   Node 20 here 3×4 ran about 10 % faster than 4×4 at 256³ and 1000×100·100×100. For
 *   small k (< 8) 2×4 blocks are used, which were up to twice as fast there.
 * - A is read in place, row-wise or (with `transposeA`) column-wise, never copied.
 *
 * Every C element is summed over `p = 0 … k−1` in order starting from 0, exactly like the
 * naive triple loop, so the result is bit-identical to it and independent of the blocking.
 */

/** Length of the panels buffer that {@link packPanels} fills for an op(B) of (k, m). */
export function gemmPanelsLength(k: number, m: number): number {
  return 4 * k * ((m + 3) >> 2);
}

/** Below this inner dimension, 2×4 blocks beat 3×4 ones (measured with V8 in Node 20). */
const WIDE_K = 8;
/** Elements of A per row chunk: 16 Ki float64 = 128 KiB, about half an L2 cache. */
const CHUNK_ELEMENTS = 16384;

/**
 * Copies op(B), (k, m), into column panels of width 4: panel jp holds k rows of four values,
 * columns 4·jp … 4·jp + 3, zero past column m − 1.
 * @param B - (k, m), or (m, k) with `transposeB`
 * @param P - at least {@link gemmPanelsLength}(k, m) values, overwritten
 */
export function packPanels(B: Float64Array, k: number, m: number, transposeB: boolean, P: Float64Array): void {
  const panelCount = (m + 3) >> 2;
  for (let jp = 0; jp < panelCount; jp++) {
    const j = jp * 4;
    const cols = Math.min(4, m - j);
    let q = jp * k * 4;
    if (cols === 4 && !transposeB) {
      for (let p = 0, s = j; p < k; p++, q += 4, s += m) {
        P[q] = B[s];
        P[q + 1] = B[s + 1];
        P[q + 2] = B[s + 2];
        P[q + 3] = B[s + 3];
      }
    } else if (cols === 4) {
      for (let p = 0, s = j * k; p < k; p++, q += 4, s++) {
        P[q] = B[s];
        P[q + 1] = B[s + k];
        P[q + 2] = B[s + 2 * k];
        P[q + 3] = B[s + 3 * k];
      }
    } else {
      for (let p = 0; p < k; p++, q += 4) {
        for (let c = 0; c < 4; c++) P[q + c] = c < cols ? (transposeB ? B[(j + c) * k + p] : B[p * m + j + c]) : 0;
      }
    }
  }
}

/**
 * `C (n, m) = op(A) · P` where P holds op(B), (k, m), packed by {@link packPanels}; `A` is
 * `(n, k)` or, with `transposeA`, `(k, n)`. Overwrites the first n·m values of `C`, which must not
 * alias `A` or `P`; k ≥ 1.
 */
export function multiplyPanels(
  A: Float64Array,
  P: Float64Array,
  C: Float64Array,
  n: number,
  k: number,
  m: number,
  transposeA: boolean,
): void {
  // Element p of row i of op(A) is A[i·rowStride + p·step].
  const step = transposeA ? n : 1;
  const rowStride = transposeA ? 1 : k;
  const panelCount = (m + 3) >> 2;
  const chunk = Math.max(4, Math.floor(CHUNK_ELEMENTS / k) & ~3);
  for (let i0 = 0; i0 < n; i0 += chunk) {
    const i1 = Math.min(n, i0 + chunk);
    for (let jp = 0; jp < panelCount; jp++) {
      let i = i0;
      if (k >= WIDE_K) i = rows3(A, P, C, i, i1, k, m, jp, step, rowStride);
      i = rows2(A, P, C, i, i1, k, m, jp, step, rowStride);
      if (i < i1) row1(A, P, C, i, k, m, jp, step, rowStride);
    }
  }
}

/**
 * `C (n, m) = op(A) · op(B)`: {@link packPanels} into `P`, then {@link multiplyPanels}. `A` is
 * `(n, k)` or, with `transposeA`, `(k, n)`; `B` is `(k, m)` or, with `transposeB`, `(m, k)`.
 * Overwrites `C`, which must not alias `A` or `B`; k = 0 gives zeros.
 * @param P - at least {@link gemmPanelsLength}(k, m) values of work space
 */
export function gemm(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  n: number,
  k: number,
  m: number,
  transposeA: boolean,
  transposeB: boolean,
  P: Float64Array,
): void {
  if (n === 0 || m === 0) return;
  if (k === 0) {
    C.fill(0, 0, n * m);
    return;
  }
  packPanels(B, k, m, transposeB, P);
  multiplyPanels(A, P, C, n, k, m, transposeA);
}

/** 3×4 blocks of C for rows `i … < i1` (as many whole blocks as fit) of panel `jp`; returns the first row left. */
function rows3(
  A: Float64Array,
  P: Float64Array,
  C: Float64Array,
  i: number,
  i1: number,
  k: number,
  m: number,
  jp: number,
  step: number,
  rowStride: number,
): number {
  const j = jp * 4;
  const full = m - j >= 4;
  const panel = jp * k * 4;
  const end = panel + k * 4;
  const r1 = rowStride;
  const r2 = 2 * rowStride;
  for (; i + 3 <= i1; i += 3) {
    let c00 = 0;
    let c01 = 0;
    let c02 = 0;
    let c03 = 0;
    let c10 = 0;
    let c11 = 0;
    let c12 = 0;
    let c13 = 0;
    let c20 = 0;
    let c21 = 0;
    let c22 = 0;
    let c23 = 0;
    let a = i * rowStride;
    for (let q = panel; q < end; q += 4, a += step) {
      const b0 = P[q];
      const b1 = P[q + 1];
      const b2 = P[q + 2];
      const b3 = P[q + 3];
      let x = A[a];
      c00 += x * b0;
      c01 += x * b1;
      c02 += x * b2;
      c03 += x * b3;
      x = A[a + r1];
      c10 += x * b0;
      c11 += x * b1;
      c12 += x * b2;
      c13 += x * b3;
      x = A[a + r2];
      c20 += x * b0;
      c21 += x * b1;
      c22 += x * b2;
      c23 += x * b3;
    }
    const o = i * m + j;
    if (full) {
      C[o] = c00;
      C[o + 1] = c01;
      C[o + 2] = c02;
      C[o + 3] = c03;
      C[o + m] = c10;
      C[o + m + 1] = c11;
      C[o + m + 2] = c12;
      C[o + m + 3] = c13;
      C[o + 2 * m] = c20;
      C[o + 2 * m + 1] = c21;
      C[o + 2 * m + 2] = c22;
      C[o + 2 * m + 3] = c23;
    } else {
      // The right edge (its panel zero-padded): the first m − j results of each row, stored inline
      // (a helper taking the doubles would allocate a heap number for each where not inlined).
      const cols = m - j;
      C[o] = c00;
      if (cols > 1) C[o + 1] = c01;
      if (cols > 2) C[o + 2] = c02;
      if (cols > 3) C[o + 3] = c03;
      C[o + m] = c10;
      if (cols > 1) C[o + m + 1] = c11;
      if (cols > 2) C[o + m + 2] = c12;
      if (cols > 3) C[o + m + 3] = c13;
      C[o + 2 * m] = c20;
      if (cols > 1) C[o + 2 * m + 1] = c21;
      if (cols > 2) C[o + 2 * m + 2] = c22;
      if (cols > 3) C[o + 2 * m + 3] = c23;
    }
  }
  return i;
}

/** 2×4 blocks of C for rows `i … < i1` of panel `jp`; returns the first row left (`i1` or `i1 − 1`). */
function rows2(
  A: Float64Array,
  P: Float64Array,
  C: Float64Array,
  i: number,
  i1: number,
  k: number,
  m: number,
  jp: number,
  step: number,
  rowStride: number,
): number {
  const j = jp * 4;
  const full = m - j >= 4;
  const panel = jp * k * 4;
  const end = panel + k * 4;
  for (; i + 2 <= i1; i += 2) {
    let c00 = 0;
    let c01 = 0;
    let c02 = 0;
    let c03 = 0;
    let c10 = 0;
    let c11 = 0;
    let c12 = 0;
    let c13 = 0;
    let a = i * rowStride;
    for (let q = panel; q < end; q += 4, a += step) {
      const b0 = P[q];
      const b1 = P[q + 1];
      const b2 = P[q + 2];
      const b3 = P[q + 3];
      const x = A[a];
      const y = A[a + rowStride];
      c00 += x * b0;
      c01 += x * b1;
      c02 += x * b2;
      c03 += x * b3;
      c10 += y * b0;
      c11 += y * b1;
      c12 += y * b2;
      c13 += y * b3;
    }
    const o = i * m + j;
    if (full) {
      C[o] = c00;
      C[o + 1] = c01;
      C[o + 2] = c02;
      C[o + 3] = c03;
      C[o + m] = c10;
      C[o + m + 1] = c11;
      C[o + m + 2] = c12;
      C[o + m + 3] = c13;
    } else {
      // The right edge (its panel zero-padded): the first m − j results of each row, stored inline
      // (a helper taking the doubles would allocate a heap number for each where not inlined).
      const cols = m - j;
      C[o] = c00;
      if (cols > 1) C[o + 1] = c01;
      if (cols > 2) C[o + 2] = c02;
      if (cols > 3) C[o + 3] = c03;
      C[o + m] = c10;
      if (cols > 1) C[o + m + 1] = c11;
      if (cols > 2) C[o + m + 2] = c12;
      if (cols > 3) C[o + m + 3] = c13;
    }
  }
  return i;
}

/** The 1×4 block of C at row `i` of panel `jp`. */
function row1(
  A: Float64Array,
  P: Float64Array,
  C: Float64Array,
  i: number,
  k: number,
  m: number,
  jp: number,
  step: number,
  rowStride: number,
): void {
  const j = jp * 4;
  const panel = jp * k * 4;
  const end = panel + k * 4;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let a = i * rowStride;
  for (let q = panel; q < end; q += 4, a += step) {
    const x = A[a];
    c0 += x * P[q];
    c1 += x * P[q + 1];
    c2 += x * P[q + 2];
    c3 += x * P[q + 3];
  }
  C[i * m + j] = c0;
  if (Math.min(4, m - j) > 1) C[i * m + j + 1] = c1;
  if (Math.min(4, m - j) > 2) C[i * m + j + 2] = c2;
  if (Math.min(4, m - j) > 3) C[i * m + j + 3] = c3;
}
