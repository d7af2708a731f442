/** Every tolerance the tests of @lab/regularizers use, in one place (STYLE §9). */

/** Analytic vs `numericGradient` (h = 1e-5), CS231n relative error. */
export const GRAD_CHECK_REL = 1e-7;
/** The course's L2 cost case, absolute (its printed 1.78648594516, to 1e-10). */
export const COURSE_COST_ABS = 1e-10;
/** The course's gradients and dropout activations (dW, db, dA1, dA2, A3) against `expected`, absolute. */
export const COURSE_ABS = 1e-12;
/** Closed-form results computed along a different path than the kernel (a few ulps). */
export const ROUNDING_ABS = 1e-14;
