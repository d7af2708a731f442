/**
 * Named tolerances of the @lab/tensor tests (STYLE §9: one file, no magic numbers in tests).
 * Where a result is bit-identical by construction (matmul against the naive loop, NumPy's
 * pairwise sums) the tests compare with `===` instead.
 */

/** Relative error below which two gradients agree (STYLE §9: gradient checks < 1e-7). */
export const GRADIENT_REL_ERROR = 1e-7;

/**
 * mathjs sums in plain left-to-right order, @lab/tensor in NumPy's pairwise order, so sums of
 * random values in [-10, 10] may differ by a few ulps of the largest partial sum: relative
 * to the summed magnitudes.
 */
export const MATHJS_SUM_REL = 1e-12;

/** Element-wise ops are single IEEE operations, identical in mathjs: exact. */
export const MATHJS_ELEMENTWISE_ABS = 0;

/**
 * matmul and mathjs.multiply both sum p = 0 … k−1 left to right, so they agree exactly
 * (only the sign of a zero may differ, which the comparison ignores).
 */
export const MATHJS_MATMUL_REL = 0;

/**
 * The `wasm` and `js` kernels of one formula where they sum in different orders (gradient sums
 * over two SIMD lanes, batch-norm statistics from one shifted pass instead of two), by the error
 * scaled to the result's largest magnitude: a few ulps of that scale. Where the order is the
 * same, the kernel tests compare bits.
 */
export const BACKENDS_AGREE_SCALED = 1e-13;
