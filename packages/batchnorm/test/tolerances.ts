/**
 * Every tolerance the tests of @lab/batchnorm use, in one place (STYLE §9).
 *
 * Two error measures appear:
 * - `relError` from @lab/tensor (CS231n's): the worst element's `|a − b| / (|a| + |b|)`.
 * - `scaledError` (test/helpers.ts): the worst element's `|a − b|` over the largest `|a| + |b|`
 *   in the tensor, i.e. the error relative to the gradient's scale. The property tests use it:
 *   batch norm's dx has elements arbitrarily close to 0 (each column of dx sums to 0), and on
 *   such an element the numerical gradient's rounding noise (about 1e-10 absolute, from
 *   differences of O(1) outputs divided by 2h = 2e-5) dominates the per-element ratio. Over
 *   300 random cases 53 had such an element with a per-element error above 1e-7, while no case
 *   exceeded a scaled error of 1e-9.
 */

/** NumPy reference vectors (test/…-reference.test.ts): `|actual − expected| ≤ tol·max(1, |expected|)`. */
export const REFERENCE_TOLERANCE = 1e-12;

/** dx against `numericGradient` (scaledError), for random N in 2..64, D in 1..33. */
export const DX_NUMERIC_TOLERANCE = 1e-7;

/** dgamma and dbeta against `numericGradient` (scaledError). */
export const PARAM_NUMERIC_TOLERANCE = 1e-9;

/** The staged and the closed-form backward against each other (scaledError). */
export const BACKWARDS_AGREE_TOLERANCE = 1e-12;

/**
 * Per-element `relError` of a fixed, well-conditioned gradient check (N = 4, D = 5, default
 * eps): DESIGN.md asks batch norm's gradient check for ≲ 1e-8.
 */
export const GRADCHECK_TOLERANCE = 1e-8;

/**
 * Hand-computed cases: their inputs and results are small dyadic numbers or exact to a few ulps.
 */
export const HAND_TOLERANCE = 1e-14;

/**
 * Step of `numericGradient` for gamma and beta. `out` is affine in both, so centered
 * differences have no truncation error at any step, and a step of 1 divides the rounding
 * noise by 1e5 compared with the default 1e-5.
 */
export const AFFINE_STEP = 1;

/**
 * eps range of the property tests. With the default 1e-5 and N = 2, batch norm's output is
 * ±γ + β up to O(eps) terms, so its true dx is of order eps·γ/σ³ (about 1e-6) and a numerical
 * gradient with noise ~1e-10 cannot check it to 1e-7; the same holds for layer norm with D = 2.
 * eps ≥ 0.01 keeps dx well above the noise in every case. The default eps is covered by the
 * reference vectors and the fixed gradient checks.
 */
export const PROPERTY_EPS = { min: 0.01, max: 1 } as const;

/** fast-check runs per property. */
export const PROPERTY_RUNS = 60;

/**
 * WebAssembly kernels vs the JavaScript reference kernels (src/internal/wasm), by `scaledError`:
 * the same formulas, with the sums accumulated in another order (two SIMD lanes, blocks of
 * rows, shifted sums for the variance), so they agree to a few ulps of the result's scale.
 */
export const WASM_AGREE_TOLERANCE = 1e-13;
