/** Named tolerances for the batch-norm experiment's tests (STYLE §9). */

/** Analytic vs centered-difference gradients (relative error). */
export const GRADIENT_CHECK = 1e-7;
/** Two float64 computations of the same formula in a different order. */
export const SAME_FORMULA = 1e-12;
